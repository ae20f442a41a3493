// ONE workspace contract for stack config (YAML) and WorkspaceStackArgs (TypeScript): the same nested
// keys, checked by the same schema, defaulted by the same function. No Pulumi import: values a
// program passes as Outputs or Promises ("deferred") are skipped by the checks and left to Azure.
import { z } from "zod";
import {
  FIREWALL_SKUS,
  IPV4_CIDR,
  OUTBOUND_PRESET_NAMES,
  OutboundRuleSpec,
  PRIVATE_DNS_ZONE_ID,
  SUBNET_ID,
  VNET_ID,
  imageBuildComputeProblem,
  needsFirewall,
  outboundRuleProblems,
} from "./network";
import { AZURE_NAME_RULES, LOGICAL_NAME, LOGICAL_NAME_RULE, PROJECT_MAX, WORKSPACE_NAME_MAX, invalidNames, workspaceResourceNames } from "../naming";
import { ConfigIssue } from "./errors";
import {
  AdoptableDependency,
  CMK_NEEDS_IDENTITY,
  ENVIRONMENTS,
  Environment,
  ISOLATION_MODES,
  KEY_URI,
  KEY_URI_RULE,
  PUBLIC_NETWORK_ACCESS,
  RESOURCE_GROUP_ID,
  RESOURCE_ID_PATTERNS,
  VM_PRIORITIES,
  WORKSPACE_KINDS,
  WorkspaceKind,
  oneOf,
  subscriptionOf,
} from "./common";
import { deferrable, isDeferred } from "./deferred";
import { ResolvedBudget, budgetSchema, resolveBudget } from "./budget";

export { isDeferred };

const text = () => z.string({ error: "must be a string" });
const flag = () => deferrable(z.boolean({ error: "must be true or false" }));
const wholeNumber = () => z.number({ error: "must be a number" }).int({ error: "must be a whole number" });

export const logicalName = (max: number) =>
  text()
    .min(2, { error: `must be 2-${max} characters` })
    .max(max, { error: `must be 2-${max} characters` })
    .regex(LOGICAL_NAME, { error: `must use ${LOGICAL_NAME_RULE}` });

const armId = (kind: AdoptableDependency) =>
  deferrable(
    text().regex(RESOURCE_ID_PATTERNS[kind].pattern, {
      error: `must be a resource id of the form /subscriptions/<guid>/resourceGroups/<name>/providers/${RESOURCE_ID_PATTERNS[kind].type}/<name>`,
    }),
  );
const idOf = (pattern: RegExp, what: string) => deferrable(text().regex(pattern, { error: `must be a ${what} resource id` }));

/** `{ create: true }` or `{ existingId: <arm id> }`, never both (`required`: one of them must be given). */
const createOrExisting = (kind: AdoptableDependency, required = true, error?: string) =>
  z.strictObject({ create: flag().optional(), existingId: armId(kind).optional() }, error ? { error } : undefined).superRefine((v, ctx) => {
    if (v.create === true && v.existingId !== undefined) ctx.addIssue({ code: "custom", message: "set either create: true or existingId, not both", input: v });
    else if (required && v.create !== true && v.existingId === undefined) ctx.addIssue({ code: "custom", message: "needs create: true or an existingId", input: v });
  });

const resourceGroupSchema = z
  .strictObject({
    create: flag().optional(),
    existingName: deferrable(text().regex(AZURE_NAME_RULES.resourceGroup.pattern, { error: `must be ${AZURE_NAME_RULES.resourceGroup.rule}` })).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.create === true && v.existingName !== undefined) ctx.addIssue({ code: "custom", message: "set either create: true or existingName, not both", input: v });
    else if (v.create !== true && v.existingName === undefined) ctx.addIssue({ code: "custom", message: "needs create: true or an existingName", input: v });
  });

/**
 * `{ create: true }`, `{ existingId }`, or neither (`onDemand`: Azure ML creates one on the first
 * image build). Stack config may also write the strings `onDemand` and `create`.
 */
const containerRegistrySchema = z.preprocess(
  (v) => (v === "onDemand" ? {} : v === "create" ? { create: true } : v),
  createOrExisting("containerRegistry", false, "must be onDemand | create | { existingId: <registry resource id> }"),
);

