import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import { checkAccessModelArgs, customRoleDefinition } from "../config/accessArgs";
import { PlatformConfigError } from "../config/errors";
import { nameSlug } from "../naming";
import { defaultDataAccess } from "../config/access";
import { BUILT_IN_ROLES } from "../rbac/builtinRoles";
import { assignmentDescription, roleAssignmentGuid } from "../rbac/ids";
import { containerPrefixCondition } from "../rbac/conditions";
import { AccessMatrixRow, PrincipalAccess, buildAccess, memberAccess, renderMatrixCsv, renderMatrixMarkdown } from "../rbac/matrix";
import { loadRoleDefinitionFile } from "../rbac/roleFile";
import { Assignment, RoleDefinition } from "../rbac/types";
import { AccessModelArgs, AccessTargetArgs, CustomRoleArgs, TeamArgs } from "./access/args";
import { createCustomRoles } from "./access/customRoles";
import { roleManagementPolicyName } from "./access/pimPolicy";
import { ActivationSettings, activationPolicyRules, collisionCandidates, mergeActivationSettings, sameScopeIndex } from "../rbac/pim";
import { DEFAULT_MAX_ACTIVATION, durationMinutes } from "../config/activation";
import { TeamPrincipal, teamPrincipal } from "./access/principals";

export type { AccessModelArgs, AccessTargetArgs, CustomRoleArgs, PermissionArgs, TeamArgs, WorkspaceRefArgs } from "./access/args";

/**
 * A custom role for AccessModel from a role definition file (`az role definition create` JSON or
 * `az role definition list` output), every permission block kept. `file` is relative to `baseDir`
 * (default: the working directory, the Pulumi project directory). The file's AssignableScopes are
 * not copied: the model makes the role assignable exactly where it assigns it.
 */
export function customRoleFromFile(file: string, baseDir: string = process.cwd()): CustomRoleArgs {
  const role = loadRoleDefinitionFile(file, baseDir, `customRoleFromFile(${JSON.stringify(file)})`);
  return {
    name: role.name,
    description: role.description,
    permissions: role.permissions.map((p) => ({ actions: p.actions, notActions: p.notActions, dataActions: p.dataActions, notDataActions: p.notDataActions })),
  };
}

/**
 * Data-plane roles per access level (docs: how-to-identity-based-service-authentication, "data
 * access"): blob for datastores and job inputs/outputs, file (privileged, identity-based) for
 * notebooks and the studio's file share.
 */
const DATA_ROLES: Record<"read" | "readWrite", RoleDefinition[]> = {
  read: ["2a2b9908-6ea1-4ae2-8e65-a410df84e7d1", "b8eda974-7b85-4f76-af95-65846b26df6d"].map(builtIn),
  readWrite: ["ba92f5b4-2d11-453d-a403-e96b0029c9fe", "69566ab7-960f-475b-8e7c-b3118f30c6bd"].map(builtIn),
};

/**
 * Registry roles per access level (how-to-manage-registries, "Add users to the registry"): Reader
 * to use a registry's assets; AzureML Registry User (registries/read and registries/assets/*) to
 * create and delete them without managing the registry, which Contributor and Owner would allow.
 */
const READER = builtIn("acdd72a7-3385-48ef-bd42-f606fba81ae7");
const REGISTRY_ROLES: Record<"read" | "publish", RoleDefinition> = {
  read: READER,
  publish: builtIn("1823dd4f-9b8c-4ab6-ab4e-7397a3684615"),
};

function builtIn(id: string): RoleDefinition {
  return BUILT_IN_ROLES.find((r) => r.id === id)!;
}

/** What one team ended up with. */
export interface TeamAccess {
  principalId: string;
  principalType: string;
  /** The team's first role's definition id. */
  roleDefinitionId: string;
  /** Every role's definition id, in the order of `roles`. */
  roleDefinitionIds: string[];
  /** Ids of the team's grants: role assignments, or PIM eligibility schedules for an eligible team. */
  assignmentIds: string[];
  /** How the team holds its roles: `active` (role assignments) or `eligible` (PIM, activated just in time). */
  activation: string;
}

