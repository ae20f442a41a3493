import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { roleDefinitionGuid } from "../../rbac/catalog";
import { normaliseScope } from "../../rbac/engine";
import { DeferredReads, isType, read, TYPES, UNKNOWN } from "../lib/azure";

/** One part of an assignment's identity: a known value, or the resources an unknown value is built from. */
type Part = { known: string } | { deps: string } | undefined;

const PARTS = ["scope", "principalId", "roleDefinitionId"] as const;

function part(r: PolicyResource, property: (typeof PARTS)[number]): Part {
  const value = read(r.props, property);
  const deps = (r.propertyDependencies?.[property] ?? []).map((d) => d.urn).sort().join(" ");
  if (typeof value === "string" && value.trim() !== "") {
    if (property === "scope") return { known: normaliseScope(value) };
    if (property === "roleDefinitionId") return { known: roleDefinitionGuid(value) ?? value.trim().toLowerCase() };
    return { known: value.trim().toLowerCase() };
  }
  // An empty value built from another resource is that resource's output not yet filled in (as a
  // preview under mocks shows it); with nothing behind it, it is no value at all.
  if (value === UNKNOWN || (typeof value === "string" && deps !== "")) return { deps };
  return undefined;
}

/**
 * Whether two parts are the same: known values compared (ids case-insensitively, as ARM does); an
 * unknown value built from nothing visible, or two built from the same resources, may be ("maybe");
 * one built from resources of the stack and a known value, or two built from different resources,
 * are taken to differ.
 */
function same(a: Part, b: Part): boolean | "maybe" {
  if (a === undefined || b === undefined) return false;
  if ("known" in a && "known" in b) return a.known === b.known;
  if (("deps" in a && a.deps === "") || ("deps" in b && b.deps === "")) return "maybe";
  return "deps" in a && "deps" in b && a.deps === b.deps ? "maybe" : false;
}

/**
 * The parts of an assignment as one key: two assignments can only be the same (or maybe the same)
 * when their keys are equal, unless one has a part that is unknown and built from nothing visible
 * (no key: it may equal anything). A missing part is never the same as anything.
 */
// Stryker disable all: a weaker key (or none) only widens the comparison, which same() decides. The
// two mutants that change verdicts (no assignment open; a missing part read as built from something)
// fail the "compares … part by part with every other" spec, checked by hand when this was written.
function matchKey(parts: readonly Part[]): string | undefined {
  if (parts.some((p) => p !== undefined && "deps" in p && p.deps === "")) return undefined;
  return JSON.stringify(parts); // a missing part is null
}
// Stryker restore all

export const roleAssignmentUnique: StackValidationPolicy = {
  name: "role-assignment-unique",
  description:
    "No two role assignments give the same principal the same role at the same scope: ARM keys an assignment on (scope, principal, role) and refuses the second one, whatever its name, with RoleAssignmentExists (\"The role assignment already exists\"). Scopes and ids compare case-insensitively. Encodes the Azure RBAC troubleshooting page (role-based-access-control/troubleshooting).",
  severity: "high",
  url: "https://learn.microsoft.com/azure/role-based-access-control/troubleshooting",
  remediationSteps: "Keep one of the assignments (derive assignment names from scope, principal and role so a second one cannot be written), or give the second a different role or scope.",
  validateStack: (args, reportViolation) => {
    const deferred = new DeferredReads();
    const assignments = args.resources.filter((r) => isType(r.type, TYPES.roleAssignment)).map((r) => ({ r, parts: PARTS.map((p) => part(r, p)) }));
    // Fail closed: an assignment without a scope, principal or role cannot be shown unique (and ARM requires all three).
    for (const { r, parts } of assignments) {
      const missing = PARTS.filter((_, k) => parts[k] === undefined);
      if (missing.length) reportViolation(`role assignment ${r.name} sets no ${missing.join(", ")}, so it cannot be shown unique (ARM requires them)`, r.urn);
    }
    // Only assignments whose parts can all be the same are compared (a pairwise scan grows with the
    // square of the stack): those with the same key (every part known, or unknown from the same
    // resources), then any whose unknown part is built from nothing the stack shows (it may be
    // anything). The duplicate reported and the first unknown deferred are the pairwise scan's: an
    // open assignment is never a certain duplicate, and one that may equal this assignment also may
    // equal the earlier one with its key, so it was deferred on before.
    const earlier = new Map<string, number[]>();
    const open: number[] = [];
    for (let j = 0; j < assignments.length; j++) {
      const key = matchKey(assignments[j].parts);
      // Stryker disable next-line ConditionalExpression,MethodExpression: comparing with every earlier assignment only takes longer (same() decides)
      const candidates = key === undefined ? assignments.slice(0, j).map((_, i) => i) : [...(earlier.get(key) ?? []), ...open];
      // Stryker disable next-line ConditionalExpression: an assignment with a key among the open ones is compared more often, to the same verdicts
      if (key === undefined) open.push(j);
      else earlier.set(key, [...(earlier.get(key) ?? []), j]);
      for (const i of candidates) {
        const [a, b] = [assignments[i], assignments[j]];
        const verdicts = PARTS.map((_, k) => same(a.parts[k], b.parts[k]));
        if (verdicts.includes(false)) continue;
        const maybe = verdicts.indexOf("maybe");
        if (maybe >= 0) {
          deferred.add(b.r.props, PARTS[maybe]);
          continue;
        }
        reportViolation(
          `role assignment ${b.r.name} repeats ${a.r.name}: same principal ${read(b.r.props, "principalId")}, role ${read(b.r.props, "roleDefinitionId")} and scope ${read(b.r.props, "scope")}; ARM refuses the second with RoleAssignmentExists`,
          b.r.urn,
        );
        break;
      }
    }
    deferred.settle();
  },
};
