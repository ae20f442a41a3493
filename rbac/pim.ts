// Privileged Identity Management for Azure resource roles: the activation rules an eligible team's
// role carries at its scope, as plain objects in azure-native's RoleManagementPolicy input shape.
// No Pulumi import (AccessModel and the tests use it alike).
//
// Rule ids, types and targets: https://learn.microsoft.com/rest/api/authorization/privileged-role-policy-rest-sample
// (Role Management Policies - Update), and the settings they stand for:
// https://learn.microsoft.com/entra/id-governance/privileged-identity-management/pim-resource-roles-configure-role-settings

/** Two ARM scopes are one: ids compare without case or trailing slashes. */
export function sameScope(a: string, b: string): boolean {
  return a.replace(/\/+$/, "").toLowerCase() === b.replace(/\/+$/, "").toLowerCase();
}

/** Two role references are one role: by the definition GUID (the last segment of an id), without case. */
export function sameRole(a: string, b: string): boolean {
  return a.split("/").pop()!.toLowerCase() === b.split("/").pop()!.toLowerCase();
}

/** What one team asks of the activation of a role. */
export interface ActivationSettings {
  /** Longest activation, ISO 8601 (PT8H). */
  maxActivation: string;
  /** Object ids of the groups whose members approve an activation; empty: no approval. */
  approverGroupIds: readonly string[];
}

/**
 * One policy per (scope, role) in Azure, however many teams are eligible for that role there: the
 * settings of every such team merged, the strictest winning — the shortest activation, and every
 * team's approvers (so no team's approvers are dropped). `minutesOf` reads a duration (the caller
 * has validated them).
 */
export function mergeActivationSettings(settings: readonly ActivationSettings[], minutesOf: (duration: string) => number): ActivationSettings {
  if (settings.length === 0) throw new Error("mergeActivationSettings needs at least one team's settings");
  const shortest = settings.reduce((a, b) => (minutesOf(b.maxActivation) < minutesOf(a.maxActivation) ? b : a));
  const approvers = new Map<string, string>();
  for (const s of settings)
    for (const id of s.approverGroupIds) {
      const key = id.toLowerCase();
      if (!approvers.has(key)) approvers.set(key, id);
    }
  return { maxActivation: shortest.maxActivation, approverGroupIds: [...approvers.values()].sort() };
}

/** What a member of an eligible team does: activate (EndUser, Assignment) — the rules Azure checks on activation. */
const END_USER_ASSIGNMENT = { caller: "EndUser", level: "Assignment", operations: ["All"] };
/** What the deployer does: assign eligibility (Admin, Eligibility). */
const ADMIN_ELIGIBILITY = { caller: "Admin", level: "Eligibility", operations: ["All"] };

/**
 * The rules of a role's management policy for just-in-time activation:
 * - `Expiration_EndUser_Assignment`: an activation ends after `maxActivation`;
 * - `Enablement_EndUser_Assignment`: activating needs a justification and multifactor authentication;
 * - `Approval_EndUser_Assignment`: approval by the approver groups (single stage, not as backup),
 *   required exactly when there are approvers — written either way, so removing `requireApproval`
 *   turns approval off rather than leaving the last approvers in place;
 * - `Expiration_Admin_Eligibility`: eligibility may be permanent. Azure's default policy requires an
 *   eligibility to expire (a year), and refuses the stack's NoExpiration eligibility requests otherwise.
 */