interface PlannedAssignment {
  team: TeamArgs;
  role: RoleDefinition;
  /** Resource name of the assignment. */
  resourceName: string;
  scope: pulumi.Output<string>;
  /**
   * The scope as known before deployment (`workspace:<name>`, `resourceGroup:<name>`, …): grants of
   * one role on one key share the role's management policy there.
   */
  scopeKey: string;
  /** What kind of scope, and whether the key alone tells it apart from others of its kind (rbac/pim.ts PlannedPolicy). */
  scopeKind: "workspace" | "resourceGroup" | "storage" | "subscription" | "registry";
  scopeDistinct: boolean;
  /**
   * Where a custom role must be assignable for this assignment: the resource group (or subscription)
   * containing the scope. It exists before the workspace does, so the role definition need not wait
   * for the workspace, which keeps it off the deployment's critical path.
   */
  definitionScope: pulumi.Output<string>;
  /** Blob container prefixes the assignment is limited to (projects' data in their hub's storage). */
  containerPrefixes?: pulumi.Output<string[]>;
}

/**
 * Maps teams (Entra ID groups or principals) to built-in or custom roles at workspace, resource-group
 * or subscription scope, and reports who can do what as an access matrix.
 */
export class AccessModel extends pulumi.ComponentResource {
  /** Per team: principal, role definition and role assignment ids. */
  public readonly teams: pulumi.Output<Record<string, TeamAccess>>;
  /** Every team × workspace with the key operations its principal can perform (the union over every assignment to it). */
  public readonly accessMatrix: pulumi.Output<AccessMatrixRow[]>;
  /** Every principal × workspace with the teams its access comes through. */
  public readonly accessPrincipals: pulumi.Output<PrincipalAccess[]>;
  /** The access matrix as a Markdown table. */
  public readonly accessMatrixMarkdown: pulumi.Output<string>;
  /** The access matrix as CSV. */
  public readonly accessMatrixCsv: pulumi.Output<string>;
  /** Custom role definition ids by role name. */
  public readonly customRoleIds: pulumi.Output<Record<string, string>>;

