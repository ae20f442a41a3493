// PIM activation as Azure enforces it now: the end-user rules of a role's live role management
// policy, what makes them weaker than the activation AccessModel writes (rbac/pim.ts
// activationPolicyRules), and how they differ from a plan's. No Pulumi import.
//
// Rule ids, types and targets: Learn, "Azure resource role settings with the PIM API"
// (privileged-role-policy-rest-sample): `Expiration_EndUser_Assignment`, `Enablement_EndUser_Assignment`,
// `Approval_EndUser_Assignment` and `AuthenticationContext_EndUser_Assignment` govern a member's
// activation (caller EndUser, level Assignment).
import { TYPES } from "../core/types";
import { isKnown as known, normScope as norm, roleGuid, scopeRoleKey } from "./ids";

/** What a member must do, and how long an activation lasts, under one policy. */
export interface ActivationControls {
  /** An activation ends (false: once activated, the role is held until someone removes it). */
  expirationRequired: boolean;
  /** Longest activation, ISO 8601, when it must end. */
  maxActivation?: string;
  /** Multifactor authentication on activation, or a Conditional Access authentication context (which may demand it). */
  mfa: boolean;
  /** The authentication context's claim value, when one is required instead. */
  authenticationContext?: string;
  justification: boolean;
  approval: boolean;
  /** Approvers' object ids (lower-cased, sorted) when approval is required. */
  approvers: string[];
}

type Rule = Record<string, any>;

/** A rule by its id: PIM's rule ids are fixed, one per rule type, caller and level. */
function ruleById(rules: readonly unknown[], id: string): Rule | undefined {
  return rules.find((r): r is Rule => typeof r === "object" && r !== null && String((r as Rule).id).toLowerCase() === id.toLowerCase());
}

/** The controls a policy's rules (its `effectiveRules`, else its `rules`) put on activation. */
export function activationControls(rules: readonly unknown[]): ActivationControls {
  const expiration = ruleById(rules, "Expiration_EndUser_Assignment");
  const enablement = ruleById(rules, "Enablement_EndUser_Assignment");
  const approval = ruleById(rules, "Approval_EndUser_Assignment");
  const context = ruleById(rules, "AuthenticationContext_EndUser_Assignment");
  const enabled: string[] = Array.isArray(enablement?.enabledRules) ? enablement!.enabledRules.map((x: unknown) => String(x).toLowerCase()) : [];
  const contextOn = context?.isEnabled === true;
  const approvalOn = approval?.setting?.isApprovalRequired === true;
  const approvers: string[] = approvalOn
    ? [...new Set<string>((approval!.setting.approvalStages ?? []).flatMap((s: Rule) => (s.primaryApprovers ?? []).map((a: Rule) => String(a.id).toLowerCase())))].sort()
    : [];
  // No expiration rule at all: PIM's default for activation is to require one (8 hours).
  const expirationRequired = expiration?.isExpirationRequired !== false;
  return {
    expirationRequired,
    ...(expirationRequired && typeof expiration?.maximumDuration === "string" ? { maxActivation: expiration.maximumDuration } : {}),
    mfa: enabled.includes("multifactorauthentication") || contextOn,
    ...(contextOn && typeof context!.claimValue === "string" ? { authenticationContext: context!.claimValue } : {}),
    justification: enabled.includes("justification"),
    approval: approvalOn,
    approvers,
  };
}

/**
 * What makes an activation weaker than AccessModel's (expiring, multifactor, justified): each is a
 * control someone removed by hand, or a policy the stack does not manage. Approval is a team's choice
 * (`requireApproval`), so its absence is drift against a plan, not a weakness on its own.
 */
export function activationWeaknesses(c: ActivationControls): string[] {
  const out: string[] = [];
  if (!c.expirationRequired) out.push("an activation need not end (Expiration_EndUser_Assignment: isExpirationRequired false): once activated, the role is standing access");
  if (!c.mfa) out.push("activation needs neither multifactor authentication nor an authentication context (Enablement_EndUser_Assignment, AuthenticationContext_EndUser_Assignment)");
  if (!c.justification) out.push("activation needs no justification (Enablement_EndUser_Assignment)");
  return out;
}

