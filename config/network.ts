// Private access and outbound rules of a workspace: shapes, presets and checks, no Pulumi import.

/** The `/subscriptions/<id>/resourceGroups/<name>` prefix every resource-group-scoped ARM id starts with. */
export const SUB_RG = "/subscriptions/[0-9a-fA-F-]{36}/resourceGroups/[-\\w._()]+";

export const SUBNET_ID = new RegExp(`^${SUB_RG}/providers/Microsoft\\.Network/virtualNetworks/[-\\w.]{2,64}/subnets/[-\\w.]{1,80}$`, "i");
export const VNET_ID = new RegExp(`^${SUB_RG}/providers/Microsoft\\.Network/virtualNetworks/[-\\w.]{2,64}$`, "i");
export const PRIVATE_DNS_ZONE_ID = new RegExp(`^${SUB_RG}/providers/Microsoft\\.Network/privateDnsZones/[a-z0-9.-]+$`, "i");
/** An IPv4 address or CIDR range, as Azure network rules take them. */
export const IPV4_CIDR = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}(\/(3[0-2]|[12]?\d))?$/;

/**
 * Private DNS zones of a workspace's private endpoints (how-to-configure-private-link, "DNS zones"):
 * the workspace API and notebooks, and the storage blob and file endpoints the studio reads data through.
 */
export const PRIVATE_DNS_ZONES = {
  api: "privatelink.api.azureml.ms",
  notebooks: "privatelink.notebooks.azure.net",
  blob: "privatelink.blob.core.windows.net",
  file: "privatelink.file.core.windows.net",
} as const;
export type PrivateDnsZoneKey = keyof typeof PRIVATE_DNS_ZONES;

/**
 * The zones of a private registry's endpoints: the registry (`amlregistry`), the blob storage and the
 * container registry Azure creates for it (how-to-registry-network-isolation: "Create a private
 * endpoint to the registry, storage, and ACR in the same subnet as the private endpoint of the Azure
 * Machine Learning workspace"; private-endpoint-dns: `registry` of Microsoft.ContainerRegistry resolves
 * through privatelink.azurecr.io).
 */
export const REGISTRY_PRIVATE_DNS_ZONES = {
  api: PRIVATE_DNS_ZONES.api,
  blob: PRIVATE_DNS_ZONES.blob,
  acr: "privatelink.azurecr.io",
} as const;
export type RegistryPrivateDnsZoneKey = keyof typeof REGISTRY_PRIVATE_DNS_ZONES;

/**
 * Every host Azure ML lists for "Scenario: Access public machine learning packages"
 * (how-to-managed-network, includes/recommended-network-outbound.md): conda (anaconda.com,
 * *.anaconda.com, *.anaconda.org), pip (pypi.org, *.pythonhosted.org, which serves
 * files.pythonhosted.org), PyTorch (pytorch.org, *.pytorch.org) and TensorFlow (*.tensorflow.org).
 */
export const OUTBOUND_PRESETS = {
  "python-packages": [
    { name: "pypi", destination: "pypi.org" },
    { name: "pythonhosted", destination: "*.pythonhosted.org" },
    { name: "anaconda", destination: "anaconda.com" },
    { name: "anaconda-subdomains", destination: "*.anaconda.com" },
    { name: "anaconda-org", destination: "*.anaconda.org" },
    { name: "pytorch", destination: "pytorch.org" },
    { name: "pytorch-subdomains", destination: "*.pytorch.org" },
    { name: "tensorflow", destination: "*.tensorflow.org" },
  ],
} as const;
export type OutboundPreset = keyof typeof OUTBOUND_PRESETS;
export const OUTBOUND_PRESET_NAMES = Object.keys(OUTBOUND_PRESETS) as OutboundPreset[];
export const OUTBOUND_RULE_TYPES = ["FQDN", "ServiceTag", "PrivateEndpoint"] as const;
export type OutboundRuleType = (typeof OUTBOUND_RULE_TYPES)[number];
export const OUTBOUND_RULE_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_-]{0,63}$/;
export const FIREWALL_SKUS = ["Standard", "Basic"] as const;

/** One approved outbound rule, flat: `preset`, or `name` + `type` + the destination fields of that type. */
export interface OutboundRuleSpec<S = string> {
  preset?: OutboundPreset;
  name?: string;
  type?: OutboundRuleType;
  /** FQDN rules: the host (`github.com`, `*.pythonhosted.org`). */
  destination?: S;
  /** ServiceTag rules. */
  serviceTag?: S;
  protocol?: S;
  portRanges?: S;
  /** PrivateEndpoint rules: the target resource and its sub-resource (`blob`, `vault`, …). */
  serviceResourceId?: S;
  subresourceTarget?: S;
}

/** The workspace's `managedNetwork.outboundRules` map: presets expanded, every rule user-defined. */
export function outboundRulesMap<S>(rules: readonly OutboundRuleSpec<S>[]): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const r of rules) {
    if (r.preset) {
      for (const p of OUTBOUND_PRESETS[r.preset]) out[p.name] = { type: "FQDN", category: "UserDefined", destination: p.destination };
      continue;
    }
    if (r.type === "FQDN") out[r.name!] = { type: "FQDN", category: "UserDefined", destination: r.destination };
    else if (r.type === "ServiceTag")
      out[r.name!] = { type: "ServiceTag", category: "UserDefined", destination: { serviceTag: r.serviceTag, protocol: r.protocol ?? "TCP", portRanges: r.portRanges ?? "443", action: "Allow" } };
    else out[r.name!] = { type: "PrivateEndpoint", category: "UserDefined", destination: { serviceResourceId: r.serviceResourceId, subresourceTarget: r.subresourceTarget, sparkEnabled: false } };
  }
  return out;
}