export function activationPolicyRules(settings: ActivationSettings) {
  const approvers = settings.approverGroupIds.map((id) => ({ id, userType: "Group", isBackup: false }));
  return [
    {
      id: "Expiration_EndUser_Assignment",
      ruleType: "RoleManagementPolicyExpirationRule" as const,
      isExpirationRequired: true,
      maximumDuration: settings.maxActivation,
      target: END_USER_ASSIGNMENT,
    },
    {
      id: "Enablement_EndUser_Assignment",
      ruleType: "RoleManagementPolicyEnablementRule" as const,
      enabledRules: ["Justification", "MultiFactorAuthentication"],
      target: END_USER_ASSIGNMENT,
    },
    {
      id: "Approval_EndUser_Assignment",
      ruleType: "RoleManagementPolicyApprovalRule" as const,
      setting: {
        isApprovalRequired: approvers.length > 0,
        isApprovalRequiredForExtension: false,
        isRequestorJustificationRequired: true,
        approvalMode: "SingleStage",
        approvalStages: [
          {
            approvalStageTimeOutInDays: 1,
            isApproverJustificationRequired: true,
            escalationTimeInMinutes: 0,
            isEscalationEnabled: false,
            primaryApprovers: approvers,
          },
        ],
      },
      target: END_USER_ASSIGNMENT,
    },
    {
      id: "Expiration_Admin_Eligibility",
      ruleType: "RoleManagementPolicyExpirationRule" as const,
      isExpirationRequired: false,
      target: ADMIN_ELIGIBILITY,
    },
  ];
}

/**
 * The name (GUID) of the role management policy of `roleDefinitionId` at `scope`, from one page of
 * `GET {scope}/providers/Microsoft.Authorization/roleManagementPolicyAssignments` (Role Management
 * Policy Assignments - List For Scope): each assignment links a role at a scope to its policy
 * (`properties.policyId`, `<scope>/providers/Microsoft.Authorization/roleManagementPolicies/<guid>`).
 * Only an assignment at `scope` itself counts (a parent scope's policy is another policy).
 * Undefined when the page has none.
 */
export function policyNameFromAssignments(body: unknown, scope: string, roleDefinitionId: string): string | undefined {
  const value = (body as { value?: unknown } | undefined)?.value;
  if (!Array.isArray(value)) return undefined;
  for (const item of value) {
    const p = (item as { properties?: Record<string, unknown> } | null)?.properties;
    if (!p || typeof p.scope !== "string" || typeof p.roleDefinitionId !== "string" || typeof p.policyId !== "string") continue;
    if (sameScope(p.scope, scope) && sameRole(p.roleDefinitionId, roleDefinitionId)) return p.policyId.split("/").pop();
  }
  return undefined;
}

/** A role management policy the stack manages, as known before deployment. */
export interface PlannedPolicy {
  /** The role (definition GUID, or a custom role's name). */
  role: string;
  /** What kind of scope: workspace, resourceGroup, storage, subscription. */
  kind: string;
  /**
   * Whether the plan's key tells the scope apart from every other of its kind (a workspace, a
   * resource group named in the arguments); false when only the resolved id can (a storage account
   * workspaces may share, a resource group known by its id only).
   */
  distinct: boolean;
}

/**
 * Earlier policies (indexes below `k`) that might turn out to be the same Azure policy as policy
 * `k`: the same role on the same kind of scope, when one of the two keys cannot tell the scopes
 * apart. Only these need comparing once ids resolve; comparing with later ones only would make a
 * policy's inputs wait for (in a preview: be unknown because of) resources added after it.
 */
export function collisionCandidates(policies: readonly PlannedPolicy[], k: number): number[] {
  const p = policies[k];
  const out: number[] = [];
  for (let j = 0; j < k; j++) {
    const q = policies[j];
    if (q.role === p.role && q.kind === p.kind && !(q.distinct && p.distinct)) out.push(j);
  }
  return out;
}

/**
 * The index in `others` of a (scope, role) that is the same Azure policy as `own` (ARM ids compare
 * without case or trailing slash, roles by definition GUID), or -1: two policy resources for one
 * Azure policy would overwrite each other's rules.
 */
export function sameScopeIndex(own: readonly [scope: string, roleDefinitionId: string], others: readonly (readonly [scope: string, roleDefinitionId: string])[]): number {
  return others.findIndex((e) => sameScope(e[0], own[0]) && sameRole(e[1], own[1]));
}
