import { z } from "zod";
import { FIREWALL_SKUS, IPV4_CIDR, OUTBOUND_PRESET_NAMES, OutboundRuleSpec, PRIVATE_DNS_ZONE_ID, SUB_RG, SUBNET_ID, VNET_ID, imageBuildComputeProblem, outboundRuleProblems } from "./network";
import { AZURE_NAME_RULES, LOGICAL_NAME, LOGICAL_NAME_RULE, PROJECT_MAX, WORKSPACE_NAME_MAX } from "../naming";

/** The Pulumi config namespace of this package (`azureml-platform:<key>`). */
export const CONFIG_NAMESPACE = "azureml-platform";

export const ENVIRONMENTS = ["dev", "prod"] as const;
export type Environment = (typeof ENVIRONMENTS)[number];
export const PUBLIC_NETWORK_ACCESS = ["Enabled", "Disabled"] as const;
export const ISOLATION_MODES = ["Disabled", "AllowInternetOutbound", "AllowOnlyApprovedOutbound"] as const;
export const TEAM_SCOPES = ["workspace", "resourceGroup", "subscription"] as const;
export const PRINCIPAL_TYPES = ["User", "Group", "ServicePrincipal", "ForeignGroup", "Device"] as const;
export const VM_PRIORITIES = ["Dedicated", "LowPriority"] as const;
export const DATA_ACCESS_LEVELS = ["none", "read", "readWrite"] as const;

export const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
export const UPN = /^[^@\s]+@[^@\s]+\.[^@\s.]+$/;

/** ARM id shapes for the dependencies a workspace can adopt instead of creating. */
export const RESOURCE_ID_PATTERNS = {
  storageAccount: { pattern: new RegExp(`^${SUB_RG}/providers/Microsoft\\.Storage/storageAccounts/[a-z0-9]{3,24}$`, "i"), type: "Microsoft.Storage/storageAccounts" },
  keyVault: { pattern: new RegExp(`^${SUB_RG}/providers/Microsoft\\.KeyVault/vaults/[a-zA-Z0-9-]{3,24}$`, "i"), type: "Microsoft.KeyVault/vaults" },
  applicationInsights: { pattern: new RegExp(`^${SUB_RG}/providers/Microsoft\\.Insights/components/[^/]+$`, "i"), type: "Microsoft.Insights/components" },
  containerRegistry: { pattern: new RegExp(`^${SUB_RG}/providers/Microsoft\\.ContainerRegistry/registries/[a-zA-Z0-9]{5,50}$`, "i"), type: "Microsoft.ContainerRegistry/registries" },
  logAnalyticsWorkspace: { pattern: new RegExp(`^${SUB_RG}/providers/Microsoft\\.OperationalInsights/workspaces/[^/]+$`, "i"), type: "Microsoft.OperationalInsights/workspaces" },
  userAssignedIdentity: { pattern: new RegExp(`^${SUB_RG}/providers/Microsoft\\.ManagedIdentity/userAssignedIdentities/[a-zA-Z0-9][a-zA-Z0-9_-]{2,127}$`, "i"), type: "Microsoft.ManagedIdentity/userAssignedIdentities" },
} as const;

/** A versioned Key Vault key identifier: `https://<vault>.vault.azure.net/keys/<key>/<version>` (public and sovereign clouds). */
export const KEY_URI = /^https:\/\/([a-zA-Z0-9-]{3,24})\.vault\.(?:azure\.net|azure\.cn|usgovcloudapi\.net)\/keys\/[a-zA-Z0-9-]{1,127}\/[0-9a-fA-F]{32}$/;
export const KEY_URI_RULE = "must be a versioned Key Vault key URI, https://<vault>.vault.azure.net/keys/<key>/<32-hex-digit version>";
export const CMK_NEEDS_IDENTITY =
  "needs identity.userAssigned: the workspace unwraps a customer-managed key with its user-assigned identity (CMK is set only when the workspace is created; adding or removing it later replaces the workspace)";
export type AdoptableDependency = keyof typeof RESOURCE_ID_PATTERNS;