const zoneId = (zone: string) => idOf(PRIVATE_DNS_ZONE_ID, `${zone} private DNS zone`);
const privateEndpointSchema = z.strictObject({
  subnetId: idOf(SUBNET_ID, "subnet (/subscriptions/<guid>/resourceGroups/<rg>/providers/Microsoft.Network/virtualNetworks/<vnet>/subnets/<subnet>)"),
  dnsZones: z
    .strictObject({
      create: flag().optional(),
      virtualNetworkId: idOf(VNET_ID, "virtual network").optional(),
      existing: z
        .strictObject({
          api: zoneId("privatelink.api.azureml.ms"),
          notebooks: zoneId("privatelink.notebooks.azure.net"),
          blob: zoneId("privatelink.blob.core.windows.net").optional(),
          file: zoneId("privatelink.file.core.windows.net").optional(),
        })
        .optional(),
    })
    .superRefine((z, ctx) => {
      const create = z.create === true || z.virtualNetworkId !== undefined;
      if (create === (z.existing !== undefined) || (create && (z.create !== true || z.virtualNetworkId === undefined)))
        ctx.addIssue({ code: "custom", message: "must be { create: true, virtualNetworkId } or { existing: { api, notebooks, blob, file } } (private DNS zone ids)", input: z });
    }),
});

/**
 * An outbound rule: `{ preset }`, or `{ name, type, … }` with the destination flat (`destination:
 * <host>`, `serviceTag`/`protocol`/`portRanges`, `serviceResourceId`/`subresourceTarget`) or, in
 * stack config, nested under `destination: { … }`.
 */
const outboundRuleSchema = z
  .strictObject({
    preset: text().optional(),
    name: deferrable(text()).optional(),
    type: text().optional(),
    destination: z
      .union([deferrable(text()), z.strictObject({ serviceTag: text(), protocol: text().optional(), portRanges: text().optional() }), z.strictObject({ serviceResourceId: text(), subresourceTarget: text().optional() })])
      .optional(),
    serviceTag: deferrable(text()).optional(),
    protocol: deferrable(text()).optional(),
    portRanges: deferrable(text()).optional(),
    serviceResourceId: deferrable(text()).optional(),
    subresourceTarget: deferrable(text()).optional(),
  })
  .superRefine((r, ctx) => {
    if ((r.preset === undefined) === (r.name === undefined))
      ctx.addIssue({ code: "custom", message: `must be { preset: ${OUTBOUND_PRESET_NAMES.join(" | ")} } or { name, type: FQDN | ServiceTag | PrivateEndpoint, destination }`, input: r });
  })
  .transform((r): OutboundRuleSpec => outboundRuleSpec(r));
export type OutboundRuleEntry = OutboundRuleSpec;

/** An outbound rule in the flat form the component and the checks take (a nested `destination` object spread out). */
export function outboundRuleSpec<S = string>(entry: object): OutboundRuleSpec<S> {
  const { destination: d, ...flat } = entry as { destination?: unknown } & Record<string, unknown>;
  if (d === undefined || typeof d !== "object" || d === null || isDeferred(d)) return (d === undefined ? flat : { ...flat, destination: d }) as OutboundRuleSpec<S>;
  return { ...flat, ...d } as OutboundRuleSpec<S>;
}

const encryptionSchema = z
  .strictObject({
    keyVaultId: armId("keyVault"),
    keyUri: deferrable(text().regex(KEY_URI, { error: KEY_URI_RULE })),
    serviceSide: flag().optional(),
  })
  .superRefine((e, ctx) => {
    if (typeof e.keyUri !== "string" || typeof e.keyVaultId !== "string") return;
    const vault = KEY_URI.exec(e.keyUri)?.[1];
    const idVault = e.keyVaultId.split("/").pop();
    if (vault && idVault && vault.toLowerCase() !== idVault.toLowerCase())
      ctx.addIssue({ code: "custom", path: ["keyUri"], message: `must name a key in the vault of keyVaultId (${idVault})`, input: e.keyUri });
  });

