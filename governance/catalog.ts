// The built-in Azure Machine Learning policy definitions this package assigns, pinned like the built-in
// roles (rbac/builtinRoles.ts). governance/definitions/*.json are exact copies of
// Azure/azure-policy built-in-policies/policyDefinitions/Machine Learning/<file> at commit
// f4a50bacae07ddb096943c597669bcae494a6e29 (2026-04-29); docs/governance.md "Azure Policy" says why
// each is in the set. A newer built-in version is a change to those files, reviewed like any other.
import disableLocalAuth from "./definitions/DisableLocalAuth_Audit.json";
import idleShutdown from "./definitions/IdleShutdown_Audit.json";
import publicNetworkAccess from "./definitions/Workspace_PublicNetworkAccessDisabled_Audit.json";
import managedNetwork from "./definitions/ManagedNetworkIsolationMode_Audit.json";
import pythonChannels from "./definitions/AllowedPythonPackageChannels_EnforceSetting.json";

/** One parameter of a policy definition, as the definition JSON declares it. */
export interface PolicyParameter {
  type: string;
  defaultValue?: unknown;
  allowedValues?: unknown[];
  metadata?: { displayName?: string; description?: string };
}

/** A policy rule condition: the subset of the policy language is interpreted by governance/evaluate.ts. */
export type PolicyCondition = Record<string, unknown>;

/** A built-in policy definition file as Azure/azure-policy publishes it. */
export interface PolicyDefinitionFile {
  id: string;
  name: string;
  properties: {
    displayName: string;
    policyType: string;
    mode: string;
    description: string;
    metadata?: { version?: string; category?: string; preview?: boolean };
    version: string;
    parameters: Record<string, PolicyParameter>;
    policyRule: { if: PolicyCondition; then: { effect: string; details?: Record<string, unknown> } };
  };
}

/**
 * Control plane: evaluated by Azure Resource Manager on PUT (mode All / Indexed), so a Deny refuses the
 * stack's own resources too. Data plane (a `Microsoft.*.Data` resource provider mode): evaluated by the
 * service at run time (e.g. when a job installs packages), never against an ARM request.
 * https://learn.microsoft.com/azure/governance/policy/concepts/definition-structure-basics#mode
 */
export type PolicyPlane = "control" | "data";

export interface PinnedPolicyDefinition {
  /** The definition's name (a GUID, the same in every tenant). */
  name: string;
  /** `/providers/Microsoft.Authorization/policyDefinitions/<name>`. */
  id: string;
  displayName: string;
  version: string;
  mode: string;
  plane: PolicyPlane;
  /** Stable short handle, used in assignment names (≤ 24 characters with the `aml-` prefix). */
  handle: string;
  /** The source file under governance/definitions. */
  file: string;
  parameters: Record<string, PolicyParameter>;
  policyRule: PolicyDefinitionFile["properties"]["policyRule"];
}

/** A resource provider mode (`Microsoft.<RP>.Data`, `Microsoft.<RP>.v2.Data`) is data plane; `All` / `Indexed` are control plane. */
export const planeOf = (mode: string): PolicyPlane => (/\.Data$/.test(mode) ? "data" : "control");

function pin(handle: string, file: string, json: unknown): PinnedPolicyDefinition {
  const d = json as PolicyDefinitionFile;
  const mode = d.properties.mode;
  return {
    name: d.name,
    id: d.id,
    displayName: d.properties.displayName,
    version: d.properties.version,
    mode,
    plane: planeOf(mode),
    handle,
    file,
    parameters: d.properties.parameters,
    policyRule: d.properties.policyRule,
  };
}

/** The pinned set, in the order they are assigned. */
export const PINNED_POLICY_DEFINITIONS: readonly PinnedPolicyDefinition[] = [
  pin("local-auth", "DisableLocalAuth_Audit.json", disableLocalAuth),
  pin("idle-shutdown", "IdleShutdown_Audit.json", idleShutdown),
  pin("public-access", "Workspace_PublicNetworkAccessDisabled_Audit.json", publicNetworkAccess),
  pin("managed-network", "ManagedNetworkIsolationMode_Audit.json", managedNetwork),
  pin("pip-channels", "AllowedPythonPackageChannels_EnforceSetting.json", pythonChannels),
];

/** The pinned definition whose name (GUID) or display name is `nameOrDisplayName` (case-insensitive). */
export function findPinnedDefinition(nameOrDisplayName: string): PinnedPolicyDefinition | undefined {
  const needle = nameOrDisplayName.trim().toLowerCase();
  // By its handle too (`local-auth`): what assignment names and docs/governance.md show.
  return PINNED_POLICY_DEFINITIONS.find((d) => d.name.toLowerCase() === needle || d.displayName.toLowerCase() === needle || d.handle === needle);
}
