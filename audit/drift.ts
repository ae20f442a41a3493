// The difference between what a plan grants and what Azure grants now. No Pulumi import.
import { TYPES } from "../core/types";
import type { LiveActivationPolicy, LiveGrant, LiveRoleDefinition } from "./live";
import { isKnown as known, normScope as norm, roleGuid, scopeRoleKey, subscriptionOfScope } from "./ids";
import { activationChanges, activationControls, plannedActivation } from "./activation";

/** A grant as drift compares it: scope, principal, role GUID (lower-cased), and how it is held. */
export interface GrantKey {
  scope: string;
  principalId: string;
  roleDefinitionId: string;
  activation: "active" | "eligible";
}

export interface DriftGrant extends GrantKey {
  /** The live assignment's id, or the plan resource's URN. */
  ref: string;
}

export interface RoleChange {
  roleName: string;
  /** The live definition's id. */
  id: string;
  /** What differs, e.g. `permissions[0].actions: + Microsoft.Compute/*` */
  changes: string[];
}

/** A role's activation policy at a scope whose live controls differ from the plan's (loosened or tightened by hand). */
export interface ActivationPolicyChange {
  scope: string;
  roleDefinitionId: string;
  policyId: string;
  /** What differs, e.g. `multifactor authentication: off (planned on)`. */
  changes: string[];
}

export interface Drift {
  /** The plan file the live state was compared with. */
  against: string;
  /** Live grants at scopes the plan governs that the plan does not make (made outside Pulumi). */
  outOfBand: DriftGrant[];
  /** Planned grants Azure does not hold. */
  missing: DriftGrant[];
  /** Custom roles of the plan whose live definition differs (edited by hand) or that Azure does not hold. */
  changedRoles: RoleChange[];
  /** Activation policies of the plan whose live controls differ. */
  changedActivationPolicies: ActivationPolicyChange[];
  /** Planned grants with a value known only at deploy time (a first-preview plan): not compared. */
  notComparable: number;
  /** Planned activation policies whose scope is known only at deploy time, or whose role the plan does not make certain: not compared. */
  activationNotComparable: number;
  /** Live grants to the identities of the audited workspaces and registries (Azure ML grants those itself at creation): not counted as drift. */
  azureManaged: number;
}

/** The plan JSON fields drift reads (plan/plan-result.schema.json). */
export interface PlanFile {
  stack?: string;
  mode?: string;
  resources: { urn: string; type: string; inputs: Record<string, any> }[];
}

const keyOf = (g: GrantKey) => `${g.activation} ${norm(g.scope)} ${g.principalId.toLowerCase()} ${g.roleDefinitionId.toLowerCase()}`;

/** The resource group segment of a scope, lower-cased. */
const groupOf = (scope: string) => /\/resourcegroups\/([^/]+)/i.exec(scope)?.[1].toLowerCase();

/**
 * Whether a live grant is at a scope the plan governs: a resource group the plan creates or grants
 * at (or anything in one), or a scope above every resource group (subscription, management group,
 * root), where a grant reaches what the plan deploys.
 */
function governed(scope: string, groups: ReadonlySet<string>, plannedScopes: ReadonlySet<string>, subscriptions: ReadonlySet<string>): boolean {
  // Only the subscriptions the plan deploys into, when its grants name them: another subscription's
  // grants are another stack's business.
  const sub = subscriptionOfScope(scope);
  if (sub !== undefined && subscriptions.size > 0 && !subscriptions.has(sub)) return false;
  const rg = groupOf(scope);
  if (rg === undefined) return true;
  return groups.has(rg) || plannedScopes.has(norm(scope));
}


