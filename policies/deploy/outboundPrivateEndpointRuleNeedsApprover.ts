import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { DeferredReads, read, TYPES, UNKNOWN } from "../lib/azure";
import { findGrant, outboundRulesOfType, ROLES, roleAllows, stackAssignments, Target, targetOf, targetOfValue, workspaceIdentity } from "../lib/deploy";

/** Resources a private-endpoint rule can name that the stack may create. */
const TARGET_TYPES = [TYPES.storageAccount, TYPES.keyVault, TYPES.containerRegistry, TYPES.workspace, TYPES.applicationInsights];

/** The workspace's default resources: Azure ML's own grants at creation cover rules to them. */
const DEFAULT_RESOURCES = ["storageAccount", "keyVault", "containerRegistry", "applicationInsights"];

function sameTarget(a: Target, b: Target): boolean {
  if (a.resource !== undefined && a.resource === b.resource) return true;
  return a.id !== undefined && b.id !== undefined && a.id.toLowerCase() === b.id.toLowerCase();
}

function isDefaultResource(ws: PolicyResource, target: Target, resources: readonly PolicyResource[]): boolean {
  return DEFAULT_RESOURCES.some((property) => {
    const own = targetOf(ws, property, resources, TARGET_TYPES);
    return typeof own === "object" && sameTarget(own, target);
  });
}

/**
 * Approving a private endpoint connection is a write of the target's privateEndpointConnections; the
 * approver role holds it for the types it covers, a custom role may for others. When the target's
 * type is not known, only the approver role itself (or Owner / Contributor) is taken to cover it.
 */
function approves(target: Target) {
  if (target.armType) return roleAllows(`${target.armType}/privateEndpointConnections/write`);
  return (role: { id?: string }) => [ROLES.networkConnectionApprover, ROLES.owner, ROLES.contributor].includes(role.id as never);
}

export const outboundPrivateEndpointRuleNeedsApprover: StackValidationPolicy = {
  name: "outbound-private-endpoint-rule-needs-approver",
  description:
    "Since 2025-04-30 Azure ML no longer grants its managed identity the right to approve the private endpoints of user-defined private-endpoint outbound rules: the workspace's managed identity needs Azure AI Enterprise Network Connection Approver (b556d68e-0be0-4f35-a333-ad7ee1ce17ea), or a role that writes the target's private endpoint connections, on each rule's target (or a scope above it). Rules to the workspace's default storage, key vault, registry and Application Insights are covered by creation's own grants. Encodes how-to-managed-network (\"Approval of private endpoints\").",
  severity: "high",
  url: "https://learn.microsoft.com/azure/machine-learning/how-to-managed-network#approval-of-private-endpoints",
  remediationSteps:
    "Assign Azure AI Enterprise Network Connection Approver to the workspace's managed identity with scope: the rule's destination.serviceResourceId (or its resource group).",
  validateStack: (args, reportViolation) => {
    const resources = args.resources;
    const deferred = new DeferredReads();
    const assignments = stackAssignments(resources);
    for (const { ws, rule } of outboundRulesOfType(resources, "privateendpoint", deferred)) {
      // Required, Recommended and Dependency rules are Azure ML's own; left out, a rule is user-defined.
      const category = read(rule.props, `${rule.base}.category`);
      if (category === UNKNOWN) {
        deferred.add(rule.props, `${rule.base}.category`);
        continue;
      }
      if (typeof category === "string" && category.toLowerCase() !== "userdefined") continue;
      const path = `${rule.base}.destination.serviceResourceId`;
      const target = targetOfValue(read(rule.props, path), rule.deps, resources, TARGET_TYPES);
      if (target === "unknown") {
        deferred.add(rule.props, path);
        continue;
      }
      if (target === undefined) {
        reportViolation(`private-endpoint outbound rule ${rule.label} names no destination.serviceResourceId`, rule.urn);
        continue;
      }
      if (isDefaultResource(ws, target, resources)) continue;
      const who = workspaceIdentity(ws, resources);
      if (who.pending) {
        deferred.add(who.pending.props, who.pending.path);
        continue;
      }
      const grant = findGrant(assignments, { identity: who.identity!, target, role: approves(target) });
      if (grant.result === "unknown") deferred.add(grant.pending!.props, grant.pending!.path);
      else if (grant.result === false)
        reportViolation(
          `private-endpoint outbound rule ${rule.label} targets ${target.id ?? target.resource?.name}, but the workspace's managed identity cannot approve the endpoint there (no Azure AI Enterprise Network Connection Approver): the rule stays pending and the target is unreachable from the managed network`,
          rule.urn,
        );
    }
    deferred.settle();
  },
};