const oneOf = (values: readonly string[]) => `must be one of ${values.join(" | ")}`;

const logicalName = (max: number) =>
  z
    .string({ error: "must be a string" })
    .min(2, { error: `must be 2-${max} characters` })
    .max(max, { error: `must be 2-${max} characters` })
    .regex(LOGICAL_NAME, { error: `must use ${LOGICAL_NAME_RULE}` });

const armId = (kind: AdoptableDependency) =>
  z.string({ error: "must be a string" }).regex(RESOURCE_ID_PATTERNS[kind].pattern, {
    error: `must be a resource id of the form /subscriptions/<guid>/resourceGroups/<name>/providers/${RESOURCE_ID_PATTERNS[kind].type}/<name>`,
  });

/** `{ create: true }` or `{ existingId: <arm id> }`, never both. */
const createOrExisting = (kind: AdoptableDependency) =>
  z
    .strictObject({ create: z.boolean({ error: "must be true or false" }).optional(), existingId: armId(kind).optional() })
    .superRefine((v, ctx) => {
      if (v.create === true && v.existingId !== undefined)
        ctx.addIssue({ code: "custom", message: "set either create: true or existingId, not both", input: v });
      else if (v.create !== true && v.existingId === undefined)
        ctx.addIssue({ code: "custom", message: "needs create: true or an existingId", input: v });
    });

const resourceGroupSchema = z
  .strictObject({
    create: z.boolean({ error: "must be true or false" }).optional(),
    existingName: z.string({ error: "must be a string" }).regex(AZURE_NAME_RULES.resourceGroup.pattern, { error: `must be ${AZURE_NAME_RULES.resourceGroup.rule}` }).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.create === true && v.existingName !== undefined)
      ctx.addIssue({ code: "custom", message: "set either create: true or existingName, not both", input: v });
    else if (v.create !== true && v.existingName === undefined)
      ctx.addIssue({ code: "custom", message: "needs create: true or an existingName", input: v });
  });

const containerRegistrySchema = z.union(
  [z.literal("onDemand"), z.literal("create"), z.strictObject({ existingId: armId("containerRegistry") })],
  { error: "must be onDemand | create | { existingId: <registry resource id> }" },
);

const idOf = (pattern: RegExp, what: string) => z.string({ error: "must be a string" }).regex(pattern, { error: `must be a ${what} resource id` });

const privateEndpointSchema = z.strictObject({
  subnetId: idOf(SUBNET_ID, "subnet (/subscriptions/<guid>/resourceGroups/<rg>/providers/Microsoft.Network/virtualNetworks/<vnet>/subnets/<subnet>)"),
  dnsZones: z.union(
    [
      z.strictObject({ create: z.literal(true), virtualNetworkId: idOf(VNET_ID, "virtual network") }),
      z.strictObject({
        existing: z.strictObject({
          api: idOf(PRIVATE_DNS_ZONE_ID, "privatelink.api.azureml.ms private DNS zone"),
          notebooks: idOf(PRIVATE_DNS_ZONE_ID, "privatelink.notebooks.azure.net private DNS zone"),
          blob: idOf(PRIVATE_DNS_ZONE_ID, "privatelink.blob.core.windows.net private DNS zone").optional(),
          file: idOf(PRIVATE_DNS_ZONE_ID, "privatelink.file.core.windows.net private DNS zone").optional(),
        }),
      }),
    ],
    { error: "must be { create: true, virtualNetworkId } or { existing: { api, notebooks, blob, file } } (private DNS zone ids)" },
  ),
});

/** An outbound rule as written in stack config (destination is a host, or an object for ServiceTag / PrivateEndpoint rules). */
const outboundRuleSchema = z.union(
  [
    z.strictObject({ preset: z.string({ error: "must be a string" }) }),
    z.strictObject({
      name: z.string({ error: "must be a string" }),
      type: z.string({ error: "must be a string" }),
      destination: z.union([
        z.string(),
        z.strictObject({ serviceTag: z.string(), protocol: z.string().optional(), portRanges: z.string().optional() }),
        z.strictObject({ serviceResourceId: z.string(), subresourceTarget: z.string().optional() }),
      ]),
    }),
  ],
  { error: `must be { preset: ${OUTBOUND_PRESET_NAMES.join(" | ")} } or { name, type: FQDN | ServiceTag | PrivateEndpoint, destination }` },
);
export type OutboundRuleEntry = z.infer<typeof outboundRuleSchema>;