const computeSchema = z
  .strictObject({
    name: text().regex(AZURE_NAME_RULES.compute.pattern, { error: `must be ${AZURE_NAME_RULES.compute.rule}` }),
    vmSize: deferrable(text().regex(/^Standard_[A-Za-z0-9_]+$/, { error: "must be an Azure VM size such as Standard_DS3_v2" })),
    minNodes: deferrable(wholeNumber().min(0, { error: "must be ≥ 0" })).optional(),
    maxNodes: deferrable(wholeNumber().min(1, { error: "must be ≥ 1" }).max(1000, { error: "must be ≤ 1000" })),
    idleMinutesBeforeScaleDown: deferrable(wholeNumber().min(1, { error: "must be ≥ 1" }).max(10080, { error: "must be ≤ 10080 (one week)" })).optional(),
    vmPriority: deferrable(z.enum(VM_PRIORITIES, { error: oneOf(VM_PRIORITIES) })).optional(),
  })
  .superRefine((c, ctx) => {
    if (typeof c.minNodes === "number" && typeof c.maxNodes === "number" && c.minNodes > c.maxNodes)
      ctx.addIssue({ code: "custom", path: ["minNodes"], message: `must be ≤ maxNodes (${c.maxNodes})`, input: c.minNodes });
  });

/**
 * A project's hub: `{ existingId: <workspace id> }`, or in stack config also the name of a hub of the
 * same stack (`hub: platform`, the same as `{ name: platform }`).
 */
const hubSchema = z.preprocess(
  (v) => (typeof v === "string" ? { name: v } : v),
  z
    .strictObject(
      { name: logicalName(WORKSPACE_NAME_MAX).optional(), existingId: armId("workspace").optional(), logAnalyticsWorkspaceId: armId("logAnalyticsWorkspace").optional() },
      { error: "must be the name of a hub workspace of this stack or { existingId: <hub workspace id> }" },
    )
    .superRefine((v, ctx) => {
      if ((v.name === undefined) === (v.existingId === undefined)) ctx.addIssue({ code: "custom", message: "must be the name of a hub workspace of this stack or { existingId: <hub workspace id> }, not both", input: v });
    }),
);

/** A registry a workspace uses: the name of a registry of this stack, or an Azure ML registry id. */
const registryReference = deferrable(text().min(2, { error: "must be a registry name of this stack or an Azure ML registry id" }));

/** The keys of one workspace, shared by a stack config entry and WorkspaceStackArgs. */
export const workspaceShape = {
  kind: z.enum(WORKSPACE_KINDS, { error: oneOf(WORKSPACE_KINDS) }).optional(),
  hub: hubSchema.optional(),
  defaultProjectResourceGroup: deferrable(text().regex(RESOURCE_GROUP_ID, { error: "must be a resource group id, /subscriptions/<guid>/resourceGroups/<name>" })).optional(),
  registries: z.array(registryReference, { error: "must be a list of registry names of this stack or Azure ML registry ids" }).optional(),
  displayName: deferrable(text().min(1, { error: "must not be empty" }).max(256, { error: "must be ≤ 256 characters" })).optional(),
  description: deferrable(text().max(1024, { error: "must be ≤ 1024 characters" })).optional(),
  resourceGroup: resourceGroupSchema.optional(),
  publicNetworkAccess: z.enum(PUBLIC_NETWORK_ACCESS, { error: oneOf(PUBLIC_NETWORK_ACCESS) }).optional(),
  managedNetworkIsolation: z.enum(ISOLATION_MODES, { error: oneOf(ISOLATION_MODES) }).optional(),
  containerRegistry: containerRegistrySchema.optional(),
  storageAccount: createOrExisting("storageAccount").optional(),
  keyVault: createOrExisting("keyVault").optional(),
  applicationInsights: createOrExisting("applicationInsights").optional(),
  logAnalyticsWorkspace: createOrExisting("logAnalyticsWorkspace").optional(),
  hbi: flag().optional(),
  identity: z.strictObject({ userAssigned: createOrExisting("userAssignedIdentity").optional() }).optional(),
  encryption: encryptionSchema.optional(),
  privateEndpoint: privateEndpointSchema.optional(),
  privateEndpointsManagedElsewhere: flag().optional(),
  ipAllowlist: z
    .array(deferrable(text().regex(IPV4_CIDR, { error: "must be an IPv4 address or CIDR range such as 203.0.113.0/24" })), { error: "must be a list of IPv4 addresses or CIDR ranges" })
    .min(1, { error: "must list at least one range (leave it out for no allowlist)" })
    .optional(),
  outboundRules: z.array(outboundRuleSchema, { error: "must be a list of outbound rules" }).optional(),
  firewallSku: z.enum(FIREWALL_SKUS, { error: oneOf(FIREWALL_SKUS) }).optional(),
  batchEndpoints: flag().optional(),
  imageBuildCompute: z.string({ error: "must be the name of one of the workspace's compute clusters" }).optional(),
  provisionNetworkNow: flag().optional(),
  protectData: flag().optional(),
  renamedFrom: logicalName(WORKSPACE_NAME_MAX).optional(),
  computes: z.array(computeSchema, { error: "must be a list of compute clusters" }).optional(),
  budget: budgetSchema.optional(),
};

