import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { roleDefinitionGuid } from "../../rbac/catalog";
import { isManagementGroupScope, scopeCovers } from "../../rbac/engine";
import { DeferredReads, isType, read, resourceGroupOf, TYPES, UNKNOWN } from "../lib/azure";
import { indices, segments, Tri } from "../lib/deploy";

/** The custom role of the stack an assignment assigns: by dependency on its id, or by its known GUID. */
function customRoleOf(a: PolicyResource, roles: readonly PolicyResource[]): PolicyResource | undefined {
  const dep = (a.propertyDependencies?.roleDefinitionId ?? []).find((d) => roles.includes(d));
  if (dep) return dep;
  const ref = read(a.props, "roleDefinitionId");
  const guid = typeof ref === "string" ? roleDefinitionGuid(ref) : undefined;
  return guid ? roles.find((r) => String(read(r.props, "roleDefinitionId")).toLowerCase() === guid) : undefined;
}

/** Root and management-group assignable scopes: the hierarchy below a management group is not visible, so they are taken to contain any scope. */
function containsAnything(scope: string): boolean {
  return segments(scope).length === 0 || isManagementGroupScope(scope);
}

/**
 * Whether an assignment scope built from `dep` (unknown during preview) lies within a known
 * assignable resource-group scope: `dep` is that resource group, or a resource in it.
 */
function resourceWithinGroup(dep: PolicyResource, assignable: string): Tri {
  const parts = segments(assignable);
  if (parts.length !== 4 || parts[2] !== "resourcegroups") return "unknown";
  const rg = isType(dep.type, TYPES.resourceGroup) ? read(dep.props, "resourceGroupName") : resourceGroupOf(dep.props);
  return typeof rg === "string" ? rg.toLowerCase() === parts[3] : "unknown";
}

/** Whether an unknown assignment scope (built from `deps`) lies within an unknown assignable scope built from `roleDeps`. */
function builtWithin(deps: readonly PolicyResource[], roleDeps: readonly PolicyResource[]): boolean {
  return deps.some((d) => roleDeps.includes(d) || (d.propertyDependencies?.resourceGroupName ?? []).some((g) => roleDeps.includes(g)));
}

export const roleAssignmentWithinAssignableScopes: StackValidationPolicy = {
  name: "role-assignment-within-assignable-scopes",
  description:
    "An assignment of a custom role defined in the stack is at one of the role's AssignableScopes or below it; ARM refuses an assignment anywhere else. Encodes role-based-access-control/role-definitions (\"AssignableScopes\").",
  severity: "high",
  url: "https://learn.microsoft.com/azure/role-based-access-control/role-definitions#assignablescopes",
  remediationSteps: "Add the assignment's scope (or a resource group / subscription above it) to the role's assignableScopes, or assign the role inside them.",
  validateStack: (args, reportViolation) => {
    const deferred = new DeferredReads();
    const roles = args.resources.filter((r) => isType(r.type, TYPES.roleDefinition));
    for (const a of args.resources.filter((r) => isType(r.type, TYPES.roleAssignment))) {
      const role = customRoleOf(a, roles);
      if (!role) {
        // An unknown role built from nothing visible may still be one of the stack's custom roles.
        if (roles.length && read(a.props, "roleDefinitionId") === UNKNOWN && !(a.propertyDependencies?.roleDefinitionId ?? []).length) deferred.add(a.props, "roleDefinitionId");
        continue;
      }
      const assignable = read<unknown[]>(role.props, "assignableScopes");
      const scope = read(a.props, "scope");
      const deps = a.propertyDependencies?.scope ?? [];
      const roleDeps = role.propertyDependencies?.assignableScopes ?? [];
      // A list holding an output (`[rg.id]`) is unknown as a whole in a first preview.
      if (assignable === UNKNOWN) {
        if (!(scope === UNKNOWN && builtWithin(deps, roleDeps))) deferred.add(role.props, "assignableScopes");
        continue;
      }
      const scopes = indices(Array.isArray(assignable) ? assignable : []).map((i) => read(role.props, `assignableScopes.${i}`));
      let verdict: Tri = false;
      for (const s of scopes) {
        let within: Tri;
        if (typeof s === "string" && containsAnything(s)) within = true;
        else if (s === UNKNOWN) within = scope === UNKNOWN && builtWithin(deps, roleDeps) ? true : "unknown";
        else if (typeof s !== "string") within = false;
        else if (typeof scope === "string") within = scopeCovers(s, scope);
        else if (scope === UNKNOWN) {
          const each = deps.map((d) => resourceWithinGroup(d, s));
          within = each.includes(true) ? true : each.includes("unknown") || deps.length === 0 ? "unknown" : false;
        }
        else within = false;
        if (within === true) verdict = true;
        else if (within === "unknown" && verdict === false) verdict = "unknown";
        if (verdict === true) break;
      }
      if (verdict === "unknown") deferred.add(scope === UNKNOWN ? a.props : role.props, scope === UNKNOWN ? "scope" : "assignableScopes");
      else if (verdict === false)
        reportViolation(
          `role assignment ${a.name} assigns custom role ${role.name} at ${typeof scope === "string" ? scope : "a scope"} outside its assignable scopes ${JSON.stringify(scopes.map((s) => (typeof s === "string" ? s : "(unknown)")))}: ARM refuses it`,
          a.urn,
        );
    }
    deferred.settle();
  },
};
