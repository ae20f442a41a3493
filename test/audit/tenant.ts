// A live-shaped tenant for the audit tests: one readable subscription with a prod hub, a project and
// their storage; one the caller cannot read. Shapes as ARM and Resource Graph return them.
import type { FakeAzure } from "./server";

export const SUB = "00000000-0000-4000-8000-000000000001";
export const SUB_FORBIDDEN = "00000000-0000-4000-8000-0000000000ff";
const RG = `/subscriptions/${SUB}/resourceGroups/rg-fraud-prod-platform`;
export const HUB_ID = `${RG}/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud-prod-platform`;
export const PROJECT_ID = `${RG}/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud-prod-fraud`;
export const STORAGE_ID = `${RG}/providers/Microsoft.Storage/storageAccounts/stfraudprodplatform`;
export const RG_ID = RG;

export const ADMINS = "11111111-2222-3333-4444-555555555555";
export const DATA_SCIENTISTS = "22222222-3333-4444-5555-666666666666";
export const OPS = "33333333-4444-5555-6666-777777777777";
export const MALLORY = "44444444-5555-6666-7777-888888888888";
export const HUB_IDENTITY = "55555555-6666-7777-8888-999999999999";
export const CUSTOM_ROLE = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";

const role = (guid: string) => `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;
export const ROLES = {
  owner: "8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
  contributor: "b24988ac-6180-42a0-ab88-20f7382dd24c",
  reader: "acdd72a7-3385-48ef-bd42-f606fba81ae7",
  blobDataContributor: "ba92f5b4-2d11-453d-a403-e96b0029c9fe",
};

const assignment = (name: string, scope: string, principalId: string, principalType: string, roleGuid: string) => ({
  id: `${scope}/providers/Microsoft.Authorization/roleAssignments/${name}`,
  name,
  type: "microsoft.authorization/roleassignments",
  properties: { scope, principalId, principalType, roleDefinitionId: role(roleGuid), createdOn: "2026-11-30T10:00:00Z", updatedOn: "2026-11-30T10:00:00Z" },
});

/** The custom role as the stack defines it; `edited` adds compute writes by hand in the portal. */
export function customRole(edited: boolean) {
  return {
    id: role(CUSTOM_ROLE),
    name: CUSTOM_ROLE,
    type: "microsoft.authorization/roledefinitions",
    properties: {
      roleName: "Data Scientist (fraud-prod)",
      type: "CustomRole",
      description: "Jobs and models, no compute",
      assignableScopes: [RG],
      permissions: [
        {
          actions: ["Microsoft.MachineLearningServices/workspaces/read", "Microsoft.MachineLearningServices/workspaces/jobs/*", "Microsoft.MachineLearningServices/workspaces/models/*", ...(edited ? ["Microsoft.MachineLearningServices/workspaces/computes/*"] : [])],
          notActions: [],
          dataActions: [],
          notDataActions: [],
        },
      ],
    },
  };
}

export const OWNER_POLICY_ID = `${RG}/providers/Microsoft.Authorization/roleManagementPolicies/7b5a1a4c-9c32-4a58-8a1f-2a1d9c3e5f60`;

/** Activation settings of the Owner policy at the resource group; the defaults are what AccessModel writes. */
export interface OwnerActivation {
  maxActivation?: string;
  expirationRequired?: boolean;
  enabledRules?: string[];
  authenticationContext?: string;
  approvers?: string[];
  /** The assignment list carries `effectiveRules`, as the 2020-10-01 answer does; without them the audit reads the policy itself. */
  inAssignment?: boolean;
}

/**
 * The rules of a role management policy as Role Management Policies - Get returns them
 * (azure-rest-api-specs authorization, GetRoleManagementPolicyByName.json): the end-user activation
 * rules the audit reads, beside admin and notification rules it does not.
 */
export function ownerPolicyRules(a: OwnerActivation = {}) {
  const endUser = { caller: "EndUser", operations: ["All"], level: "Assignment", targetObjects: null, inheritableSettings: null, enforcedSettings: null };
  const approvers = a.approvers ?? [];
  return [
    { isExpirationRequired: a.expirationRequired ?? true, maximumDuration: a.maxActivation ?? "PT8H", id: "Expiration_EndUser_Assignment", ruleType: "RoleManagementPolicyExpirationRule", target: endUser },
    { enabledRules: a.enabledRules ?? ["Justification", "MultiFactorAuthentication"], id: "Enablement_EndUser_Assignment", ruleType: "RoleManagementPolicyEnablementRule", target: endUser },
    { isEnabled: a.authenticationContext !== undefined, claimValue: a.authenticationContext ?? "", id: "AuthenticationContext_EndUser_Assignment", ruleType: "RoleManagementPolicyAuthenticationContextRule", target: endUser },
    {
      setting: { isApprovalRequired: approvers.length > 0, isApprovalRequiredForExtension: false, isRequestorJustificationRequired: true, approvalMode: "SingleStage", approvalStages: [{ approvalStageTimeOutInDays: 1, isApproverJustificationRequired: true, escalationTimeInMinutes: 0, primaryApprovers: approvers.map((id) => ({ id, description: "approvers", isBackup: false, userType: "Group" })), isEscalationEnabled: false }] },
      id: "Approval_EndUser_Assignment",
      ruleType: "RoleManagementPolicyApprovalRule",
      target: endUser,
    },
    { isExpirationRequired: false, maximumDuration: "P365D", id: "Expiration_Admin_Eligibility", ruleType: "RoleManagementPolicyExpirationRule", target: { ...endUser, caller: "Admin", level: "Eligibility" } },
    { notificationType: "Email", recipientType: "Admin", isDefaultRecipientsEnabled: true, notificationLevel: "Critical", notificationRecipients: [], id: "Notification_Admin_EndUser_Assignment", ruleType: "RoleManagementPolicyNotificationRule", target: endUser },
  ];
}

/** The Owner policy at the resource group and its assignment, as FakeAzure's policy fields take them. */
export function ownerPolicy(a: OwnerActivation = {}): Pick<FakeAzure, "policyAssignments" | "roleManagementPolicies"> {
  const rules = ownerPolicyRules(a);
  return {
    policyAssignments: {
      [RG.toLowerCase()]: {
        value: [
          {
            id: `${RG}/providers/Microsoft.Authorization/roleManagementPolicyAssignments/7b5a1a4c-9c32-4a58-8a1f-2a1d9c3e5f60_${ROLES.owner}`,
            name: `7b5a1a4c-9c32-4a58-8a1f-2a1d9c3e5f60_${ROLES.owner}`,
            type: "Microsoft.Authorization/RoleManagementPolicyAssignment",
            properties: { scope: RG, roleDefinitionId: role(ROLES.owner), policyId: OWNER_POLICY_ID, ...(a.inAssignment ? { effectiveRules: rules } : {}) },
          },
          // Another role's policy at the same scope, which nobody is eligible for.
          {
            id: `${RG}/providers/Microsoft.Authorization/roleManagementPolicyAssignments/0c1d2e3f-0000-4000-8000-000000000000_${ROLES.reader}`,
            name: `0c1d2e3f-0000-4000-8000-000000000000_${ROLES.reader}`,
            type: "Microsoft.Authorization/RoleManagementPolicyAssignment",
            properties: { scope: RG, roleDefinitionId: role(ROLES.reader), policyId: `${RG}/providers/Microsoft.Authorization/roleManagementPolicies/0c1d2e3f-0000-4000-8000-000000000000` },
          },
        ],
      },
    },
    roleManagementPolicies: {
      [OWNER_POLICY_ID.toLowerCase()]: {
        id: OWNER_POLICY_ID,
        name: "7b5a1a4c-9c32-4a58-8a1f-2a1d9c3e5f60",
        type: "Microsoft.Authorization/RoleManagementPolicies",
        properties: { scope: RG, displayName: "Default", isOrganizationDefault: false, lastModifiedDateTime: "2026-11-01T00:00:00Z", rules, effectiveRules: rules },
      },
    },
  };
}

export function tenant(overrides: Partial<FakeAzure> = {}): FakeAzure {
  return {
    subscriptions: { [SUB]: { readable: true, managementGroup: "mg-ml" }, [SUB_FORBIDDEN]: { readable: false, managementGroup: "mg-ml" } },
    resources: [
      { id: HUB_ID, name: "mlw-fraud-prod-platform", type: "microsoft.machinelearningservices/workspaces", kind: "Hub", location: "westeurope", resourceGroup: "rg-fraud-prod-platform", subscriptionId: SUB, properties: { storageAccount: STORAGE_ID, publicNetworkAccess: "Disabled" }, identity: { type: "SystemAssigned", principalId: HUB_IDENTITY } },
      { id: PROJECT_ID, name: "mlw-fraud-prod-fraud", type: "microsoft.machinelearningservices/workspaces", kind: "Project", location: "westeurope", resourceGroup: "rg-fraud-prod-platform", subscriptionId: SUB, properties: { hubResourceId: HUB_ID, workspaceId: "0f0e0d0c-0b0a-4909-8807-060504030201" } },
      { id: STORAGE_ID, name: "stfraudprodplatform", type: "microsoft.storage/storageaccounts", kind: "StorageV2", location: "westeurope", resourceGroup: "rg-fraud-prod-platform", subscriptionId: SUB, properties: { allowSharedKeyAccess: false, publicNetworkAccess: "Disabled" } },
    ],
    authorization: [
      customRole(false),
      assignment("a1", PROJECT_ID, DATA_SCIENTISTS, "Group", CUSTOM_ROLE),
      assignment("a2", RG, OPS, "Group", ROLES.reader),
      // Azure ML's own grant to the hub's identity on its storage.
      assignment("a3", STORAGE_ID, HUB_IDENTITY, "ServicePrincipal", ROLES.blobDataContributor),
    ],
    eligibilities: [
      {
        id: `${RG}/providers/Microsoft.Authorization/roleEligibilitySchedules/e1`,
        name: "e1",
        type: "Microsoft.Authorization/RoleEligibilitySchedules",
        properties: { scope: RG, roleDefinitionId: role(ROLES.owner), principalId: ADMINS, principalType: "Group", status: "Provisioned", memberType: "Direct", startDateTime: "2026-11-01T00:00:00Z", endDateTime: "2027-11-01T00:00:00Z", createdOn: "2026-11-01T00:00:00Z" },
      },
    ],
    groups: {
      [ADMINS]: { displayName: "sg-ml-admins", members: [{ id: "a0a0a0a0-0000-4000-8000-000000000001", userPrincipalName: "carol@contoso.com" }] },
      [DATA_SCIENTISTS]: {
        displayName: "sg-fraud-data-scientists",
        members: [
          { id: "a0a0a0a0-0000-4000-8000-000000000002", userPrincipalName: "alice@contoso.com" },
          { id: "a0a0a0a0-0000-4000-8000-000000000003", userPrincipalName: "bob@contoso.com" },
          { id: "a0a0a0a0-0000-4000-8000-000000000004", userPrincipalName: "dave@contoso.com" },
        ],
      },
      [OPS]: { displayName: "sg-ml-ops", members: [], membersForbidden: true },
    },
    ...ownerPolicy(),
    // PIM's activations: none active now.
    assignmentInstances: [],
    ...overrides,
  };
}

/** The same tenant after someone granted Mallory Contributor on the resource group in the portal. */
export function withOutOfBandContributor(base = tenant()): FakeAzure {
  return { ...base, authorization: [...base.authorization, assignment("oob", RG, MALLORY, "User", ROLES.contributor)] };
}
