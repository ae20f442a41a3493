import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import { checkAccessModelArgs } from "../config/accessArgs";
import { assignmentDescription, roleAssignmentGuid } from "../rbac/ids";
import { containerPrefixCondition } from "../rbac/conditions";
import { AccessMatrixRow, PrincipalAccess, renderMatrixCsv } from "../rbac/matrix";
import { loadRoleDefinitionFile } from "../rbac/roleFile";
import { Assignment, RoleDefinition } from "../rbac/types";
import { AccessModelArgs, CustomRoleArgs } from "./access/args";
import { activationPolicies, policyKey } from "./access/activation";
import { planAssignments } from "./access/assignments";
import { createCustomRoles, heldScopes } from "./access/customRoles";
import { accessReport } from "./access/report";
import { TeamPrincipal, teamPrincipal } from "./access/principals";

export type { AccessModelArgs, AccessTargetArgs, CustomRoleArgs, PermissionArgs, TeamArgs, WorkspaceRefArgs } from "./access/args";
export { sharedPolicyError } from "./access/activation";
export { sharedResourceGroupError } from "./access/assignments";

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
    ...(heldScopes(role).length ? { assignableScopes: heldScopes(role) } : {}),
  };
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
        const held = heldScopes(custom);
        if (held.length) return pulumi.output(held);
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

    const createdGroups = args.teams.filter((t) => t.createGroup && t.members?.length).map((t) => ({ members: t.members!, id: principals.get(t.name)!.id }));
    const { report, markdown } = accessReport(resolvedAssignments, args, createdGroups);
    this.accessMatrix = report.apply((r) => r.rows);
    this.accessPrincipals = report.apply((r) => r.principals);
    this.accessMatrixMarkdown = markdown;
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
