import { FIREWALL_SKUS, IPV4_CIDR, OutboundRuleSpec, PRIVATE_DNS_ZONE_ID, SUBNET_ID, VNET_ID, imageBuildComputeProblem, outboundRuleProblems } from "./network";
import { AZURE_NAME_RULES, LOGICAL_NAME, LOGICAL_NAME_RULE, PROJECT_MAX, WORKSPACE_NAME_MAX } from "../naming";
import { ConfigIssue, PlatformConfigError } from "./errors";
import { CMK_NEEDS_IDENTITY, ENVIRONMENTS, ISOLATION_MODES, KEY_URI, KEY_URI_RULE, PUBLIC_NETWORK_ACCESS, RESOURCE_ID_PATTERNS, AdoptableDependency } from "./schema";

/** The plain (non-Output) view of WorkspaceStack arguments that can be checked before registration. */
export interface WorkspaceArgsView {
  project?: unknown;
  environment?: unknown;
  publicNetworkAccess?: unknown;
  managedNetworkIsolation?: unknown;
  containerRegistry?: unknown;
  containerRegistryId?: unknown;
  storageAccountId?: unknown;
  keyVaultId?: unknown;
  applicationInsightsId?: unknown;
  logAnalyticsWorkspaceId?: unknown;
  userAssignedIdentity?: unknown;
  userAssignedIdentityId?: unknown;
  encryptionKeyVaultId?: unknown;
  encryptionKeyUri?: unknown;
  privateEndpointSubnetId?: unknown;
  privateDnsZonesVirtualNetworkId?: unknown;
  privateDnsZoneIds?: unknown;
  ipAllowlist?: unknown;
  outboundRules?: unknown;
  firewallSku?: unknown;
  imageBuildCompute?: unknown;
  computes?: unknown;
}

const REGISTRY_MODES = ["onDemand", "create", "existing"] as const;
const IDENTITY_MODES = ["create", "existing"] as const;

function isPlain(value: unknown): boolean {
  // Outputs and promises are only known at deploy time; they are checked by Azure, not here.
  return value === undefined || value === null || ["string", "number", "boolean"].includes(typeof value);
}

/**
 * Checks WorkspaceStack arguments used directly from code (stack config goes through the config
 * schema first). Throws one PlatformConfigError listing every problem, before any child is registered.
 */
