import { allows, grantsRoleAssignmentWrite, isPlaceholderScope } from "../rbac/engine";
import { KEY_OPERATIONS } from "../rbac/operations";
import { RoleCatalog } from "../rbac/catalog";
import { BUILT_IN_ALIASES, BUILT_IN_ROLES } from "../rbac/builtinRoles";
import { RoleDefinition } from "../rbac/types";
import { ConfigIssue } from "./errors";

/** The parts of a team that access checks need, whether it came from stack config or component args. */
export interface TeamAccessSpec {
  name: string;
  admin?: boolean;
  /** One role, or `roles` for several (exactly one of the two). */
  role?: string;
  roles?: string[];
  workspaces?: string[];
  /** Where the team's roles are assigned (`workspace`, `resourceGroup`, `subscription`). @default "workspace" */
  scope?: unknown;
}

/** The role references of a team, whichever key it used. */
export function teamRoleReferences(team: Pick<TeamAccessSpec, "role" | "roles">): string[] {
  return team.roles ?? (team.role !== undefined ? [team.role] : []);
}

export type DataAccess = "none" | "read" | "readWrite";

/**
 * A team's data access when it does not say: `readWrite` when one of its roles can submit jobs (a
 * job reads inputs and writes outputs through the workspace storage with identity-based datastores),
 * else `none`.
 */
export function defaultDataAccess(roles: readonly RoleDefinition[]): DataAccess {
  return roles.some((r) => allows(r, KEY_OPERATIONS.submitJob)) ? "readWrite" : "none";
}

/**
 * Cross-team rules shared by stack-config validation and the AccessModel component: unique names,
 * known roles (with the closest names suggested), known workspaces, and the privilege guard — only
 * admin teams may hold a role that can write role assignments.
 */
export function checkTeams(
  teams: readonly TeamAccessSpec[],
  catalog: RoleCatalog,
  workspaceNames: readonly string[] | undefined,
  pathOf: (index: number) => string,
): { issues: ConfigIssue[]; roles: RoleDefinition[][] } {
  const issues: ConfigIssue[] = [];
  const seen = new Map<string, number>();
  const roles = teams.map((team, i) => {
    const prev = seen.get(team.name);
    if (prev !== undefined) issues.push({ path: `${pathOf(i)}.name`, rule: `must be unique (also used by ${pathOf(prev)})`, value: team.name });
    else seen.set(team.name, i);

    for (const ws of team.workspaces ?? []) {
      if (workspaceNames && !workspaceNames.includes(ws))
        issues.push({ path: `${pathOf(i)}.workspaces`, rule: `must name workspaces of this stack (${workspaceNames.join(", ")})`, value: ws });
    }

    const resolved: RoleDefinition[] = [];
    const many = team.roles !== undefined;
    teamRoleReferences(team).forEach((reference, j) => {
      const at = many ? `${pathOf(i)}.roles[${j}]` : `${pathOf(i)}.role`;
      const role = catalog.resolve(reference);
      if (!role) {
        issues.push({ path: at, rule: `must be a built-in or custom role; closest: ${catalog.suggestions(reference).join(", ")}`, value: reference });
      } else if (!team.admin && grantsRoleAssignmentWrite(role, "strict")) {
        // Strict: a role that writes role assignments under either reading of a `/*/` segment is privileged.
        issues.push({ path: at, rule: `grants Microsoft.Authorization/roleAssignments/write, which only teams marked admin: true may hold`, value: reference });
      } else if (resolved.includes(role)) {
        issues.push({ path: at, rule: "names a role the team already holds", value: reference });
      } else resolved.push(role);
    });
    return resolved;
  });
  return { issues, roles };
}

/**
 * A custom role named like a built-in role (or one of its aliases), in any case: teams naming it
 * would silently get the custom role instead of the built-in one (an admin team's `Owner`), and the
 * privilege guard would judge the wrong role. Returns the built-in role's name, or undefined.
 */
export function shadowedBuiltIn(customName: string): string | undefined {
  const key = customName.trim().toLowerCase();
  const builtIn = BUILT_IN_ROLES.find((r) => r.name.toLowerCase() === key);
  if (builtIn) return builtIn.name;
  const alias = Object.keys(BUILT_IN_ALIASES).find((a) => a === key);
  return alias === undefined ? undefined : BUILT_IN_ALIASES[alias];
}

/** A custom role of the stack and the config path that defined it. */
export interface CustomRoleSource {
  role: RoleDefinition;
  path: string;
}

