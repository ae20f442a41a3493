// Constants and id shapes both the stack-config schema and the workspace contract use (no Pulumi import).
import { SUB_RG } from "./network";
import { parseResourceId } from "../naming/resourceIds";

/** The Pulumi config namespace of this package (`azureml-platform:<key>`). */
export const CONFIG_NAMESPACE = "azureml-platform";

export const ENVIRONMENTS = ["dev", "prod"] as const;
export type Environment = (typeof ENVIRONMENTS)[number];
export const PUBLIC_NETWORK_ACCESS = ["Enabled", "Disabled"] as const;
export const ISOLATION_MODES = ["Disabled", "AllowInternetOutbound", "AllowOnlyApprovedOutbound"] as const;
export const TEAM_SCOPES = ["workspace", "resourceGroup", "subscription"] as const;
export const PRINCIPAL_TYPES = ["User", "Group", "ServicePrincipal", "ForeignGroup", "Device"] as const;
export const VM_PRIORITIES = ["Dedicated", "LowPriority"] as const;
export const DATA_ACCESS_LEVELS = ["none", "read", "readWrite"] as const;
/** `default`: a standalone workspace; `hub`: holds the shared dependencies, network and key; `project`: a team's workspace under a hub (concept-hub-workspace). */
export const WORKSPACE_KINDS = ["default", "hub", "project"] as const;
export type WorkspaceKind = (typeof WORKSPACE_KINDS)[number];
/** What a team may do in an Azure ML registry: use its assets, or publish (create and delete) them too. */
export const REGISTRY_ACCESS = ["read", "publish"] as const;

export const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
export const UPN = /^[^@\s]+@[^@\s]+\.[^@\s.]+$/;

/** ARM id shapes for the dependencies a workspace can adopt instead of creating. */
export const RESOURCE_ID_PATTERNS = {
  storageAccount: { pattern: new RegExp(`^${SUB_RG}/providers/Microsoft\\.Storage/storageAccounts/[a-z0-9]{3,24}$`, "i"), type: "Microsoft.Storage/storageAccounts" },
  keyVault: { pattern: new RegExp(`^${SUB_RG}/providers/Microsoft\\.KeyVault/vaults/[a-zA-Z0-9-]{3,24}$`, "i"), type: "Microsoft.KeyVault/vaults" },
  applicationInsights: { pattern: new RegExp(`^${SUB_RG}/providers/Microsoft\\.Insights/components/[^/]+$`, "i"), type: "Microsoft.Insights/components" },
  containerRegistry: { pattern: new RegExp(`^${SUB_RG}/providers/Microsoft\\.ContainerRegistry/registries/[a-zA-Z0-9]{5,50}$`, "i"), type: "Microsoft.ContainerRegistry/registries" },
  logAnalyticsWorkspace: { pattern: new RegExp(`^${SUB_RG}/providers/Microsoft\\.OperationalInsights/workspaces/[^/]+$`, "i"), type: "Microsoft.OperationalInsights/workspaces" },
  workspace: { pattern: new RegExp(`^${SUB_RG}/providers/Microsoft\\.MachineLearningServices/workspaces/[a-zA-Z0-9][a-zA-Z0-9_-]{2,32}$`, "i"), type: "Microsoft.MachineLearningServices/workspaces" },
  machineLearningRegistry: { pattern: new RegExp(`^${SUB_RG}/providers/Microsoft\\.MachineLearningServices/registries/[a-zA-Z0-9][a-zA-Z0-9_-]{1,31}$`, "i"), type: "Microsoft.MachineLearningServices/registries" },
  userAssignedIdentity: { pattern: new RegExp(`^${SUB_RG}/providers/Microsoft\\.ManagedIdentity/userAssignedIdentities/[a-zA-Z0-9][a-zA-Z0-9_-]{2,127}$`, "i"), type: "Microsoft.ManagedIdentity/userAssignedIdentities" },
} as const;
export type AdoptableDependency = keyof typeof RESOURCE_ID_PATTERNS;

/** Whether a workspace's registry reference is an Azure ML registry id (else it names a registry of the stack). */
export function isRegistryId(reference: string): boolean {
  return RESOURCE_ID_PATTERNS.machineLearningRegistry.pattern.test(reference);
}

/** `/subscriptions/<guid>/resourceGroups/<name>`: a resource group's id. */
export const RESOURCE_GROUP_ID = new RegExp(`^${SUB_RG}$`, "i");

/** A versioned Key Vault key identifier: `https://<vault>.vault.azure.net/keys/<key>/<version>` (public and sovereign clouds). */
export const KEY_URI = /^https:\/\/([a-zA-Z0-9-]{3,24})\.vault\.(?:azure\.net|azure\.cn|usgovcloudapi\.net)\/keys\/[a-zA-Z0-9-]{1,127}\/[0-9a-fA-F]{32}$/;
export const KEY_URI_RULE = "must be a versioned Key Vault key URI, https://<vault>.vault.azure.net/keys/<key>/<32-hex-digit version>";
export const CMK_NEEDS_IDENTITY =
  "needs identity.userAssigned: the workspace unwraps a customer-managed key with its user-assigned identity (CMK is set only when the workspace is created; adding or removing it later replaces the workspace)";

export const oneOf = (values: readonly string[]) => `must be one of ${values.join(" | ")}`;

/** The subscription id of an ARM resource id, or undefined when it is not one. */
export function subscriptionOf(id: string): string | undefined {
  return parseResourceId(id)?.subscription;
}
