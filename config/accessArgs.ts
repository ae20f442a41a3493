import { LOGICAL_NAME, LOGICAL_NAME_RULE } from "../naming";
import { RoleCatalog } from "../rbac/catalog";
import { RoleDefinition } from "../rbac/types";
import { isPlaceholderScope } from "../rbac/engine";
import { checkTeams, defaultDataAccess, shadowedBuiltIn } from "./access";
import { activationIssues } from "./activation";
import { ConfigIssue, PlatformConfigError } from "./errors";
import { DATA_ACCESS_LEVELS, GUID, PRINCIPAL_TYPES, REGISTRY_ACCESS, TEAM_SCOPES, UPN } from "./schema";

/** Plain view of one team of AccessModel args (values that are Outputs are skipped). */
export interface TeamArgsView {
  name: string;
  admin?: boolean;
  groupObjectId?: unknown;
  groupDisplayName?: unknown;
  createGroup?: boolean;
  members?: unknown;
  principalObjectId?: unknown;
  principalType?: unknown;
  role?: string;
  roles?: string[];
  dataAccess?: unknown;
  projectFileShares?: unknown;
  scope?: unknown;
  workspaces?: string[];
  registries?: string[];
  registryAccess?: unknown;
  activation?: unknown;
  maxActivation?: unknown;
  requireApproval?: unknown;
}

export interface PermissionView {
  actions?: string[];
  notActions?: string[];
  dataActions?: string[];
  notDataActions?: string[];
}

export interface CustomRoleArgsView extends PermissionView {
  name: string;
  description?: string;
  /** Permission blocks (what loadRoleDefinitionFile returns); exclusive with the flat lists. */
  permissions?: PermissionView[];
  /** Concrete scopes the role is held to. */
  assignableScopes?: readonly string[];
}

/** A workspace of AccessModel args, as far as validation needs it. */
export interface AccessTargetView {
  name: string;
  storageAccountId?: unknown;
}

function permission(p: PermissionView) {
  return { actions: p.actions ?? [], notActions: p.notActions ?? [], dataActions: p.dataActions ?? [], notDataActions: p.notDataActions ?? [] };
}

/** The role definition a custom role of AccessModel args stands for: its permission blocks, each kept, or the one flat block. */
export function customRoleDefinition(role: CustomRoleArgsView): RoleDefinition {
  return {
    name: role.name,
    description: role.description,
    isCustom: true,
    permissions: role.permissions !== undefined ? role.permissions.map(permission) : [permission(role)],
    // Held to the file's concrete scopes (placeholders dropped); none: wherever the model assigns it.
    assignableScopes: (role.assignableScopes ?? []).filter((s) => !isPlaceholderScope(s)),
  };
}

const FLAT_KEYS = ["actions", "notActions", "dataActions", "notDataActions"] as const;

/**
 * Checks AccessModel arguments before anything is registered: team shape (group xor principal),
 * GUID and UPN formats, scopes, known workspaces and roles, and the admin-only privilege guard.
 * Returns each team's resolved role definition.
 */
