import { Policies } from "@pulumi/policy";
import { allowedLocations } from "./allowedLocations";
import { applicationInsightsWorkspaceBased } from "./applicationInsightsWorkspaceBased";
import { computeAllowedVmSizes } from "./computeAllowedVmSizes";
import { computeInstanceIdleShutdown } from "./computeInstanceIdleShutdown";
import { computeLocalAuthDisabled } from "./computeLocalAuthDisabled";
import { computeMaxNodesCap } from "./computeMaxNodesCap";
import { computeMinNodesZero } from "./computeMinNodesZero";
import { dataProtectedInProd } from "./dataProtectedInProd";
import { keyVaultPublicNetworkDisabledInProd } from "./keyVaultPublicNetworkDisabledInProd";
import { keyVaultPurgeProtection } from "./keyVaultPurgeProtection";
import { keyVaultRbacAuthorization } from "./keyVaultRbacAuthorization";
import { keyVaultSoftDelete } from "./keyVaultSoftDelete";
import { registryAdminUserDisabled } from "./registryAdminUserDisabled";
import { registryAnonymousPullDisabled } from "./registryAnonymousPullDisabled";
import { registryPublicNetworkDisabledInProd } from "./registryPublicNetworkDisabledInProd";
import { requiredTags } from "./requiredTags";
import { storageBlobSoftDelete } from "./storageBlobSoftDelete";
import { storageHttpsOnly } from "./storageHttpsOnly";
import { storageMinimumTls12 } from "./storageMinimumTls12";
import { storageNoBlobPublicAccess } from "./storageNoBlobPublicAccess";
import { storageSharedKeyDisabledInProd } from "./storageSharedKeyDisabledInProd";
import { dataDeleteLockInProd } from "./dataDeleteLockInProd";
import { workspaceInboundPath } from "./workspaceInboundPath";
import { registryPrivateNeedsImageBuildCompute } from "./registryPrivateNeedsImageBuildCompute";
import { approvedOutboundHasPackageRules } from "./approvedOutboundHasPackageRules";
import { workspaceNotLocked } from "./workspaceNotLocked";
import { computeVmSizeNotRetired } from "./computeVmSizeNotRetired";
import { workspaceHbiInProd } from "./workspaceHbiInProd";
import { workspaceManagedIdentity } from "./workspaceManagedIdentity";
import { workspaceManagedNetworkInProd } from "./workspaceManagedNetworkInProd";
import { workspacePublicNetworkDisabledInProd } from "./workspacePublicNetworkDisabledInProd";
import { budgetInProd } from "./budgetInProd";
import { projectInheritsHubNetworkAndDependencies } from "./projectInheritsHubNetworkAndDependencies";
import { projectHubNetworkIsolatedInProd } from "./projectHubNetworkIsolatedInProd";
import { mlRegistryPublicNetworkDisabledInProd } from "./mlRegistryPublicNetworkDisabledInProd";
import { workspaceRegistryOutboundRule } from "./workspaceRegistryOutboundRule";

/** The security pack's policies (no PolicyPack here: constructing one starts a gRPC server). */
export const securityPolicies: Policies = [
  workspacePublicNetworkDisabledInProd,
  workspaceManagedIdentity,
  workspaceHbiInProd,
  workspaceManagedNetworkInProd,
  workspaceNotLocked,
  workspaceInboundPath,
  approvedOutboundHasPackageRules,
  projectInheritsHubNetworkAndDependencies,
  projectHubNetworkIsolatedInProd,
  workspaceRegistryOutboundRule,
  mlRegistryPublicNetworkDisabledInProd,
  dataDeleteLockInProd,
  storageHttpsOnly,
  storageMinimumTls12,
  storageNoBlobPublicAccess,
  storageSharedKeyDisabledInProd,
  storageBlobSoftDelete,
  keyVaultRbacAuthorization,
  keyVaultSoftDelete,
  keyVaultPurgeProtection,
  keyVaultPublicNetworkDisabledInProd,
  registryAdminUserDisabled,
  registryAnonymousPullDisabled,
  registryPublicNetworkDisabledInProd,
  registryPrivateNeedsImageBuildCompute,
  applicationInsightsWorkspaceBased,
  computeMinNodesZero,
  computeLocalAuthDisabled,
  computeAllowedVmSizes,
  computeVmSizeNotRetired,
  computeMaxNodesCap,
  computeInstanceIdleShutdown,
  requiredTags,
  allowedLocations,
  dataProtectedInProd,
  budgetInProd,
];
