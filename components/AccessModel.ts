import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import * as azuread from "@pulumi/azuread";
import { checkAccessModelArgs } from "../config/accessArgs";
import { assignmentDescription, deterministicGuid, roleAssignmentGuid } from "../rbac/ids";
import { AccessMatrixRow, buildAccessMatrix, renderMatrixCsv, renderMatrixMarkdown } from "../rbac/matrix";
import { Assignment, RoleDefinition } from "../rbac/types";
import { AssignmentScope, PrincipalType } from "./types";

/** A workspace the access model grants on. */
export interface WorkspaceRefArgs {
  /** Logical workspace name (what teams list in `workspaces`). */
  name: string;
  /** ARM id of the workspace (`WorkspaceStack.workspaceId`). */
  workspaceId: pulumi.Input<string>;
  /** Name of the workspace's resource group; workspaces sharing a group share its resource-group-scoped assignments. */
  resourceGroupName: string;
  /** ARM id of the workspace's resource group (`WorkspaceStack.resourceGroupId`). */
  resourceGroupId: pulumi.Input<string>;
}

/** A custom role: the content of the JSON `az role definition create` takes. Its assignable scopes are set by the model. */
export interface CustomRoleArgs {
  /** Role name; teams refer to it in `role`. */
  name: string;
  /**
   * What the role is for.
   * @default no description
   */
  description?: string;
  /**
   * Management operations granted.
   * @default []
   */
  actions?: string[];
  /**
   * Management operations subtracted from `actions`.
   * @default []
   */
  notActions?: string[];
  /**
   * Data-plane operations granted.
   * @default []
   */
  dataActions?: string[];
  /**
   * Data-plane operations subtracted from `dataActions`.
   * @default []
   */
  notDataActions?: string[];
}

/** A team: who (one group or principal) gets which role, where. */
export interface TeamArgs {
  /** Team name: lowercase letters, digits and hyphens; unique in the model. */
  name: string;
  /**
   * Admin teams may hold roles that write role assignments (Owner, User Access Administrator, …).
   * @default false
   */
  admin?: boolean;
  /**
   * Object id of an existing Entra ID group.
   * @default none
   */
  groupObjectId?: pulumi.Input<string>;
  /**
   * Display name of the group: looked up, or created when `createGroup` is true.
   * @default none
   */
  groupDisplayName?: string;
  /**
   * Create the group (security-enabled) instead of looking it up.
   * @default false
   */
  createGroup?: boolean;
  /**
   * Members of a created group, by user principal name (as `az ml workspace share --user`).
   * @default []
   */
  members?: string[];
  /**
   * Object id of a user, service principal or managed identity granted directly.
   * @default none
   */
  principalObjectId?: pulumi.Input<string>;
  /**
   * Type of `principalObjectId`.
   * @default none (required with principalObjectId)
   */
  principalType?: PrincipalType;
  /** Role: a custom role name, a built-in role name (case-insensitive) or a role definition GUID. */
  role: string;
  /**
   * Where the role is assigned: on each workspace, on each workspace's resource group, or on the subscription.
   * @default "workspace"
   */
  scope?: AssignmentScope;
  /**
   * Logical names of the workspaces the team works in.
   * @default every workspace of the model
   */
  workspaces?: string[];
}

export interface AccessModelArgs {
  /** Workspaces the model grants on. */
  workspaces: WorkspaceRefArgs[];
  /** Teams and their roles. */
  teams: TeamArgs[];
  /**
   * Custom roles the teams may use.
   * @default []
   */
  customRoles?: CustomRoleArgs[];
  /**
   * Subscription of the workspaces.
   * @default the subscription of the provider's credentials
   */
  subscriptionId?: pulumi.Input<string>;
}

/** What one team ended up with. */
export interface TeamAccess {
  principalId: string;
  principalType: string;
  roleDefinitionId: string;
  assignmentIds: string[];
}

interface PlannedAssignment {
  team: TeamArgs;
  role: RoleDefinition;
  key: string;
  scope: pulumi.Output<string>;
  /**
   * Where a custom role must be assignable for this assignment: the resource group (or subscription)
   * containing the scope. It exists before the workspace does, so the role definition need not wait
   * for the workspace, which keeps it off the deployment's critical path.
   */
  definitionScope: pulumi.Output<string>;
}