type WorkspaceKeys = z.infer<z.ZodObject<typeof workspaceShape>>;

/**
 * Keys a project takes from its hub (concept-hub-workspace, "Set up and secure a hub for your team"):
 * project workspaces "don't require their own security settings or associated resources" — one
 * managed network, one private endpoint, one encryption setting and the hub's storage, key vault,
 * container registry and Application Insights serve every project of the hub.
 */
export const HUB_OWNED_KEYS = [
  "storageAccount",
  "keyVault",
  "applicationInsights",
  "logAnalyticsWorkspace",
  "containerRegistry",
  "privateEndpoint",
  "privateEndpointsManagedElsewhere",
  "outboundRules",
  "managedNetworkIsolation",
  "firewallSku",
  "provisionNetworkNow",
  "publicNetworkAccess",
  "encryption",
  "identity",
  "hbi",
  "ipAllowlist",
  "imageBuildCompute",
] as const satisfies readonly (keyof WorkspaceKeys)[];

/** How a project's hub reads in messages. */
function hubLabel(hub: WorkspaceKeys["hub"]): string {
  if (hub?.name !== undefined) return `hub ${hub.name}`;
  return typeof hub?.existingId === "string" ? `hub ${hub.existingId.split("/").pop()}` : "its hub";
}

/**
 * Rules of workspace kinds (concept-hub-workspace): a project names a hub and brings none of the
 * hub's keys; only a project names a hub and only a hub has a default project resource group
 * (workspaceHubConfig). Compute clusters, parallel run steps and batch endpoints are features of
 * default workspaces only ("Supported capabilities by workspace kind": hubs and projects use
 * serverless compute instead).
 */
function refineKind(w: WorkspaceKeys, ctx: z.RefinementCtx): void {
  const kind: WorkspaceKind = w.kind ?? "default";
  if (kind === "project") {
    if (w.hub === undefined) ctx.addIssue({ code: "custom", path: ["hub"], message: "is required for kind: project (the name of a hub workspace of this stack or { existingId: <hub workspace id> })" });
    for (const key of HUB_OWNED_KEYS)
      if (w[key] !== undefined)
        ctx.addIssue({ code: "custom", path: [key], message: `belongs to the hub: a project uses ${hubLabel(w.hub)}'s ${key} (concept-hub-workspace); set it on the hub`, input: w[key] });
  } else if (w.hub !== undefined) ctx.addIssue({ code: "custom", path: ["hub"], message: `only a workspace of kind: project names a hub (this one is kind: ${kind})`, input: w.hub });
  if (kind !== "hub" && w.defaultProjectResourceGroup !== undefined)
    ctx.addIssue({ code: "custom", path: ["defaultProjectResourceGroup"], message: `is a hub setting (workspaceHubConfig.defaultWorkspaceResourceGroup); this workspace is kind: ${kind}`, input: w.defaultProjectResourceGroup });
  if (kind !== "default") {
    if ((w.computes ?? []).length)
      ctx.addIssue({ code: "custom", path: ["computes"], message: `compute clusters are not supported on a ${kind} workspace (concept-hub-workspace, "Supported capabilities by workspace kind"); jobs run on serverless compute`, input: w.computes!.map((c) => c.name) });
    if (w.batchEndpoints === true)
      ctx.addIssue({ code: "custom", path: ["batchEndpoints"], message: `batch endpoints are not supported on a ${kind} workspace (concept-hub-workspace, "Supported capabilities by workspace kind")`, input: w.batchEndpoints });
  }
  const seen = new Set<string>();
  (w.registries ?? []).forEach((r, i) => {
    if (typeof r !== "string") return;
    if (seen.has(r.toLowerCase())) ctx.addIssue({ code: "custom", path: ["registries", i], message: "is listed twice", input: r });
    seen.add(r.toLowerCase());
  });
}

