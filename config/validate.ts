import { z } from "zod";
import { RoleCatalog } from "../rbac/catalog";
import { loadRoleDefinitionFile } from "../rbac/roleFile";
import { RoleDefinition } from "../rbac/types";
import { CustomRoleSource, DataAccess, checkCustomRoles, checkTeams, defaultDataAccess } from "./access";
import { Activation, DEFAULT_MAX_ACTIVATION, activationIssues } from "./activation";
import { ConfigIssue, PlatformConfigError, isPlatformConfigError } from "./errors";
import { CONFIG_NAMESPACE, Environment, ROOT_KEYS, RegistryEntry, TeamEntry, WorkspaceEntry, isRegistryId, stackConfigSchema, teamSchema } from "./schema";
import { ResolvedWorkspace, resolveWorkspace, resolvedWorkspaceIssues } from "./workspace";
import { ResolvedRegistry, resolveRegistry } from "./registry";
import { RegistryResourceNames, registryResourceNames, workspaceResourceNames } from "../naming";
import { ResolvedBudget, resolveBudget } from "./budget";
import { closest } from "./suggest";
import { zodIssues } from "./zodIssues";
import { AzurePolicyConfig, checkAzurePolicy } from "./azurePolicy";

/** A validated workspace entry (the keys as written) with its defaults applied in `settings`. */
export type WorkspaceConfig = WorkspaceEntry & { settings: ResolvedWorkspace };
export type ComputeConfig = ResolvedWorkspace["computes"][number];

export interface TeamConfig extends TeamEntry {
  admin: boolean;
  scope: "workspace" | "resourceGroup" | "subscription";
  /** Workspaces the team is granted on (all of the stack's by default). */
  workspaces: string[];
  /** The team's roles, resolved (one for `role`, several for `roles`). */
  roleDefinitions: RoleDefinition[];
  /** Data-plane access on each of the team's workspaces' storage accounts. */
  dataAccess: DataAccess;
  /** Registries of the stack the team is granted on (none by default). */
  registries: string[];
  /** `read`: use the registries' assets; `publish`: create and delete them too. */
  registryAccess: "read" | "publish";
  /** `eligible`: the team's roles are PIM eligibilities, activated just in time. */
  activation: Activation;
  /** Longest activation (ISO 8601), set for eligible teams (default PT8H). */
  maxActivation?: string;
}

/** A registry of the stack with its defaults applied. */
export interface RegistryConfig extends ResolvedRegistry {
  name: string;
  names: RegistryResourceNames;
}

/** The validated, defaulted stack configuration the program builds from. */
export interface PlatformConfig {
  environment: Environment;
  project: string;
  location: string;
  tags: Record<string, string>;
  workspaces: WorkspaceConfig[];
  registries: RegistryConfig[];
  customRoles: RoleDefinition[];
  teams: TeamConfig[];
  /** `azureml-platform:budget`: one budget over the resource groups the stack creates (`resourceGroupNames`). */
  budget?: ResolvedBudget & { resourceGroupNames: string[] };
  /** Azure Policy assignments on the resource groups the stack creates; undefined when the key is absent (none). */
  azurePolicy?: AzurePolicyConfig;
}

export interface ValidateOptions {
  /** `azure-native:location`. */
  location?: string;
  /** Directory custom role files are resolved against (the Pulumi project directory). */
  baseDir?: string;
  /** `azure-native:subscriptionId`, when the stack sets it: resources that must share the workspace's subscription are checked against it. */
  subscriptionId?: string;
}

const key = (k: string) => `${CONFIG_NAMESPACE}:${k}`;

