import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { DeferredReads, isType, read, refersTo, TYPES, UNKNOWN } from "../lib/azure";
import { hasManagedNetwork, managedNetworkDependencies } from "../lib/managedNetwork";

/** The id segment and Azure-name input of each resource type a lock may be scoped to here. */
const SEGMENT: Record<string, [string, string]> = {
  [TYPES.workspace]: ["microsoft.machinelearningservices/workspaces", "workspaceName"],
  [TYPES.storageAccount]: ["microsoft.storage/storageaccounts", "accountName"],
  [TYPES.keyVault]: ["microsoft.keyvault/vaults", "vaultName"],
  [TYPES.containerRegistry]: ["microsoft.containerregistry/registries", "registryName"],
  [TYPES.machineLearningRegistry]: ["microsoft.machinelearningservices/registries", "registryName"],
};

export const noLockUnderManagedNetwork: StackValidationPolicy = {
  name: "no-lock-under-managed-network",
  description:
    "No management lock on what a workspace's managed network works on: the workspace, its storage account, key vault and container registry, its resource group, and Azure ML registries. Encodes how-to-managed-network, Limitations: \"Make sure there are no scope locks on the Azure Machine Learning resources and resource group. Internal operations related to managed virtual network might be blocked.\" Protect the data with Pulumi's protect, soft delete and purge protection instead.",
  severity: "high",
  url: "https://learn.microsoft.com/azure/machine-learning/how-to-managed-network#limitations",
  remediationSteps: "Remove the lock; keep the resource protect: true (Pulumi refuses to delete it), with blob and container soft delete on the storage account and purge protection on the key vault (WorkspaceStack does in prod).",
  validateStack: (args, reportViolation) => {
    const resources = args.resources;
    const managed = new Map<string, string>();
    for (const w of resources.filter((r) => isType(r.type, TYPES.workspace) && hasManagedNetwork(r))) {
      for (const target of [w, ...managedNetworkDependencies(w, resources)]) managed.set(target.urn, `of workspace ${w.name}'s managed network`);
      const group = resources.find((g) => isType(g.type, TYPES.resourceGroup) && (w.propertyDependencies?.resourceGroupName ?? []).some((d) => d.urn === g.urn));
      if (group) managed.set(group.urn, `holding workspace ${w.name}, which has a managed network`);
    }
    for (const r of resources.filter((x) => isType(x.type, TYPES.machineLearningRegistry))) managed.set(r.urn, "an Azure ML registry that workspaces' managed networks reach through private endpoints");
    const locked = (lock: PolicyResource, target: PolicyResource): boolean => {
      if (isType(target.type, TYPES.resourceGroup)) return (lock.propertyDependencies?.scope ?? []).some((d) => d.urn === target.urn) || refersToGroup(read(lock.props, "scope"), read(target.props, "resourceGroupName"));
      const [segment, name] = SEGMENT[Object.keys(SEGMENT).find((t) => isType(target.type, t))!];
      return refersTo(lock, "scope", target, segment, name);
    };
    const deferred = new DeferredReads();
    for (const lock of resources.filter((r) => isType(r.type, TYPES.lock))) {
      const targets = resources.filter((r) => managed.has(r.urn));
      for (const target of targets) {
        if (locked(lock, target)) reportViolation(`${lock.name} locks ${target.name}, ${managed.get(target.urn)}: internal operations of the managed network may be blocked`, lock.urn);
      }
      // A scope unknown in a preview and tied to no resource of the stack could be any of them.
      if (targets.length && read(lock.props, "scope") === UNKNOWN && !(lock.propertyDependencies?.scope ?? []).length) deferred.add(lock.props, "scope");
    }
    deferred.settle();
  },
};

/** Whether a known scope is exactly the resource group `name` (any subscription). */
function refersToGroup(scope: unknown, name: unknown): boolean {
  return typeof scope === "string" && typeof name === "string" && new RegExp(`/resourceGroups/${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/?$`, "i").test(scope);
}
