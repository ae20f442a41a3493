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

/** What a known ABAC condition on blob container names limits, as far as this package can read it. */
export interface ContainerCondition {
  /**
   * The actions its action clauses name (`ActionMatches{'…'}`), lower-cased: the condition applies to
   * these only: for an action the clause does not name, `!(ActionMatches{…})` is true and so is the
   * whole condition (role-based-access-control/conditions-format, "Simple condition").
   */
  actions: string[];
  /** The container name prefixes it allows (`@Resource[…containers:name] StringStartsWith '<prefix>'`), lower-cased. */
  prefixes: string[];
}

const ACTION_CLAUSE = /ActionMatches\s*\{\s*'([^']+)'\s*\}/gi;
const CONTAINER_PREFIX = /@Resource\[Microsoft\.Storage\/storageAccounts\/blobServices\/containers:name\]\s+StringStartsWith\s+'([^']+)'/gi;
// Attribute expressions other than a container name prefix: this package cannot compare them with where data is.
const ANY_ATTRIBUTE = /@(Resource|Request|Principal|Environment)\[/gi;

/**
 * Reads a condition of the shape AccessModel writes and the Azure portal's "container name starts
 * with" template produces: action clauses naming blob actions, or'ed with container name prefixes.
 * Undefined when it uses anything else (other attributes, operators, sub-operations): its effect
 * cannot be evaluated here, and callers show what it limits as uncertain.
 */
export function readContainerCondition(condition: string): ContainerCondition | undefined {
  const actions = [...condition.matchAll(ACTION_CLAUSE)].map((m) => m[1].trim().toLowerCase());
  const prefixes = [...condition.matchAll(CONTAINER_PREFIX)].map((m) => m[1].toLowerCase());
  const attributes = [...condition.matchAll(ANY_ATTRIBUTE)].length;
  if (!actions.length || !prefixes.length || attributes !== prefixes.length || /SubOperationMatches/i.test(condition)) return undefined;
  return { actions, prefixes };
}
