import { EngineResource } from "../../plan/engine";
import { TYPES } from "../../policies/lib/azure";
import { assignmentDescription } from "../../rbac/ids";
import { resource } from "./policy";

export const SUB = "/subscriptions/00000000-0000-4000-8000-000000000001";
export const RG = `${SUB}/resourceGroups/rg-fraud`;
export const WS_ID = `${RG}/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud`;
export const role = (guid: string) => `${SUB}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;
export const OWNER = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
export const READER = "acdd72a7-3385-48ef-bd42-f606fba81ae7";
export const COMPUTE_OPERATOR = "e503ece1-11d0-4e8e-8e2c-7a6c3bf38815";
export const DATA_SCIENTIST = "f6c7c914-8db3-469d-8ca1-694a8f32e121";
export const CONTRIBUTOR = "b24988ac-6180-42a0-ab88-20f7382dd24c";
export const ADMIN_GROUP = "11111111-2222-3333-4444-555555555555";
export const OTHER = "33333333-4444-5555-6666-777777777777";

export function workspace(): EngineResource {
  return resource(TYPES.workspace, { workspaceName: "mlw-fraud", resourceGroupName: "rg-fraud", tags: { environment: "prod" } }, { name: "fraud-mlw" });
}

const ACCESS_MODEL_URN = "urn:pulumi:test::proj::azureml-platform:index:AccessModel::access";
export function accessModel(): EngineResource {
  return resource("azureml-platform:index:AccessModel", {}, { name: "access", urn: ACCESS_MODEL_URN, custom: false });
}

/** A role assignment; `team` marks it as AccessModel writes it (and parents it under the AccessModel). */
export function assignment(props: Record<string, any>, opts: { team?: string; admin?: boolean; name?: string; deps?: Record<string, string[]> } = {}): EngineResource {
  return resource(
    TYPES.roleAssignment,
    { principalType: "Group", ...props, ...(opts.team ? { description: assignmentDescription(opts.team, opts.admin ?? false) } : {}) },
    { name: opts.name, parent: opts.team ? ACCESS_MODEL_URN : undefined, propertyDependencies: opts.deps ?? {} },
  );
}

/** A PIM eligibility schedule; `team` marks it as AccessModel writes it (the marker is its justification). */
export function eligibility(props: Record<string, any>, opts: { team?: string; admin?: boolean; name?: string; deps?: Record<string, string[]> } = {}): EngineResource {
  return resource(
    TYPES.pimRoleEligibilitySchedule,
    { scheduleInfo: { expiration: { type: "NoExpiration" } }, ...props, ...(opts.team ? { justification: assignmentDescription(opts.team, opts.admin ?? false) } : {}) },
    { name: opts.name, parent: opts.team ? ACCESS_MODEL_URN : undefined, propertyDependencies: opts.deps ?? {} },
  );
}
