import { Policies } from "@pulumi/policy";
import { adminAccessJustInTimeInProd } from "./adminAccessJustInTimeInProd";
import { customRoleAssignableScopesNotBroaderThanResourceGroup } from "./customRoleAssignableScopesNotBroaderThanResourceGroup";
import { customRoleMustExcludeAuthorizationWrites } from "./customRoleMustExcludeAuthorizationWrites";
import { noPrivilegedRolesForNonAdmins } from "./noPrivilegedRolesForNonAdmins";
import { onlyAdminsCreateCompute } from "./onlyAdminsCreateCompute";
import { roleAssignmentMustSetPrincipalType } from "./roleAssignmentMustSetPrincipalType";

/** The access pack's policies (no PolicyPack here: constructing one starts a gRPC server). */
export const accessPolicies: Policies = [
  onlyAdminsCreateCompute,
  noPrivilegedRolesForNonAdmins,
  customRoleMustExcludeAuthorizationWrites,
  customRoleAssignableScopesNotBroaderThanResourceGroup,
  roleAssignmentMustSetPrincipalType,
  adminAccessJustInTimeInProd,
];
