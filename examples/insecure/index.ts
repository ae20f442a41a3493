// A deliberately insecure stack, the counter-example for the policy packs:
//   npm run plan -- --project-dir examples/insecure --stack insecure   (policies/<pack>/config/insecure.json: all mandatory)
// Everything here is what the components would never produce; each block names the rules it breaks.
import * as pulumi from "@pulumi/pulumi";
import * as applicationinsights from "@pulumi/azure-native/applicationinsights";
import * as authorization from "@pulumi/azure-native/authorization";
import * as azuread from "@pulumi/azuread";
import * as containerregistry from "@pulumi/azure-native/containerregistry";
import * as keyvault from "@pulumi/azure-native/keyvault";
import * as machinelearningservices from "@pulumi/azure-native/machinelearningservices";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import * as network from "@pulumi/azure-native/network";
import * as resources from "@pulumi/azure-native/resources";
import * as storage from "@pulumi/azure-native/storage";

export = async () => {
  const tags = { project: "insecure", environment: "prod" }; // required-tags: no costCenter, owner, dataClassification
  const rg = new resources.ResourceGroup("rg", { resourceGroupName: "rg-insecure", location: "eastus", tags }); // allowed-locations

  // storage-https-only, storage-minimum-tls-1-2, storage-no-blob-public-access, storage-shared-key-disabled-in-prod,
  // storage-blob-soft-delete (no BlobServiceProperties), data-protected-in-prod (not protected)
  const account = new storage.StorageAccount("storage", {
    accountName: "stinsecure001",
    resourceGroupName: rg.name,
    kind: "StorageV2",
    sku: { name: "Standard_LRS" },
    enableHttpsTrafficOnly: false,
    minimumTlsVersion: "TLS1_0",
    allowBlobPublicAccess: true,
    allowSharedKeyAccess: true,
    tags,
  });

  // key-vault-rbac-authorization, key-vault-soft-delete, key-vault-purge-protection, key-vault-public-network-disabled-in-prod
  const vault = new keyvault.Vault("kv", {
    vaultName: "kv-insecure-001",
    resourceGroupName: rg.name,
    tags,
    properties: {
      tenantId: "00000000-0000-4000-8000-000000000002",
      sku: { family: "A", name: "standard" },
      enableRbacAuthorization: false,
      enableSoftDelete: false,
      publicNetworkAccess: "Enabled",
      accessPolicies: [],
    },
  });

  // registry-admin-user-disabled, registry-anonymous-pull-disabled, registry-public-network-disabled-in-prod
  const registry = new containerregistry.Registry("acr", {
    registryName: "crinsecure001",
    resourceGroupName: rg.name,
    sku: { name: "Standard" },
    adminUserEnabled: true,
    anonymousPullEnabled: true,
    publicNetworkAccess: "Enabled",
    tags,
  });

  // application-insights-workspace-based (classic ingestion)
  const appInsights = new applicationinsights.Component("appi", {
    resourceName: "appi-insecure",
    resourceGroupName: rg.name,
    kind: "web",
    applicationType: "web",
    ingestionMode: "ApplicationInsights",
    tags,
  });

  // workspace-public-network-disabled-in-prod, workspace-managed-identity, workspace-hbi-in-prod,
  // workspace-managed-network-in-prod, data-protected-in-prod (workspace not protected);
  const workspace = new machinelearningservices.Workspace("mlw", {
    workspaceName: "mlw-insecure",
    resourceGroupName: rg.name,
    storageAccount: account.id,
    keyVault: vault.id,
    applicationInsights: appInsights.id,
    containerRegistry: registry.id,
    publicNetworkAccess: "Enabled",
    hbiWorkspace: false,
    managedNetwork: { isolationMode: "Disabled" },
    identity: { type: "None" },
    tags,
  });

  // workspace-inbound-path: public access off and no private endpoint, so nobody can reach it;
  // registry-private-needs-image-build-compute: a private registry and no imageBuildCompute;
  // approved-outbound-has-package-rules: approved-only outbound without pip/conda rules
  const privateRegistry = new containerregistry.Registry("acr-private", {
    registryName: "crinsecureprivate",
    resourceGroupName: rg.name,
    sku: { name: "Premium" },
    adminUserEnabled: false,
    anonymousPullEnabled: false,
    publicNetworkAccess: "Disabled",
    tags,
  });
  new machinelearningservices.Workspace("mlw-unreachable", {
    workspaceName: "mlw-insecure-unreachable",
    resourceGroupName: rg.name,
    storageAccount: account.id,
    keyVault: vault.id,
    applicationInsights: appInsights.id,
    containerRegistry: privateRegistry.id,
    publicNetworkAccess: "Disabled",
    hbiWorkspace: true,
    managedNetwork: { isolationMode: "AllowOnlyApprovedOutbound" },
    identity: { type: "SystemAssigned" },
    tags,
  });

  // cmk-key-vault-requirements: an elliptic-curve key, which Azure ML's encryption does not take
  const ecKey = new keyvault.Key("cmk-ec-key", { keyName: "cmk-ec", vaultName: vault.name, resourceGroupName: rg.name, properties: { kty: "EC", curveName: "P-256" } });
  // cmk-key-vault-recoverable: the customer-managed key is in a vault without soft delete and purge protection
  new machinelearningservices.Workspace("mlw-cmk-local", {
    workspaceName: "mlw-insecure-cmk-local",
    resourceGroupName: rg.name,
    storageAccount: account.id,
    keyVault: vault.id,
    applicationInsights: appInsights.id,
    containerRegistry: privateRegistry.id,
    publicNetworkAccess: "Disabled",
    hbiWorkspace: true,
    managedNetwork: { isolationMode: "AllowOnlyApprovedOutbound" },
    identity: { type: "SystemAssigned" },
    encryption: { status: "Enabled", keyVaultProperties: { keyVaultArmId: vault.id, keyIdentifier: ecKey.keyUriWithVersion } },
    enableServiceSideCMKEncryption: true,
    tags,
  });

  // workspace-not-locked: a lock on the workspace blocks the stack's own later updates
  new authorization.ManagementLockByScope("mlw-lock", { lockName: "do-not-delete", scope: workspace.id, level: "CanNotDelete" });
  // no-lock-under-managed-network: the storage account of mlw-unreachable (approved-only managed network) is locked
  new authorization.ManagementLockByScope("storage-lock", { lockName: "do-not-delete", scope: account.id, level: "CanNotDelete" });
  // data-delete-lock-in-prod: a prod storage account no managed network works on, and no lock on it
  new storage.StorageAccount("storage-archive", {
    accountName: "stinsecurearchive01",
    resourceGroupName: rg.name,
    kind: "StorageV2",
    sku: { name: "Standard_ZRS" },
    enableHttpsTrafficOnly: true,
    minimumTlsVersion: "TLS1_2",
    allowBlobPublicAccess: false,
    allowSharedKeyAccess: false,
    tags,
  });

  // compute-min-nodes-zero, compute-local-auth-disabled, compute-allowed-vm-sizes, compute-max-nodes-cap,
  // compute-vm-size-not-retired (NCv3 retired on 2025-09-30)
  new machinelearningservices.Compute("cluster", {
    computeName: "big-cluster",
    workspaceName: workspace.name,
    resourceGroupName: rg.name,
    tags,
    properties: {
      computeType: "AmlCompute",
      disableLocalAuth: false,
      properties: { vmSize: "Standard_NC24s_v3", scaleSettings: { minNodeCount: 2, maxNodeCount: 100 } },
    },
  });

  // compute-instance-idle-shutdown
  new machinelearningservices.Compute("instance", {
    computeName: "notebook-1",
    workspaceName: workspace.name,
    resourceGroupName: rg.name,
    tags,
    properties: { computeType: "ComputeInstance", disableLocalAuth: true, properties: { vmSize: "Standard_DS3_v2" } },
  });

  // custom-role-must-exclude-authorization-writes, custom-role-assignable-scopes-not-broader-than-resource-group
  const escalator = new authorization.RoleDefinition("escalator", {
    roleDefinitionId: "5a1d4c1e-0000-4000-8000-00000000e5c1",
    roleName: "Workspace Escalator",
    scope: "/subscriptions/00000000-0000-4000-8000-000000000001",
    permissions: [{ actions: ["Microsoft.MachineLearningServices/*", "Microsoft.Authorization/roleAssignments/*"] }],
    assignableScopes: ["/", "/subscriptions/00000000-0000-4000-8000-000000000001"],
  });

  // only-admins-create-compute: a non-admin group holding Compute Operator on the resource group;
  // role-assignment-must-set-principal-type: no principalType for a group (azure-native then assumes User)
  const contractors = new azuread.Group("contractors", { displayName: "sg-contractors", securityEnabled: true });
  new authorization.RoleAssignment("contractors-compute", {
    scope: rg.id,
    principalId: contractors.objectId,
    roleDefinitionId: "/subscriptions/00000000-0000-4000-8000-000000000001/providers/Microsoft.Authorization/roleDefinitions/e503ece1-11d0-4e8e-8e2c-7a6c3bf38815",
  });

  // no-privileged-roles-for-non-admins (and only-admins-create-compute): the custom escalator role to a non-admin
  new authorization.RoleAssignment("contractors-escalator", {
    scope: workspace.id,
    principalId: contractors.objectId,
    principalType: "Group",
    roleDefinitionId: escalator.id,
  });

  // The deployability pack (policies/deploy/config/insecure.json names the stack's subscription for plan):
  // cmk-needs-cosmos-access-or-service-side: classic CMK and no grant for the Azure Cosmos DB app;
  // cmk-key-vault-same-subscription: the key's vault is in another subscription;
  // user-assigned-identity-needs-workspace-contributor: no Contributor on the workspace, and provisionNetworkNow;
  // outbound-rule-type-needs-approved-outbound: a ServiceTag rule under AllowInternetOutbound;
  // fqdn-outbound-rule-not-to-storage: an FQDN rule to a Data Lake endpoint (a private endpoint is the only way there);
  // outbound-private-endpoint-rule-needs-approver: a private-endpoint rule to a storage account the identity cannot approve on
  const identity = new managedidentity.UserAssignedIdentity("id", { resourceName: "id-insecure", resourceGroupName: rg.name, tags });
  const privateAccount = new storage.StorageAccount("storage-private", {
    accountName: "stinsecurepriv001",
    resourceGroupName: rg.name,
    kind: "StorageV2",
    sku: { name: "Standard_LRS" },
    publicNetworkAccess: "Disabled",
    allowSharedKeyAccess: false,
    tags,
  });
  new machinelearningservices.Workspace("mlw-cmk", {
    workspaceName: "mlw-insecure-cmk",
    resourceGroupName: rg.name,
    storageAccount: privateAccount.id,
    keyVault: vault.id,
    applicationInsights: appInsights.id,
    publicNetworkAccess: "Enabled",
    hbiWorkspace: true,
    identity: { type: "UserAssigned", userAssignedIdentities: [identity.id] },
    primaryUserAssignedIdentity: identity.id,
    encryption: {
      status: "Enabled",
      keyVaultProperties: {
        keyVaultArmId: "/subscriptions/00000000-0000-4000-8000-0000000000ff/resourceGroups/rg-keys/providers/Microsoft.KeyVault/vaults/kv-other-sub",
        keyIdentifier: "https://kv-other-sub.vault.azure.net/keys/cmk/0123456789abcdef0123456789abcdef",
      },
      identity: { userAssignedIdentity: identity.id },
    },
    provisionNetworkNow: true,
    managedNetwork: {
      isolationMode: "AllowInternetOutbound",
      outboundRules: {
        "allow-datafactory": { type: "ServiceTag", category: "UserDefined", destination: { serviceTag: "DataFactory", protocol: "TCP", portRanges: "443", action: "Allow" } },
        "landing-zone": { type: "FQDN", category: "UserDefined", destination: "stlanding001.dfs.core.windows.net" },
        "pe-lake": {
          type: "PrivateEndpoint",
          category: "UserDefined",
          destination: { serviceResourceId: "/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/stdatalake001", subresourceTarget: "blob" },
        },
      },
    },
    tags,
  });

  // private-storage-endpoint-needs-workspace-reader: the studio's blob endpoint to the private storage, no Reader for the workspace identity
  new network.PrivateEndpoint("pe-blob", {
    privateEndpointName: "pe-insecure-blob",
    resourceGroupName: rg.name,
    subnet: { id: "/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub/subnets/snet-pe" },
    privateLinkServiceConnections: [{ name: "blob", privateLinkServiceId: privateAccount.id, groupIds: ["blob"] }],
    tags,
  });

  // role-assignment-unique: the same principal, role and scope twice (the scope spelt in another case): RoleAssignmentExists
  const rgScope = "/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg-insecure";
  const readerRole = "/subscriptions/00000000-0000-4000-8000-000000000001/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7";
  new authorization.RoleAssignment("auditors-reader", { scope: rgScope, principalId: "22222222-3333-4444-5555-666666666666", principalType: "Group", roleDefinitionId: readerRole });
  new authorization.RoleAssignment("auditors-reader-again", { scope: rgScope.toUpperCase(), principalId: "22222222-3333-4444-5555-666666666666", principalType: "Group", roleDefinitionId: readerRole });

  // role-assignment-within-assignable-scopes: a custom role assignable in rg-insecure, assigned in another resource group
  const viewer = new authorization.RoleDefinition("viewer", {
    roleDefinitionId: "5a1d4c1e-0000-4000-8000-000000000001",
    roleName: "Workspace Viewer",
    scope: rgScope,
    permissions: [{ actions: ["Microsoft.MachineLearningServices/workspaces/read"] }],
    assignableScopes: [rgScope],
  });
  new authorization.RoleAssignment("auditors-viewer-elsewhere", {
    scope: "/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg-elsewhere",
    principalId: "22222222-3333-4444-5555-666666666666",
    principalType: "Group",
    roleDefinitionId: viewer.id,
  });

  // Hubs, projects and Azure ML registries (#23).
  // registry-name-valid: starts with '-'; registry-regions-include-primary: eastus is not replicated to, westus twice;
  // ml-registry-public-network-disabled-in-prod: public in prod
  const mlRegistry = new machinelearningservices.Registry("mlr", {
    registryName: "-insecure-models",
    resourceGroupName: rg.name,
    location: "eastus",
    publicNetworkAccess: "Enabled",
    regionDetails: [{ location: "westus" }, { location: "westus" }],
    identity: { type: "SystemAssigned" },
    tags,
  });
  // project-hub-network-isolated-in-prod: the hub is public; workspace-registry-outbound-rule: approved-only and no
  // amlregistry rule to the registry its project reads (a pip rule keeps approved-outbound-has-package-rules quiet)
  const hub = new machinelearningservices.Workspace("mlw-hub", {
    workspaceName: "mlw-insecure-hub",
    resourceGroupName: rg.name,
    location: "eastus",
    kind: "Hub",
    storageAccount: account.id,
    keyVault: vault.id,
    applicationInsights: appInsights.id,
    publicNetworkAccess: "Enabled",
    hbiWorkspace: true,
    managedNetwork: { isolationMode: "AllowOnlyApprovedOutbound", outboundRules: { pypi: { type: "FQDN", destination: "pypi.org" } } },
    identity: { type: "SystemAssigned" },
    tags,
  });
  // project-same-region-as-hub: westus under an eastus hub; project-inherits-hub-network-and-dependencies: its own key vault
  const project = new machinelearningservices.Workspace("mlw-project", {
    workspaceName: "mlw-insecure-project",
    resourceGroupName: rg.name,
    location: "westus",
    kind: "Project",
    hubResourceId: hub.id,
    keyVault: vault.id,
    identity: { type: "SystemAssigned" },
    tags,
  });
  new authorization.RoleAssignment("project-registry-reader", {
    scope: mlRegistry.id,
    principalId: project.identity.apply((i) => i?.principalId ?? ""),
    principalType: "ServicePrincipal",
    roleDefinitionId: readerRole,
  });
  // project-hub-is-a-hub: a project under a default workspace
  new machinelearningservices.Workspace("mlw-orphan-project", {
    workspaceName: "mlw-insecure-orphan",
    resourceGroupName: rg.name,
    kind: "Project",
    hubResourceId: workspace.id,
    identity: { type: "SystemAssigned" },
    tags,
  });

  return { workspace: workspace.name, url: pulumi.interpolate`https://ml.azure.com/?wsid=${workspace.id}` };
};