/** Checks across keys of one workspace that need no environment (run by both schemas). */
function refineWorkspace(w: WorkspaceKeys, ctx: z.RefinementCtx): void {
  refineKind(w, ctx);
  const rules = (w.outboundRules ?? []) as OutboundRuleSpec<unknown>[];
  for (const [i, field, rule, value] of outboundRuleProblems(rules)) ctx.addIssue({ code: "custom", path: ["outboundRules", i, ...field.split(".")], message: rule, input: value });
  const imageBuild = imageBuildComputeProblem(w.imageBuildCompute, (w.computes ?? []).map((c) => c.name));
  if (imageBuild && w.kind !== "project") ctx.addIssue({ code: "custom", path: ["imageBuildCompute"], message: imageBuild, input: w.imageBuildCompute });
  if (w.ipAllowlist !== undefined && w.publicNetworkAccess === "Disabled")
    ctx.addIssue({ code: "custom", path: ["ipAllowlist"], message: "needs publicNetworkAccess: Enabled (the allowlist is the public path); leave publicNetworkAccess out or use a private endpoint", input: w.ipAllowlist });
  if (w.privateEndpoint && w.privateEndpointsManagedElsewhere === true)
    ctx.addIssue({ code: "custom", path: ["privateEndpointsManagedElsewhere"], message: "contradicts privateEndpoint: set one of them", input: true });
  const existing = w.privateEndpoint?.dnsZones.existing;
  if (existing && w.storageAccount?.existingId === undefined && (!existing.blob || !existing.file))
    ctx.addIssue({ code: "custom", path: ["privateEndpoint", "dnsZones", "existing"], message: "needs blob and file zone ids too: the storage account this workspace creates gets blob and file private endpoints", input: existing });
  if (w.kind !== "project" && w.encryption !== undefined && w.identity?.userAssigned === undefined) ctx.addIssue({ code: "custom", path: ["encryption"], message: CMK_NEEDS_IDENTITY, input: w.encryption });
  const seen = new Set<string>();
  (w.computes ?? []).forEach((c, i) => {
    const key = c.name.toLowerCase();
    if (seen.has(key)) ctx.addIssue({ code: "custom", path: ["computes", i, "name"], message: "must be unique within the workspace", input: c.name });
    seen.add(key);
  });
}

/** A workspace in stack config: `name` plus the shared keys. */
export const workspaceSchema = z.strictObject({ name: logicalName(WORKSPACE_NAME_MAX), ...workspaceShape }).superRefine(refineWorkspace);
export type WorkspaceEntry = z.infer<typeof workspaceSchema>;
export type ComputeEntry = z.infer<typeof computeSchema>;

const tagKey = /^[^<>%&\\?/]{1,512}$/;
export const tagsSchema = z.record(
  z.string().regex(tagKey, { error: "tag names must be 1-512 characters without < > % & \\ ? /" }),
  deferrable(z.string({ error: "tag values must be strings" }).max(256, { error: "tag values must be ≤ 256 characters" })),
  { error: "must be a mapping of tag names to strings" },
);

/**
 * WorkspaceStackArgs: the shared keys plus what stack config holds once for every workspace
 * (project, environment, location, tags) and what the program looks up once (tenant, subscription).
 */
export const workspaceArgsSchema = z
  .strictObject({
    ...workspaceShape,
    project: logicalName(PROJECT_MAX),
    environment: z.enum(ENVIRONMENTS, { error: oneOf(ENVIRONMENTS) }).optional(),
    location: deferrable(text()).optional(),
    tenantId: deferrable(text()).optional(),
    subscriptionId: deferrable(text()).optional(),
    tags: deferrable(tagsSchema).optional(),
  })
  .superRefine(refineWorkspace);

