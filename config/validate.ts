import { z } from "zod";
import { invalidNames, workspaceResourceNames } from "../naming";
import { RoleCatalog } from "../rbac/catalog";
import { loadRoleDefinitionFile } from "../rbac/roleFile";
import { RoleDefinition } from "../rbac/types";
import { CustomRoleSource, DataAccess, checkCustomRoles, checkTeams, defaultDataAccess } from "./access";
import { ConfigIssue, PlatformConfigError, isPlatformConfigError } from "./errors";
import {
  CONFIG_NAMESPACE,
  ComputeEntry,
  Environment,
  ROOT_KEYS,
  TeamEntry,
  WorkspaceEntry,
  outboundRuleSpec,
  stackConfigSchema,
} from "./schema";
import { OutboundRuleSpec, needsFirewall } from "./network";
import { closest } from "./suggest";

/** A workspace entry with every environment default applied. */
export interface WorkspaceConfig {
  name: string;
  displayName: string;
  description?: string;
  resourceGroup: { create: true } | { existingName: string };
  publicNetworkAccess: "Enabled" | "Disabled";
  managedNetworkIsolation: "Disabled" | "AllowInternetOutbound" | "AllowOnlyApprovedOutbound";
  containerRegistry: "onDemand" | "create" | { existingId: string };
  storageAccount: { create: true } | { existingId: string };
  keyVault: { create: true } | { existingId: string };
  applicationInsights: { create: true } | { existingId: string };
  hbi: boolean;
  /** The workspace's user-assigned identity, when it has one. */
  userAssignedIdentity?: { create: true } | { existingId: string };
  /** Customer-managed key (requires `userAssignedIdentity`). */
  encryption?: { keyVaultId: string; keyUri: string };
  /** Inbound private endpoint: subnet, and DNS zones created on a virtual network or given. */
  privateEndpoint?: { subnetId: string; dnsZones: { create: true; virtualNetworkId: string } | { existing: { api: string; notebooks: string; blob?: string; file?: string } } };
  privateEndpointsManagedElsewhere: boolean;
  ipAllowlist?: string[];
  outboundRules: OutboundRuleSpec[];
  firewallSku?: "Standard" | "Basic";
  imageBuildCompute?: string;
  /** Previous logical name after a rename (its resources keep their Pulumi identity). */
  renamedFrom?: string;
  computes: ComputeConfig[];
}

export interface ComputeConfig {
  name: string;
  vmSize: string;
  minNodes: number;
  maxNodes: number;
  idleMinutesBeforeScaleDown: number;
  vmPriority?: ComputeEntry["vmPriority"];
}

export interface TeamConfig extends TeamEntry {
  admin: boolean;
  scope: "workspace" | "resourceGroup" | "subscription";
  /** Workspaces the team is granted on (all of the stack's by default). */
  workspaces: string[];
  /** The team's roles, resolved (one for `role`, several for `roles`). */
  roleDefinitions: RoleDefinition[];
  /** Data-plane access on each of the team's workspaces' storage accounts. */
  dataAccess: DataAccess;
}

/** The validated, defaulted stack configuration the program builds from. */
export interface PlatformConfig {
  environment: Environment;
  project: string;
  location: string;
  tags: Record<string, string>;
  workspaces: WorkspaceConfig[];
  customRoles: RoleDefinition[];
  teams: TeamConfig[];
}

export interface ValidateOptions {
  /** `azure-native:location`. */
  location?: string;
  /** Directory custom role files are resolved against (the Pulumi project directory). */
  baseDir?: string;
}

const key = (k: string) => `${CONFIG_NAMESPACE}:${k}`;

/** `["workspaces", 0, "computes", 1, "minNodes"]` → `azureml-platform:workspaces[0].computes[1].minNodes`. */
export function configPath(segments: readonly PropertyKey[]): string {
  if (segments.length === 0) return CONFIG_NAMESPACE;
  let out = key(String(segments[0]));
  for (const s of segments.slice(1)) out += typeof s === "number" ? `[${s}]` : `.${String(s)}`;
  return out;
}

function unwrap(schema: z.ZodType | undefined): z.ZodType | undefined {
  let s = schema as any;
  while (s && ["optional", "default", "nullable", "pipe"].includes(s.def?.type)) s = s.def.innerType ?? s.def.in;
  return s;
}

