import { allows, grantsRoleAssignmentWrite } from "../rbac/engine";
import { KEY_OPERATIONS } from "../rbac/operations";
import { RoleCatalog } from "../rbac/catalog";
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
      } else if (!team.admin && grantsRoleAssignmentWrite(role)) {
        issues.push({ path: at, rule: `grants Microsoft.Authorization/roleAssignments/write, which only teams marked admin: true may hold`, value: reference });
      } else if (resolved.includes(role)) {
        issues.push({ path: at, rule: "names a role the team already holds", value: reference });
      } else resolved.push(role);
    });
    return resolved;
  });
  return { issues, roles };
}
