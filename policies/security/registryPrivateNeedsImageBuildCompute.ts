import { StackValidationPolicy } from "@pulumi/policy";
import { DeferredReads, isType, read, refersTo, TYPES, UNKNOWN } from "../lib/azure";

export const registryPrivateNeedsImageBuildCompute: StackValidationPolicy = {
  name: "registry-private-needs-image-build-compute",
  description:
    "A workspace whose container registry is private (public network access Disabled) sets imageBuildCompute: a registry behind a virtual network cannot build images itself, and the serverless fallback needs an unrestricted registry (how-to-secure-workspace-vnet).",
  severity: "high",
  remediationSteps: "Set imageBuildCompute to one of the workspace's compute clusters (WorkspaceStack defaults it to the first cluster when it creates a private registry).",
  validateStack: (args, reportViolation) => {
    const deferred = new DeferredReads();
    const registries = args.resources.filter((r) => isType(r.type, TYPES.containerRegistry));
    for (const ws of args.resources.filter((r) => isType(r.type, TYPES.workspace))) {
      // A registry reference unknown in preview and tied to nothing of the stack could be any registry.
      if (read(ws.props, "containerRegistry") === UNKNOWN && !(ws.propertyDependencies?.containerRegistry ?? []).length) {
        deferred.add(ws.props, "containerRegistry");
        continue;
      }
      const linked = registries.filter((reg) => refersTo(ws, "containerRegistry", reg, "registries", "registryName"));
      const unknownAccess = linked.find((reg) => read(reg.props, "publicNetworkAccess") === UNKNOWN);
      if (unknownAccess) deferred.add(unknownAccess.props, "publicNetworkAccess");
      const privateRegistry = linked.find((reg) => read(reg.props, "publicNetworkAccess") === "Disabled");
      if (!privateRegistry) continue;
      const compute = read<string>(ws.props, "imageBuildCompute");
      if (compute === UNKNOWN) deferred.add(ws.props, "imageBuildCompute");
      else if (typeof compute !== "string" || compute === "")
        reportViolation(`workspace ${ws.name} uses private registry ${privateRegistry.name} but sets no imageBuildCompute, so environment images cannot be built`, ws.urn);
    }
    deferred.settle();
  },
};