/** Keys of the object schema at `segments` (for suggestions on unknown keys). */
function knownKeysAt(segments: readonly PropertyKey[]): string[] {
  let s: any = stackConfigSchema;
  for (const seg of segments) {
    s = unwrap(s);
    if (!s) return [];
    if (s.def.type === "array") s = s.def.element;
    else if (s.def.type === "object") s = s.def.shape[seg as string];
    else if (s.def.type === "union") s = s.def.options.find((o: any) => o.def.type === "object")?.def.shape[seg as string];
    else return [];
  }
  s = unwrap(s);
  if (s?.def.type === "union") s = s.def.options.find((o: any) => o.def.type === "object");
  return s?.def.type === "object" ? Object.keys(s.def.shape) : [];
}

function zodIssues(error: z.ZodError): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const i of error.issues) {
    if (i.code === "unrecognized_keys") {
      const known = knownKeysAt(i.path);
      for (const k of i.keys) {
        const hint = known.length ? `; did you mean ${closest(k, known, 1)[0]}?` : "";
        issues.push({ path: configPath([...i.path, k]), rule: `is not a known setting${hint}` });
      }
      continue;
    }
    const issue: ConfigIssue = { path: configPath(i.path), rule: i.message };
    if (i.code === "invalid_type" && i.input === undefined) issue.rule = `is required (${i.message})`;
    else if ("input" in i) issue.value = i.input;
    issues.push(issue);
  }
  return issues;
}

function applyWorkspaceDefaults(w: WorkspaceEntry, environment: Environment): WorkspaceConfig {
  const prod = environment === "prod";
  return {
    name: w.name,
    displayName: w.displayName ?? w.name,
    description: w.description,
    resourceGroup: w.resourceGroup?.existingName ? { existingName: w.resourceGroup.existingName } : { create: true },
    publicNetworkAccess: w.publicNetworkAccess ?? (prod ? "Disabled" : "Enabled"),
    managedNetworkIsolation: w.managedNetworkIsolation ?? (prod ? "AllowOnlyApprovedOutbound" : "AllowInternetOutbound"),
    containerRegistry: w.containerRegistry ?? "onDemand",
    storageAccount: w.storageAccount?.existingId ? { existingId: w.storageAccount.existingId } : { create: true },
    keyVault: w.keyVault?.existingId ? { existingId: w.keyVault.existingId } : { create: true },
    applicationInsights: w.applicationInsights?.existingId ? { existingId: w.applicationInsights.existingId } : { create: true },
    hbi: w.hbi ?? prod,
    userAssignedIdentity: w.identity?.userAssigned ? (w.identity.userAssigned.existingId ? { existingId: w.identity.userAssigned.existingId } : { create: true }) : undefined,
    encryption: w.encryption,
    privateEndpoint: w.privateEndpoint as WorkspaceConfig["privateEndpoint"],
    privateEndpointsManagedElsewhere: w.privateEndpointsManagedElsewhere ?? false,
    ipAllowlist: w.ipAllowlist,
    outboundRules: (w.outboundRules ?? []).map(outboundRuleSpec),
    firewallSku: w.firewallSku,
    imageBuildCompute: w.imageBuildCompute,
    renamedFrom: w.renamedFrom,
    computes: (w.computes ?? []).map((c) => ({
      name: c.name,
      vmSize: c.vmSize,
      minNodes: c.minNodes ?? 0,
      maxNodes: c.maxNodes,
      idleMinutesBeforeScaleDown: c.idleMinutesBeforeScaleDown ?? 15,
      vmPriority: c.vmPriority,
    })),
  };
}

/**
 * Validates the `azureml-platform:*` config (keys without the namespace) and applies the secure
 * defaults of its environment. Every problem is collected and thrown as one PlatformConfigError
 * naming path, rule and value; nothing is registered before this returns.
 */
