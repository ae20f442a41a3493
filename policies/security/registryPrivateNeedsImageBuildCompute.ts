import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { DeferredReads, isType, read, refersTo, TYPES, UNKNOWN } from "../lib/azure";
import { hubOf, kindIs } from "../lib/hubs";

/** Managed network modes whose network serverless compute runs in. */
const ISOLATED = ["allowonlyapprovedoutbound", "allowinternetoutbound"];

/**
 * Why `ws` cannot build environment images, or undefined when it can (or cannot be told yet: then the
 * value is noted in `deferred`).
 */
function cannotBuild(ws: PolicyResource, registries: readonly PolicyResource[], deferred: DeferredReads): string | undefined {
  // A registry reference unknown in preview and tied to nothing of the stack could be any registry.
  if (read(ws.props, "containerRegistry") === UNKNOWN && !(ws.propertyDependencies?.containerRegistry ?? []).length) {
    deferred.add(ws.props, "containerRegistry");
    return undefined;
  }
  const linked = registries.filter((reg) => refersTo(ws, "containerRegistry", reg, "registries", "registryName"));
  const unknownAccess = linked.find((reg) => read(reg.props, "publicNetworkAccess") === UNKNOWN);
  if (unknownAccess) deferred.add(unknownAccess.props, "publicNetworkAccess");
  const privateRegistry = linked.find((reg) => read(reg.props, "publicNetworkAccess") === "Disabled");
  if (!privateRegistry) return undefined;
  const compute = read<string>(ws.props, "imageBuildCompute");
  if (compute === UNKNOWN) {
    deferred.add(ws.props, "imageBuildCompute");
    return undefined;
  }
  if (typeof compute === "string" && compute !== "") return undefined;
  const hub = kindIs(ws, "Hub");
  if (hub === "unknown") {
    deferred.add(ws.props, "kind");
    return undefined;
  }
  if (!hub) return `workspace ${ws.name} uses private registry ${privateRegistry.name} but sets no imageBuildCompute, so environment images cannot be built`;
  // A hub cannot have compute clusters; its alternative is serverless compute (concept-hub-workspace,
  // "Supported capabilities by workspace kind"), which builds environment images (how-to-use-serverless-compute)
  // inside the managed network, where Azure ML's required private endpoint rules reach the workspace's
  // container registry whatever its public access (how-to-managed-network, "List of required rules").
  const mode = read<string>(ws.props, "managedNetwork.isolationMode");
  if (mode === UNKNOWN) {
    deferred.add(ws.props, "managedNetwork.isolationMode");
    return undefined;
  }
  if (typeof mode === "string" && ISOLATED.includes(mode.toLowerCase())) return undefined;
  return `hub ${ws.name} uses private registry ${privateRegistry.name} without a managed network, so serverless compute cannot reach it to build environment images, and it sets no imageBuildCompute (a hub has no compute clusters)`;
}

export const registryPrivateNeedsImageBuildCompute: StackValidationPolicy = {
  name: "registry-private-needs-image-build-compute",
  description:
    "A workspace whose container registry is private (public network access Disabled) can build environment images: a registry behind a virtual network cannot build images itself, so a default workspace sets imageBuildCompute (how-to-managed-network, \"Configure image builds\"; how-to-secure-workspace-vnet). A hub cannot have compute clusters and builds on serverless compute instead (concept-hub-workspace; how-to-use-serverless-compute), which runs in its managed network and reaches the registry there: a hub passes with a managed network (or an imageBuildCompute). A project uses its hub's registry and is judged through its hub.",
  severity: "high",
  remediationSteps:
    "Set imageBuildCompute to one of the workspace's compute clusters (WorkspaceStack defaults it to the first cluster when it creates a private registry); on a hub, keep managed network isolation on (or name a compute instance).",
  validateStack: (args, reportViolation) => {
    const deferred = new DeferredReads();
    const registries = args.resources.filter((r) => isType(r.type, TYPES.containerRegistry));
    for (const ws of args.resources.filter((r) => isType(r.type, TYPES.workspace))) {
      const project = kindIs(ws, "Project");
      if (project === "unknown") {
        deferred.add(ws.props, "kind");
        continue;
      }
      const hub = project ? hubOf(ws, args.resources) : undefined;
      if (hub && "pending" in hub) deferred.add(hub.pending.props, hub.pending.path);
      else if (hub && "hub" in hub) {
        // The project's images go to its hub's registry, built as the hub builds them.
        const problem = cannotBuild(hub.hub, registries, deferred);
        if (problem) reportViolation(`project ${ws.name} takes this from its hub ${hub.hub.name}: ${problem}`, ws.urn);
      } else if (!hub || "none" in hub) {
        const problem = cannotBuild(ws, registries, deferred);
        if (problem) reportViolation(problem, ws.urn);
      }
    }
    deferred.settle();
  },
};