  constructor(name: string, args: AccessModelArgs, opts?: pulumi.ComponentResourceOptions) {
    // Validate (including the admin-only privilege guard) before super(): nothing is registered on bad input.
    const teamRoles = checkAccessModelArgs(name, args.teams, args.customRoles ?? [], args.workspaces, args.registries ?? []);
    super("azureml-platform:index:AccessModel", name, {}, opts);
    const parent = { parent: this };

    const subscriptionId = pulumi.output(args.subscriptionId ?? authorization.getClientConfigOutput(parent).subscriptionId);
    const subscriptionScope = pulumi.interpolate`/subscriptions/${subscriptionId}`;
    const planned = planAssignments(name, args, teamRoles, subscriptionScope);

    // Custom roles, assignable in the resource groups (or subscription) where this model assigns them.
    const customRoleIds = createCustomRoles(
      name,
      args.customRoles ?? [],
      { project: args.project ?? name, environment: args.environment ?? name },
      subscriptionId,
      (custom) => {
        const uses = planned.filter((p) => p.role.isCustom && p.role.name.toLowerCase() === custom.name.toLowerCase());
        return uses.length
          ? pulumi.all(uses.map((u) => u.definitionScope)).apply((s) => [...new Set(s)].sort())
          : pulumi.all(args.workspaces.map((w) => w.resourceGroupId)).apply((s) => [...new Set(s)].sort());
      },
      this,
    );

    const principals = new Map<string, TeamPrincipal>();
    for (const team of args.teams) principals.set(team.name, teamPrincipal(name, team, this));

    const roleDefinitionIdFor = (role: RoleDefinition): pulumi.Output<string> =>
      role.isCustom
        ? customRoleIds[role.name.toLowerCase()]
        : pulumi.interpolate`/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${role.id}`;

    const policies = activationPolicies(name, planned, roleDefinitionIdFor, this);
    const assignmentIds = new Map<string, pulumi.Output<string>[]>();
    const resolvedAssignments: pulumi.Output<Assignment>[] = [];
    for (const p of planned) {
      const principal = principals.get(p.team.name)!;
      const roleDefinitionId = roleDefinitionIdFor(p.role);
      // One resolution of (scope, principal, role) serves the assignment's name and the access matrix.
      const resolved = pulumi.all([p.scope, principal.id, roleDefinitionId]);
      const prefixes = p.containerPrefixes;
      const eligible = p.team.activation === "eligible";
      // An eligible team's grant is a PIM eligibility, uniquely (scope, principal, role) like an
      // assignment; azure-native names its request itself (a random GUID) and finds the schedule by
      // that triple. It follows the policy: Azure's default policy refuses a permanent eligibility.
      // https://learn.microsoft.com/rest/api/authorization/privileged-role-eligibility-rest-sample
      const assignment = eligible
        ? new authorization.PimRoleEligibilitySchedule(
            p.resourceName,
            {
              scope: p.scope,
              principalId: principal.id,
              roleDefinitionId,
              // The same team marker role assignments carry in `description`: auditors and the access policies read it.
              justification: assignmentDescription(p.team.name, p.team.admin ?? false),
              scheduleInfo: { expiration: { type: "NoExpiration" } },
              ...(prefixes ? { condition: prefixes.apply(containerPrefixCondition), conditionVersion: "2.0" } : {}),
            },
            { parent: this, dependsOn: [policies.get(policyKey(p))!] },
          )
        : new authorization.RoleAssignment(
        p.resourceName,
        {
          roleAssignmentName: resolved.apply(([s, pid, rd]) => roleAssignmentGuid(s, pid, rd)),
          ...(prefixes ? { condition: prefixes.apply(containerPrefixCondition), conditionVersion: "2.0" } : {}),
          scope: p.scope,
          principalId: principal.id,
          // Always set: Azure otherwise looks the principal up and fails with PrincipalNotFound right after group creation.
          principalType: principal.type,
          roleDefinitionId,
          description: assignmentDescription(p.team.name, p.team.admin ?? false),
        },
        parent,
      );
      const ids = assignmentIds.get(p.team.name) ?? [];
      ids.push(assignment.id);
      assignmentIds.set(p.team.name, ids);
      resolvedAssignments.push(
        pulumi
          .all([resolved, prefixes ?? pulumi.output(undefined)])
          .apply(([[scope, principalId], containerPrefixes]) => ({
            principalId,
            principalType: principal.type,
            scope,
            role: p.role,
            label: p.team.name,
            ...(containerPrefixes ? { containerPrefixes } : {}),
            ...(eligible ? { activation: "eligible" as const } : {}),
          })),
      );
    }

    const teamNames = args.teams.map((t) => t.name);
    this.teams = pulumi
      .all([
        pulumi.all(teamNames.map((t) => principals.get(t)!.id)),
        pulumi.all(teamRoles.map((roles) => pulumi.all(roles.map(roleDefinitionIdFor)))),
        pulumi.all(teamNames.map((t) => pulumi.all(assignmentIds.get(t) ?? []))),
      ])
      .apply(([principalIds, roleDefinitionIds, ids]) =>
        Object.fromEntries(
          teamNames.map((t, i): [string, TeamAccess] => [
            t,
            {
              principalId: principalIds[i],
              principalType: principals.get(t)!.type,
              roleDefinitionId: roleDefinitionIds[i][0],
              roleDefinitionIds: roleDefinitionIds[i],
              assignmentIds: ids[i],
              activation: args.teams[i].activation ?? "active",
            },
          ]),
        ),
      );

    const registries = args.registries ?? [];
    const workspaceScopes = pulumi
      .all([pulumi.all(args.workspaces.map((w) => pulumi.all([w.workspaceId, w.storageAccountId, w.dataContainerPrefix]))), pulumi.all(registries.map((r) => r.registryId))])
      .apply(([ids, registryIds]) => [
        ...args.workspaces.map((w, i) => ({ name: w.name, id: ids[i][0], storageAccountId: ids[i][1], ...(ids[i][2] ? { dataContainerPrefix: ids[i][2] } : {}) })),
        ...registries.map((r, i) => ({ name: r.name, id: registryIds[i], kind: "registry" as const })),
      ]);
    const report = pulumi.all([pulumi.all(resolvedAssignments), workspaceScopes]).apply(([assignments, scopes]) => buildAccess(assignments, scopes));
    this.accessMatrix = report.apply((r) => r.rows);
    this.accessPrincipals = report.apply((r) => r.principals);
    // Members of groups this model creates, by user principal name: what each can do through its groups.
    const groupTeams = args.teams.filter((t) => t.createGroup && t.members?.length);
    const memberships = pulumi.all(groupTeams.map((t) => principals.get(t.name)!.id)).apply((ids) => {
      const byMember = new Map<string, string[]>();
      groupTeams.forEach((t, i) => {
        for (const upn of t.members ?? []) byMember.set(upn.toLowerCase(), [...(byMember.get(upn.toLowerCase()) ?? []), ids[i]]);
      });
      return [...byMember].map(([member, groups]) => ({ member, groups }));
    });
    this.accessMatrixMarkdown = pulumi.all([report, memberships]).apply(([r, m]) => renderMatrixMarkdown(r.rows, { members: memberAccess(r.principals, m) }));
    this.accessMatrixCsv = this.accessMatrix.apply(renderMatrixCsv);
    this.customRoleIds = pulumi.output(customRoleIds);

    this.registerOutputs({
      teams: this.teams,
      accessMatrix: this.accessMatrix,
      accessPrincipals: this.accessPrincipals,
      accessMatrixMarkdown: this.accessMatrixMarkdown,
      accessMatrixCsv: this.accessMatrixCsv,
      customRoleIds: this.customRoleIds,
    });
  }
}

