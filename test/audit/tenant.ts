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
    ...overrides,
  };
}

/** The same tenant after someone granted Mallory Contributor on the resource group in the portal. */
export function withOutOfBandContributor(base = tenant()): FakeAzure {
  return { ...base, authorization: [...base.authorization, assignment("oob", RG, MALLORY, "User", ROLES.contributor)] };
}
