/**
 * The operations every access report shows for each team × workspace. Names are stable: they are
 * column headers of the matrix, JSON keys of `plan --json` and policy configuration values. Each
 * value is the operation's primary string; KEY_OPERATION_STRINGS lists every string that performs it.
 * Strings come from Azure's resource provider operations, pinned in
 * test/fixtures/rp-operations/machinelearningservices.json.
 */
export const KEY_OPERATIONS = {
  createCompute: "Microsoft.MachineLearningServices/workspaces/computes/write",
  deleteCompute: "Microsoft.MachineLearningServices/workspaces/computes/delete",
  createDatastore: "Microsoft.MachineLearningServices/workspaces/datastores/write",
  submitJob: "Microsoft.MachineLearningServices/workspaces/jobs/write",
  registerModel: "Microsoft.MachineLearningServices/workspaces/models/write",
  deleteWorkspace: "Microsoft.MachineLearningServices/workspaces/delete",
  writeRoleAssignments: "Microsoft.Authorization/roleAssignments/write",
  readWorkspaceSecrets: "Microsoft.MachineLearningServices/workspaces/listKeys/action",
  /** Change workspace settings, e.g. turn public network access back on. */
  changeWorkspaceSettings: "Microsoft.MachineLearningServices/workspaces/write",
  deleteRoleAssignments: "Microsoft.Authorization/roleAssignments/delete",
  deleteLocks: "Microsoft.Authorization/locks/delete",
  /** GA API `workspaces/{ws}/outboundRules/{rule}` (azure-native ManagedNetworkSettingsRule); the preview path is in KEY_OPERATION_STRINGS. */
  writeOutboundRules: "Microsoft.MachineLearningServices/workspaces/outboundRules/write",
  createConnection: "Microsoft.MachineLearningServices/workspaces/connections/write",
  readConnectionSecrets: "Microsoft.MachineLearningServices/workspaces/connections/listsecrets/action",
  /** Data plane, evaluated at the workspace's storage account (identity-based datastores). */
  readData: "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read",
  writeData: "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write",
  /**
   * Registry operations, decided at an Azure ML registry (how-to-manage-registries, "Add users to the
   * registry"): use its models, environments and components; publish (create) them; delete them.
   */
  readRegistryAssets: "Microsoft.MachineLearningServices/registries/assets/read",
  publishToRegistry: "Microsoft.MachineLearningServices/registries/assets/write",
  deleteRegistryAssets: "Microsoft.MachineLearningServices/registries/assets/delete",
} as const;

export type KeyOperation = keyof typeof KEY_OPERATIONS;

/**
 * Every operation string that performs a key operation: a role holds the key operation when it
 * allows any of them. Registering a model writes the model container (`models/write`) and its
 * version (`models/versions/write`, what the v2 API and SDK call); outbound rules are written through
 * the GA path `workspaces/outboundRules` and the preview path `workspaces/managedNetworks/outboundRules`
 * (Azure/bicep-types-az generated/machinelearningservices: 2024-04-01 and 2025-10-01-preview).
 */
export const KEY_OPERATION_STRINGS: Readonly<Record<KeyOperation, readonly string[]>> = {
  ...(Object.fromEntries(Object.entries(KEY_OPERATIONS).map(([op, operation]) => [op, [operation]])) as Record<KeyOperation, string[]>),
  registerModel: [KEY_OPERATIONS.registerModel, "Microsoft.MachineLearningServices/workspaces/models/versions/write"],
  writeOutboundRules: [KEY_OPERATIONS.writeOutboundRules, "Microsoft.MachineLearningServices/workspaces/managedNetworks/outboundRules/write"],
};

export const KEY_OPERATION_NAMES = Object.keys(KEY_OPERATIONS) as KeyOperation[];

/**
 * Operations only admins may hold by default: the seed's "only admins create compute targets and
 * datastores", plus the tamper operations that would undo the platform's guard rails (delete role
 * assignments or locks, change workspace settings, open outbound rules). Granting access
 * (writeRoleAssignments) is guarded separately, by the privilege check.
 */