export function checkWorkspaceStackArgs(name: string, args: WorkspaceArgsView): void {
  const at = (field: string) => `WorkspaceStack "${name}" args.${field}`;
  const issues: ConfigIssue[] = [];
  const oneOf = (field: string, value: unknown, allowed: readonly string[]) => {
    if (value !== undefined && !allowed.includes(value as string))
      issues.push({ path: at(field), rule: `must be one of ${allowed.join(" | ")}`, value });
  };

  if (typeof name !== "string" || name.length < 2 || name.length > WORKSPACE_NAME_MAX || !LOGICAL_NAME.test(name))
    issues.push({ path: `WorkspaceStack name`, rule: `must be 2-${WORKSPACE_NAME_MAX} characters of ${LOGICAL_NAME_RULE}`, value: name });
  const project = args.project;
  if (typeof project !== "string" || project.length < 2 || project.length > PROJECT_MAX || !LOGICAL_NAME.test(project))
    issues.push({ path: at("project"), rule: `must be 2-${PROJECT_MAX} characters of ${LOGICAL_NAME_RULE}`, value: project });
  oneOf("environment", args.environment, ENVIRONMENTS);
  oneOf("publicNetworkAccess", args.publicNetworkAccess, PUBLIC_NETWORK_ACCESS);
  oneOf("managedNetworkIsolation", args.managedNetworkIsolation, ISOLATION_MODES);
  oneOf("containerRegistry", args.containerRegistry, REGISTRY_MODES);

  if (args.containerRegistry === "existing" && args.containerRegistryId === undefined)
    issues.push({ path: at("containerRegistryId"), rule: `is required when containerRegistry is "existing"` });
  if (args.containerRegistry !== "existing" && args.containerRegistryId !== undefined)
    issues.push({ path: at("containerRegistryId"), rule: `is only allowed when containerRegistry is "existing"`, value: args.containerRegistryId });

  oneOf("userAssignedIdentity", args.userAssignedIdentity, IDENTITY_MODES);
  if (args.userAssignedIdentity === "existing" && args.userAssignedIdentityId === undefined)
    issues.push({ path: at("userAssignedIdentityId"), rule: `is required when userAssignedIdentity is "existing"` });
  if (args.userAssignedIdentity !== "existing" && args.userAssignedIdentityId !== undefined)
    issues.push({ path: at("userAssignedIdentityId"), rule: `is only allowed when userAssignedIdentity is "existing"`, value: args.userAssignedIdentityId });
  if ((args.encryptionKeyVaultId === undefined) !== (args.encryptionKeyUri === undefined))
    issues.push({ path: at(args.encryptionKeyVaultId === undefined ? "encryptionKeyVaultId" : "encryptionKeyUri"), rule: "is required with the other encryption setting (a customer-managed key needs both)" });
  if (args.encryptionKeyVaultId !== undefined && args.userAssignedIdentity === undefined)
    issues.push({ path: at("encryptionKeyVaultId"), rule: CMK_NEEDS_IDENTITY.replace("identity.userAssigned", "userAssignedIdentity") });
  if (typeof args.encryptionKeyUri === "string" && !KEY_URI.test(args.encryptionKeyUri)) issues.push({ path: at("encryptionKeyUri"), rule: KEY_URI_RULE, value: args.encryptionKeyUri });

  const ids: [string, AdoptableDependency][] = [
    ["userAssignedIdentityId", "userAssignedIdentity"],
    ["encryptionKeyVaultId", "keyVault"],
    ["containerRegistryId", "containerRegistry"],
    ["storageAccountId", "storageAccount"],
    ["keyVaultId", "keyVault"],
    ["applicationInsightsId", "applicationInsights"],
    ["logAnalyticsWorkspaceId", "logAnalyticsWorkspace"],
  ];
  for (const [field, kind] of ids) {
    const value = (args as Record<string, unknown>)[field];
    if (typeof value === "string" && !RESOURCE_ID_PATTERNS[kind].pattern.test(value))
      issues.push({ path: at(field), rule: `must be a ${RESOURCE_ID_PATTERNS[kind].type} resource id`, value });
  }

  oneOf("firewallSku", args.firewallSku, FIREWALL_SKUS);
  const idChecks: [string, unknown, RegExp, string][] = [
    ["privateEndpointSubnetId", args.privateEndpointSubnetId, SUBNET_ID, "subnet"],
    ["privateDnsZonesVirtualNetworkId", args.privateDnsZonesVirtualNetworkId, VNET_ID, "virtual network"],
    ...Object.entries((args.privateDnsZoneIds ?? {}) as Record<string, unknown>).map(([k, v]): [string, unknown, RegExp, string] => [`privateDnsZoneIds.${k}`, v, PRIVATE_DNS_ZONE_ID, "private DNS zone"]),
  ];
  for (const [field, value, pattern, what] of idChecks)
    if (typeof value === "string" && !pattern.test(value)) issues.push({ path: at(field), rule: `must be a ${what} resource id`, value });
  if (args.privateEndpointSubnetId !== undefined && (args.privateDnsZonesVirtualNetworkId === undefined) === (args.privateDnsZoneIds === undefined))
    issues.push({ path: at("privateEndpointSubnetId"), rule: "needs exactly one of privateDnsZonesVirtualNetworkId (create the zones) and privateDnsZoneIds (existing zones)" });
  if (Array.isArray(args.ipAllowlist)) {
    args.ipAllowlist.forEach((v, i) => {
      if (typeof v === "string" && !IPV4_CIDR.test(v)) issues.push({ path: at(`ipAllowlist[${i}]`), rule: "must be an IPv4 address or CIDR range such as 203.0.113.0/24", value: v });
    });
    if (args.publicNetworkAccess === "Disabled") issues.push({ path: at("ipAllowlist"), rule: "needs publicNetworkAccess Enabled (the allowlist is the public path)", value: args.ipAllowlist });
  }
  if (Array.isArray(args.outboundRules))
    for (const [i, field, rule, value] of outboundRuleProblems(args.outboundRules as OutboundRuleSpec<unknown>[])) issues.push({ path: at(`outboundRules[${i}].${field}`), rule, value });
  const imageBuild = imageBuildComputeProblem(args.imageBuildCompute, Array.isArray(args.computes) ? args.computes.map((c: any) => c?.name) : []);
  if (imageBuild) issues.push({ path: at("imageBuildCompute"), rule: imageBuild, value: args.imageBuildCompute });

  if (args.computes !== undefined) {
    if (!Array.isArray(args.computes)) {
      issues.push({ path: at("computes"), rule: "must be a list", value: args.computes });
    } else {
      const names = new Set<string>();
      args.computes.forEach((c: any, i: number) => {
        const p = (f: string) => at(`computes[${i}].${f}`);
        if (typeof c?.name !== "string" || !AZURE_NAME_RULES.compute.pattern.test(c.name))
          issues.push({ path: p("name"), rule: `must be ${AZURE_NAME_RULES.compute.rule}`, value: c?.name });
        else if (names.has(c.name.toLowerCase())) issues.push({ path: p("name"), rule: "must be unique within the workspace", value: c.name });
        else names.add(c.name.toLowerCase());
        const min = c?.minNodes ?? 0;
        const max = c?.maxNodes;
        if (isPlain(min) && (typeof min !== "number" || !Number.isInteger(min) || min < 0))
          issues.push({ path: p("minNodes"), rule: "must be a whole number ≥ 0", value: min });
        if (isPlain(max) && (typeof max !== "number" || !Number.isInteger(max) || max < 1))
          issues.push({ path: p("maxNodes"), rule: "must be a whole number ≥ 1", value: max });
        if (typeof min === "number" && typeof max === "number" && min > max)
          issues.push({ path: p("minNodes"), rule: `must be ≤ maxNodes (${max})`, value: min });
      });
    }
  }
  if (issues.length) throw new PlatformConfigError(issues);
}
