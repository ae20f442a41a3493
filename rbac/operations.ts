/**
 * The operations every access report shows for each team × workspace. Names are stable: they are
 * column headers of the matrix, JSON keys of `plan --json` and policy configuration values.
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
  writeOutboundRules: "Microsoft.MachineLearningServices/workspaces/managedNetworks/outboundRules/write",
  createConnection: "Microsoft.MachineLearningServices/workspaces/connections/write",
  readConnectionSecrets: "Microsoft.MachineLearningServices/workspaces/connections/listsecrets/action",
  /** Data plane, evaluated at the workspace's storage account (identity-based datastores). */
  readData: "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read",
  writeData: "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write",
} as const;

export type KeyOperation = keyof typeof KEY_OPERATIONS;

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

/** Key operations that are DataActions, granted at the workspace's storage account rather than the workspace. */
export const DATA_OPERATIONS: ReadonlySet<KeyOperation> = new Set<KeyOperation>(["readData", "writeData"]);

export function isKeyOperation(name: string): name is KeyOperation {
  return Object.prototype.hasOwnProperty.call(KEY_OPERATIONS, name);
}
