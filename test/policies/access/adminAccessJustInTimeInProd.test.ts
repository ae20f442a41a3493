import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { adminAccessJustInTimeInProd } from "../../../policies/access/adminAccessJustInTimeInProd";
import { accessPolicies } from "../../../policies/access/policies";
import { accessPack } from "../../../policies/packs";
import { TYPES } from "../../../policies/lib/azure";
import { evaluatePack, EngineResource } from "../../../plan/engine";
import { ADMIN_GROUP, COMPUTE_OPERATOR, CONTRIBUTOR, OTHER, OWNER, READER, RG, SUB, WS_ID, accessModel, assignment, eligibility, role, workspace } from "../../helpers/access";
import { check, expectDeferred, expectDocumented, expectPass, expectViolation, resource, unknown } from "../../helpers/policy";

const P = adminAccessJustInTimeInProd;
const devWorkspace = () => resource(TYPES.workspace, { workspaceName: "mlw-fraud", resourceGroupName: "rg-fraud", tags: { environment: "dev" } }, { name: "fraud-mlw" });

describe("admin-access-just-in-time-in-prod", () => {
  it("is documented, advisory in code, listed in the access pack, with its configuration schema and default operations", () => {
    expectDocumented(P);
    expect(P.enforcementLevel).to.equal("advisory");
    expect(accessPolicies).to.include(P);
    expect(Object.keys(P.configSchema!.properties)).to.deep.equal(["adminOnlyOperations", "exemptPrincipalIds", "wildcardReading"]);
    expect((P.configSchema!.properties.adminOnlyOperations as any).default).to.deep.equal([
      "createCompute",
      "deleteCompute",
      "createDatastore",
      "deleteRoleAssignments",
      "deleteLocks",
      "changeWorkspaceSettings",
      "writeOutboundRules",
      "writeRoleAssignments",
    ]);
    expect((P.configSchema!.properties.exemptPrincipalIds as any).default).to.deep.equal([]);
    expect(P.configSchema!.properties.adminOnlyOperations).to.deep.include({
      type: "array",
      items: { type: "string" },
      description: "Key operation names (createCompute, writeRoleAssignments, …) or raw Azure operations that must be held just in time in prod.",
    });
    expect(P.configSchema!.properties.exemptPrincipalIds).to.deep.include({
      type: "array",
      items: { type: "string" },
      description: "Entra ID object ids allowed standing admin access in prod (break-glass accounts, deployment service principals PIM cannot take).",
    });
    expect(P.remediationSteps).to.equal(
      "Set activation: eligible on the team (with maxActivation and, optionally, requireApproval) so the role is a PIM eligibility activated just in time, " +
        "or give the team a role without these operations; list break-glass principals in exemptPrincipalIds.",
    );
  });

  it("reports an admin team's standing Owner in prod (advisory by default), naming team, role, scope and each operation", async () => {
    const v = await check(P, [workspace(), accessModel(), assignment({ principalId: ADMIN_GROUP, scope: RG, roleDefinitionId: role(OWNER) }, { team: "ml-admins", admin: true })]);
    expect(v).to.have.length(1);
    expect(v[0].enforcementLevel).to.equal("advisory");
    expect(v[0].urn).to.match(/RoleAssignment/);
    expect(v[0].message).to.equal(
      `${ADMIN_GROUP} (team ml-admins) holds "Owner" at ${RG} through a standing (active) role assignment, which allows ` +
        ["createCompute", "deleteCompute", "createDatastore", "deleteRoleAssignments", "deleteLocks", "changeWorkspaceSettings", "writeOutboundRules", "writeRoleAssignments"]
          .map((op) => `${op} on mlw-fraud (granted by "*")`)
          .join("; ") +
        "; in prod hold it just in time (activation: eligible)",
    );
  });

  it("passes the same role held as a PIM eligibility", () =>
    expectPass(P, [workspace(), accessModel(), eligibility({ principalId: ADMIN_GROUP, scope: RG, roleDefinitionId: role(OWNER) }, { team: "ml-admins", admin: true })]));

  it("is mandatory when the policy config says so", async () => {
    const resources = [workspace(), assignment({ principalId: ADMIN_GROUP, scope: WS_ID, roleDefinitionId: role(COMPUTE_OPERATOR) })];
    const result = await evaluatePack({ ...accessPack, policies: [P] }, resources, { [P.name]: { enforcementLevel: "mandatory" } });
    expect(result.violations.map((v) => [v.policy, v.enforcementLevel])).to.deep.equal([[P.name, "mandatory"]]);
    expect(result.violations[0].message).to.match(/holds "AzureML Compute Operator" at .*mlw-fraud through a standing \(active\) role assignment, which allows createCompute on mlw-fraud \(granted by "Microsoft\.MachineLearningServices\/workspaces\/computes\/\*"\); deleteCompute on mlw-fraud/);
  });

  it("stays advisory under the prod pack config, whose `all` is mandatory", async () => {
    const file = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "..", "policies", "access", "config", "prod.json"), "utf8"));
    expect(file.all).to.equal("mandatory");
    const resources = [workspace(), assignment({ principalId: ADMIN_GROUP, scope: RG, roleDefinitionId: role(OWNER) })];
    const result = await evaluatePack({ ...accessPack, policies: [P] }, resources, { all: file.all, [P.name]: file[P.name] });
    expect(result.violations.map((v) => [v.policy, v.enforcementLevel])).to.deep.equal([[P.name, "advisory"]]);
  });

  it("does not apply outside prod (a dev-tagged workspace) or without workspaces", async () => {
    await expectPass(P, [devWorkspace(), assignment({ principalId: ADMIN_GROUP, scope: RG, roleDefinitionId: role(OWNER) })]);
    await expectPass(P, [assignment({ principalId: ADMIN_GROUP, scope: RG, roleDefinitionId: role(OWNER) })]);
  });

  it("treats a workspace without an environment tag as prod (fail closed)", () =>
    expectViolation(P, [resource(TYPES.workspace, { workspaceName: "mlw-fraud", resourceGroupName: "rg-fraud" }), assignment({ principalId: ADMIN_GROUP, scope: RG, roleDefinitionId: role(OWNER) })], /holds "Owner"/));

  it("passes roles without admin-only operations (Reader) and grants elsewhere", () =>
    expectPass(P, [
      workspace(),
      assignment({ principalId: OTHER, scope: RG, roleDefinitionId: role(READER) }),
      assignment({ principalId: OTHER, scope: `${SUB}/resourceGroups/rg-other`, roleDefinitionId: role(OWNER) }),
    ]));

  it("passes exempt principals (break-glass), in any case", async () => {
    const breakGlass = "abcdef00-1111-2222-3333-444444444444";
    await expectPass(P, [workspace(), assignment({ principalId: breakGlass, scope: RG, roleDefinitionId: role(OWNER) })], { exemptPrincipalIds: [breakGlass.toUpperCase()] });
    await expectViolation(P, [workspace(), assignment({ principalId: breakGlass, scope: RG, roleDefinitionId: role(OWNER) })], /^abcdef00-1111-2222-3333-444444444444 holds "Owner"/, { exemptPrincipalIds: [ADMIN_GROUP] });
  });

  it("leaves out a workspace's own identity on that workspace (Azure ML requires it)", () => {
    const id = resource(TYPES.userAssignedIdentity, { resourceName: "id-fraud", resourceGroupName: "rg-fraud" }, { name: "fraud-id" });
    const w = resource(
      TYPES.workspace,
      { workspaceName: "mlw-fraud", resourceGroupName: "rg-fraud", tags: { environment: "prod" }, identity: { type: "SystemAssigned,UserAssigned", userAssignedIdentities: [unknown.string] }, primaryUserAssignedIdentity: unknown.string },
      { name: "fraud-mlw", propertyDependencies: { identity: [id.urn], primaryUserAssignedIdentity: [id.urn] } as any },
    );
    return expectPass(P, [id, w, assignment({ principalId: unknown.string, principalType: "ServicePrincipal", scope: unknown.string, roleDefinitionId: role(CONTRIBUTOR) }, { deps: { principalId: [id.urn], scope: [w.urn] } })]);
  });

  it("does not even defer a grant that reaches no workspace", () =>
    expectPass(P, [workspace(), assignment({ principalId: OTHER, scope: `${SUB}/resourceGroups/rg-other`, roleDefinitionId: unknown.string })]));

  it("names every workspace a grant reaches, and only operations decided where it reaches", async () => {
    const other = resource(TYPES.workspace, { workspaceName: "mlw-other", resourceGroupName: "rg-other", tags: { environment: "prod" } }, { name: "other-mlw" });
    const [v] = await check(P, [workspace(), other, assignment({ principalId: OTHER, scope: SUB, roleDefinitionId: role(COMPUTE_OPERATOR) })], { adminOnlyOperations: ["createCompute"] });
    expect(v.message).to.match(/which allows createCompute on mlw-fraud, mlw-other \(granted by/);
    // Owner on the workspace: writeData is decided at the storage account, which a workspace-scoped grant does not reach.
    const [w] = await check(P, [workspace(), assignment({ principalId: OTHER, scope: WS_ID, roleDefinitionId: role(OWNER) })], { adminOnlyOperations: ["createCompute", "writeData"] });
    expect(w.message).to.match(/which allows createCompute on mlw-fraud \(granted by "\*"\); in prod hold it just in time \(activation: eligible\)$/);
  });

  it("passes a data role on the workspace itself: data operations are decided at the storage account, which it does not reach", () =>
    expectPass(P, [workspace(), assignment({ principalId: OTHER, scope: WS_ID, roleDefinitionId: role("ba92f5b4-2d11-453d-a403-e96b0029c9fe") })], { adminOnlyOperations: ["writeData"] }));

  it("judges a custom role at a scope unknown until deployment (its AssignableScopes cannot be checked yet)", () => {
    const def = resource(TYPES.roleDefinition, { roleName: "Compute Maker", roleDefinitionId: unknown.string, permissions: [{ actions: ["Microsoft.MachineLearningServices/workspaces/computes/*"] }], assignableScopes: [`${SUB}/resourceGroups/rg-other`] });
    return expectViolation(P, [workspace(), def, assignment({ principalId: OTHER, scope: unknown.string, roleDefinitionId: unknown.string }, { deps: { roleDefinitionId: [def.urn] } })], /holds "Compute Maker" at a scope unknown until deployment/);
  });

  it("leaves out the platform's own identities (WorkspaceStack grants)", () => {
    const stack = resource("azureml-platform:index:WorkspaceStack", {}, { name: "fraud", urn: "urn:pulumi:test::proj::azureml-platform:index:WorkspaceStack::fraud", custom: false });
    return expectPass(P, [workspace(), stack, { ...assignment({ principalId: OTHER, scope: WS_ID, roleDefinitionId: role(CONTRIBUTOR) }), parent: stack.urn }]);
  });

  it("narrows to the configured operations", async () => {
    const resources = [workspace(), assignment({ principalId: OTHER, scope: WS_ID, roleDefinitionId: role(COMPUTE_OPERATOR) })];
    await expectPass(P, resources, { adminOnlyOperations: ["writeRoleAssignments"] });
    await expectViolation(P, resources, /which allows createCompute on mlw-fraud \(granted by "Microsoft\.MachineLearningServices\/workspaces\/computes\/\*"\); in prod/, { adminOnlyOperations: ["createCompute"] });
  });

  it("judges data-plane operations at the workspace's storage account", async () => {
    const storage = resource(TYPES.storageAccount, { accountName: "stfraud", resourceGroupName: "rg-fraud" }, { name: "fraud-st" });
    const ws: EngineResource = { ...workspace(), propertyDependencies: { storageAccount: [storage.urn] } };
    const blob = `${RG}/providers/Microsoft.Storage/storageAccounts/stfraud`;
    const contributor = role("ba92f5b4-2d11-453d-a403-e96b0029c9fe");
    await expectViolation(P, [storage, ws, assignment({ principalId: OTHER, scope: blob, roleDefinitionId: contributor })], /which allows writeData on mlw-fraud \(granted by "Microsoft\.Storage\/storageAccounts\/blobServices\/containers\/blobs\/write"\)/, { adminOnlyOperations: ["writeData"] });
    await expectPass(P, [storage, ws, assignment({ principalId: OTHER, scope: blob, roleDefinitionId: contributor })], { adminOnlyOperations: ["createCompute"] });
  });

  it("defers a role definition unknown during preview, and fails closed on one that cannot be resolved", async () => {
    await expectDeferred(P, [workspace(), assignment({ principalId: OTHER, scope: RG, roleDefinitionId: unknown.string })], "roleDefinitionId");
    await expectViolation(P, [workspace(), assignment({ principalId: OTHER, scope: RG, roleDefinitionId: role("00000000-1111-2222-3333-444444444444") })], /holds role definition .*00000000-1111-2222-3333-444444444444 through an active assignment; it cannot be resolved.*\(failing closed\)$/);
  });

  it("skips a custom role assigned outside its AssignableScopes (Azure refuses it: it grants nothing)", () => {
    const def = resource(TYPES.roleDefinition, { roleName: "Compute Maker", roleDefinitionId: unknown.string, permissions: [{ actions: ["Microsoft.MachineLearningServices/workspaces/computes/*"] }], assignableScopes: [`${SUB}/resourceGroups/rg-other`] });
    return expectPass(P, [workspace(), def, assignment({ principalId: OTHER, scope: RG, roleDefinitionId: unknown.string }, { deps: { roleDefinitionId: [def.urn] } })]);
  });

  it("reports a scope unknown until deployment as such", () =>
    expectViolation(P, [workspace(), assignment({ principalId: OTHER, scope: unknown.string, roleDefinitionId: role(OWNER) })], /holds "Owner" at a scope unknown until deployment through a standing/));

  it("notes an operation granted only under the literal reading of a whole-segment *", () =>
    expectViolation(
      P,
      [workspace(), assignment({ principalId: OTHER, scope: WS_ID, roleDefinitionId: role("f6c7c914-8db3-469d-8ca1-694a8f32e121") })],
      /createCompute on mlw-fraud \(granted by "Microsoft\.MachineLearningServices\/workspaces\/\*\/write", only under the literal reading of a whole-segment "\*"\)/,
      { wildcardReading: "strict" },
    ));
});
