import { RoleDefinition } from "./types";

// Built-in roles as published in MicrosoftDocs azure-docs
// articles/role-based-access-control/built-in-roles/{privileged,general,ai-machine-learning,storage,security,containers}.md.
// GUIDs are global: the same in every tenant and subscription.

function builtIn(
  id: string,
  name: string,
  description: string,
  actions: string[],
  notActions: string[] = [],
  dataActions: string[] = [],
  notDataActions: string[] = [],
): RoleDefinition {
  return {
    id,
    name,
    description,
    isCustom: false,
    permissions: [{ actions, notActions, dataActions, notDataActions }],
    assignableScopes: ["/"],
  };
}

const AML_WORKSPACE_ASSET_ACTIONS = [
  "Microsoft.MachineLearningServices/workspaces/*/read",
  "Microsoft.MachineLearningServices/workspaces/*/action",
  "Microsoft.MachineLearningServices/workspaces/*/delete",
  "Microsoft.MachineLearningServices/workspaces/*/write",
];

export const BUILT_IN_ROLES: readonly RoleDefinition[] = [
  builtIn("8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "Owner",
    "Grants full access to manage all resources, including the ability to assign roles in Azure RBAC.", ["*"]),
  builtIn("b24988ac-6180-42a0-ab88-20f7382dd24c", "Contributor",
    "Grants full access to manage all resources, but does not allow you to assign roles in Azure RBAC, manage assignments in Azure Blueprints, or share image galleries.",
    ["*"],
    [
      "Microsoft.Authorization/*/Delete",
      "Microsoft.Authorization/*/Write",
      "Microsoft.Authorization/elevateAccess/Action",
      "Microsoft.Blueprint/blueprintAssignments/write",
      "Microsoft.Blueprint/blueprintAssignments/delete",
      "Microsoft.Compute/galleries/share/action",
      "Microsoft.Purview/consents/write",
      "Microsoft.Purview/consents/delete",
      "Microsoft.Resources/deploymentStacks/manageDenySetting/action",
      "Microsoft.Subscription/cancel/action",
      "Microsoft.Subscription/enable/action",
    ]),
  builtIn("acdd72a7-3385-48ef-bd42-f606fba81ae7", "Reader", "View all resources, but does not allow you to make any changes.", ["*/read"]),
  builtIn("18d7d88d-d35e-4fb5-a5c3-7773c20a72d9", "User Access Administrator", "Lets you manage user access to Azure resources.",
    ["*/read", "Microsoft.Authorization/*", "Microsoft.Support/*"]),
  builtIn("f58310d9-a9f6-439a-9e8d-f62e7b41a168", "Role Based Access Control Administrator",
    "Manage access to Azure resources by assigning roles using Azure RBAC. This role does not allow you to manage access using other ways, such as Azure Policy.",
    ["Microsoft.Authorization/roleAssignments/write", "Microsoft.Authorization/roleAssignments/delete", "*/read", "Microsoft.Support/*"]),
  builtIn("f6c7c914-8db3-469d-8ca1-694a8f32e121", "AzureML Data Scientist",
    "Can perform all actions within an Azure Machine Learning workspace, except for creating or deleting compute resources and modifying the workspace itself.",
    AML_WORKSPACE_ASSET_ACTIONS,
    [
      "Microsoft.MachineLearningServices/workspaces/delete",
      "Microsoft.MachineLearningServices/workspaces/write",
      "Microsoft.MachineLearningServices/workspaces/computes/*/write",
      "Microsoft.MachineLearningServices/workspaces/computes/*/delete",
      "Microsoft.MachineLearningServices/workspaces/computes/listKeys/action",
      "Microsoft.MachineLearningServices/workspaces/listKeys/action",
      "Microsoft.MachineLearningServices/workspaces/hubs/write",
      "Microsoft.MachineLearningServices/workspaces/hubs/delete",
      "Microsoft.MachineLearningServices/workspaces/featurestores/write",
      "Microsoft.MachineLearningServices/workspaces/featurestores/delete",
    ]),
  builtIn("e503ece1-11d0-4e8e-8e2c-7a6c3bf38815", "AzureML Compute Operator",
    "Can access and perform CRUD operations on Machine Learning Services managed compute resources (including Notebook VMs).",
    ["Microsoft.MachineLearningServices/workspaces/computes/*", "Microsoft.MachineLearningServices/workspaces/notebooks/vm/*"]),
  builtIn("1823dd4f-9b8c-4ab6-ab4e-7397a3684615", "AzureML Registry User",
    "Can perform all actions on Machine Learning Services Registry assets as well as get Registry resources.",
    ["Microsoft.MachineLearningServices/registries/read", "Microsoft.MachineLearningServices/registries/assets/*"]),
  builtIn("635dd51f-9968-44d3-b7fb-6d9a6bd613ae", "AzureML Metrics Writer (preview)", "Lets you write metrics to AzureML workspace",
    ["Microsoft.MachineLearningServices/workspaces/metrics/*/write"]),
  builtIn("64702f94-c441-49e6-a78b-ef80e0188fee", "Azure AI Developer",
    "Can perform all actions within an Azure AI resource besides managing the resource itself.",
    [
      ...AML_WORKSPACE_ASSET_ACTIONS,
      "Microsoft.MachineLearningServices/locations/*/read",
      "Microsoft.Authorization/*/read",
      "Microsoft.Resources/deployments/*",
    ],
    [
      "Microsoft.MachineLearningServices/workspaces/delete",
      "Microsoft.MachineLearningServices/workspaces/write",
      "Microsoft.MachineLearningServices/workspaces/listKeys/action",
      "Microsoft.MachineLearningServices/workspaces/hubs/write",
      "Microsoft.MachineLearningServices/workspaces/hubs/delete",
      "Microsoft.MachineLearningServices/workspaces/featurestores/write",
      "Microsoft.MachineLearningServices/workspaces/featurestores/delete",
    ],
    [
      "Microsoft.CognitiveServices/accounts/OpenAI/*",
      "Microsoft.CognitiveServices/accounts/SpeechServices/*",
      "Microsoft.CognitiveServices/accounts/ContentSafety/*",
    ]),
  builtIn("ba92f5b4-2d11-453d-a403-e96b0029c9fe", "Storage Blob Data Contributor",
    "Allows for read, write and delete access to Azure Storage blob containers and data",
    [
      "Microsoft.Storage/storageAccounts/blobServices/containers/delete",
      "Microsoft.Storage/storageAccounts/blobServices/containers/read",
      "Microsoft.Storage/storageAccounts/blobServices/containers/write",
      "Microsoft.Storage/storageAccounts/blobServices/generateUserDelegationKey/action",
    ],
    [],
    [
      "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/delete",
      "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read",
      "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/move/action",
      "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write",
    ]),
  builtIn("2a2b9908-6ea1-4ae2-8e65-a410df84e7d1", "Storage Blob Data Reader", "Allows for read access to Azure Storage blob containers and data",
    [
      "Microsoft.Storage/storageAccounts/blobServices/containers/read",
      "Microsoft.Storage/storageAccounts/blobServices/generateUserDelegationKey/action",
    ],
    [],
    ["Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read"]),
  builtIn("00482a5a-887f-4fb3-b363-3b7fe8e74483", "Key Vault Administrator",
    "Perform all data plane operations on a key vault and all objects in it, including certificates, keys, and secrets. Cannot manage key vault resources or manage role assignments. Only works for key vaults that use the 'Azure role-based access control' permission model.",
    [
      "Microsoft.Authorization/*/read",
      "Microsoft.Insights/alertRules/*",
      "Microsoft.Resources/deployments/*",
      "Microsoft.Resources/subscriptions/resourceGroups/read",
      "Microsoft.Support/*",
      "Microsoft.KeyVault/checkNameAvailability/read",
      "Microsoft.KeyVault/deletedVaults/read",
      "Microsoft.KeyVault/locations/*/read",
      "Microsoft.KeyVault/vaults/*/read",
      "Microsoft.KeyVault/operations/read",
    ],
    [],
    ["Microsoft.KeyVault/vaults/*"]),
  builtIn("4633458b-17de-408a-b874-0445c86b69e6", "Key Vault Secrets User",
    "Read secret contents. Only works for key vaults that use the 'Azure role-based access control' permission model.",
    [],
    [],
    ["Microsoft.KeyVault/vaults/secrets/getSecret/action", "Microsoft.KeyVault/vaults/secrets/readMetadata/action"]),
  builtIn("e147488a-f6f5-4113-8e2d-b22465e65bf6", "Key Vault Crypto Service Encryption User",
    "Read metadata of keys and perform wrap/unwrap operations. Only works for key vaults that use the 'Azure role-based access control' permission model.",
    ["Microsoft.EventGrid/eventSubscriptions/write", "Microsoft.EventGrid/eventSubscriptions/read", "Microsoft.EventGrid/eventSubscriptions/delete"],
    [],
    ["Microsoft.KeyVault/vaults/keys/read", "Microsoft.KeyVault/vaults/keys/wrap/action", "Microsoft.KeyVault/vaults/keys/unwrap/action"]),
  builtIn("7f951dda-4ed3-4680-a7ca-43fe172d538d", "AcrPull", "acr pull", ["Microsoft.ContainerRegistry/registries/pull/read"]),
  builtIn("8311e382-0749-4cb8-b61a-304f252e45ec", "AcrPush", "acr push",
    ["Microsoft.ContainerRegistry/registries/pull/read", "Microsoft.ContainerRegistry/registries/push/write"]),
];

/**
 * Short names people use for built-in roles (the seed calls the AML roles "Data Scientist" /
 * "Compute Operator" only when it means a custom role, so only unambiguous aliases are listed).
 */
export const BUILT_IN_ALIASES: Readonly<Record<string, string>> = {
  "azureml metrics writer": "AzureML Metrics Writer (preview)",
  "rbac administrator": "Role Based Access Control Administrator",
};