export function checkAccessModelArgs(
  name: string,
  teams: readonly TeamArgsView[],
  customRoles: readonly CustomRoleArgsView[],
  workspaces: readonly AccessTargetView[],
  registries: readonly { name: string }[] = [],
): RoleDefinition[][] {
  const at = (i: number) => `AccessModel "${name}" args.teams[${i}]`;
  const workspaceNames = workspaces.map((w) => w.name);
  const issues: ConfigIssue[] = [];
  const customs = customRoles.map(customRoleDefinition);
  customs.forEach((r, i) => {
    const roleAt = `AccessModel "${name}" args.customRoles[${i}]`;
    if (!r.name) issues.push({ path: `${roleAt}.name`, rule: "must not be empty", value: r.name });
    const builtIn = r.name ? shadowedBuiltIn(r.name) : undefined;
    if (builtIn !== undefined)
      issues.push({ path: `${roleAt}.name`, rule: `names custom role "${r.name}" like built-in role "${builtIn}" (any case); rename the custom role`, value: r.name });
    const flat = FLAT_KEYS.filter((k) => customRoles[i][k] !== undefined);
    if (customRoles[i].permissions !== undefined && flat.length)
      issues.push({ path: `${roleAt}.permissions`, rule: `use either permissions or ${flat.join(", ")}, not both`, value: r.name });
    else if (r.permissions.length === 0 || r.permissions.every((p) => p.actions.length === 0 && p.dataActions.length === 0))
      // A loaded role file whose permissions were dropped on the way would otherwise become a role that grants nothing.
      issues.push({ path: `${roleAt}.${customRoles[i].permissions !== undefined ? "permissions" : "actions"}`, rule: "must grant something: a custom role with empty Actions and DataActions is refused", value: r.name });
  });

  teams.forEach((t, i) => {
    if (typeof t.name !== "string" || !LOGICAL_NAME.test(t.name) || t.name.length > 40)
      issues.push({ path: `${at(i)}.name`, rule: `must be 1-40 characters of ${LOGICAL_NAME_RULE}`, value: t.name });
    const hasGroup = t.groupObjectId !== undefined || t.groupDisplayName !== undefined;
    const hasPrincipal = t.principalObjectId !== undefined;
    if (hasGroup === hasPrincipal)
      issues.push({ path: at(i), rule: "needs exactly one of a group (groupObjectId / groupDisplayName) or a principal (principalObjectId)" });
    if (t.groupObjectId !== undefined && t.groupDisplayName !== undefined)
      issues.push({ path: `${at(i)}.groupObjectId`, rule: "use either groupObjectId or groupDisplayName, not both", value: t.groupObjectId });
    for (const [field, value] of [["groupObjectId", t.groupObjectId], ["principalObjectId", t.principalObjectId]] as const) {
      if (typeof value === "string" && !GUID.test(value)) issues.push({ path: `${at(i)}.${field}`, rule: "must be a GUID (Entra ID object id)", value });
    }
    if (hasPrincipal && !PRINCIPAL_TYPES.includes(t.principalType as (typeof PRINCIPAL_TYPES)[number]))
      issues.push({ path: `${at(i)}.principalType`, rule: `must be one of ${PRINCIPAL_TYPES.join(" | ")}`, value: t.principalType });
    if (t.createGroup && t.groupDisplayName === undefined)
      issues.push({ path: `${at(i)}.createGroup`, rule: "needs groupDisplayName for the new group" });
    if (t.members !== undefined) {
      if (!t.createGroup) issues.push({ path: `${at(i)}.members`, rule: "can only be set on a group created here (createGroup: true)", value: t.members });
      if (!Array.isArray(t.members)) issues.push({ path: `${at(i)}.members`, rule: "must be a list of user principal names", value: t.members });
      else
        t.members.forEach((m, j) => {
          if (typeof m !== "string" || !UPN.test(m))
            issues.push({ path: `${at(i)}.members[${j}]`, rule: "must be a user principal name such as alice@contoso.com", value: m });
        });
    }
    if (t.role !== undefined && t.roles !== undefined) issues.push({ path: at(i), rule: "needs exactly one of role (one role) or roles (a list)" });
    else if (t.role === undefined && t.roles === undefined && t.registries === undefined)
      issues.push({ path: at(i), rule: "needs exactly one of role (one role) or roles (a list), or registries (a registry-only team)" });
    const registryNames = registries.map((r) => r.name);
    (t.registries ?? []).forEach((r, j) => {
      if (!registryNames.includes(r))
        issues.push({ path: `${at(i)}.registries[${j}]`, rule: `must name a registry of AccessModel args.registries (${registryNames.join(", ") || "none given"})`, value: r });
    });
    if (t.registryAccess !== undefined && !REGISTRY_ACCESS.includes(t.registryAccess as (typeof REGISTRY_ACCESS)[number]))
      issues.push({ path: `${at(i)}.registryAccess`, rule: `must be one of ${REGISTRY_ACCESS.join(" | ")}`, value: t.registryAccess });
    else if (t.registryAccess !== undefined && t.registries === undefined)
      issues.push({ path: `${at(i)}.registryAccess`, rule: "needs registries: the registries the access applies to", value: t.registryAccess });
    if (t.projectFileShares !== undefined && typeof t.projectFileShares !== "boolean")
      issues.push({ path: `${at(i)}.projectFileShares`, rule: "must be true or false", value: t.projectFileShares });
    if (t.dataAccess !== undefined && !DATA_ACCESS_LEVELS.includes(t.dataAccess as (typeof DATA_ACCESS_LEVELS)[number]))
      issues.push({ path: `${at(i)}.dataAccess`, rule: `must be one of ${DATA_ACCESS_LEVELS.join(" | ")}`, value: t.dataAccess });
    if (t.scope !== undefined && !TEAM_SCOPES.includes(t.scope as (typeof TEAM_SCOPES)[number]))
      issues.push({ path: `${at(i)}.scope`, rule: `must be one of ${TEAM_SCOPES.join(" | ")}`, value: t.scope });
    issues.push(...activationIssues(t, at(i), hasPrincipal ? (typeof t.principalType === "string" ? t.principalType : undefined) : "Group"));
  });

  const checked = checkTeams(teams, new RoleCatalog(customs), workspaceNames, at);
  issues.push(...checked.issues);
  // Data access is granted on each workspace's storage account: without its id the team's data access would silently be dropped.
  teams.forEach((t, i) => {
    const access = t.dataAccess ?? defaultDataAccess(checked.roles[i]);
    if (access === "none") return;
    const missing = workspaces.filter((w) => (t.workspaces ?? workspaceNames).includes(w.name) && w.storageAccountId === undefined);
    if (missing.length)
      issues.push({
        path: `${at(i)}.dataAccess`,
        rule: `is ${JSON.stringify(access)}${t.dataAccess === undefined ? " (the default for a role that submits jobs)" : ""}, which needs storageAccountId on workspace ${missing.map((w) => w.name).join(", ")}; pass it (WorkspaceStack.accessTarget has it) or set dataAccess: "none"`,
        value: access,
      });
  });
  if (issues.length) throw new PlatformConfigError(issues);
  return checked.roles;
}