const onOff = (b: boolean) => (b ? "on" : "off");

/**
 * Seconds of an ISO 8601 duration of days, hours, minutes and seconds (ARM writes `PT8H`, and may
 * answer `PT8H0M0S`); undefined for anything else.
 */
export function durationSeconds(value: string): number | undefined {
  const m = /^P(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i.exec(value.trim());
  if (!m || value.trim().length <= 1) return undefined;
  return Number(m[1] ?? 0) * 86400 + Number(m[2] ?? 0) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0);
}

/** Two maximum durations alike: both unset, of one length (PT8H, PT480M, PT8H0M0S), or, not durations, one text. */
function sameDuration(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  const [x, y] = [durationSeconds(a), durationSeconds(b)];
  return x !== undefined && y !== undefined ? x === y : a.trim().toUpperCase() === b.trim().toUpperCase();
}

/** How live controls differ from planned ones, e.g. `maxActivation: PT24H (planned PT8H)`. */
export function activationChanges(live: ActivationControls, planned: ActivationControls): string[] {
  const out: string[] = [];
  if (live.expirationRequired !== planned.expirationRequired) out.push(`expiration: ${live.expirationRequired ? "required" : "not required"} (planned ${planned.expirationRequired ? "required" : "not required"})`);
  else if (!sameDuration(live.maxActivation, planned.maxActivation)) out.push(`maxActivation: ${live.maxActivation ?? "PIM's default"} (planned ${planned.maxActivation ?? "PIM's default"})`);
  if (live.mfa !== planned.mfa) out.push(`multifactor authentication: ${onOff(live.mfa)} (planned ${onOff(planned.mfa)})`);
  if (live.justification !== planned.justification) out.push(`justification: ${onOff(live.justification)} (planned ${onOff(planned.justification)})`);
  if (live.approval !== planned.approval) out.push(`approval: ${onOff(live.approval)} (planned ${onOff(planned.approval)})`);
  else if (live.approvers.length !== planned.approvers.length || live.approvers.some((a, i) => a !== planned.approvers[i]))
    out.push(`approvers: ${live.approvers.join(", ") || "(none)"} (planned ${planned.approvers.join(", ") || "(none)"})`);
  return out;
}

/** The plan JSON fields read here (plan/plan-result.schema.json). */
interface PlanResources {
  resources: { urn: string; type: string; inputs: Record<string, any> }[];
}


/**
 * The planned activation controls by `scope role-guid`. A RoleManagementPolicy names its scope and
 * rules, not its role: it is matched to the roles of the plan's eligibilities at the same scope, which
 * is certain when every planned policy there has the same controls (one role eligible there, or
 * several teams' settings alike). Anything else (or a scope known only at deploy time) is left out and
 * counted as not compared.
 */
export function plannedActivation(plan: PlanResources): { byKey: Map<string, ActivationControls>; notComparable: number } {
  const policies = new Map<string, ActivationControls[]>();
  const roles = new Map<string, Set<string>>();
  let notComparable = 0;
  for (const r of plan.resources) {
    const i = r.inputs ?? {};
    if (r.type === TYPES.roleManagementPolicy) {
      if (!known(i.scope) || !Array.isArray(i.rules)) {
        notComparable++;
        continue;
      }
      policies.set(norm(i.scope), [...(policies.get(norm(i.scope)) ?? []), activationControls(i.rules)]);
    }
    if (r.type === TYPES.pimRoleEligibilitySchedule && known(i.scope) && known(i.roleDefinitionId)) {
      const guid = roleGuid(i.roleDefinitionId);
      if (guid) roles.set(norm(i.scope), (roles.get(norm(i.scope)) ?? new Set()).add(guid));
    }
  }
  const byKey = new Map<string, ActivationControls>();
  for (const [scope, list] of policies) {
    const eligibleRoles = [...(roles.get(scope) ?? [])];
    const same = list.every((c) => JSON.stringify(c) === JSON.stringify(list[0]));
    if (eligibleRoles.length === 0 || !same) {
      notComparable += list.length;
      continue;
    }
    for (const role of eligibleRoles) byKey.set(scopeRoleKey(scope, role), list[0]);
  }
  return { byKey, notComparable };
}