/** Whether any rule needs the managed Azure Firewall (FQDN rules do; it is billed). */
export function needsFirewall(rules: readonly OutboundRuleSpec<unknown>[]): boolean {
  return rules.some((r) => r.preset !== undefined || r.type === "FQDN");
}

/** The rule `imageBuildCompute` breaks, if any: it must name one of the workspace's compute clusters. */
export function imageBuildComputeProblem(imageBuildCompute: unknown, clusterNames: readonly unknown[]): string | undefined {
  if (imageBuildCompute === undefined || clusterNames.includes(imageBuildCompute)) return undefined;
  return `must be one of the workspace's compute clusters (${clusterNames.length ? clusterNames.join(", ") : "it has none"})`;
}

/**
 * Azure Storage's service endpoints (blob, Data Lake, file, queue, table, static website), in the
 * public and the sovereign clouds, alone or under a wildcard (`*.blob.core.windows.net`,
 * `*.core.windows.net`).
 */
const STORAGE_HOST = /^(\*\.)?([a-z0-9-]+\.)*(blob|dfs|file|queue|table|web)\.core\.(windows\.net|chinacloudapi\.cn|usgovcloudapi\.net)$|^(\*\.)?core\.(windows\.net|chinacloudapi\.cn|usgovcloudapi\.net)$/i;

/**
 * Whether an FQDN outbound rule's destination is Azure Storage. Under allow-only-approved outbound,
 * the only mode that takes FQDN rules, "you can't use an FQDN rule to access Azure Storage Accounts.
 * You must use a private endpoint instead" (how-to-managed-network, "Limitations"): the rule is
 * accepted and billed, and the traffic still does not pass.
 */
export function isAzureStorageHost(host: string): boolean {
  return STORAGE_HOST.test(host.trim());
}

/** The rule that refuses an FQDN rule to Azure Storage, as config validation and the deployability pack word it. */
export const STORAGE_FQDN_RULE = "cannot reach Azure Storage: under allow-only-approved outbound an FQDN rule to a storage account does not pass (how-to-managed-network, Limitations); use a PrivateEndpoint rule to the account";

/** Problems with a list of outbound rules, as `[index, field, rule, value]`. */
export function outboundRuleProblems(rules: readonly OutboundRuleSpec<unknown>[]): [number, string, string, unknown][] {
  const problems: [number, string, string, unknown][] = [];
  const names = new Map<string, number>();
  const claim = (name: string, i: number, field: string) => {
    const first = names.get(name.toLowerCase());
    if (first !== undefined) problems.push([i, field, `rule name ${name} is used twice (also by outboundRules[${first}])`, name]);
    else names.set(name.toLowerCase(), i);
  };
  rules.forEach((r, i) => {
    if (r.preset !== undefined) {
      if (!(OUTBOUND_PRESET_NAMES as string[]).includes(r.preset)) problems.push([i, "preset", `must be one of ${OUTBOUND_PRESET_NAMES.join(" | ")}`, r.preset]);
      else for (const p of OUTBOUND_PRESETS[r.preset]) claim(p.name, i, "preset");
      return;
    }
    if (typeof r.name !== "string" || !OUTBOUND_RULE_NAME.test(r.name)) problems.push([i, "name", "must be 1-64 letters, digits, '-' or '_', starting with a letter or digit", r.name]);
    else claim(r.name, i, "name");
    if (!OUTBOUND_RULE_TYPES.includes(r.type as OutboundRuleType)) problems.push([i, "type", `must be one of ${OUTBOUND_RULE_TYPES.join(" | ")}`, r.type]);
    if (r.type === "FQDN" && typeof r.destination === "string" && !/^(\*\.)?([a-z0-9-]+\.)+[a-z]{2,}$/i.test(r.destination))
      problems.push([i, "destination", "must be a host name such as github.com or *.example.org", r.destination]);
    else if (r.type === "FQDN" && typeof r.destination === "string" && isAzureStorageHost(r.destination)) problems.push([i, "destination", `an FQDN rule ${STORAGE_FQDN_RULE}`, r.destination]);
    if (r.type === "ServiceTag" && (typeof r.serviceTag !== "string" || r.serviceTag === "")) problems.push([i, "destination.serviceTag", "is required for a ServiceTag rule", r.serviceTag]);
    if (r.type === "PrivateEndpoint" && (typeof r.serviceResourceId !== "string" || !/^\/subscriptions\//i.test(r.serviceResourceId)))
      problems.push([i, "destination.serviceResourceId", "must be the resource id of the target of a PrivateEndpoint rule", r.serviceResourceId]);
  });
  return problems;
}

/**
 * The tag a workspace carries when its inbound private endpoints are made outside the stack (a hub
 * team's): policies see only resources, so this is how workspace-inbound-path learns of them.
 */
export const INBOUND_TAG = "azureml-platform-inbound";
export const INBOUND_MANAGED_ELSEWHERE = "private-endpoints-managed-elsewhere";
