import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { DeferredReads, isType, read, TYPES, UNKNOWN } from "../lib/azure";
import { findGrant, OutboundRule, outboundRules, Pending, stackAssignments, Target, targetOfResource, targetOfValue, workspaceIdentity } from "../lib/deploy";
import { networkOwner } from "../lib/hubs";

/** Whether `rule` (of a managed network) is a private-endpoint rule to `registry` with sub-resource amlregistry; the value to defer on while one is unknown. */
function reachesRegistry(rule: OutboundRule, registry: PolicyResource, resources: readonly PolicyResource[]): boolean | Pending {
  const type = read(rule.props, `${rule.base}.type`);
  if (type === UNKNOWN) return { props: rule.props, path: `${rule.base}.type` };
  if (typeof type !== "string" || type.toLowerCase() !== "privateendpoint") return false;
  const sub = read(rule.props, `${rule.base}.destination.subresourceTarget`);
  if (sub === UNKNOWN) return { props: rule.props, path: `${rule.base}.destination.subresourceTarget` };
  if (typeof sub !== "string" || sub.toLowerCase() !== "amlregistry") return false;
  const path = `${rule.base}.destination.serviceResourceId`;
  const value = read(rule.props, path);
  // Inline rules share the managed network's dependencies: an unknown id built from this registry reaches it.
  if (value === UNKNOWN && rule.deps.some((d) => d.urn === registry.urn)) return true;
  const target = targetOfValue(value, [], resources, [TYPES.machineLearningRegistry]);
  if (target === "unknown") return { props: rule.props, path };
  return target?.resource === registry;
}

export const workspaceRegistryOutboundRule: StackValidationPolicy = {
  name: "workspace-registry-outbound-rule",
  description:
    "A workspace that uses an Azure Machine Learning registry of the stack (its managed identity holds a role on the registry, as WorkspaceStack grants Reader for each registry a workspace lists) and whose managed network is AllowOnlyApprovedOutbound has a PrivateEndpoint outbound rule with subresourceTarget amlregistry to that registry: using registry assets from a secure workspace requires outbound access to the registry (how-to-registry-network-isolation, \"Use assets from registry in workspace\"), and approved-only outbound allows nothing else (how-to-managed-network, \"Private endpoint outbound rules\"). A project uses its hub's managed network, so the rule must be on the hub (concept-hub-workspace); a project whose hub is outside the stack is judged by that stack.",
  severity: "high",
  url: "https://learn.microsoft.com/azure/machine-learning/how-to-registry-network-isolation#use-assets-from-registry-in-workspace",
  remediationSteps:
    "List the registry under the workspace's registries (for a project, WorkspaceStack adds the rule to its hub), or add an outbound rule { type: PrivateEndpoint, destination: { serviceResourceId: <registry id>, subresourceTarget: amlregistry } } to the workspace's (the hub's) managed network.",
  validateStack: (args, reportViolation) => {
    const resources = args.resources;
    const deferred = new DeferredReads();
    const registries = resources.filter((r) => isType(r.type, TYPES.machineLearningRegistry));
    if (registries.length === 0) return;
    const assignments = stackAssignments(resources);
    for (const ws of resources.filter((r) => isType(r.type, TYPES.workspace))) {
      const who = workspaceIdentity(ws, resources);
      if (who.pending) {
        deferred.add(who.pending.props, who.pending.path);
        continue;
      }
      const used = registries.filter((registry) => {
        const target: Target = targetOfResource(registry);
        const grant = findGrant(assignments, { identity: who.identity!, target, role: () => true });
        if (grant.result === "unknown") deferred.add(grant.pending!.props, grant.pending!.path);
        return grant.result === true;
      });
      if (used.length === 0) continue;
      const net = networkOwner(ws, resources);
      if (net.pending) {
        deferred.add(net.pending.props, net.pending.path);
        continue;
      }
      // A project whose hub is outside the stack (or that has none): the hub's own stack checks its rules.
      if (!net.owner) continue;
      const mode = read(net.owner.props, "managedNetwork.isolationMode");
      if (mode === UNKNOWN) {
        deferred.add(net.owner.props, "managedNetwork.isolationMode");
        continue;
      }
      if (typeof mode !== "string" || mode.toLowerCase() !== "allowonlyapprovedoutbound") continue;
      const { rules, pending } = outboundRules(net.owner, resources);
      if (pending) {
        deferred.add(pending.props, pending.path);
        continue;
      }
      for (const registry of used) {
        const answers = rules.map((rule) => reachesRegistry(rule, registry, resources));
        if (answers.includes(true)) continue;
        const unknown = answers.find((a): a is Pending => typeof a === "object");
        if (unknown) {
          deferred.add(unknown.props, unknown.path);
          continue;
        }
        const network = net.owner === ws ? "its managed network" : `the managed network of its hub ${net.owner.name}`;
        reportViolation(`workspace ${ws.name} uses registry ${registry.name} (its identity holds a role on it), but ${network} is approved-only and has no PrivateEndpoint outbound rule with subresourceTarget amlregistry to it: jobs and deployments cannot reach the registry's assets`, ws.urn);
      }
    }
    deferred.settle();
  },
};
