import * as authorization from "@pulumi/azure-native/authorization";
import { policyNameFromAssignments } from "../../rbac/pim";

/**
 * Finds the name (a GUID Azure assigns) of the role management policy of a role at a scope. Every
 * role at every scope has one, created by Azure with the scope; it cannot be created, only updated,
 * and azure-native's RoleManagementPolicy addresses it by that name
 * (https://learn.microsoft.com/rest/api/authorization/privileged-role-policy-rest-sample: "You do not
 * need to Create role management policies as each role within each resource has a default policy").
 */
export type RoleManagementPolicyNameResolver = (scope: string, roleDefinitionId: string) => Promise<string>;

const ARM = "https://management.azure.com";
const API_VERSION = "2020-10-01";

/**
 * The resolver of a real `pulumi preview`/`up`: Role Management Policy Assignments - List For Scope
 * with the provider's own credentials (azure-native's getClientToken), following nextLink, then the
 * assignment of the role at that very scope. Reading it needs Microsoft.Authorization/roleAssignments/read
 * at the scope (every built-in role has it). Azure public cloud endpoint.
 */
export const armRoleManagementPolicyName: RoleManagementPolicyNameResolver = async (scope, roleDefinitionId) => {
  const { token } = await authorization.getClientToken();
  let url: string | undefined = `${ARM}${scope}/providers/Microsoft.Authorization/roleManagementPolicyAssignments?api-version=${API_VERSION}`;
  while (url) {
    const response = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
    if (!response.ok)
      throw new Error(
        `looking up the role management policy of ${roleDefinitionId} at ${scope} failed (HTTP ${response.status}): ${(await response.text()).slice(0, 300)}`,
      );
    const body = (await response.json()) as { nextLink?: string };
    const name = policyNameFromAssignments(body, scope, roleDefinitionId);
    if (name) return name;
    url = body.nextLink;
  }
  throw new Error(`no role management policy for ${roleDefinitionId} at ${scope}: Azure creates one per role and scope; is the scope's resource created and PIM available in the tenant (Entra ID P2 or Governance)?`);
};

let resolver: RoleManagementPolicyNameResolver = armRoleManagementPolicyName;

/** The resolver AccessModel uses. */
export function roleManagementPolicyName(scope: string, roleDefinitionId: string): Promise<string> {
  return resolver(scope, roleDefinitionId);
}

/**
 * Replaces the resolver (the offline plan and tests, which have no Azure to ask); no argument
 * restores the ARM look-up. Returns the previous one.
 */
export function setRoleManagementPolicyNameResolver(next?: RoleManagementPolicyNameResolver): RoleManagementPolicyNameResolver {
  const previous = resolver;
  resolver = next ?? armRoleManagementPolicyName;
  return previous;
}