/** Private DNS zone ids of a workspace's endpoints, by purpose. */
export interface PrivateDnsZoneIds<S = string> {
  api: S;
  notebooks: S;
  blob?: S;
  file?: S;
}

/** A workspace with every default of its environment applied: what WorkspaceStack builds. `S` is how a string arrives (plain, or a Pulumi Input). */
export interface ResolvedWorkspace<S = string, N = number> {
  kind: WorkspaceKind;
  /** A project's hub: a hub of the same stack by name, or an existing hub by id. */
  hub?: { name?: string; existingId?: S; logAnalyticsWorkspaceId?: S };
  /** A hub's `workspaceHubConfig.defaultWorkspaceResourceGroup`. */
  defaultProjectResourceGroup?: S;
  /** Azure ML registries the workspace uses: names of the stack's registries or registry ids. */
  registries: S[];
  displayName?: S;
  description?: S;
  /** Adopted resource group (undefined: created). */
  existingResourceGroupName?: S;
  publicNetworkAccess: "Enabled" | "Disabled";
  managedNetworkIsolation: "Disabled" | "AllowInternetOutbound" | "AllowOnlyApprovedOutbound";
  containerRegistry: { mode: "onDemand" | "create" | "existing"; existingId?: S };
  /** Adopted dependencies (undefined: created). */
  existingIds: { storageAccount?: S; keyVault?: S; applicationInsights?: S; logAnalyticsWorkspace?: S };
  hbi: boolean;
  userAssignedIdentity?: { mode: "create" | "existing"; existingId?: S };
  encryption?: { keyVaultId: S; keyUri: S; serviceSide: boolean };
  privateEndpoint?: { subnetId: S; dnsZones: { virtualNetworkId?: S; existing?: PrivateDnsZoneIds<S> } };
  privateEndpointsManagedElsewhere: boolean;
  ipAllowlist?: S[];
  outboundRules: OutboundRuleSpec<S>[];
  /** Set only when a rule needs the managed firewall. */
  firewallSku?: "Standard" | "Basic";
  batchEndpoints: boolean;
  imageBuildCompute?: string;
  provisionNetworkNow: boolean;
  protectData: boolean;
  renamedFrom?: string;
  computes: { name: string; vmSize: S; minNodes: N; maxNodes: N; idleMinutesBeforeScaleDown: N; vmPriority: "Dedicated" | "LowPriority" | S }[];
  /** A Cost Management budget on the workspace's resource group (undefined: none). */
  budget?: ResolvedBudget<S, N>;
}

/** The shared keys as a program may pass them (any leaf an Input); stack config gives plain values. */
export type WorkspaceInput = Partial<Omit<WorkspaceKeys, "name">>;

/**
 * Applies the secure defaults of `environment` to one workspace's keys. The one place the defaults
 * live: stack config and WorkspaceStackArgs get the same workspace for the same keys.
 */
