import { Policies } from "@pulumi/policy";
import { cmkKeyVaultSameSubscription } from "./cmkKeyVaultSameSubscription";
import { cmkNeedsCosmosAccessOrServiceSide } from "./cmkNeedsCosmosAccessOrServiceSide";
import { outboundPrivateEndpointRuleNeedsApprover } from "./outboundPrivateEndpointRuleNeedsApprover";
import { outboundRuleTypeNeedsApprovedOutbound } from "./outboundRuleTypeNeedsApprovedOutbound";
import { fqdnOutboundRuleNotToStorage } from "./fqdnOutboundRuleNotToStorage";
import { privateStorageEndpointNeedsWorkspaceReader } from "./privateStorageEndpointNeedsWorkspaceReader";
import { roleAssignmentUnique } from "./roleAssignmentUnique";
import { roleAssignmentWithinAssignableScopes } from "./roleAssignmentWithinAssignableScopes";
import { userAssignedIdentityNeedsWorkspaceContributor } from "./userAssignedIdentityNeedsWorkspaceContributor";
import { registryNameValid } from "./registryNameValid";
import { registryRegionsIncludePrimary } from "./registryRegionsIncludePrimary";
import { projectSameRegionAsHub } from "./projectSameRegionAsHub";
import { projectHubIsAHub } from "./projectHubIsAHub";
import { noLockUnderManagedNetwork } from "./noLockUnderManagedNetwork";
import { cmkKeyVaultRecoverable } from "./cmkKeyVaultRecoverable";
import { grantTargetOutsideStack } from "./grantTargetOutsideStack";
import { cmkKeyVaultRequirements } from "./cmkKeyVaultRequirements";

/** The deployability pack's policies (no PolicyPack here: constructing one starts a gRPC server). */
export const deployPolicies: Policies = [
  cmkNeedsCosmosAccessOrServiceSide,
  cmkKeyVaultSameSubscription,
  userAssignedIdentityNeedsWorkspaceContributor,
  privateStorageEndpointNeedsWorkspaceReader,
  outboundRuleTypeNeedsApprovedOutbound,
  fqdnOutboundRuleNotToStorage,
  outboundPrivateEndpointRuleNeedsApprover,
  roleAssignmentUnique,
  roleAssignmentWithinAssignableScopes,
  registryNameValid,
  registryRegionsIncludePrimary,
  projectHubIsAHub,
  projectSameRegionAsHub,
  noLockUnderManagedNetwork,
  cmkKeyVaultRecoverable,
  cmkKeyVaultRequirements,
  grantTargetOutsideStack,
];