/** A config outbound rule in the flat form the component and the checks take. */
export function outboundRuleSpec(entry: OutboundRuleEntry): OutboundRuleSpec {
  if ("preset" in entry) return { preset: entry.preset as "python-packages" };
  const d = entry.destination;
  const base = { name: entry.name, type: entry.type as "FQDN" };
  if (typeof d === "string") return { ...base, destination: d };
  if ("serviceTag" in d) return { ...base, serviceTag: d.serviceTag, protocol: d.protocol, portRanges: d.portRanges };
  return { ...base, serviceResourceId: d.serviceResourceId, subresourceTarget: d.subresourceTarget };
}

const identitySchema = z.strictObject({
  userAssigned: createOrExisting("userAssignedIdentity"),
});

const encryptionSchema = z
  .strictObject({
    keyVaultId: armId("keyVault"),
    keyUri: z.string({ error: "must be a string" }).regex(KEY_URI, { error: KEY_URI_RULE }),
  })
  .superRefine((e, ctx) => {
    const vault = KEY_URI.exec(e.keyUri)?.[1];
    const idVault = e.keyVaultId.split("/").pop();
    if (vault && idVault && vault.toLowerCase() !== idVault.toLowerCase())
      ctx.addIssue({ code: "custom", path: ["keyUri"], message: `must name a key in the vault of keyVaultId (${idVault})`, input: e.keyUri });
  });

const computeSchema = z
  .strictObject({
    name: z.string({ error: "must be a string" }).regex(AZURE_NAME_RULES.compute.pattern, { error: `must be ${AZURE_NAME_RULES.compute.rule}` }),
    vmSize: z.string({ error: "must be a string" }).regex(/^Standard_[A-Za-z0-9_]+$/, { error: "must be an Azure VM size such as Standard_DS3_v2" }),
    minNodes: z.number({ error: "must be a number" }).int({ error: "must be a whole number" }).min(0, { error: "must be ≥ 0" }).optional(),
    maxNodes: z.number({ error: "must be a number" }).int({ error: "must be a whole number" }).min(1, { error: "must be ≥ 1" }).max(1000, { error: "must be ≤ 1000" }),
    idleMinutesBeforeScaleDown: z.number({ error: "must be a number" }).int({ error: "must be a whole number" }).min(1, { error: "must be ≥ 1" }).max(10080, { error: "must be ≤ 10080 (one week)" }).optional(),
    vmPriority: z.enum(VM_PRIORITIES, { error: oneOf(VM_PRIORITIES) }).optional(),
  })
  .superRefine((c, ctx) => {
    if (c.minNodes !== undefined && c.minNodes > c.maxNodes)
      ctx.addIssue({ code: "custom", path: ["minNodes"], message: `must be ≤ maxNodes (${c.maxNodes})`, input: c.minNodes });
  });

