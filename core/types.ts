/** Type tokens of the resources this package creates or reads. Versioned tokens (`azure-native:storage/v20230101:StorageAccount`) are the same types: see canonicalType. */
export const TYPES = {
  resourceGroup: "azure-native:resources:ResourceGroup",
  storageAccount: "azure-native:storage:StorageAccount",
  blobServiceProperties: "azure-native:storage:BlobServiceProperties",
  keyVault: "azure-native:keyvault:Vault",
  keyVaultKey: "azure-native:keyvault:Key",
  logAnalytics: "azure-native:operationalinsights:Workspace",
  applicationInsights: "azure-native:applicationinsights:Component",
  containerRegistry: "azure-native:containerregistry:Registry",
  workspace: "azure-native:machinelearningservices:Workspace",
  compute: "azure-native:machinelearningservices:Compute",
  machineLearningRegistry: "azure-native:machinelearningservices:Registry",
  diagnosticSetting: "azure-native:monitor:DiagnosticSetting",
  lock: "azure-native:authorization:ManagementLockByScope",
  roleDefinition: "azure-native:authorization:RoleDefinition",
  roleAssignment: "azure-native:authorization:RoleAssignment",
  /** A PIM eligibility (just-in-time role): grants the role once activated. */
  pimRoleEligibilitySchedule: "azure-native:authorization:PimRoleEligibilitySchedule",
  roleManagementPolicy: "azure-native:authorization:RoleManagementPolicy",
  userAssignedIdentity: "azure-native:managedidentity:UserAssignedIdentity",
  group: "azuread:index/group:Group",
  privateEndpoint: "azure-native:network:PrivateEndpoint",
  privateDnsZoneGroup: "azure-native:network:PrivateDnsZoneGroup",
  privateZone: "azure-native:privatedns:PrivateZone",
  virtualNetworkLink: "azure-native:privatedns:VirtualNetworkLink",
  budget: "azure-native:consumption:Budget",
  policyAssignment: "azure-native:authorization:PolicyAssignment",
} as const;

/** `azure-native:storage/v20230101:StorageAccount` → `azure-native:storage:StorageAccount`: every API version is the same resource type. */
export function canonicalType(type: string): string {
  // The policies ask about every pair of resources they compare, and most tokens carry no version.
  // Stryker disable next-line ConditionalExpression,StringLiteral,BooleanLiteral: the check only skips the expression for tokens it leaves as they are
  if (!type.includes("/v")) return type;
  return type.replace(/^(azure-native:[a-zA-Z]+)\/v[0-9a-z]+:/, "$1:");
}
