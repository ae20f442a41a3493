import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { DeferredReads, isType, read, TYPES, UNKNOWN } from "../lib/azure";
import { findGrant, indices, Pending, roleAllows, stackAssignments, Target, targetOf, targetOfResource, targetOfValue, Tri, workspaceIdentity } from "../lib/deploy";

/** The storage sub-resources the studio reaches from the browser. */
const STUDIO_GROUPS = ["blob", "file"];

/** Whether a private endpoint connects to `storage`'s blob or file sub-resource (either connection list). */
function studioEndpointTo(pe: PolicyResource, storage: Target, resources: readonly PolicyResource[], targets: Map<string, ReturnType<typeof targetOfValue>>): Tri | Pending {
  let result: Tri | Pending = false;
  for (const list of ["privateLinkServiceConnections", "manualPrivateLinkServiceConnections"]) {
    const connections = read<unknown[]>(pe.props, list);
    if (connections === UNKNOWN) return { props: pe.props, path: list };
    if (!Array.isArray(connections)) continue;
    for (const i of indices(connections)) {
      const deps = pe.propertyDependencies?.[list] ?? [];
      // Every workspace asks about every endpoint: each connection's target is found once.
      // Stryker disable next-line StringLiteral: a key per endpoint connection; another spelling only finds the target again
      const key = `${pe.urn}\n${list}.${i}`;
      // Stryker disable next-line ConditionalExpression: finding the target again gives the same target
      if (!targets.has(key)) targets.set(key, targetOfValue(read(pe.props, `${list}.${i}.privateLinkServiceId`), deps, resources, [TYPES.storageAccount]));
      const target = targets.get(key);
      // Unknown and built from other resources of the stack (the workspace, a vault…): not this storage.
      if (target === "unknown") {
        if (deps.length) continue;
        return { props: pe.props, path: `${list}.${i}.privateLinkServiceId` };
      }
      const same = target !== undefined && ((target.resource !== undefined && target.resource === storage.resource) || (target.id !== undefined && target.name === storage.name?.toLowerCase() && target.armType === storage.armType));
      if (!same) continue;
      const groups = read<unknown[]>(pe.props, `${list}.${i}.groupIds`);
      if (groups === UNKNOWN) return { props: pe.props, path: `${list}.${i}.groupIds` };
      if (!Array.isArray(groups)) continue;
      for (const g of indices(groups)) {
        const group = read(pe.props, `${list}.${i}.groupIds.${g}`);
        if (group === UNKNOWN) return { props: pe.props, path: `${list}.${i}.groupIds.${g}` };
        if (typeof group === "string" && STUDIO_GROUPS.includes(group.toLowerCase())) result = true;
      }
    }
  }
  return result;
}

export const privateStorageEndpointNeedsWorkspaceReader: StackValidationPolicy = {
  name: "private-storage-endpoint-needs-workspace-reader",
  description:
    "When a workspace's storage account has public network access disabled, every blob and file private endpoint to it in the client network grants the workspace's managed identity Reader; without it the studio cannot show the workspace's data. Encodes how-to-managed-network (\"Azure Machine Learning studio\").",
  severity: "medium",
  url: "https://learn.microsoft.com/azure/machine-learning/how-to-managed-network#azure-machine-learning-studio",
  remediationSteps:
    "Assign Reader (acdd72a7-3385-48ef-bd42-f606fba81ae7) to the workspace's managed identity (workspace.identity.principalId, or its user-assigned identity's principalId) with scope: the private endpoint's id.",
  validateStack: (args, reportViolation) => {
    const resources = args.resources;
    const deferred = new DeferredReads();
    const assignments = stackAssignments(resources);
    const endpoints = resources.filter((r) => isType(r.type, TYPES.privateEndpoint));
    const targets = new Map<string, ReturnType<typeof targetOfValue>>();
    for (const ws of resources.filter((r) => isType(r.type, TYPES.workspace))) {
      const storage = targetOf(ws, "storageAccount", resources, [TYPES.storageAccount]);
      if (storage === "unknown") {
        deferred.add(ws.props, "storageAccount");
        continue;
      }
      // A storage account outside the stack: its network settings are not visible.
      if (storage === undefined || !storage.resource) continue;
      const access = read(storage.resource.props, "publicNetworkAccess");
      if (access === UNKNOWN) {
        deferred.add(storage.resource.props, "publicNetworkAccess");
        continue;
      }
      if (typeof access !== "string" || access.toLowerCase() !== "disabled") continue;
      const studio: PolicyResource[] = [];
      for (const pe of endpoints) {
        const to = studioEndpointTo(pe, storage, resources, targets);
        if (typeof to === "object") deferred.add(to.props, to.path);
        else if (to === true) studio.push(pe);
      }
      if (studio.length === 0) continue;
      const who = workspaceIdentity(ws, resources);
      if (who.pending) {
        deferred.add(who.pending.props, who.pending.path);
        continue;
      }
      for (const pe of studio) {
        const grant = findGrant(assignments, { identity: who.identity!, target: targetOfResource(pe), role: roleAllows("Microsoft.Network/privateEndpoints/read") });
        if (grant.result === "unknown") deferred.add(grant.pending!.props, grant.pending!.path);
        else if (grant.result === false)
          reportViolation(
            `private endpoint ${pe.name} reaches the private storage of workspace ${ws.name}, but the workspace's managed identity has no Reader on it: the studio cannot show the workspace's data`,
            pe.urn,
          );
      }
    }
    deferred.settle();
  },
};
