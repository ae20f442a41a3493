import { StackValidationPolicy } from "@pulumi/policy";
import { DeferredReads, isType, read, TYPES, UNKNOWN } from "../lib/azure";
import { findGrant, ROLES, stackAssignments, targetOfResource, workspaceUserAssignedIdentities } from "../lib/deploy";

/** Contributor, or Owner (which holds everything Contributor does). */
const CONTRIBUTOR_OR_ABOVE: readonly string[] = [ROLES.contributor, ROLES.owner];

export const userAssignedIdentityNeedsWorkspaceContributor: StackValidationPolicy = {
  name: "user-assigned-identity-needs-workspace-contributor",
  description:
    "A workspace running as a user-assigned identity needs Contributor for that identity on the workspace (or a scope above it), and cannot provision its managed network at creation (provisionNetworkNow) unless that grant exists before the workspace. Encodes how-to-identity-based-service-authentication (\"User-assigned managed identity\" → \"Workspace\": Azure Machine Learning workspace | Contributor).",
  severity: "high",
  url: "https://learn.microsoft.com/azure/machine-learning/how-to-identity-based-service-authentication#user-assigned-managed-identity",
  remediationSteps:
    "Assign Contributor (b24988ac-6180-42a0-ab88-20f7382dd24c) to the identity's principal at the workspace (scope: workspace.id) or its resource group. With provisionNetworkNow, grant it at the resource group and make the workspace depend on that grant, or leave provisionNetworkNow unset and provision the network after the grant (az ml workspace provision-network).",
  validateStack: (args, reportViolation) => {
    const resources = args.resources;
    const deferred = new DeferredReads();
    const assignments = stackAssignments(resources);
    for (const ws of resources.filter((r) => isType(r.type, TYPES.workspace))) {
      const type = read(ws.props, "identity.type");
      if (type === UNKNOWN) {
        deferred.add(ws.props, "identity.type");
        continue;
      }
      if (typeof type !== "string" || !type.toLowerCase().includes("userassigned")) continue;
      const uais = workspaceUserAssignedIdentities(ws, resources);
      if (uais.pending) {
        deferred.add(uais.pending.props, uais.pending.path);
        continue;
      }
      if (uais.identities.length === 0) {
        reportViolation(`workspace ${ws.name} has identity type ${type} but names no user-assigned identity`, ws.urn);
        continue;
      }
      const target = targetOfResource(ws);
      const provisionNow = read(ws.props, "provisionNetworkNow");
      if (provisionNow === UNKNOWN) deferred.add(ws.props, "provisionNetworkNow");
      // Without a managed network (isolation Disabled, the default) there is nothing to provision.
      const isolation = read(ws.props, "managedNetwork.isolationMode");
      if (provisionNow === true && isolation === UNKNOWN) deferred.add(ws.props, "managedNetwork.isolationMode");
      const provisionsAtCreation = provisionNow === true && typeof isolation === "string" && isolation.toLowerCase() !== "disabled";
      for (const identity of uais.identities) {
        const label = identity.urns[0]?.split("::").pop() ?? "(created outside the stack)";
        const grant = findGrant(assignments, { identity, target, role: (role) => CONTRIBUTOR_OR_ABOVE.includes(role.id ?? "") });
        if (grant.result === "unknown") deferred.add(grant.pending!.props, grant.pending!.path);
        else if (grant.result === false) {
          reportViolation(
            `workspace ${ws.name}'s user-assigned identity ${label} has no Contributor on the workspace: Azure ML needs it to manage the workspace's resources as that identity`,
            ws.urn,
          );
        } else if (provisionsAtCreation) {
          // The grant must exist when the workspace is created: one the workspace depends on (so not scoped to the workspace itself).
          const before = findGrant(
            assignments.filter(({ a }) => ws.dependencies.some((d) => d.urn === a.urn)),
            { identity, target, role: (role) => CONTRIBUTOR_OR_ABOVE.includes(role.id ?? "") },
          );
          if (before.result === "unknown") deferred.add(before.pending!.props, before.pending!.path);
          else if (before.result === false)
            reportViolation(
              `workspace ${ws.name} sets provisionNetworkNow with user-assigned identity ${label}: the managed network is provisioned while the workspace is created, before its Contributor grant exists (a grant on the workspace needs the workspace's id). Grant at the resource group and depend on it, or provision the network after the grant`,
              ws.urn,
            );
        }
      }
    }
    deferred.settle();
  },
};