export const workspaceSchema = z
  .strictObject({
    name: logicalName(WORKSPACE_NAME_MAX),
    displayName: z.string({ error: "must be a string" }).min(1, { error: "must not be empty" }).max(256, { error: "must be ≤ 256 characters" }).optional(),
    description: z.string({ error: "must be a string" }).max(1024, { error: "must be ≤ 1024 characters" }).optional(),
    resourceGroup: resourceGroupSchema.optional(),
    publicNetworkAccess: z.enum(PUBLIC_NETWORK_ACCESS, { error: oneOf(PUBLIC_NETWORK_ACCESS) }).optional(),
    managedNetworkIsolation: z.enum(ISOLATION_MODES, { error: oneOf(ISOLATION_MODES) }).optional(),
    containerRegistry: containerRegistrySchema.optional(),
    storageAccount: createOrExisting("storageAccount").optional(),
    keyVault: createOrExisting("keyVault").optional(),
    applicationInsights: createOrExisting("applicationInsights").optional(),
    hbi: z.boolean({ error: "must be true or false" }).optional(),
    identity: identitySchema.optional(),
    encryption: encryptionSchema.optional(),
    privateEndpoint: privateEndpointSchema.optional(),
    privateEndpointsManagedElsewhere: z.boolean({ error: "must be true or false" }).optional(),
    ipAllowlist: z
      .array(z.string({ error: "must be a string" }).regex(IPV4_CIDR, { error: "must be an IPv4 address or CIDR range such as 203.0.113.0/24" }), { error: "must be a list of IPv4 addresses or CIDR ranges" })
      .min(1, { error: "must list at least one range (leave it out for no allowlist)" })
      .optional(),
    outboundRules: z.array(outboundRuleSchema, { error: "must be a list of outbound rules" }).optional(),
    firewallSku: z.enum(FIREWALL_SKUS, { error: oneOf(FIREWALL_SKUS) }).optional(),
    imageBuildCompute: z.string({ error: "must be the name of one of the workspace's compute clusters" }).optional(),
    renamedFrom: logicalName(WORKSPACE_NAME_MAX).optional(),
    computes: z.array(computeSchema, { error: "must be a list of compute clusters" }).optional(),
  })
  .superRefine((w, ctx) => {
    for (const [i, field, rule, value] of outboundRuleProblems((w.outboundRules ?? []).map(outboundRuleSpec)))
      ctx.addIssue({ code: "custom", path: ["outboundRules", i, ...field.split(".")], message: rule, input: value });
    const imageBuild = imageBuildComputeProblem(w.imageBuildCompute, (w.computes ?? []).map((c) => c.name));
    if (imageBuild) ctx.addIssue({ code: "custom", path: ["imageBuildCompute"], message: imageBuild, input: w.imageBuildCompute });
    if (w.ipAllowlist !== undefined && w.publicNetworkAccess === "Disabled")
      ctx.addIssue({ code: "custom", path: ["ipAllowlist"], message: "needs publicNetworkAccess: Enabled (the allowlist is the public path); leave publicNetworkAccess out or use a private endpoint", input: w.ipAllowlist });
    if (w.privateEndpoint && w.privateEndpointsManagedElsewhere)
      ctx.addIssue({ code: "custom", path: ["privateEndpointsManagedElsewhere"], message: "contradicts privateEndpoint: set one of them", input: true });
    const existing = w.privateEndpoint && "existing" in w.privateEndpoint.dnsZones ? w.privateEndpoint.dnsZones.existing : undefined;
    if (existing && !w.storageAccount?.existingId && (!existing.blob || !existing.file))
      ctx.addIssue({ code: "custom", path: ["privateEndpoint", "dnsZones", "existing"], message: "needs blob and file zone ids too: the storage account this workspace creates gets blob and file private endpoints", input: existing });
    if (w.encryption !== undefined && w.identity?.userAssigned === undefined)
      ctx.addIssue({ code: "custom", path: ["encryption"], message: CMK_NEEDS_IDENTITY, input: w.encryption });
    const seen = new Set<string>();
    (w.computes ?? []).forEach((c, i) => {
      const key = c.name.toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: "custom", path: ["computes", i, "name"], message: "must be unique within the workspace", input: c.name });
      seen.add(key);
    });
  });