/** Grants of one role on one scope key share that role's management policy. */
function policyKey(p: PlannedAssignment): string {
  return `${p.scopeKey}\u0000${p.role.id ?? p.role.name.toLowerCase()}`;
}

/**
 * The role management policy of each (scope, role) an eligible team is granted on, carrying the
 * activation rules (rbac/pim.ts): one resource per Azure policy, whatever the number of teams, with
 * their settings merged. The policy already exists (Azure creates one per role and scope); its name
 * is looked up when scope and role are known (components/access/pimPolicy.ts). Two keys that turn
 * out to be one scope (workspaces sharing a storage account) are refused when the ids resolve.
 */
function activationPolicies(
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

/**
 * Where each team's roles are assigned, deduplicated so (scope, principal, role) is unique, plus the
 * team's data roles on each of its workspaces' storage accounts.
 */
function planAssignments(model: string, args: AccessModelArgs, teamRoles: RoleDefinition[][], subscriptionScope: pulumi.Output<string>): PlannedAssignment[] {
  const workspaceNames = args.workspaces.map((w) => w.name);
  const workspaceByName = new Map(args.workspaces.map((w) => [w.name, w]));
  const registryById = new Map((args.registries ?? []).map((r) => [r.name, r]));
  const planned: PlannedAssignment[] = [];
  args.teams.forEach((team, i) => {
    const targets = (team.workspaces ?? workspaceNames).map((w) => workspaceByName.get(w) as AccessTargetArgs);
    const scope = team.scope ?? "workspace";
    teamRoles[i].forEach((role, j) => {
      // The first role keeps the names single-role teams always had (no replacement on upgrade).
      const prefix = j === 0 ? `${model}-${team.name}` : `${model}-${team.name}-${nameSlug(role.name)}`;
      if (scope === "subscription") {
        planned.push({ team, role, resourceName: `${prefix}-subscription`, scope: subscriptionScope, scopeKey: "subscription", scopeKind: "subscription", scopeDistinct: true, definitionScope: subscriptionScope });
      } else if (scope === "resourceGroup") {
        const seen = new Set<string>();
        const unnamed: { workspace: string; id: pulumi.Output<string> }[] = [];
        for (const w of targets) {
          const rgName = w.resourceGroupName;
          const rg = pulumi.output(w.resourceGroupId);
          if (typeof rgName === "string") {
            // Known before deployment: workspaces sharing the group share one assignment.
            if (seen.has(rgName.toLowerCase())) continue;
            seen.add(rgName.toLowerCase());
            planned.push({ team, role, resourceName: `${prefix}-${rgName}`, scope: rg, scopeKey: `rg-${rgName.toLowerCase()}`, scopeKind: "resourceGroup", scopeDistinct: true, definitionScope: rg });
          } else unnamed.push({ workspace: w.name, id: rg });
        }
        // Names known only after deployment: one assignment per workspace, and two on one group refused
        // when the ids resolve (both would be the same Azure role assignment, each owned by a resource).
        const ids = pulumi.all(unnamed.map((u) => u.id));
        unnamed.forEach((u, k) => {
          const checked = ids.apply((all) => {
            const error = sharedResourceGroupError(model, team.name, unnamed.map((x) => x.workspace), all, k);
            if (error) throw error;
            return all[k];
          });
          planned.push({ team, role, resourceName: `${prefix}-rg-${u.workspace}`, scope: checked, scopeKey: `rg-of-${u.workspace}`, scopeKind: "resourceGroup", scopeDistinct: false, definitionScope: checked });
        });
      } else {
        for (const w of targets)
          planned.push({ team, role, resourceName: `${prefix}-${w.name}`, scope: pulumi.output(w.workspaceId), scopeKey: `workspace-${w.name}`, scopeKind: "workspace", scopeDistinct: true, definitionScope: pulumi.output(w.resourceGroupId) });
      }
    });
    // hub-rbac-azure-ai-foundry ("Default roles for projects"): a project's members get Reader on its
    // hub, which the portal assigns itself; a project is a top-level resource, so nothing a team holds
    // on the project reaches the hub (or the other way round).
    if (scope === "workspace" && teamRoles[i].length) {
      const hubs = new Set(targets.map((w) => w.hub).filter((h): h is string => h !== undefined && workspaceByName.has(h) && !(team.workspaces ?? workspaceNames).includes(h)));
      for (const hub of hubs) {
        const hubTarget = workspaceByName.get(hub)!;
        planned.push({
          team,
          role: READER,
          resourceName: `${model}-${team.name}-hub-reader-${hub}`,
          scope: pulumi.output(hubTarget.workspaceId),
          scopeKey: `workspace-${hub}`,
          scopeKind: "workspace",
          scopeDistinct: true,
          definitionScope: pulumi.output(hubTarget.resourceGroupId),
        });
      }
    }
    const registryAccess = team.registryAccess ?? "read";
    for (const r of team.registries ?? []) {
      const registry = pulumi.output(registryById.get(r)!.registryId);
      planned.push({ team, role: REGISTRY_ROLES[registryAccess], resourceName: `${model}-${team.name}-registry-${r}`, scope: registry, scopeKey: `registry-${r}`, scopeKind: "registry", scopeDistinct: true, definitionScope: registry });
    }
    const access = team.dataAccess ?? defaultDataAccess(teamRoles[i]);
    if (access === "none") return;
    const projects = new Map<string, AccessTargetArgs[]>();
    for (const w of targets) {
      if (w.storageAccountId === undefined) continue;
      if (w.dataContainerPrefix !== undefined && w.hub !== undefined) {
        // Grouped by hub: one conditioned assignment per role names all of the team's projects there.
        projects.set(w.hub, [...(projects.get(w.hub) ?? []), w]);
        continue;
      }
      const storage = pulumi.output(w.storageAccountId);
      for (const role of DATA_ROLES[access]) {
        const kind = role.name.includes("Blob") ? "blob" : "file";
        planned.push({ team, role, resourceName: `${model}-${team.name}-data-${kind}-${w.name}`, scope: storage, scopeKey: `storage-${w.name}`, scopeKind: "storage", scopeDistinct: false, definitionScope: storage });
      }
    }
    for (const [hub, members] of projects) {
      // The team's own access to the hub's whole storage already covers its projects' containers.
      if (targets.some((w) => w.name === hub)) continue;
      const storage = pulumi.output(members[0].storageAccountId!);
      const prefixes = pulumi.all(members.map((w) => w.dataContainerPrefix!)).apply((p) => [...new Set(p)].sort());
      // Blob only: ABAC conditions cover Blob and Queue storage, not Azure Files (conditions-overview).
      for (const role of DATA_ROLES[access].filter((r) => r.name.includes("Blob")))
        planned.push({
          team,
          role,
          resourceName: `${model}-${team.name}-data-blob-${hub}-projects`,
          scope: storage,
          scopeKey: `storage-${hub}`,
          scopeKind: "storage",
          scopeDistinct: false,
          definitionScope: storage,
          containerPrefixes: prefixes,
        });
    }
  });
  return planned;
}

/**
 * When the `k`th of workspaces whose resource group name is an Output shares its group (by resolved
 * id, any case) with an earlier one: the error that stops the deployment. Both assignments would be
 * the same Azure role assignment, owned by two resources.
 */
export function sharedResourceGroupError(model: string, team: string, workspaces: readonly string[], ids: readonly string[], k: number): PlatformConfigError | undefined {
  const first = ids.findIndex((id) => id.toLowerCase() === ids[k].toLowerCase());
  if (first === k) return undefined;
  return new PlatformConfigError([
    {
      path: `AccessModel "${model}" args.workspaces`,
      rule: `workspaces ${workspaces[first]} and ${workspaces[k]} share resource group ${ids[k]}; pass resourceGroupName as a plain string so team ${team} gets one resource-group assignment`,
      value: ids[k],
    },
  ]);
}
