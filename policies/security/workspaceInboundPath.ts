import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { INBOUND_MANAGED_ELSEWHERE, INBOUND_TAG } from "../../config/network";
import { DeferredReads, isType, read, refersTo, TYPES, UNKNOWN } from "../lib/azure";
import { hubOf, kindIs } from "../lib/hubs";

/** Whether a private endpoint in the stack connects to this workspace (by dependency, or by id while known). */
function endpointReaches(endpoint: { props: unknown; propertyDependencies?: Record<string, { urn: string }[]> }, workspace: { urn: string; props: unknown }): boolean {
  if ((endpoint.propertyDependencies?.privateLinkServiceConnections ?? []).some((d) => d.urn === workspace.urn)) return true;
  const connections = read<unknown[]>(endpoint.props, "privateLinkServiceConnections");
  return Array.isArray(connections) && connections.some((_, i) => refersTo(endpoint, `privateLinkServiceConnections.${i}.privateLinkServiceId`, workspace, "workspaces", "workspaceName"));
}

/**
 * Whether `ws` (public access `access`) has no inbound path: a message saying so, "deferred" when a
 * value it needs is unknown, undefined when it has one. `via` is the workspace whose endpoints count
 * (a project is reached through its hub's endpoint).
 */
function unreachable(ws: PolicyResource, endpoints: readonly PolicyResource[], deferred: DeferredReads, via: readonly PolicyResource[] = [ws]): string | undefined {
  const access = read<string>(ws.props, "publicNetworkAccess");
  if (access === UNKNOWN) {
    deferred.add(ws.props, "publicNetworkAccess");
    return undefined;
  }
  if (access !== "Disabled") return undefined;
  if (endpoints.some((e) => via.some((w) => endpointReaches(e, w)))) return undefined;
  // Tags computed from outputs are unknown in a first preview: the managed-elsewhere tag may be among them.
  for (const w of via) {
    const inbound = read<string>(w.props, `tags.${INBOUND_TAG}`);
    if (inbound === UNKNOWN) {
      deferred.add(w.props, `tags.${INBOUND_TAG}`);
      return undefined;
    }
    if (inbound === INBOUND_MANAGED_ELSEWHERE) return undefined;
  }
  return `workspace ${ws.name} has public network access Disabled and no private endpoint in the stack, so nobody can reach it`;
}

export const workspaceInboundPath: StackValidationPolicy = {
  name: "workspace-inbound-path",
  description:
    "A workspace with public network access Disabled has an inbound path: a private endpoint to it in the stack, or a tag saying its endpoints are managed elsewhere. Without one, studio, SDK, CLI and pipelines cannot reach it (how-to-configure-private-link). A project workspace is reached through its hub's single private endpoint and takes the hub's public access when it sets none (concept-hub-workspace, \"Network settings\"), so it is judged through its hub; a hub outside the stack is judged by the stack that creates it.",
  severity: "high",
  remediationSteps:
    "Set privateEndpoint (subnetId and dnsZones) on the workspace (for a project: on its hub), or ipAllowlist with public access Enabled, or privateEndpointsManagedElsewhere: true when a hub team creates the endpoint.",
  validateStack: (args, reportViolation) => {
    const deferred = new DeferredReads();
    const endpoints = args.resources.filter((r) => isType(r.type, TYPES.privateEndpoint));
    for (const ws of args.resources.filter((r) => isType(r.type, TYPES.workspace))) {
      const project = kindIs(ws, "Project");
      if (project === "unknown") {
        deferred.add(ws.props, "kind");
        continue;
      }
      if (!project) {
        const problem = unreachable(ws, endpoints, deferred);
        if (problem) reportViolation(problem, ws.urn);
        continue;
      }
      const hub = hubOf(ws, args.resources);
      if ("pending" in hub) {
        deferred.add(hub.pending.props, hub.pending.path);
        continue;
      }
      // A hub outside the stack: its endpoint is that stack's to create and check.
      if ("outside" in hub) continue;
      if ("none" in hub) {
        const problem = unreachable(ws, endpoints, deferred);
        if (problem) reportViolation(problem, ws.urn);
        continue;
      }
      // Set on the project, its own access counts, reached through its or its hub's endpoint; left out, the hub's.
      const problem = read(ws.props, "publicNetworkAccess") !== undefined ? unreachable(ws, endpoints, deferred, [ws, hub.hub]) : unreachable(hub.hub, endpoints, deferred);
      if (problem) reportViolation(read(ws.props, "publicNetworkAccess") !== undefined ? problem : `project ${ws.name} takes this from its hub ${hub.hub.name}: ${problem}`, ws.urn);
    }
    deferred.settle();
  },
};