const groupSchema = z
  .strictObject({
    objectId: z.string({ error: "must be a string" }).regex(GUID, { error: "must be a GUID (Entra ID object id)" }).optional(),
    displayName: z.string({ error: "must be a string" }).min(1, { error: "must not be empty" }).max(256, { error: "must be ≤ 256 characters" }).optional(),
    create: z.boolean({ error: "must be true or false" }).optional(),
    members: z.array(z.string({ error: "must be a string" }).regex(UPN, { error: "must be a user principal name such as alice@contoso.com" }), { error: "must be a list of user principal names" }).optional(),
  })
  .superRefine((g, ctx) => {
    if (g.objectId !== undefined && (g.displayName !== undefined || g.create !== undefined))
      ctx.addIssue({ code: "custom", message: "use either objectId (existing group) or displayName (looked up, or created with create: true), not both", input: g });
    if (g.objectId === undefined && g.displayName === undefined)
      ctx.addIssue({ code: "custom", message: "needs objectId or displayName", input: g });
    if (g.members !== undefined && g.create !== true)
      ctx.addIssue({ code: "custom", path: ["members"], message: "members can only be managed on a group created here (create: true)", input: g.members });
  });

const principalSchema = z.strictObject({
  objectId: z.string({ error: "must be a string" }).regex(GUID, { error: "must be a GUID (Entra ID object id)" }),
  type: z.enum(PRINCIPAL_TYPES, { error: oneOf(PRINCIPAL_TYPES) }),
});

export const teamSchema = z
  .strictObject({
    name: logicalName(40),
    admin: z.boolean({ error: "must be true or false" }).optional(),
    group: groupSchema.optional(),
    principal: principalSchema.optional(),
    role: z.string({ error: "must be a role name or role definition GUID" }).min(1, { error: "must not be empty" }).optional(),
    roles: z
      .array(z.string({ error: "must be a role name or role definition GUID" }).min(1, { error: "must not be empty" }), { error: "must be a list of role names or role definition GUIDs" })
      .min(1, { error: "must list at least one role" })
      .optional(),
    dataAccess: z.enum(DATA_ACCESS_LEVELS, { error: oneOf(DATA_ACCESS_LEVELS) }).optional(),
    scope: z.enum(TEAM_SCOPES, { error: oneOf(TEAM_SCOPES) }).optional(),
    workspaces: z.array(z.string({ error: "must be a string" }), { error: "must be a list of workspace names" }).optional(),
  })
  .superRefine((t, ctx) => {
    if (t.group === undefined && t.principal === undefined)
      ctx.addIssue({ code: "custom", message: "needs a group or a principal", input: t });
    if (t.group !== undefined && t.principal !== undefined)
      ctx.addIssue({ code: "custom", message: "set either group or principal, not both", input: t });
    if ((t.role === undefined) === (t.roles === undefined))
      ctx.addIssue({ code: "custom", message: "needs exactly one of role (one role) or roles (a list)", input: t });
  });

export const customRoleRefSchema = z.strictObject({
  file: z.string({ error: "must be a path to a role definition JSON file" }).min(1, { error: "must not be empty" }),
});

const tagKey = /^[^<>%&\\?/]{1,512}$/;

/** The package's stack configuration, as read from `azureml-platform:*` keys. */
export const stackConfigSchema = z.strictObject({
  environment: z.enum(ENVIRONMENTS, { error: oneOf(ENVIRONMENTS) }),
  project: logicalName(PROJECT_MAX),
  tags: z
    .record(z.string().regex(tagKey, { error: "tag names must be 1-512 characters without < > % & \\ ? /" }), z.string({ error: "tag values must be strings" }).max(256, { error: "tag values must be ≤ 256 characters" }), { error: "must be a mapping of tag names to strings" })
    .optional(),
  workspaces: z.array(workspaceSchema, { error: "must be a list of workspaces" }).min(1, { error: "must list at least one workspace" }),
  customRoles: z.array(customRoleRefSchema, { error: "must be a list of { file: <path> }" }).optional(),
  teams: z.array(teamSchema, { error: "must be a list of teams" }).optional(),
});

export type RawStackConfig = z.infer<typeof stackConfigSchema>;
export type WorkspaceEntry = z.infer<typeof workspaceSchema>;
export type ComputeEntry = z.infer<typeof computeSchema>;
export type TeamEntry = z.infer<typeof teamSchema>;

/** Config keys of this namespace, for "did you mean" suggestions. */
export const ROOT_KEYS = Object.keys(stackConfigSchema.shape);