export function resolveWorkspace<S = string, N = number>(w: WorkspaceInput, environment: Environment): ResolvedWorkspace<S, N> {
  const prod = environment === "prod";
  const id = (choice: { existingId?: unknown } | undefined) => choice?.existingId as S | undefined;
  const registry = (w.containerRegistry ?? {}) as { create?: boolean; existingId?: unknown };
  const registryMode = registry.existingId !== undefined ? "existing" : registry.create === true ? "create" : "onDemand";
  const outboundRules = (w.outboundRules ?? []).map((r) => outboundRuleSpec<S>(r));
  const computes = (w.computes ?? []).map((c) => ({
    name: c.name,
    vmSize: c.vmSize as S,
    minNodes: (c.minNodes ?? 0) as N,
    maxNodes: c.maxNodes as N,
    idleMinutesBeforeScaleDown: (c.idleMinutesBeforeScaleDown ?? 15) as N,
    vmPriority: (c.vmPriority ?? "Dedicated") as S,
  }));
  const userAssigned = w.identity?.userAssigned;
  const zones = w.privateEndpoint?.dnsZones;
  const isolation = w.managedNetworkIsolation ?? (prod ? "AllowOnlyApprovedOutbound" : "AllowInternetOutbound");
  return {
    kind: w.kind ?? "default",
    hub: w.hub ? { name: w.hub.name, existingId: w.hub.existingId as S | undefined, logAnalyticsWorkspaceId: w.hub.logAnalyticsWorkspaceId as S | undefined } : undefined,
    defaultProjectResourceGroup: w.defaultProjectResourceGroup as S | undefined,
    registries: (w.registries ?? []) as S[],
    displayName: w.displayName as S | undefined,
    description: w.description as S | undefined,
    existingResourceGroupName: w.resourceGroup?.existingName as S | undefined,
    // An allowlist is a public path: it keeps public access on even in prod.
    publicNetworkAccess: w.publicNetworkAccess ?? (prod && w.ipAllowlist === undefined ? "Disabled" : "Enabled"),
    managedNetworkIsolation: isolation,
    containerRegistry: { mode: registryMode, existingId: id(registry) },
    existingIds: { storageAccount: id(w.storageAccount), keyVault: id(w.keyVault), applicationInsights: id(w.applicationInsights), logAnalyticsWorkspace: id(w.logAnalyticsWorkspace) },
    hbi: (w.hbi as boolean | undefined) ?? prod,
    userAssignedIdentity: userAssigned ? { mode: userAssigned.existingId !== undefined ? "existing" : "create", existingId: id(userAssigned) } : undefined,
    encryption: w.encryption ? { keyVaultId: w.encryption.keyVaultId as S, keyUri: w.encryption.keyUri as S, serviceSide: (w.encryption.serviceSide as boolean | undefined) ?? true } : undefined,
    privateEndpoint: w.privateEndpoint
      ? { subnetId: w.privateEndpoint.subnetId as S, dnsZones: { virtualNetworkId: zones?.virtualNetworkId as S | undefined, existing: zones?.existing as PrivateDnsZoneIds<S> | undefined } }
      : undefined,
    privateEndpointsManagedElsewhere: w.privateEndpointsManagedElsewhere === true,
    ipAllowlist: w.ipAllowlist as S[] | undefined,
    outboundRules,
    firewallSku: needsFirewall(outboundRules) ? (w.firewallSku ?? "Standard") : undefined,
    batchEndpoints: w.batchEndpoints === true,
    // A registry created in prod is private and cannot build images itself: a cluster does.
    imageBuildCompute: w.imageBuildCompute ?? (registryMode === "create" && prod ? computes[0]?.name : undefined),
    // A network provisioned while the workspace is created would run before grants that can only
    // follow it (see postCreationGrantsFor): the first compute, created after them, provisions it.
    // Prod: the managed network is provisioned with the workspace, so its rules' private endpoints exist
    // after `pulumi up` (a hub, which has no compute of its own, would otherwise wait for a project's
    // first compute: how-to-managed-network, "Private endpoints"). What approves them must exist first:
    // a user-assigned identity is granted before the workspace (components/workspace/workspace.ts); a
    // system-assigned one only after, so then the first compute provisions it.
    provisionNetworkNow:
      (w.provisionNetworkNow as boolean | undefined) ??
      (prod && w.kind !== "project" && isolation !== "Disabled" && postCreationGrantsFor(w.identity?.userAssigned !== undefined, outboundRules, registryRulesFor(w.registries, isolation)) === undefined),
    protectData: (w.protectData as boolean | undefined) ?? prod,
    renamedFrom: w.renamedFrom,
    computes,
    budget: w.budget ? resolveBudget<S, N>(w.budget) : undefined,
  };
}

/**
 * Why provisioning the managed network with the workspace would run before a grant it needs, if it
 * would: a user-defined private-endpoint rule's target needs the approver role for the workspace
 * identity (how-to-managed-network, Prerequisites, since 2025-04-30). A user-assigned identity (the
 * workspace's primary one) gets it, and its Contributor on the workspace's resource group, before the
 * workspace (components/workspace/workspace.ts); the system-assigned identity exists only with the
 * workspace, so its grant can follow only.
 */
function postCreationGrantsFor(userAssignedIdentity: boolean, rules: readonly OutboundRuleSpec<unknown>[], registryRules: boolean): string | undefined {
  if (userAssignedIdentity) return undefined;
  if (registryRules || rules.some((r) => r.type === "PrivateEndpoint")) return "the workspace identity's Azure AI Enterprise Network Connection Approver on private-endpoint rule targets";
  return undefined;
}

