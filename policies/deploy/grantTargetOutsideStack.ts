import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { analyzeStackAccess } from "../lib/access";
import { azureName, DeferredReads, isType, read, TYPES, UNKNOWN } from "../lib/azure";
import { ARM_RESOURCE_TYPES, armTypeOf, outboundRulesOfType, segments, targetOfResource, targetOfValue } from "../lib/deploy";

/** One use of something outside the stack, by the stack resource that needs it. */
interface OutsideUse {
  urn: string;
  what: string;
  /** A grant (needs roleAssignments/write there), not an outbound rule. */
  grant: boolean;
}

/**
 * Whether a scope or resource id names something the stack creates: itself or anything in a resource
 * group the stack creates (by Azure name), or a stack resource of its type and name; "unknown" while a
 * stack resource of its type has no name yet. A subscription, a management group and the root exist
 * for any deployment, so they are never outside.
 */
function createdByStack(id: string, resources: readonly PolicyResource[], stackGroups: ReadonlySet<string>): boolean | "unknown" {
  const parts = segments(id);
  // Only a resource group, or something in one, can be missing.
  if (parts[0] !== "subscriptions" || parts[2] !== "resourcegroups") return true;
  if (stackGroups.has(parts[3])) return true;
  const target = targetOfValue(id, [], resources, ARM_RESOURCE_TYPES);
  return target === "unknown" ? "unknown" : target?.resource !== undefined;
}

const armTypeOfResource = (r: PolicyResource) => targetOfResource(r).armType;

export const grantTargetOutsideStack: StackValidationPolicy = {
  name: "grant-target-outside-stack",
  description:
    "Reports the grants and private-endpoint outbound rules whose target the stack does not create (a registry, key vault or resource group of another stack or team): it must exist before `pulumi up`, and the identity running it needs Microsoft.Authorization/roleAssignments/write there (Owner, User Access Administrator or Role Based Access Control Administrator). Azure refuses an assignment to a scope that does not exist or that the caller cannot write to. Encodes role-assignments-steps (\"Step 4: Check your prerequisites\": assigning roles needs Microsoft.Authorization/roleAssignments/write). A prerequisite, not a defect: advisory by default.",
  severity: "medium",
  // A prerequisite to report, not a deployment that fails by construction: advisory unless a config says otherwise.
  enforcementLevel: "advisory",
  url: "https://learn.microsoft.com/azure/role-based-access-control/role-assignments-steps#step-4-check-your-prerequisites",
  remediationSteps:
    "Create the target first (its own stack's `pulumi up`), and give the identity running this stack's `pulumi up` Role Based Access Control Administrator on it; or let the target's owner make the grant (a Registry's `readers` with a workspace's `registryReaderGroup`) so this stack needs no rights there.",
  validateStack: (args, reportViolation) => {
    const resources = args.resources;
    const deferred = new DeferredReads();
    const stackGroups = new Set(
      resources.flatMap((r) => {
        const name = isType(r.type, TYPES.resourceGroup) ? azureName(r.props, "resourceGroupName") : undefined;
        return name === undefined ? [] : [name.toLowerCase()];
      }),
    );
    // By lower-cased id (ARM ids are case-insensitive), the id as first written kept for the message.
    const outside = new Map<string, { id: string; uses: OutsideUse[] }>();
    const note = (id: string, use: OutsideUse) => {
      const entry = outside.get(id.toLowerCase()) ?? { id, uses: [] };
      entry.uses.push(use);
      outside.set(id.toLowerCase(), entry);
    };

    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    for (const a of analyzeStackAccess(resources).assignments) {
      const r = byUrn.get(a.urn)!;
      // A scope built from the stack's own resources is theirs, known or not.
      if (a.scopeDependencies.length) continue;
      if (a.scope === undefined) {
        if (read(r.props, "scope") === UNKNOWN) deferred.add(r.props, "scope");
        continue;
      }
      const created = createdByStack(a.scope, resources, stackGroups);
      if (created === "unknown") deferred.add(r.props, "scope");
      else if (!created) note(a.scope, { urn: a.urn, what: `${a.activation === "eligible" ? "eligibility" : "grant"} ${r.name} (${a.role?.name ?? a.roleReference})`, grant: true });
    }
    for (const { rule } of outboundRulesOfType(resources, "privateendpoint", deferred)) {
      const path = `${rule.base}.destination.serviceResourceId`;
      const value = read(rule.props, path);
      if (value === UNKNOWN) {
        if (!rule.deps.length) deferred.add(rule.props, path);
        continue;
      }
      if (typeof value !== "string") continue;
      let created = createdByStack(value, resources, stackGroups);
      // A first preview names no stack resource yet: an id built from one of the stack's resources of its
      // type (a Registry component's registryIdFromNames) is that resource's.
      if (created === "unknown" && rule.deps.some((d) => ARM_RESOURCE_TYPES.some((t) => isType(d.type, t)) && armTypeOfResource(d) === armTypeOf(value))) created = true;
      if (created === "unknown") deferred.add(rule.props, path);
      else if (!created) note(value, { urn: rule.urn, what: `private-endpoint outbound rule ${rule.label}`, grant: false });
    }

    for (const { id, uses } of outside.values()) {
      const rights = uses.some((u) => u.grant) ? ", and the identity running it needs Microsoft.Authorization/roleAssignments/write there (Role Based Access Control Administrator, User Access Administrator or Owner)" : "";
      reportViolation(`${uses.map((u) => u.what).join(", ")} target${uses.length === 1 ? "s" : ""} ${id}, which this stack does not create: it must exist before pulumi up${rights}`, uses[0].urn);
    }
    deferred.settle();
  },
};
