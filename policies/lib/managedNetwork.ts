// What a workspace's managed virtual network works on: the workspace, its storage account, key vault
// and container registry, and its resource group; and Azure ML registries, whose private endpoints
// workspaces' outbound rules create. how-to-managed-network, "Limitations": "Make sure there are no
// scope locks on the Azure Machine Learning resources and resource group. Internal operations related
// to managed virtual network might be blocked." (MicrosoftDocs/azure-ai-docs
// articles/machine-learning/how-to-managed-network.md)
import { PolicyResource } from "@pulumi/policy";
import { isType, read, refersTo, TYPES, UNKNOWN } from "./azure";

/** A workspace has a managed network unless its isolation mode is Disabled; unknown counts as one (fail closed). */
export function hasManagedNetwork(workspace: PolicyResource): boolean {
  const mode = read(workspace.props, "managedNetwork.isolationMode");
  return mode === UNKNOWN || (typeof mode === "string" && mode.toLowerCase() !== "disabled");
}

const DEPENDENCIES: { type: string; property: string; segment: string; name: string }[] = [
  { type: TYPES.storageAccount, property: "storageAccount", segment: "microsoft.storage/storageaccounts", name: "accountName" },
  { type: TYPES.keyVault, property: "keyVault", segment: "microsoft.keyvault/vaults", name: "vaultName" },
  { type: TYPES.containerRegistry, property: "containerRegistry", segment: "microsoft.containerregistry/registries", name: "registryName" },
];

/** The stack's resources a workspace's managed network works on (the workspace's own dependencies). */
export function managedNetworkDependencies(workspace: PolicyResource, resources: readonly PolicyResource[]): PolicyResource[] {
  return DEPENDENCIES.flatMap((d) => resources.filter((r) => isType(r.type, d.type) && refersTo(workspace, d.property, r, d.segment, d.name)));
}

/** Whether a storage account or key vault of the stack is a dependency of a workspace with a managed network. */
export function underManagedNetwork(resource: PolicyResource, resources: readonly PolicyResource[]): boolean {
  return resources.some((w) => isType(w.type, TYPES.workspace) && hasManagedNetwork(w) && managedNetworkDependencies(w, resources).some((d) => d.urn === resource.urn));
}
