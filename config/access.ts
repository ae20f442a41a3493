import { grantsRoleAssignmentWrite } from "../rbac/engine";
import { RoleCatalog } from "../rbac/catalog";
import { RoleDefinition } from "../rbac/types";
import { ConfigIssue } from "./errors";

/** The parts of a team that access checks need, whether it came from stack config or component args. */
export interface TeamAccessSpec {
  name: string;
  admin?: boolean;
  role: string;
  workspaces?: string[];
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
): { issues: ConfigIssue[]; roles: (RoleDefinition | undefined)[] } {
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

    const role = catalog.resolve(team.role);
    if (!role) {
      issues.push({ path: `${pathOf(i)}.role`, rule: `must be a built-in or custom role; closest: ${catalog.suggestions(team.role).join(", ")}`, value: team.role });
    } else if (!team.admin && grantsRoleAssignmentWrite(role)) {
      issues.push({
        path: `${pathOf(i)}.role`,
        rule: `grants Microsoft.Authorization/roleAssignments/write, which only teams marked admin: true may hold`,
        value: team.role,
      });
    }
    return role;
  });
  return { issues, roles };
}
