import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { PRINCIPAL_TYPES } from "../../config/schema";
import { DeferredReads, isType, read, TYPES, UNKNOWN } from "../lib/azure";

/** The principal type a principal created in this stack must be assigned with. */
function expectedType(source: PolicyResource): string | undefined {
  if (isType(source.type, TYPES.group)) return "Group";
  if (source.type === "azuread:index/user:User") return "User";
  if (source.type === "azuread:index/servicePrincipal:ServicePrincipal") return "ServicePrincipal";
  // A workspace's (or compute's) system-assigned identity is a service principal.
  if (isType(source.type, TYPES.workspace) || isType(source.type, TYPES.compute)) return "ServicePrincipal";
  return undefined;
}

/**
 * A stack policy because the mistake is only visible against the principal's source: azure-native
 * fills a missing principalType with "User", so a group assigned without one fails at deploy time
 * with PrincipalNotFound (or is looked up as the wrong kind).
 */
export const roleAssignmentMustSetPrincipalType: StackValidationPolicy = {
  name: "role-assignment-must-set-principal-type",
  description:
    "Role assignments set principalType, matching the principal: without it Azure looks the principal up and fails with PrincipalNotFound right after a group or identity is created, and azure-native silently assumes User.",
  severity: "medium",
  remediationSteps: "Set principalType to Group for groups, ServicePrincipal for service principals and managed identities, User for users.",
  validateStack: (args, reportViolation) => {
    const deferred = new DeferredReads();
    for (const a of args.resources.filter((r) => isType(r.type, TYPES.roleAssignment))) {
      const type = read<string>(a.props, "principalType");
      if (type === UNKNOWN) {
        deferred.add(a.props, "principalType");
        continue;
      }
      if (typeof type !== "string" || !(PRINCIPAL_TYPES as readonly string[]).includes(type)) {
        reportViolation(`principalType of ${a.name} must be one of ${PRINCIPAL_TYPES.join(", ")} (got ${JSON.stringify(type)})`, a.urn);
        continue;
      }
      for (const source of a.propertyDependencies?.principalId ?? []) {
        const expected = expectedType(source);
        if (expected && expected !== type)
          reportViolation(`${a.name} assigns ${source.type} ${source.name} with principalType ${type}; it must be ${expected}`, a.urn);
      }
    }
    deferred.settle();
  },
};