/** `["workspaces", 0, "computes", 1, "minNodes"]` → `azureml-platform:workspaces[0].computes[1].minNodes`. */
export function configPath(segments: readonly PropertyKey[]): string {
  if (segments.length === 0) return CONFIG_NAMESPACE;
  let out = key(String(segments[0]));
  for (const s of segments.slice(1)) out += typeof s === "number" ? `[${s}]` : `.${String(s)}`;
  return out;
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
    issues.push(...zodIssues(parsed.error, configPath, stackConfigSchema));
    // Every problem at once: teams whose shape is valid still get their roles checked (built-in roles;
    // custom role files are read once the whole config parses).
    const teams = z.array(teamSchema).safeParse((raw as Record<string, unknown>).teams);
    if (teams.success) {
      const names = Array.isArray((raw as Record<string, unknown>).workspaces) ? ((raw as { workspaces: { name?: unknown }[] }).workspaces.map((w) => String(w?.name))) : [];
      issues.push(...checkTeams(teams.data, new RoleCatalog([]), names, (i) => configPath(["teams", i])).issues.filter((i) => i.rule.startsWith("must be a built-in or custom role") && !(raw as { customRoles?: unknown }).customRoles));
    }
    throw new PlatformConfigError(issues);
  }
  const cfg = parsed.data;

  const workspaceNames = cfg.workspaces.map((w) => w.name);
  cfg.workspaces.forEach((w, i) => {
    const first = workspaceNames.indexOf(w.name);
    if (first !== i) issues.push({ path: configPath(["workspaces", i, "name"]), rule: `must be unique (also used by workspaces[${first}])`, value: w.name });
  });

  issues.push(...hubAndRegistryIssues(cfg));

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
    const existing = w.resourceGroup?.existingName;
    return { name: w.name, resourceGroupName: existing ?? names.resourceGroup, azureName: names.workspace };
  });
  issues.push(...checkCustomRoles(customRoleSources, teams, checked.roles, targets, (i) => configPath(["teams", i]), options.subscriptionId));
  teams.forEach((t, i) => issues.push(...activationIssues(t, configPath(["teams", i]), t.principal?.type ?? (t.group ? "Group" : undefined))));

  const workspaces: WorkspaceConfig[] = cfg.workspaces.map((w, i) => {
    const settings = resolveWorkspace(w, cfg.environment);
    const check = { project: cfg.project, environment: cfg.environment, name: w.name, subscriptionId: options.subscriptionId };
    issues.push(...resolvedWorkspaceIssues(settings, check, (segments) => configPath(["workspaces", i, ...segments])));
    return { ...w, settings };
  });

  // A stack budget counts the groups the stack creates: adopted groups are someone else's to budget.
  const createdGroups = cfg.workspaces.filter((w) => w.resourceGroup?.existingName === undefined).map((w) => workspaceResourceNames(cfg.project, cfg.environment, w.name).resourceGroup);
  if (cfg.budget && createdGroups.length === 0)
    issues.push({ path: configPath(["budget"]), rule: "needs a resource group the stack creates (every workspace sets resourceGroup.existingName): give the workspaces a budget of their own instead" });
  const azurePolicy = checkAzurePolicy(cfg.azurePolicy, cfg.environment, workspaces.map((w) => w.settings), configPath);
  issues.push(...azurePolicy.issues);

  if (issues.length) throw new PlatformConfigError(issues);

  return {
    environment: cfg.environment,
    project: cfg.project,
    location: location as string,
    tags: cfg.tags ?? {},
    workspaces,
    registries: (cfg.registries ?? []).map((r) => ({ name: r.name, ...resolveRegistry(r, cfg.environment), names: registryResourceNames(cfg.project, cfg.environment, r.name) })),
    customRoles,
    teams: teams.map((t, i) => ({
      ...t,
      admin: t.admin ?? false,
      scope: t.scope ?? "workspace",
      workspaces: t.workspaces ?? workspaceNames,
      roleDefinitions: checked.roles[i],
      dataAccess: t.dataAccess ?? defaultDataAccess(checked.roles[i]),
      registries: t.registries ?? [],
      registryAccess: t.registryAccess ?? "read",
      activation: t.activation ?? "active",
      maxActivation: t.activation === "eligible" ? t.maxActivation ?? DEFAULT_MAX_ACTIVATION : undefined,
    })),
    ...(cfg.budget ? { budget: { ...resolveBudget(cfg.budget), resourceGroupNames: createdGroups } } : {}),
    ...(azurePolicy.value ? { azurePolicy: azurePolicy.value } : {}),
  };
}

/**
 * Cross-entry rules of hubs, projects and registries: a project's hub is a hub of this stack, names
 * of registries are unique and derive valid Azure names, and what workspaces and teams list are
 * registries of this stack.
 */
function hubAndRegistryIssues(cfg: { project: string; environment: Environment; workspaces: WorkspaceEntry[]; registries?: RegistryEntry[]; teams?: TeamEntry[] }): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const hubs = cfg.workspaces.filter((w) => w.kind === "hub").map((w) => w.name);
  cfg.workspaces.forEach((w, i) => {
    const hub = w.hub?.name;
    if (hub !== undefined && !hubs.includes(hub))
      issues.push({ path: configPath(["workspaces", i, "hub"]), rule: hubs.length ? `must name a workspace of kind: hub in this stack (${hubs.join(", ")})` : "must name a workspace of kind: hub in this stack (there is none; or use { existingId: <hub workspace id> })", value: hub });
  });
  const registryNames = (cfg.registries ?? []).map((r) => r.name);
  (cfg.registries ?? []).forEach((r, i) => {
    const first = registryNames.indexOf(r.name);
    if (first !== i) issues.push({ path: configPath(["registries", i, "name"]), rule: `must be unique (also used by registries[${first}])`, value: r.name });
  });
  const known = registryNames.length ? `(${registryNames.join(", ")})` : "(there is none; an existing registry is named by its resource id)";
  cfg.workspaces.forEach((w, i) =>
    (w.registries ?? []).forEach((r, j) => {
      if (typeof r === "string" && !isRegistryId(r) && !registryNames.includes(r))
        issues.push({ path: configPath(["workspaces", i, "registries", j]), rule: `must name a registry of this stack ${known} or be an Azure ML registry id`, value: r });
    }),
  );
  (cfg.teams ?? []).forEach((t, i) =>
    (t.registries ?? []).forEach((r, j) => {
      if (!registryNames.includes(r)) issues.push({ path: configPath(["teams", i, "registries", j]), rule: `must name a registry of this stack ${registryNames.length ? `(${registryNames.join(", ")})` : "(there is none)"}`, value: r });
    }),
  );
  return issues;
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
