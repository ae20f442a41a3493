import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import { PlatformConfigError } from "../../config/errors";
import { DEFAULT_MAX_ACTIVATION, durationMinutes } from "../../config/activation";
import { nameSlug } from "../../naming";
import { ActivationSettings, activationPolicyRules, collisionCandidates, mergeActivationSettings, sameScopeIndex } from "../../rbac/pim";
import { RoleDefinition } from "../../rbac/types";
import { PlannedAssignment } from "./assignments";
import { roleManagementPolicyName } from "./pimPolicy";

/** Grants of one role on one scope key share that role's management policy. */
export function policyKey(p: PlannedAssignment): string {
  return `${p.scopeKey}\u0000${p.role.id ?? p.role.name.toLowerCase()}`;
}

/**
 * The role management policy of each (scope, role) an eligible team is granted on, carrying the
 * activation rules (rbac/pim.ts): one resource per Azure policy, whatever the number of teams, with
 * their settings merged. The policy already exists (Azure creates one per role and scope); its name
 * is looked up when scope and role are known (components/access/pimPolicy.ts). Two keys that turn
 * out to be one scope (workspaces sharing a storage account) are refused when the ids resolve.
 */
export function activationPolicies(
  model: string,
  planned: readonly PlannedAssignment[],
  roleDefinitionIdFor: (role: RoleDefinition) => pulumi.Output<string>,
  parent: pulumi.Resource,
): Map<string, authorization.RoleManagementPolicy> {
  const groups = new Map<string, { first: PlannedAssignment; settings: ActivationSettings[] }>();
  for (const p of planned) {
    if (p.team.activation !== "eligible") continue;
    const group = groups.get(policyKey(p)) ?? { first: p, settings: [] };
    group.settings.push({ maxActivation: p.team.maxActivation ?? DEFAULT_MAX_ACTIVATION, approverGroupIds: p.team.requireApproval ?? [] });
    groups.set(policyKey(p), group);
  }
  const entries = [...groups.values()];
  const policies = entries.map((e) => ({ role: e.first.role.id ?? e.first.role.name.toLowerCase(), kind: e.first.scopeKind, distinct: e.first.scopeDistinct }));
  const out = new Map<string, authorization.RoleManagementPolicy>();
  entries.forEach((e, k) => {
    // Compared only with earlier policies that might be the same one (see collisionCandidates): the
    // inputs of a policy never wait for resources added after it.
    const candidates = collisionCandidates(policies, k);
    const own = pulumi.all([e.first.scope, roleDefinitionIdFor(e.first.role)]);
    const resolved = candidates.length
      ? pulumi.all([own, ...candidates.map((j) => pulumi.all([entries[j].first.scope, roleDefinitionIdFor(entries[j].first.role)]))]).apply((all) => {
          const first = sameScopeIndex(all[0], all.slice(1));
          if (first >= 0) throw sharedPolicyError(model, e.first.role.name, entries[candidates[first]].first.scopeKey, e.first.scopeKey, all[0][0]);
          return all[0];
        })
      : own;
    const settings = mergeActivationSettings(e.settings, (d) => durationMinutes(d)!);
    out.set(
      policyKey(e.first),
      new authorization.RoleManagementPolicy(
        `${model}-pim-${nameSlug(e.first.role.name)}-${e.first.scopeKey}`,
        {
          scope: resolved.apply(([scope]) => scope),
          roleManagementPolicyName: resolved.apply(([scope, roleDefinitionId]) => roleManagementPolicyName(scope, roleDefinitionId)),
          rules: activationPolicyRules(settings),
        },
        { parent },
      ),
    );
  });
  return out;
}

/**
 * The error that stops a deployment whose eligible grants of one role on two scope keys turn out to
 * be on one scope: its one role management policy would be two resources overwriting each other.
 */
export function sharedPolicyError(model: string, role: string, first: string, second: string, scope: string): PlatformConfigError {
  return new PlatformConfigError([
    {
      path: `AccessModel "${model}" args.teams`,
      rule: `eligible grants of role "${role}" on ${first} and ${second} are on one scope, whose one role management policy two resources would overwrite; grant the role there once`,
      value: scope,
    },
  ]);
}