/** Whether the workspace gets private-endpoint rules to registries (it uses some, and has a managed network). */
function registryRulesFor(registries: readonly unknown[] | undefined, isolation: string): boolean {
  return (registries ?? []).length > 0 && isolation !== "Disabled";
}

/** Outbound rule names the stack adds itself for batch endpoints. */
export const BATCH_RULE_NAMES = ["batch-storage-queue", "batch-storage-table"] as const;

/** What the checks of a resolved workspace need to know about the stack around it. */
export interface WorkspaceCheckContext {
  project: string;
  environment: Environment;
  /** The workspace's logical name (its component name). */
  name: string;
  /** The deploying subscription, when known (`azure-native:subscriptionId`, or the `subscriptionId` argument). */
  subscriptionId?: unknown;
}

/**
 * Rules that need the environment's defaults applied, as `[path segments, rule, value]` relative to
 * the workspace: the same for stack config and WorkspaceStackArgs.
 */
export function resolvedWorkspaceProblems(w: ResolvedWorkspace<unknown, unknown>, at: WorkspaceCheckContext): [PropertyKey[], string, unknown?][] {
  const problems: [PropertyKey[], string, unknown?][] = [];
  for (const b of invalidNames(workspaceResourceNames(at.project, at.environment, at.name))) problems.push([["name"], `derives an invalid Azure name ${b}`, at.name]);
  // how-to-managed-network ("Configure a managed virtual network to allow internet outbound"): in
  // that mode "you can't create FQDN or service tag rules" — the managed firewall that runs them and
  // the rule types themselves exist only in approved-only outbound mode.
  const approvedOnly = w.managedNetworkIsolation === "AllowOnlyApprovedOutbound";
  if (!approvedOnly) {
    w.outboundRules.forEach((r, i) => {
      if (r.preset !== undefined || r.type === "FQDN" || r.type === "ServiceTag")
        problems.push([["outboundRules", i], `${r.preset !== undefined ? "presets" : `${r.type} rules`} need managedNetworkIsolation: AllowOnlyApprovedOutbound (this workspace uses ${w.managedNetworkIsolation})`]);
    });
  }
  const grantsFirst = w.provisionNetworkNow ? postCreationGrantsFor(w.userAssignedIdentity !== undefined, w.outboundRules, registryRulesFor(w.registries, w.managedNetworkIsolation)) : undefined;
  if (grantsFirst)
    problems.push([["provisionNetworkNow"], `must not be true: provisioning the managed network while the workspace is created runs before ${grantsFirst} can exist; leave it out and the first compute, created after that grant, provisions the network`, true]);
  if (w.batchEndpoints)
    w.outboundRules.forEach((r, i) => {
      if (typeof r.name === "string" && (BATCH_RULE_NAMES as readonly string[]).includes(r.name.toLowerCase())) problems.push([["outboundRules", i, "name"], `is reserved for the batch endpoints' storage rules (batchEndpoints: true)`, r.name]);
    });
  // how-to-setup-customer-managed-keys ("Limitations"): the key vault must be in the same Azure
  // subscription as the workspace.
  const vaultSubscription = typeof w.encryption?.keyVaultId === "string" ? subscriptionOf(w.encryption.keyVaultId) : undefined;
  if (vaultSubscription && typeof at.subscriptionId === "string" && at.subscriptionId !== "" && vaultSubscription.toLowerCase() !== at.subscriptionId.toLowerCase())
    problems.push([["encryption", "keyVaultId"], `must be a key vault in the workspace's subscription (${at.subscriptionId}): Azure ML refuses a customer-managed key from another subscription`, w.encryption!.keyVaultId]);
  return problems;
}

/** Issues of one workspace's resolved settings, with paths made by `pathOf`. */
export function resolvedWorkspaceIssues(w: ResolvedWorkspace<unknown, unknown>, at: WorkspaceCheckContext, pathOf: (segments: PropertyKey[]) => string): ConfigIssue[] {
  return resolvedWorkspaceProblems(w, at).map(([segments, rule, ...value]) => ({ path: pathOf(segments), rule, ...(value.length && value[0] !== undefined ? { value: value[0] } : {}) }));
}