/** Compares a plan's grants and custom roles with the live ones. */
export function driftAgainst(plan: PlanFile, against: string, live: { grants: readonly LiveGrant[]; customRoles: readonly LiveRoleDefinition[]; managedPrincipals: ReadonlySet<string>; activationPolicies?: readonly LiveActivationPolicy[] }): Drift {
  const planned: DriftGrant[] = [];
  let notComparable = 0;
  const groups = new Set<string>();
  for (const r of plan.resources) {
    const i = r.inputs ?? {};
    if (r.type === TYPES.resourceGroup && known(i.resourceGroupName)) groups.add(i.resourceGroupName.toLowerCase());
    if (r.type !== TYPES.roleAssignment && r.type !== TYPES.pimRoleEligibilitySchedule) continue;
    const guid = known(i.roleDefinitionId) ? roleGuid(i.roleDefinitionId) : undefined;
    if (!known(i.scope) || !known(i.principalId) || !guid) {
      notComparable++;
      continue;
    }
    planned.push({ scope: i.scope, principalId: i.principalId, roleDefinitionId: guid, activation: r.type === TYPES.pimRoleEligibilitySchedule ? "eligible" : "active", ref: r.urn });
  }
  const plannedScopes = new Set(planned.map((p) => norm(p.scope)));
  const plannedSubscriptions = new Set(planned.map((p) => subscriptionOfScope(p.scope)).filter((x): x is string => x !== undefined));
  const plannedKeys = new Set(planned.map(keyOf));
  const liveGrants: DriftGrant[] = live.grants.map((g) => ({ scope: g.scope, principalId: g.principalId, roleDefinitionId: roleGuid(g.roleDefinitionId) ?? g.roleDefinitionId, activation: g.activation, ref: g.id }));
  const liveKeys = new Set(liveGrants.map(keyOf));
  let azureManaged = 0;
  const outOfBand: DriftGrant[] = [];
  for (const g of liveGrants) {
    if (plannedKeys.has(keyOf(g)) || !governed(g.scope, groups, plannedScopes, plannedSubscriptions)) continue;
    if (live.managedPrincipals.has(g.principalId.toLowerCase())) azureManaged++;
    else outOfBand.push(g);
  }
  const missing = planned.filter((p) => !liveKeys.has(keyOf(p)));
  const activation = plannedActivation(plan);
  const changedActivationPolicies: ActivationPolicyChange[] = [];
  for (const p of live.activationPolicies ?? []) {
    const planned = activation.byKey.get(scopeRoleKey(p.scope, p.roleDefinitionId));
    if (!planned) continue;
    const changes = activationChanges(activationControls(p.rules), planned);
    if (changes.length) changedActivationPolicies.push({ scope: p.scope, roleDefinitionId: roleGuid(p.roleDefinitionId) ?? p.roleDefinitionId, policyId: p.policyId, changes });
  }
  return { against, outOfBand, missing, changedRoles: changedRoles(plan, live.customRoles), changedActivationPolicies, notComparable, activationNotComparable: activation.notComparable, azureManaged };
}

const sorted = (l: unknown) => (Array.isArray(l) ? l.filter((x): x is string => typeof x === "string").map((x) => x.toLowerCase()).sort() : []);

/** Custom roles of the plan (by GUID, else by name) whose live permissions or assignable scopes differ. */
function changedRoles(plan: PlanFile, liveRoles: readonly LiveRoleDefinition[]): RoleChange[] {
  const out: RoleChange[] = [];
  for (const r of plan.resources) {
    if (r.type !== TYPES.roleDefinition) continue;
    const i = r.inputs ?? {};
    const guid = known(i.roleDefinitionId) ? roleGuid(i.roleDefinitionId) : undefined;
    const live = liveRoles.find((l) => (guid !== undefined && roleGuid(l.id) === guid) || (known(i.roleName) && l.roleName === i.roleName));
    if (!live) {
      // Deleted by hand, or never deployed: its grants grant nothing.
      if (known(i.roleName)) out.push({ roleName: i.roleName, id: guid ?? "", changes: ["not defined in Azure: deleted, or not deployed yet"] });
      continue;
    }
    const changes: string[] = [];
    const plannedPerms: any[] = Array.isArray(i.permissions) ? i.permissions : [];
    const count = Math.max(plannedPerms.length, live.permissions.length);
    for (let n = 0; n < count; n++)
      for (const list of ["actions", "notActions", "dataActions", "notDataActions"] as const) {
        const want = sorted(plannedPerms[n]?.[list]);
        const have = sorted((live.permissions[n] as any)?.[list]);
        const added = have.filter((a) => !want.includes(a));
        const removed = want.filter((a) => !have.includes(a));
        if (added.length || removed.length) changes.push(`permissions[${n}].${list}: ${[...added.map((a) => `+ ${a}`), ...removed.map((a) => `- ${a}`)].join(", ")}`);
      }
    const plannedScopes = Array.isArray(i.assignableScopes) && i.assignableScopes.every(known) ? sorted(i.assignableScopes) : undefined;
    if (plannedScopes) {
      const have = sorted(live.assignableScopes);
      if (plannedScopes.join(" ") !== have.join(" ")) changes.push(`assignableScopes: ${have.join(", ") || "(none)"} (planned ${plannedScopes.join(", ")})`);
    }
    if (changes.length) out.push({ roleName: live.roleName, id: live.id, changes });
  }
  return out;
}
