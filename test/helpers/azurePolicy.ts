import { PlanResource } from "../../plan/plan";
import { Verdict, assessPlan, assignedDefinitions } from "../../governance/assess";

/**
 * A plan against its own Azure Policy assignments: every verdict, those Azure would deny, those the
 * evaluator could not decide (an unmapped alias or type, an unknown value), and which assigned
 * control-plane definitions actually evaluated a Machine Learning resource (so a pass is not vacuous).
 */
export function ownPolicyVerdicts(resources: readonly PlanResource[]) {
  const refs = resources.map((r) => ({ urn: r.urn, type: r.type, inputs: r.inputs, propertyDependencies: r.propertyDependencies }));
  const verdicts: Verdict[] = assessPlan(refs);
  const show = (v: Verdict) => `${v.definition} on ${v.resourceUrn}: ${v.outcome}${v.reason ? ` (${v.reason})` : ""}`;
  const controlPlane = assignedDefinitions(refs).filter((a) => a.definition.plane === "control");
  const mlTypes = new Set(refs.filter((r) => r.type.startsWith("azure-native:machinelearningservices")).map((r) => r.urn));
  return {
    verdicts,
    assignments: controlPlane.length,
    denied: verdicts.filter((v) => v.denied).map(show),
    undecided: verdicts.filter((v) => v.outcome === "unmapped" || v.outcome === "unknown").map(show),
    /** Assignment URNs that evaluated no Machine Learning resource. */
    vacuous: controlPlane.filter((a) => !verdicts.some((v) => v.assignmentUrn === a.assignmentUrn && mlTypes.has(v.resourceUrn))).map((a) => a.assignmentUrn),
  };
}
