import { ConfigIssue } from "./errors";
import { GUID } from "./common";

// Just-in-time (PIM) activation of a team's roles: the contract keys and their rules, shared by the
// stack config and the AccessModel arguments. No Pulumi import.

export const ACTIVATIONS = ["active", "eligible"] as const;
export type Activation = (typeof ACTIVATIONS)[number];

/** How long an activation lasts when `maxActivation` is not set. */
export const DEFAULT_MAX_ACTIVATION = "PT8H";
/** PIM caps an Azure resource role's activation at 24 hours (pim-resource-roles-configure-role-settings, "Activation maximum duration"). */
export const MAX_ACTIVATION_MINUTES = 24 * 60;

/**
 * Principal types PIM takes for Azure resource roles: users and groups. Service principals and
 * managed identities cannot activate a role (they have no interactive sign-in with justification
 * or MFA), so an eligibility for them is refused (pim-resource-roles-assign-roles).
 */
export const PIM_PRINCIPAL_TYPES = ["User", "Group"] as const;

const DURATION = /^P(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?)?$/;

/**
 * Minutes of an ISO 8601 duration made of days, hours and minutes (`PT8H`, `PT1H30M`, `P1D`), or
 * undefined when it is not one (seconds, months and years are not durations PIM activations use).
 */
export function durationMinutes(value: string): number | undefined {
  const m = DURATION.exec(value);
  // "P" alone matches the all-optional pattern; a "T" without a digit after it does not.
  if (!m || value === "P") return undefined;
  const [days, hours, minutes] = [m[1], m[2], m[3]].map((x) => (x === undefined ? 0 : Number(x)));
  return days * 24 * 60 + hours * 60 + minutes;
}

/** The activation keys of one team, whichever surface (stack config or AccessModel args) it came from. */
export interface ActivationSpec {
  activation?: unknown;
  maxActivation?: unknown;
  requireApproval?: unknown;
}

/**
 * Issues of a team's activation keys: `activation` is active | eligible; eligible only for users and
 * groups (`principalType`: the type of the team's principal, "Group" for a group team); and
 * `maxActivation` (ISO 8601, > 0, ≤ PT24H) and `requireApproval` (group object ids) only with
 * `activation: eligible`. `path` is the team's path (config or args).
 */
export function activationIssues(team: ActivationSpec, path: string, principalType: string | undefined): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  if (team.activation !== undefined && !ACTIVATIONS.includes(team.activation as Activation)) {
    issues.push({ path: `${path}.activation`, rule: `must be one of ${ACTIVATIONS.join(" | ")}`, value: team.activation });
    return issues;
  }
  const eligible = team.activation === "eligible";
  if (eligible && principalType !== undefined && !PIM_PRINCIPAL_TYPES.includes(principalType as (typeof PIM_PRINCIPAL_TYPES)[number]))
    issues.push({
      path: `${path}.activation`,
      rule: `eligible (Privileged Identity Management) takes users and groups only, and the team's principal is a ${principalType}; use activation: active for it`,
      value: team.activation,
    });
  for (const key of ["maxActivation", "requireApproval"] as const) {
    if (team[key] !== undefined && !eligible)
      issues.push({ path: `${path}.${key}`, rule: "only applies with activation: eligible (an active assignment is never activated)", value: team[key] });
  }
  if (team.maxActivation !== undefined) {
    const minutes = typeof team.maxActivation === "string" ? durationMinutes(team.maxActivation) : undefined;
    if (minutes === undefined)
      issues.push({ path: `${path}.maxActivation`, rule: "must be an ISO 8601 duration of hours and minutes such as PT8H or PT1H30M", value: team.maxActivation });
    else if (minutes === 0 || minutes > MAX_ACTIVATION_MINUTES)
      issues.push({ path: `${path}.maxActivation`, rule: "must be longer than zero and at most PT24H (PIM's longest activation)", value: team.maxActivation });
  }
  const approvers = team.requireApproval;
  if (approvers !== undefined) {
    if (!Array.isArray(approvers) || approvers.length === 0)
      issues.push({ path: `${path}.requireApproval`, rule: "must be a non-empty list of approver group object ids (GUIDs)", value: approvers });
    else
      approvers.forEach((id: unknown, j) => {
        if (typeof id !== "string" || !GUID.test(id))
          issues.push({ path: `${path}.requireApproval[${j}]`, rule: "must be a GUID (the object id of an Entra ID group of approvers)", value: id });
        else if (approvers.findIndex((x: unknown) => typeof x === "string" && x.toLowerCase() === id.toLowerCase()) !== j)
          issues.push({ path: `${path}.requireApproval[${j}]`, rule: "lists an approver group a second time", value: id });
      });
  }
  return issues;
}
