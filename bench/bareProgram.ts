// The prod stack's resources declared directly with azure-native / azuread, no components: the
// baseline for component overhead. It mirrors what WorkspaceStack + AccessModel register for
// Pulumi.prod.yaml (same resources, same inputs that matter), written once, by hand.
import * as pulumi from "@pulumi/pulumi";
import * as applicationinsights from "@pulumi/azure-native/applicationinsights";
import * as authorization from "@pulumi/azure-native/authorization";
import * as containerregistry from "@pulumi/azure-native/containerregistry";
import * as keyvault from "@pulumi/azure-native/keyvault";
import * as machinelearningservices from "@pulumi/azure-native/machinelearningservices";
import * as monitor from "@pulumi/azure-native/monitor";
import * as operationalinsights from "@pulumi/azure-native/operationalinsights";
import * as resources from "@pulumi/azure-native/resources";
import * as storage from "@pulumi/azure-native/storage";
import * as azuread from "@pulumi/azuread";

const SUB = "/subscriptions/00000000-0000-4000-8000-000000000001";
const ROLE = (guid: string) => `${SUB}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;

export = async () => {
  const tags = { costCenter: "cc-123", owner: "ml-platform", dataClassification: "confidential", project: "fraud", environment: "prod" };
  const client = authorization.getClientConfigOutput();
  const workspaces: Record<string, machinelearningservices.Workspace> = {};
  const groups: Record<string, resources.ResourceGroup> = {};
  for (const [name, computes] of [["fraud", [["cpu-cluster", "Standard_DS3_v2", 8], ["gpu-cluster", "Standard_NC4as_T4_v3", 2]]], ["scoring", [["batch-cluster", "Standard_DS3_v2", 4]]]] as const) {
    const rg = new resources.ResourceGroup(`${name}-rg`, { resourceGroupName: `rg-fraud-prod-${name}`, location: "westeurope", tags });
    groups[name] = rg;
    const sa = new storage.StorageAccount(`${name}-storage`, {
      accountName: `stfraudprod${name}`, resourceGroupName: rg.name, location: "westeurope", tags, kind: "StorageV2", sku: { name: "Standard_ZRS" },
      enableHttpsTrafficOnly: true, minimumTlsVersion: "TLS1_2", allowBlobPublicAccess: false, allowSharedKeyAccess: false,
    }, { protect: true });
    new storage.BlobServiceProperties(`${name}-blob`, {
      accountName: sa.name, resourceGroupName: rg.name, blobServicesName: "default", isVersioningEnabled: true,
      deleteRetentionPolicy: { enabled: true, days: 30 }, containerDeleteRetentionPolicy: { enabled: true, days: 30 },
    });
    const kv = new keyvault.Vault(`${name}-kv`, {
      vaultName: `kv-fraud-prod-${name}`, resourceGroupName: rg.name, location: "westeurope", tags,
      properties: { tenantId: client.tenantId, sku: { family: "A", name: "standard" }, enableRbacAuthorization: true, enableSoftDelete: true, enablePurgeProtection: true, publicNetworkAccess: "Disabled" },
    }, { protect: true });
    const la = new operationalinsights.Workspace(`${name}-logs`, { workspaceName: `log-fraud-prod-${name}`, resourceGroupName: rg.name, location: "westeurope", tags, sku: { name: "PerGB2018" }, retentionInDays: 90 });
    const appi = new applicationinsights.Component(`${name}-appi`, {
      resourceName: `appi-fraud-prod-${name}`, resourceGroupName: rg.name, location: "westeurope", tags, kind: "web", applicationType: "web", ingestionMode: "LogAnalytics", workspaceResourceId: la.id,
    });
    const acr = new containerregistry.Registry(`${name}-acr`, {
      registryName: `crfraudprod${name}`, resourceGroupName: rg.name, location: "westeurope", tags, sku: { name: "Premium" }, adminUserEnabled: false, anonymousPullEnabled: false, publicNetworkAccess: "Disabled",
    });
    const ws = new machinelearningservices.Workspace(`${name}-mlw`, {
      workspaceName: `mlw-fraud-prod-${name}`, resourceGroupName: rg.name, location: "westeurope", tags, identity: { type: "SystemAssigned" },
      storageAccount: sa.id, keyVault: kv.id, applicationInsights: appi.id, containerRegistry: acr.id, hbiWorkspace: true, publicNetworkAccess: "Disabled",
      systemDatastoresAuthMode: "identity", managedNetwork: { isolationMode: "AllowOnlyApprovedOutbound" },
    });
    workspaces[name] = ws;
    new monitor.DiagnosticSetting(`${name}-diag`, { name: `diag-${name}`, resourceUri: ws.id, workspaceId: la.id, logs: [{ categoryGroup: "allLogs", enabled: true }], metrics: [{ category: "AllMetrics", enabled: true }] });
    new authorization.ManagementLockByScope(`${name}-lock`, { lockName: "do-not-delete", scope: ws.id, level: "CanNotDelete" });
    for (const [compute, vmSize, max] of computes) {
      new machinelearningservices.Compute(`${name}-${compute}`, {
        computeName: compute, workspaceName: ws.name, resourceGroupName: rg.name, location: "westeurope", tags, identity: { type: "SystemAssigned" },
        properties: { computeType: "AmlCompute", disableLocalAuth: true, properties: { vmSize, scaleSettings: { minNodeCount: 0, maxNodeCount: max, nodeIdleTimeBeforeScaleDown: "PT15M" } } },
      });
    }
  }
  const ds = new azuread.Group("ds-group", { displayName: "sg-ml-data-scientists", securityEnabled: true, mailEnabled: false, members: ["alice@contoso.com", "bob@contoso.com"].map((upn) => azuread.getUserOutput({ userPrincipalName: upn }).objectId) });
  const ops = azuread.getGroupOutput({ displayName: "sg-ml-compute-operators", securityEnabled: true }).objectId;
  const role = new authorization.RoleDefinition("role-ds", {
    roleDefinitionId: "5a1d4c1e-0000-4000-8000-000000000001", roleName: "Data Scientist", scope: SUB, roleType: "CustomRole",
    permissions: [{ actions: ["*"], notActions: ["Microsoft.MachineLearningServices/workspaces/*/delete", "Microsoft.MachineLearningServices/workspaces/computes/*/write", "Microsoft.MachineLearningServices/workspaces/computes/*/delete", "Microsoft.Authorization/*/write"] }],
    assignableScopes: [groups.fraud.id],
  });
  const assign = (name: string, scope: pulumi.Input<string>, principalId: pulumi.Input<string>, principalType: string, roleDefinitionId: pulumi.Input<string>) =>
    new authorization.RoleAssignment(name, { scope, principalId, principalType, roleDefinitionId });
  for (const name of ["fraud", "scoring"]) {
    assign(`admins-${name}`, groups[name].id, "11111111-2222-3333-4444-555555555555", "Group", ROLE("8e3af657-a8ff-443c-a75c-2fe8c4bcb635"));
    assign(`auditors-${name}`, groups[name].id, "22222222-3333-4444-5555-666666666666", "Group", ROLE("acdd72a7-3385-48ef-bd42-f606fba81ae7"));
    assign(`ops-${name}`, workspaces[name].id, ops, "Group", ROLE("e503ece1-11d0-4e8e-8e2c-7a6c3bf38815"));
  }
  assign("ds-fraud", workspaces.fraud.id, ds.objectId, "Group", role.id);
  assign("pipeline-scoring", workspaces.scoring.id, "99999999-8888-7777-6666-555555555555", "ServicePrincipal", ROLE("f6c7c914-8db3-469d-8ca1-694a8f32e121"));
  return { fraud: workspaces.fraud.name, scoring: workspaces.scoring.name };
};
