// Azure Policy aliases → where their value sits in the ARM request body (governance/arm.ts). Only the
// aliases the pinned control-plane definitions read are listed: any other alias is reported as unmapped
// by the evaluator, never read as missing. Paths follow the resources' REST API schemas
// (Azure/azure-rest-api-specs machinelearningservices: Workspace.properties.publicNetworkAccess,
// .managedNetwork.isolationMode; Compute.properties.computeType, .disableLocalAuth, and
// ComputeInstance's properties.properties.idleTimeBeforeShutdown), the paths `az provider show
// --namespace Microsoft.MachineLearningServices --expand resourceTypes/aliases` lists for these aliases.
import { ArmResource } from "./arm";
import { UNKNOWN_MARKER } from "../core/markers";

const WORKSPACES = "Microsoft.MachineLearningServices/workspaces";
const COMPUTES = "Microsoft.MachineLearningServices/workspaces/computes";

export interface AliasPath {
  /** The ARM type the alias belongs to; on a resource of another type it reads as absent. */
  type: string;
  /** Dotted path into the ARM request body. */
  path: string;
}

export const ALIASES: Readonly<Record<string, AliasPath>> = {
  [`${WORKSPACES}/publicNetworkAccess`]: { type: WORKSPACES, path: "properties.publicNetworkAccess" },
  [`${WORKSPACES}/managedNetwork.isolationMode`]: { type: WORKSPACES, path: "properties.managedNetwork.isolationMode" },
  [`${COMPUTES}/computeType`]: { type: COMPUTES, path: "properties.computeType" },
  [`${COMPUTES}/disableLocalAuth`]: { type: COMPUTES, path: "properties.disableLocalAuth" },
  [`${COMPUTES}/idleTimeBeforeShutdown`]: { type: COMPUTES, path: "properties.properties.idleTimeBeforeShutdown" },
};

/** Fields every resource has (https://learn.microsoft.com/azure/governance/policy/concepts/definition-structure-policy-rule#fields). */
const TOP_LEVEL_FIELDS = ["type", "name", "location", "kind", "tags", "identity.type"];

export class UnmappedAliasError extends Error {
  constructor(readonly alias: string) {
    super(`alias ${alias} is not mapped to a resource property (governance/aliases.ts)`);
  }
}


function at(value: unknown, path: string): unknown {
  let v = value;
  for (const segment of path.split(".")) {
    // A whole object unknown in a first preview (e.g. a managed network whose rules name a registry
    // not created yet) leaves every property under it unknown, not absent.
    if (v === UNKNOWN_MARKER) return v;
    if (v === null || typeof v !== "object" || Array.isArray(v)) return undefined;
    v = (v as Record<string, unknown>)[segment];
  }
  return v;
}

/** The value a `field` reads on `resource`: undefined when absent. Throws UnmappedAliasError for an alias not listed. */
export function readField(resource: ArmResource, field: string): unknown {
  const lower = field.toLowerCase();
  const top = TOP_LEVEL_FIELDS.find((f) => f === lower);
  if (top) return at(resource, top);
  const key = Object.keys(ALIASES).find((a) => a.toLowerCase() === lower);
  if (!key) throw new UnmappedAliasError(field);
  const alias = ALIASES[key];
  return alias.type.toLowerCase() === resource.type.toLowerCase() ? at(resource, alias.path) : undefined;
}
