import { StackValidationPolicy } from "@pulumi/policy";
import { INBOUND_MANAGED_ELSEWHERE, INBOUND_TAG } from "../../config/network";
import { DeferredReads, isType, read, refersTo, TYPES, UNKNOWN } from "../lib/azure";

/** Whether a private endpoint in the stack connects to this workspace (by dependency, or by id while known). */
function endpointReaches(endpoint: { props: unknown; propertyDependencies?: Record<string, { urn: string }[]> }, workspace: { urn: string; props: unknown }): boolean {
  if ((endpoint.propertyDependencies?.privateLinkServiceConnections ?? []).some((d) => d.urn === workspace.urn)) return true;
  const connections = read<unknown[]>(endpoint.props, "privateLinkServiceConnections");
  return Array.isArray(connections) && connections.some((_, i) => refersTo(endpoint, `privateLinkServiceConnections.${i}.privateLinkServiceId`, workspace, "workspaces", "workspaceName"));
}

export const workspaceInboundPath: StackValidationPolicy = {
  name: "workspace-inbound-path",
  description:
    "A workspace with public network access Disabled has an inbound path: a private endpoint to it in the stack, or a tag saying its endpoints are managed elsewhere. Without one, studio, SDK, CLI and pipelines cannot reach it (how-to-configure-private-link).",
  severity: "high",
  remediationSteps:
    "Set privateEndpoint (subnetId and dnsZones) on the workspace, or ipAllowlist with public access Enabled, or privateEndpointsManagedElsewhere: true when a hub team creates the endpoint.",
  validateStack: (args, reportViolation) => {
    const deferred = new DeferredReads();
    const endpoints = args.resources.filter((r) => isType(r.type, TYPES.privateEndpoint));
    for (const ws of args.resources.filter((r) => isType(r.type, TYPES.workspace))) {
      const access = read<string>(ws.props, "publicNetworkAccess");
      if (access === UNKNOWN) {
        deferred.add(ws.props, "publicNetworkAccess");
        continue;
      }
      if (access !== "Disabled") continue;
      if (endpoints.some((e) => endpointReaches(e, ws))) continue;
      // Tags computed from outputs are unknown in a first preview: the managed-elsewhere tag may be among them.
      const inbound = read<string>(ws.props, `tags.${INBOUND_TAG}`);
      if (inbound === UNKNOWN) {
        deferred.add(ws.props, `tags.${INBOUND_TAG}`);
        continue;
      }
      if (inbound === INBOUND_MANAGED_ELSEWHERE) continue;
      reportViolation(`workspace ${ws.name} has public network access Disabled and no private endpoint in the stack, so nobody can reach it`, ws.urn);
    }
    deferred.settle();
  },
};