/** A workspace as config knows it before deployment: its logical, resource group and workspace names. */
export interface WorkspaceNames {
  name: string;
  resourceGroupName: string;
  /** The workspace's Azure name. */
  azureName: string;
}

/** Structural scope: `[subscription?, resourceGroup?, provider/type/name…]`, lower-cased; undefined for management groups or malformed scopes. */
function scopePath(scope: string): { sub: string; rg?: string; rest: string[]; level: "subscription" | "resourceGroup" | "resource" } | undefined {
  const parts = scope.split("/").filter(Boolean).map((p) => p.toLowerCase());
  if (parts[0] !== "subscriptions" || parts.length < 2) return undefined;
  const sub = parts[1];
  if (parts.length === 2) return { sub, level: "subscription", rest: [] };
  if (parts[2] !== "resourcegroups" || parts.length < 4) return undefined;
  return parts.length === 4 ? { sub, level: "resourceGroup", rg: parts[3], rest: [] } : { sub, level: "resource", rg: parts[3], rest: parts.slice(4) };
}

/**
 * Whether a concrete assignable scope covers a team's assignment. The subscription is not known when
 * config is validated (it is the deploying credentials'), so only what config names is compared: the
 * resource group and the workspace. A management-group scope, or one this cannot read, is given the
 * benefit of the doubt (the deployability policy checks the resolved scopes).
 */
function assignableCovers(assignable: string, level: string, ws: WorkspaceNames, subscriptionId?: string): boolean {
  const s = scopePath(assignable);
  if (!s) return true;
  // Another subscription's group of the same name is another group (known when the stack sets azure-native:subscriptionId).
  if (subscriptionId !== undefined && s.sub !== subscriptionId.toLowerCase()) return false;
  if (s.level === "subscription") return true;
  if (level === "subscription") return false;
  if (s.rg !== ws.resourceGroupName.toLowerCase()) return false;
  if (s.level === "resourceGroup") return true;
  return level === "workspace" && s.rest.join("/") === `providers/microsoft.machinelearningservices/workspaces/${ws.azureName.toLowerCase()}`;
}

/**
 * Custom-role rules of stack config: no custom role shadows a built-in one, and every team
 * assignment of a custom role with concrete AssignableScopes lies inside them — Azure refuses to
 * create an assignment outside a role's AssignableScopes (role-definitions.md, "AssignableScopes").
 * Placeholder scopes copied from the docs (`<subscription_id>`) are ignored: the stack sets the
 * role's assignable scopes to where it assigns it.
 */
export function checkCustomRoles(
  customRoles: readonly CustomRoleSource[],
  teams: readonly TeamAccessSpec[],
  teamRoles: readonly (readonly RoleDefinition[])[],
  workspaces: readonly WorkspaceNames[],
  pathOf: (index: number) => string,
  subscriptionId?: string,
): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const { role, path } of customRoles) {
    const builtIn = shadowedBuiltIn(role.name);
    if (builtIn !== undefined)
      issues.push({ path, rule: `defines custom role "${role.name}" with the name of built-in role "${builtIn}" (any case); rename the custom role`, value: role.name });
  }
  const custom = new Set(customRoles.map((c) => c.role));
  teams.forEach((team, i) => {
    const level = typeof team.scope === "string" ? team.scope : "workspace";
    const targets = workspaces.filter((w) => (team.workspaces ?? workspaces.map((x) => x.name)).includes(w.name));
    const references = teamRoleReferences(team);
    teamRoles[i].forEach((role) => {
      if (!custom.has(role)) return;
      const concrete = role.assignableScopes.filter((s) => !isPlaceholderScope(s));
      if (concrete.length === 0) return;
      const j = Math.max(0, references.findIndex((r) => r.trim().toLowerCase() === role.name.toLowerCase()));
      const at = team.roles !== undefined ? `${pathOf(i)}.roles[${j}]` : `${pathOf(i)}.role`;
      const outside = targets.filter((w) => !concrete.some((s) => assignableCovers(s, level, w, subscriptionId)));
      if (outside.length)
        issues.push({
          path: at,
          rule: `assigns custom role "${role.name}" at ${level} scope of ${outside.map((w) => `workspace ${w.name} (resource group ${w.resourceGroupName}${subscriptionId ? ` in subscription ${subscriptionId}` : ""})`).join(", ")}, outside its AssignableScopes (${concrete.join(", ")}); Azure refuses such an assignment`,
          value: references[j] ?? role.name,
        });
    });
  });
  return issues;
}