export const DEFAULT_ADMIN_ONLY_OPERATIONS: readonly KeyOperation[] = [
  "createCompute",
  "deleteCompute",
  "createDatastore",
  "deleteRoleAssignments",
  "deleteLocks",
  "changeWorkspaceSettings",
  "writeOutboundRules",
];

/** Key operations decided at an Azure ML registry (the rest are decided at a workspace or its storage). */
export const REGISTRY_OPERATIONS: ReadonlySet<KeyOperation> = new Set<KeyOperation>(["readRegistryAssets", "publishToRegistry", "deleteRegistryAssets"]);

/** Whether an operation string is decided at an Azure ML registry. */
export function decidedAtRegistry(operation: string): boolean {
  return operation.trim().toLowerCase().startsWith("microsoft.machinelearningservices/registries/");
}

/**
 * Registry operations only admins may hold in prod: what sits in a prod registry is what prod
 * deploys, so publishing and deleting are reserved to admins (a release pipeline principal marked
 * admin), like compute.
 */
export const PROD_REGISTRY_ADMIN_ONLY_OPERATIONS: readonly KeyOperation[] = ["publishToRegistry", "deleteRegistryAssets"];

/** Key operations that are DataActions, granted at the workspace's storage account rather than the workspace. */
export const DATA_OPERATIONS: ReadonlySet<KeyOperation> = new Set<KeyOperation>(["readData", "writeData"]);

/**
 * The control-plane actions that hand out the keys of a workspace's storage account. With Shared Key
 * authorization on, a key reads and writes every container whatever the holder's data roles: "if a
 * role includes Microsoft.Storage/storageAccounts/listKeys/action, then a user to whom that role is
 * assigned can access data in the storage account via Shared Key authorization"
 * (storage/blobs/assign-azure-role-data-access). Azure ML lists the account's keys for the workspace
 * (`listStorageAccountKeys`, ai-machine-learning permissions: "Lists the storage account keys").
 */
export const STORAGE_KEY_ACTIONS = {
  /** Decided at the storage account. */
  storage: "Microsoft.Storage/storageAccounts/listKeys/action",
  /** Decided at the workspace. */
  workspace: "Microsoft.MachineLearningServices/workspaces/listStorageAccountKeys/action",
  /**
   * Decided at the workspace, and only possibly a route: Workspaces – List Keys returns the workspace's
   * keys, "includes keys for the storage account" (`userStorageKey`), yet the reference sample answers
   * `userStorageKey: null` (azure-rest-api-specs machinelearningservices Workspace/listKeys.json). Counted
   * as uncertain where Shared Key is on.
   */
  workspaceKeys: "Microsoft.MachineLearningServices/workspaces/listKeys/action",
} as const;

/**
 * Where Azure decides an operation: Microsoft.Storage operations (blob data, but also e.g.
 * `storageAccounts/listKeys/action`) at the workspace's storage account, everything else at the
 * workspace. Role assignments on the storage account grant the former, not the latter.
 */
export function decidedAtStorage(operation: string): boolean {
  return operation.trim().toLowerCase().startsWith("microsoft.storage/");
}

// Storage's DataAction operations (MicrosoftDocs azure-docs articles/role-based-access-control/permissions/storage.md,
// the "DataAction" rows of Microsoft.Storage): data inside blobs, files, queues and tables. Everything
// else of Microsoft.Storage, and every Microsoft.MachineLearningServices operation the workspace's
// permission table lists, is a control-plane Action.
const STORAGE_DATA_ACTION =
  /^microsoft\.storage\/storageaccounts\/(blobservices\/containers\/blobs|fileservices\/fileshares\/files|queueservices\/queues\/messages|tableservices\/tables\/entities)\/|^microsoft\.storage\/storageaccounts\/fileservices\/(read|write)filebackupsemantics\/action$/;

/**
 * Whether a raw operation string is a DataAction (matched against DataActions/NotDataActions), not
 * an Action: a control-plane `*` reaches no data action.
 */
export function isDataActionString(operation: string): boolean {
  return STORAGE_DATA_ACTION.test(operation.trim().toLowerCase());
}

export function isKeyOperation(name: string): name is KeyOperation {
  return Object.prototype.hasOwnProperty.call(KEY_OPERATIONS, name);
}