export function validateStackConfig(raw: unknown, options: ValidateOptions = {}): PlatformConfig {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw new PlatformConfigError([{ path: CONFIG_NAMESPACE, rule: "stack configuration must be a mapping of keys to values", value: raw }]);
  }
  const issues: ConfigIssue[] = [];
  const location = options.location;
  if (location === undefined || location === "") {
    issues.push({ path: "azure-native:location", rule: "is required (an Azure region such as westeurope)" });
  } else if (!/^[a-z][a-z0-9]+$/.test(location)) {
    issues.push({ path: "azure-native:location", rule: "must be an Azure region name such as westeurope", value: location });
  }

  const parsed = stackConfigSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    issues.push(...zodIssues(parsed.error));
    throw new PlatformConfigError(issues);
  }
  const cfg = parsed.data;

  const workspaceNames = cfg.workspaces.map((w) => w.name);
  cfg.workspaces.forEach((w, i) => {
    const first = workspaceNames.indexOf(w.name);
    if (first !== i) issues.push({ path: configPath(["workspaces", i, "name"]), rule: `must be unique (also used by workspaces[${first}])`, value: w.name });
    const bad = invalidNames(workspaceResourceNames(cfg.project, cfg.environment, w.name));
    for (const b of bad) issues.push({ path: configPath(["workspaces", i, "name"]), rule: `derives an invalid Azure name ${b}`, value: w.name });
  });

  const customRoles: RoleDefinition[] = [];
  const customRoleSources: CustomRoleSource[] = [];
  const baseDir = options.baseDir ?? process.cwd();
  (cfg.customRoles ?? []).forEach((ref, i) => {
    try {
      const role = loadRoleDefinitionFile(ref.file, baseDir, configPath(["customRoles", i, "file"]));
      const clash = customRoles.find((r) => r.name.toLowerCase() === role.name.toLowerCase());
      if (role.permissions.length !== 1)
        issues.push({ path: configPath(["customRoles", i, "file"]), rule: `must hold exactly one permissions block (az role definition create takes one; it has ${role.permissions.length})`, value: ref.file });
      else if (clash) issues.push({ path: configPath(["customRoles", i, "file"]), rule: `defines role "${role.name}" a second time`, value: ref.file });
      else {
        customRoles.push(role);
        customRoleSources.push({ role, path: configPath(["customRoles", i, "file"]) });
      }
    } catch (e) {
      if (!isPlatformConfigError(e)) throw e;
      issues.push(...e.issues);
    }
  });

  const catalog = new RoleCatalog(customRoles);
  const teams = cfg.teams ?? [];
  const checked = checkTeams(teams, catalog, workspaceNames, (i) => configPath(["teams", i]));
  // A role from a custom role file that failed to load would only be reported again as "unknown".
  const roleFileFailed = customRoles.length < (cfg.customRoles ?? []).length;
  issues.push(...checked.issues.filter((i) => !(roleFileFailed && i.path.endsWith(".role") && i.rule.startsWith("must be a built-in or custom role"))));
  // Access hook (config/access.ts): no custom role shadows a built-in; custom roles are assigned inside their AssignableScopes.
  const targets = cfg.workspaces.map((w) => {
    const names = workspaceResourceNames(cfg.project, cfg.environment, w.name);
    const existing = w.resourceGroup && "existingName" in w.resourceGroup ? w.resourceGroup.existingName : undefined;
    return { name: w.name, resourceGroupName: existing ?? names.resourceGroup, azureName: names.workspace };
  });
  issues.push(...checkCustomRoles(customRoleSources, teams, checked.roles, targets, (i) => configPath(["teams", i])));

  const workspaces = cfg.workspaces.map((w) => applyWorkspaceDefaults(w, cfg.environment));
  workspaces.forEach((w, i) => {
    // The managed firewall that FQDN rules run through exists only in approved-only outbound mode.
    if (needsFirewall(w.outboundRules) && w.managedNetworkIsolation !== "AllowOnlyApprovedOutbound")
      issues.push({ path: configPath(["workspaces", i, "outboundRules"]), rule: `FQDN rules and presets need managedNetworkIsolation: AllowOnlyApprovedOutbound (this workspace uses ${w.managedNetworkIsolation})` });
  });

  if (issues.length) throw new PlatformConfigError(issues);

  return {
    environment: cfg.environment,
    project: cfg.project,
    location: location as string,
    tags: cfg.tags ?? {},
    workspaces,
    customRoles,
    teams: teams.map((t, i) => ({
      ...t,
      admin: t.admin ?? false,
      scope: t.scope ?? "workspace",
      workspaces: t.workspaces ?? workspaceNames,
      roleDefinitions: checked.roles[i],
      dataAccess: t.dataAccess ?? defaultDataAccess(checked.roles[i]),
    })),
  };
}

/**
 * Rejects `azureml-platform:*` keys the package does not know, suggesting the nearest known key.
 * `allKeys` are fully qualified config keys (`namespace:key`) as Pulumi holds them.
 */
export function unknownNamespaceKeys(allKeys: readonly string[]): ConfigIssue[] {
  const prefix = `${CONFIG_NAMESPACE}:`;
  return allKeys
    .filter((k) => k.startsWith(prefix) && !ROOT_KEYS.includes(k.slice(prefix.length)))
    .map((k) => ({ path: k, rule: `is not a known setting; did you mean ${key(closest(k.slice(prefix.length), ROOT_KEYS, 1)[0])}?` }));
}
