// Would the stack pass its own Azure Policy assignments? Reads the PolicyAssignment resources of a plan,
// and evaluates every control-plane definition they assign against the planned resources of the
// assignment's resource group, as Azure Resource Manager does on each PUT.
import { PlannedResource, UnmappedTypeError, toArmResource } from "./arm";
import { UnmappedAliasError } from "./aliases";
import { PINNED_POLICY_DEFINITIONS, PinnedPolicyDefinition } from "./catalog";
import { EvaluationContext, PolicyLanguageError, UnknownValueError, evaluateCondition, resolveValue } from "./evaluate";
import { TYPES, canonicalType } from "../core/types";
import { UNKNOWN_MARKER } from "../core/markers";

export interface PlanResourceRef extends PlannedResource {
  urn: string;
  /** Per input, the URNs its value came from: what names the resource group when its name or id is unknown (a first preview). */
  propertyDependencies?: Record<string, string[]>;
}

export interface AssignedDefinition {
  assignmentUrn: string;
  /** The resource group the assignment is scoped to (lower case). */
  resourceGroup: string;
  definition: PinnedPolicyDefinition;
  /** Parameter values: the assignment's, else the definition's defaults. */
  parameters: Record<string, unknown>;
  enforcementMode: string;
}

export type Outcome = "compliant" | "nonCompliant" | "unmapped" | "unknown";

export interface Verdict {
  assignmentUrn: string;
  definition: string;
  resourceUrn: string;
  outcome: Outcome;
  /** The effect that applies when non-compliant (the resolved `then.effect`). */
  effect: string;
  /** Non-compliant under an enforced Deny: Azure refuses the request. */
  denied: boolean;
  reason?: string;
}

const RG_SCOPE = /^\/subscriptions\/[^/]+\/resourceGroups\/([^/]+)$/i;

/**
 * The resource group `key` (resourceGroupName, or an assignment's scope) names, lower case: from the value
 * when it is known, else from the stack's ResourceGroup resource the value comes from.
 */
function groupOf(r: PlanResourceRef, key: string, byUrn: ReadonlyMap<string, PlanResourceRef>): string | undefined {
  const value = r.inputs[key];
  if (typeof value === "string" && value !== UNKNOWN_MARKER) return (key === "scope" ? RG_SCOPE.exec(value)?.[1] : value)?.toLowerCase();
  for (const urn of r.propertyDependencies?.[key] ?? []) {
    const dep = byUrn.get(urn);
    if (dep && canonicalType(dep.type) === TYPES.resourceGroup && typeof dep.inputs.resourceGroupName === "string") return dep.inputs.resourceGroupName.toLowerCase();
  }
  return undefined;
}

/** The pinned definitions the plan assigns, with their parameter values. Throws for a definition outside the pinned set. */
export function assignedDefinitions(resources: readonly PlanResourceRef[]): AssignedDefinition[] {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  return resources
    .filter((r) => canonicalType(r.type) === TYPES.policyAssignment)
    .map((r) => {
      const id = r.inputs.policyDefinitionId;
      const definition = PINNED_POLICY_DEFINITIONS.find((d) => typeof id === "string" && d.id.toLowerCase() === id.toLowerCase());
      if (!definition) throw new Error(`${r.urn} assigns ${JSON.stringify(id)}, which is not a pinned definition (governance/catalog.ts)`);
      const rg = groupOf(r, "scope", byUrn);
      if (!rg) throw new Error(`${r.urn} is not scoped to a resource group: ${JSON.stringify(r.inputs.scope)}`);
      const given = (r.inputs.parameters ?? {}) as Record<string, { value?: unknown }>;
      const parameters: Record<string, unknown> = {};
      for (const [name, p] of Object.entries(definition.parameters)) if ("defaultValue" in p) parameters[name] = p.defaultValue;
      for (const [name, v] of Object.entries(given)) parameters[name] = v?.value;
      return { assignmentUrn: r.urn, resourceGroup: rg, definition, parameters, enforcementMode: String(r.inputs.enforcementMode ?? "Default") };
    });
}

/** One assigned control-plane definition over one planned resource. */
export function evaluateAssigned(a: AssignedDefinition, resource: PlanResourceRef): Verdict {
  const verdict = (outcome: Outcome, effect: string, reason?: string): Verdict => ({
    assignmentUrn: a.assignmentUrn,
    definition: a.definition.name,
    resourceUrn: resource.urn,
    outcome,
    effect,
    denied: outcome === "nonCompliant" && effect.toLowerCase() === "deny" && a.enforcementMode !== "DoNotEnforce",
    ...(reason === undefined ? {} : { reason }),
  });
  let ctx: EvaluationContext;
  let effect = "";
  try {
    const arm = toArmResource(resource);
    if (!arm) return verdict("compliant", "", "not an Azure resource");
    ctx = { resource: arm, parameters: a.parameters };
    effect = String(resolveValue(a.definition.policyRule.then.effect, ctx));
    return verdict(evaluateCondition(a.definition.policyRule.if, ctx) ? "nonCompliant" : "compliant", effect);
  } catch (e) {
    if (e instanceof UnknownValueError) return verdict("unknown", effect, e.message);
    if (e instanceof UnmappedAliasError || e instanceof UnmappedTypeError || e instanceof PolicyLanguageError) return verdict("unmapped", effect, e.message);
    throw e;
  }
}

/** Every assigned control-plane definition over every planned resource in its resource group. */
export function assessPlan(resources: readonly PlanResourceRef[]): Verdict[] {
  const verdicts: Verdict[] = [];
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  for (const a of assignedDefinitions(resources)) {
    if (a.definition.plane !== "control") continue;
    for (const r of resources) if (groupOf(r, "resourceGroupName", byUrn) === a.resourceGroup) verdicts.push(evaluateAssigned(a, r));
  }
  return verdicts;
}
