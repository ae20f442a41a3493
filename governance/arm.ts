// A planned Pulumi resource as Azure Policy sees the ARM request: its ARM type, and the request body
// (name, location, kind, tags, identity, sku, properties) that policy aliases point into.
import { TYPES, canonicalType } from "../core/types";

/** What Azure Resource Manager evaluates: the PUT body of the resource (the fields policy reads). */
export interface ArmResource {
  type: string;
  name?: unknown;
  location?: unknown;
  kind?: unknown;
  tags?: unknown;
  identity?: unknown;
  sku?: unknown;
  properties: Record<string, unknown>;
}

/** A planned resource: what `plan --json` lists per resource (its Pulumi type token and inputs). */
export interface PlannedResource {
  type: string;
  inputs: Record<string, unknown>;
}

interface ArmTypeInfo {
  arm: string;
  /** The input holding the resource's own name. */
  nameInput: string;
  /** `properties`: the resource has a `properties` input that is the ARM properties object as is (Compute). Default: azure-native flattens `properties` into the inputs. */
  shape?: "properties";
}

/**
 * Pulumi type token → ARM resource type, for every azure-native type the program registers. A type
 * missing here cannot be evaluated (reported as unmapped), never skipped: a Deny on `type` would
 * otherwise pass unseen. The ARM types are the ones in each resource's Azure REST API spec path.
 */
export const ARM_TYPES: Readonly<Record<string, ArmTypeInfo>> = {
  [TYPES.resourceGroup]: { arm: "Microsoft.Resources/resourceGroups", nameInput: "resourceGroupName" },
  [TYPES.storageAccount]: { arm: "Microsoft.Storage/storageAccounts", nameInput: "accountName" },
  [TYPES.blobServiceProperties]: { arm: "Microsoft.Storage/storageAccounts/blobServices", nameInput: "blobServicesName" },
  [TYPES.keyVault]: { arm: "Microsoft.KeyVault/vaults", nameInput: "vaultName" },
  [TYPES.keyVaultKey]: { arm: "Microsoft.KeyVault/vaults/keys", nameInput: "keyName", shape: "properties" },
  [TYPES.logAnalytics]: { arm: "Microsoft.OperationalInsights/workspaces", nameInput: "workspaceName" },
  [TYPES.applicationInsights]: { arm: "Microsoft.Insights/components", nameInput: "resourceName" },
  [TYPES.containerRegistry]: { arm: "Microsoft.ContainerRegistry/registries", nameInput: "registryName" },
  [TYPES.workspace]: { arm: "Microsoft.MachineLearningServices/workspaces", nameInput: "workspaceName" },
  [TYPES.compute]: { arm: "Microsoft.MachineLearningServices/workspaces/computes", nameInput: "computeName", shape: "properties" },
  [TYPES.machineLearningRegistry]: { arm: "Microsoft.MachineLearningServices/registries", nameInput: "registryName" },
  [TYPES.diagnosticSetting]: { arm: "Microsoft.Insights/diagnosticSettings", nameInput: "name" },
  [TYPES.lock]: { arm: "Microsoft.Authorization/locks", nameInput: "lockName" },
  [TYPES.roleDefinition]: { arm: "Microsoft.Authorization/roleDefinitions", nameInput: "roleDefinitionId" },
  [TYPES.roleAssignment]: { arm: "Microsoft.Authorization/roleAssignments", nameInput: "roleAssignmentName" },
  [TYPES.userAssignedIdentity]: { arm: "Microsoft.ManagedIdentity/userAssignedIdentities", nameInput: "resourceName" },
  [TYPES.privateEndpoint]: { arm: "Microsoft.Network/privateEndpoints", nameInput: "privateEndpointName" },
  [TYPES.privateDnsZoneGroup]: { arm: "Microsoft.Network/privateEndpoints/privateDnsZoneGroups", nameInput: "privateDnsZoneGroupName" },
  [TYPES.privateZone]: { arm: "Microsoft.Network/privateDnsZones", nameInput: "privateZoneName" },
  [TYPES.virtualNetworkLink]: { arm: "Microsoft.Network/privateDnsZones/virtualNetworkLinks", nameInput: "virtualNetworkLinkName" },
  [TYPES.budget]: { arm: "Microsoft.Consumption/budgets", nameInput: "budgetName" },
  // An eligibility schedule has no name input: Azure names the schedule its request creates.
  [TYPES.pimRoleEligibilitySchedule]: { arm: "Microsoft.Authorization/roleEligibilitySchedules", nameInput: "roleEligibilityScheduleName" },
  [TYPES.roleManagementPolicy]: { arm: "Microsoft.Authorization/roleManagementPolicies", nameInput: "roleManagementPolicyName" },
  [TYPES.policyAssignment]: { arm: "Microsoft.Authorization/policyAssignments", nameInput: "policyAssignmentName" },
};

/** Inputs that are ARM envelope fields rather than `properties`. */
const ENVELOPE = ["location", "kind", "tags", "identity", "sku"] as const;
/** Inputs that only address the resource (its parents and scope): not in the request body. */
const ADDRESSING = new Set(["resourceGroupName", "scope", "resourceUri", "accountName", "workspaceName", "privateEndpointName", "privateZoneName", "vaultName"]);

export class UnmappedTypeError extends Error {
  constructor(readonly pulumiType: string) {
    super(`no ARM type is known for ${pulumiType}`);
  }
}

/**
 * The ARM request body of a planned resource; undefined for what is not an Azure resource (components,
 * the stack, providers, Entra ID objects). Throws UnmappedTypeError for an azure-native type not in ARM_TYPES.
 */
export function toArmResource(resource: PlannedResource): ArmResource | undefined {
  const token = canonicalType(resource.type);
  if (!token.startsWith("azure-native:")) return undefined;
  const info = ARM_TYPES[token];
  if (!info) throw new UnmappedTypeError(token);
  const inputs = resource.inputs;
  const arm: ArmResource = { type: info.arm, name: inputs[info.nameInput], properties: {} };
  for (const key of ENVELOPE) if (inputs[key] !== undefined) arm[key] = inputs[key];
  if (info.shape === "properties") {
    arm.properties = (inputs.properties ?? {}) as Record<string, unknown>;
  } else {
    for (const [key, value] of Object.entries(inputs))
      if (key !== info.nameInput && !ADDRESSING.has(key) && !(ENVELOPE as readonly string[]).includes(key)) arm.properties[key] = value;
  }
  return arm;
}
