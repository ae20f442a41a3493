import { LOGICAL_NAME, LOGICAL_NAME_RULE } from "../naming";
import { RoleCatalog } from "../rbac/catalog";
import { RoleDefinition } from "../rbac/types";
import { checkTeams } from "./access";
import { ConfigIssue, PlatformConfigError } from "./errors";
import { DATA_ACCESS_LEVELS, GUID, PRINCIPAL_TYPES, TEAM_SCOPES, UPN } from "./schema";

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
  scope?: unknown;
  workspaces?: string[];
}

export interface CustomRoleArgsView {
  name: string;
  actions?: string[];
  notActions?: string[];
  dataActions?: string[];
  notDataActions?: string[];
  description?: string;
}

export function customRoleDefinition(role: CustomRoleArgsView): RoleDefinition {
  return {
    name: role.name,
    description: role.description,
    isCustom: true,
    permissions: [
      { actions: role.actions ?? [], notActions: role.notActions ?? [], dataActions: role.dataActions ?? [], notDataActions: role.notDataActions ?? [] },
    ],
    assignableScopes: [],
  };
}

/**
 * Checks AccessModel arguments before anything is registered: team shape (group xor principal),
 * GUID and UPN formats, scopes, known workspaces and roles, and the admin-only privilege guard.
 * Returns each team's resolved role definition.
 */
export function checkAccessModelArgs(
  name: string,
  teams: readonly TeamArgsView[],
  customRoles: readonly CustomRoleArgsView[],
  workspaceNames: readonly string[],
): RoleDefinition[][] {
  const at = (i: number) => `AccessModel "${name}" args.teams[${i}]`;
  const issues: ConfigIssue[] = [];
  const customs = customRoles.map(customRoleDefinition);
  customs.forEach((r, i) => {
    if (!r.name) issues.push({ path: `AccessModel "${name}" args.customRoles[${i}].name`, rule: "must not be empty", value: r.name });
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
    if ((t.role === undefined) === (t.roles === undefined)) issues.push({ path: at(i), rule: "needs exactly one of role (one role) or roles (a list)" });
    if (t.dataAccess !== undefined && !DATA_ACCESS_LEVELS.includes(t.dataAccess as (typeof DATA_ACCESS_LEVELS)[number]))
      issues.push({ path: `${at(i)}.dataAccess`, rule: `must be one of ${DATA_ACCESS_LEVELS.join(" | ")}`, value: t.dataAccess });
    if (t.scope !== undefined && !TEAM_SCOPES.includes(t.scope as (typeof TEAM_SCOPES)[number]))
      issues.push({ path: `${at(i)}.scope`, rule: `must be one of ${TEAM_SCOPES.join(" | ")}`, value: t.scope });
  });

  const checked = checkTeams(teams, new RoleCatalog(customs), workspaceNames, at);
  issues.push(...checked.issues);
  if (issues.length) throw new PlatformConfigError(issues);
  return checked.roles;
}