/**
 * Maps teams (Entra ID groups or principals) to built-in or custom roles at workspace, resource-group
 * or subscription scope, and reports who can do what as an access matrix.
 */
export class AccessModel extends pulumi.ComponentResource {
  /** Per team: principal, role definition and role assignment ids. */
  public readonly teams: pulumi.Output<Record<string, TeamAccess>>;
  /** Every team × workspace with the key operations it can perform. */
  public readonly accessMatrix: pulumi.Output<AccessMatrixRow[]>;
  /** The access matrix as a Markdown table. */
  public readonly accessMatrixMarkdown: pulumi.Output<string>;
  /** The access matrix as CSV. */
  public readonly accessMatrixCsv: pulumi.Output<string>;
  /** Custom role definition ids by role name. */
  public readonly customRoleIds: pulumi.Output<Record<string, string>>;

  constructor(name: string, args: AccessModelArgs, opts?: pulumi.ComponentResourceOptions) {
    const workspaceNames = args.workspaces.map((w) => w.name);
    // Validate (including the admin-only privilege guard) before super(): nothing is registered on bad input.
    const teamRoles = checkAccessModelArgs(name, args.teams, args.customRoles ?? [], workspaceNames);
    super("azureml-platform:index:AccessModel", name, {}, opts);
    const parent = { parent: this };

    const subscriptionId = pulumi.output(args.subscriptionId ?? authorization.getClientConfigOutput(parent).subscriptionId);
    const subscriptionScope = pulumi.interpolate`/subscriptions/${subscriptionId}`;
    const workspaceByName = new Map(args.workspaces.map((w) => [w.name, w]));

    // Where each team's role is assigned, deduplicated so (scope, principal, role) is unique.
    const planned: PlannedAssignment[] = [];
    args.teams.forEach((team, i) => {
      const role = teamRoles[i];
      const targets = (team.workspaces ?? workspaceNames).map((w) => workspaceByName.get(w) as WorkspaceRefArgs);
      const scope = team.scope ?? "workspace";
      if (scope === "subscription") {
        planned.push({ team, role, key: "subscription", scope: subscriptionScope, definitionScope: subscriptionScope });
      } else if (scope === "resourceGroup") {
        const seen = new Set<string>();
        for (const w of targets) {
          if (seen.has(w.resourceGroupName.toLowerCase())) continue;
          seen.add(w.resourceGroupName.toLowerCase());
          const rg = pulumi.output(w.resourceGroupId);
          planned.push({ team, role, key: w.resourceGroupName, scope: rg, definitionScope: rg });
        }
      } else {
        for (const w of targets)
          planned.push({ team, role, key: w.name, scope: pulumi.output(w.workspaceId), definitionScope: pulumi.output(w.resourceGroupId) });
      }
    });

    // Custom roles, assignable in the resource groups (or subscription) where this model assigns them,
    // never at a placeholder scope copied from a role file.
    const customRoleIds: Record<string, pulumi.Output<string>> = {};
    for (const custom of args.customRoles ?? []) {
      const uses = planned.filter((p) => p.role.isCustom && p.role.name.toLowerCase() === custom.name.toLowerCase());
      const scopes = uses.length
        ? pulumi.all(uses.map((u) => u.definitionScope)).apply((s) => [...new Set(s)].sort())
        : pulumi.all(args.workspaces.map((w) => w.resourceGroupId)).apply((s) => [...new Set(s)].sort());
      const slug = custom.name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
      customRoleIds[custom.name.toLowerCase()] = new authorization.RoleDefinition(
        `${name}-role-${slug}`,
        {
          roleDefinitionId: deterministicGuid("custom-role", name, custom.name),
          roleName: custom.name,
          description: custom.description,
          roleType: "CustomRole",
          scope: subscriptionScope,
          permissions: [
            {
              actions: custom.actions ?? [],
              notActions: custom.notActions ?? [],
              dataActions: custom.dataActions ?? [],
              notDataActions: custom.notDataActions ?? [],
            },
          ],
          assignableScopes: scopes,
        },
        parent,
      ).id;
    }

    const principals = new Map<string, { id: pulumi.Output<string>; type: string }>();
    for (const team of args.teams) principals.set(team.name, this.principalFor(name, team));

    const roleDefinitionIdFor = (role: RoleDefinition): pulumi.Output<string> =>
      role.isCustom
        ? customRoleIds[role.name.toLowerCase()]
        : pulumi.interpolate`/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${role.id}`;

    const assignmentIds = new Map<string, pulumi.Output<string>[]>();
    const resolvedAssignments: pulumi.Output<Assignment>[] = [];
    for (const p of planned) {
      const principal = principals.get(p.team.name)!;
      const roleDefinitionId = roleDefinitionIdFor(p.role);
      // One resolution of (scope, principal, role) serves the assignment's name and the access matrix.
      const resolved = pulumi.all([p.scope, principal.id, roleDefinitionId]);
      const assignment = new authorization.RoleAssignment(
        `${name}-${p.team.name}-${p.key}`,
        {
          roleAssignmentName: resolved.apply(([s, pid, rd]) => roleAssignmentGuid(s, pid, rd)),
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
        resolved.apply(([scope, principalId]) => ({ principalId, principalType: principal.type, scope, role: p.role, label: p.team.name })),
      );
    }

    const teamNames = args.teams.map((t) => t.name);
    this.teams = pulumi
      .all([
        pulumi.all(teamNames.map((t) => principals.get(t)!.id)),
        pulumi.all(teamRoles.map(roleDefinitionIdFor)),
        pulumi.all(teamNames.map((t) => pulumi.all(assignmentIds.get(t) ?? []))),
      ])
      .apply(([principalIds, roleDefinitionIds, ids]) =>
        Object.fromEntries(
          teamNames.map((t, i): [string, TeamAccess] => [
            t,
            { principalId: principalIds[i], principalType: principals.get(t)!.type, roleDefinitionId: roleDefinitionIds[i], assignmentIds: ids[i] },
          ]),
        ),
      );

    const workspaceScopes = pulumi
      .all(args.workspaces.map((w) => w.workspaceId))
      .apply((ids) => args.workspaces.map((w, i) => ({ name: w.name, id: ids[i] })));
    this.accessMatrix = pulumi.all([pulumi.all(resolvedAssignments), workspaceScopes]).apply(([assignments, scopes]) => buildAccessMatrix(assignments, scopes));
    this.accessMatrixMarkdown = this.accessMatrix.apply(renderMatrixMarkdown);
    this.accessMatrixCsv = this.accessMatrix.apply(renderMatrixCsv);
    this.customRoleIds = pulumi.output(customRoleIds);

    this.registerOutputs({
      teams: this.teams,
      accessMatrix: this.accessMatrix,
      accessMatrixMarkdown: this.accessMatrixMarkdown,
      accessMatrixCsv: this.accessMatrixCsv,
      customRoleIds: this.customRoleIds,
    });
  }

  /** The principal a team's role goes to: an existing group, a looked-up group, a new group, or a direct principal. */
  private principalFor(name: string, team: TeamArgs): { id: pulumi.Output<string>; type: string } {
    const parent = { parent: this };
    if (team.principalObjectId !== undefined) {
      return { id: pulumi.output(team.principalObjectId), type: team.principalType as string };
    }
    if (team.groupObjectId !== undefined) {
      return { id: pulumi.output(team.groupObjectId), type: "Group" };
    }
    const displayName = team.groupDisplayName as string;
    if (!team.createGroup) {
      return { id: azuread.getGroupOutput({ displayName, securityEnabled: true }, parent).objectId, type: "Group" };
    }
    const members = (team.members ?? []).map((upn) => azuread.getUserOutput({ userPrincipalName: upn }, parent).objectId);
    const group = new azuread.Group(
      `${name}-${team.name}-group`,
      {
        displayName,
        description: `Azure ML team ${team.name} (managed by azureml-platform)`,
        securityEnabled: true,
        mailEnabled: false,
        preventDuplicateNames: true,
        members,
      },
      parent,
    );
    return { id: group.objectId, type: "Group" };
  }
}
