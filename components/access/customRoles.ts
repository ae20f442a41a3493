import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import { nameSlug } from "../../naming";
import { deterministicGuid } from "../../rbac/ids";
import { customRoleDefinition } from "../../config/accessArgs";
import { isPlaceholderScope } from "../../rbac/engine";
import { CustomRoleArgs } from "./args";

/**
 * The stack's custom role definitions. Azure role names are unique per tenant, so the Azure name
 * carries the stack (`Data Scientist (fraud-prod)`) and the definition GUID derives from
 * (subscription, project, environment, role name): dev and prod, or two projects, never collide.
 * Teams still refer to the role by its file's name. Each role is assignable exactly where the model
 * assigns it (`assignableScopes`), never at a placeholder scope copied from a role file.
 */
export function createCustomRoles(
  model: string,
  roles: readonly CustomRoleArgs[],
  stack: { project: string; environment: string },
  subscriptionId: pulumi.Output<string>,
  assignableScopes: (role: CustomRoleArgs) => pulumi.Output<string[]>,
  parent: pulumi.Resource,
): Record<string, pulumi.Output<string>> {
  const ids: Record<string, pulumi.Output<string>> = {};
  const label = stack.project === stack.environment ? stack.project : `${stack.project}-${stack.environment}`;
  for (const custom of roles) {
    ids[custom.name.toLowerCase()] = new authorization.RoleDefinition(
      `${model}-role-${nameSlug(custom.name)}`,
      {
        roleDefinitionId: subscriptionId.apply((sub) => deterministicGuid("custom-role", sub, stack.project, stack.environment, custom.name)),
        roleName: `${custom.name} (${label})`,
        description: custom.description,
        roleType: "CustomRole",
        // Created at its first held scope, as az does (azure-cli role/_multi_api_adaptor.py
        // create_role_definition: `scope = assignableScopes[0]`), else at the subscription.
        scope: heldScopes(custom)[0] ?? pulumi.interpolate`/subscriptions/${subscriptionId}`,
        // Every permission block, as the matrix evaluates them (a loaded role file's `permissions`, or the flat lists).
        permissions: customRoleDefinition(custom).permissions,
        assignableScopes: assignableScopes(custom),
      },
      { parent },
    ).id;
  }
  return ids;
}

/** A custom role's concrete assignable scopes (placeholders copied from the docs dropped). */
export function heldScopes(role: { assignableScopes?: readonly string[] }): string[] {
  return (role.assignableScopes ?? []).filter((s) => !isPlaceholderScope(s));
}
