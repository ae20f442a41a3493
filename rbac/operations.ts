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
} as const;

export type KeyOperation = keyof typeof KEY_OPERATIONS;

export const KEY_OPERATION_NAMES = Object.keys(KEY_OPERATIONS) as KeyOperation[];

export function isKeyOperation(name: string): name is KeyOperation {
  return Object.prototype.hasOwnProperty.call(KEY_OPERATIONS, name);
}
