import { expect } from "chai";
import { ARM_TYPES, UnmappedTypeError, toArmResource } from "../../governance/arm";
import { TYPES } from "../../core/types";

describe("governance/arm: a planned resource as the ARM request Azure Policy evaluates", () => {
  it("maps every azure-native type the package registers to its ARM type", () => {
    for (const [key, token] of Object.entries(TYPES)) if (token.startsWith("azure-native:")) expect(ARM_TYPES[token], key).to.not.equal(undefined);
    expect(Object.fromEntries(Object.entries(ARM_TYPES).map(([token, info]) => [token, `${info.arm} ${info.nameInput}${info.shape ? " " + info.shape : ""}`]))).to.deep.equal({
      [TYPES.resourceGroup]: "Microsoft.Resources/resourceGroups resourceGroupName",
      [TYPES.storageAccount]: "Microsoft.Storage/storageAccounts accountName",
      [TYPES.blobServiceProperties]: "Microsoft.Storage/storageAccounts/blobServices blobServicesName",
      [TYPES.keyVault]: "Microsoft.KeyVault/vaults vaultName",
      [TYPES.keyVaultKey]: "Microsoft.KeyVault/vaults/keys keyName properties",
      [TYPES.logAnalytics]: "Microsoft.OperationalInsights/workspaces workspaceName",
      [TYPES.applicationInsights]: "Microsoft.Insights/components resourceName",
      [TYPES.containerRegistry]: "Microsoft.ContainerRegistry/registries registryName",
      [TYPES.workspace]: "Microsoft.MachineLearningServices/workspaces workspaceName",
      [TYPES.compute]: "Microsoft.MachineLearningServices/workspaces/computes computeName properties",
      [TYPES.machineLearningRegistry]: "Microsoft.MachineLearningServices/registries registryName",
      [TYPES.diagnosticSetting]: "Microsoft.Insights/diagnosticSettings name",
      [TYPES.lock]: "Microsoft.Authorization/locks lockName",
      [TYPES.roleDefinition]: "Microsoft.Authorization/roleDefinitions roleDefinitionId",
      [TYPES.roleAssignment]: "Microsoft.Authorization/roleAssignments roleAssignmentName",
      [TYPES.userAssignedIdentity]: "Microsoft.ManagedIdentity/userAssignedIdentities resourceName",
      [TYPES.privateEndpoint]: "Microsoft.Network/privateEndpoints privateEndpointName",
      [TYPES.privateDnsZoneGroup]: "Microsoft.Network/privateEndpoints/privateDnsZoneGroups privateDnsZoneGroupName",
      [TYPES.privateZone]: "Microsoft.Network/privateDnsZones privateZoneName",
      [TYPES.virtualNetworkLink]: "Microsoft.Network/privateDnsZones/virtualNetworkLinks virtualNetworkLinkName",
      [TYPES.budget]: "Microsoft.Consumption/budgets budgetName",
      [TYPES.pimRoleEligibilitySchedule]: "Microsoft.Authorization/roleEligibilitySchedules roleEligibilityScheduleName",
      [TYPES.roleManagementPolicy]: "Microsoft.Authorization/roleManagementPolicies roleManagementPolicyName",
      [TYPES.policyAssignment]: "Microsoft.Authorization/policyAssignments policyAssignmentName",
    });
  });

  it("builds a workspace's body: envelope fields at the top, flattened inputs under properties, addressing inputs dropped", () => {
    const arm = toArmResource({
      type: "azure-native:machinelearningservices/v20250101preview:Workspace",
      inputs: { workspaceName: "mlw", resourceGroupName: "rg", location: "westeurope", kind: "Default", tags: { a: "1" }, identity: { type: "SystemAssigned" }, sku: { name: "Basic" }, publicNetworkAccess: "Disabled", managedNetwork: { isolationMode: "AllowOnlyApprovedOutbound" } },
    });
    expect(arm).to.deep.equal({
      type: "Microsoft.MachineLearningServices/workspaces",
      name: "mlw",
      location: "westeurope",
      kind: "Default",
      tags: { a: "1" },
      identity: { type: "SystemAssigned" },
      sku: { name: "Basic" },
      properties: { publicNetworkAccess: "Disabled", managedNetwork: { isolationMode: "AllowOnlyApprovedOutbound" } },
    });
  });

  it("leaves the resource's own name and its addressing inputs (parents, scope) out of properties", () => {
    const ra = toArmResource({ type: TYPES.roleAssignment, inputs: { roleAssignmentName: "g", scope: "/s", principalId: "p" } });
    expect(ra).to.deep.equal({ type: "Microsoft.Authorization/roleAssignments", name: "g", properties: { principalId: "p" } });
    const addressed = { resourceGroupName: "rg", scope: "/s", resourceUri: "/r", accountName: "st", workspaceName: "w", privateEndpointName: "pe", privateZoneName: "z", vaultName: "v" };
    expect(toArmResource({ type: TYPES.lock, inputs: { lockName: "l", level: "CanNotDelete", ...addressed } })?.properties).to.deep.equal({ level: "CanNotDelete" });
  });

  it("takes a compute's `properties` input as the ARM properties object", () => {
    const arm = toArmResource({ type: TYPES.compute, inputs: { computeName: "cpu", workspaceName: "mlw", resourceGroupName: "rg", location: "westeurope", properties: { computeType: "AmlCompute", disableLocalAuth: true } } });
    expect(arm).to.deep.equal({ type: "Microsoft.MachineLearningServices/workspaces/computes", name: "cpu", location: "westeurope", properties: { computeType: "AmlCompute", disableLocalAuth: true } });
    expect(toArmResource({ type: TYPES.compute, inputs: { computeName: "cpu" } })?.properties).to.deep.equal({});
  });

  it("skips what is not an Azure resource and reports an azure-native type it does not know", () => {
    expect(toArmResource({ type: "azureml-platform:index:WorkspaceStack", inputs: {} })).to.equal(undefined);
    expect(toArmResource({ type: TYPES.group, inputs: {} })).to.equal(undefined);
    expect(() => toArmResource({ type: "azure-native:web:WebApp", inputs: {} })).to.throw(UnmappedTypeError, "no ARM type is known for azure-native:web:WebApp");
  });
});
