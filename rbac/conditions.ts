// ABAC conditions on role assignments (no Pulumi import).

/** The blob data actions of the data roles the access model grants (Storage Blob Data Reader / Contributor). */
const BLOB_DATA_ACTIONS = ["read", "write", "delete", "add/action", "move/action"].map((a) => `Microsoft.Storage/storageAccounts/blobServices/containers/blobs/${a}`);

/**
 * An ABAC condition (version 2.0) that lets a blob data role act only in containers whose names start
 * with one of `prefixes`: a project's containers in its hub's storage are named after the project's
 * workspace GUID (concept-hub-workspace, "Storage"; Azure ML itself limits the project identity the
 * same way). Any other action of the role is unaffected (conditions-format: "if the action is not
 * one of these, allow"). Conditions apply to Blob and Queue storage only (conditions-overview), so
 * file data roles are not granted on a hub's storage for a project.
 */
export function containerPrefixCondition(prefixes: readonly string[]): string {
  if (prefixes.length === 0) throw new Error("containerPrefixCondition needs at least one prefix");
  const actions = BLOB_DATA_ACTIONS.map((a) => `!(ActionMatches{'${a}'})`).join(" AND ");
  const names = [...new Set(prefixes)]
    .sort()
    .map((p) => `@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringStartsWith '${p.replace(/'/g, "")}'`)
    .join(" OR ");
  return `((${actions}) OR (${names}))`;
}
