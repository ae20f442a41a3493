import { expect } from "chai";
import { userAssignedIdentityNeedsWorkspaceContributor as P } from "../../../policies/deploy/userAssignedIdentityNeedsWorkspaceContributor";
import { EngineResource } from "../../../plan/engine";
import { check, expectDeferred, expectDocumented, expectPass, expectViolation, unknown } from "../../helpers/policy";
import { assignment, GROUP, id, rg, RG_ID, ROLE, roleId, SUB, uai, workspace } from "./fixtures";

/** A workspace running as `identity`, with its UAI named as azure-native takes it (a list of ids, unknown in a first preview). */
function wsWith(identity: EngineResource, props: Record<string, any> = {}, extra: Partial<EngineResource> = {}) {
  const w = workspace({ identity: { type: "SystemAssigned,UserAssigned", userAssignedIdentities: [unknown.string] }, primaryUserAssignedIdentity: unknown.string, ...props }, { identity: [identity], primaryUserAssignedIdentity: [identity] });
  return { ...w, ...extra };
}
const contributor = (principal: EngineResource, scope: { value: unknown; deps?: EngineResource[] }, role = ROLE.contributor, name?: string) =>
  assignment({ scope: scope.value, principalId: unknown.string, roleDefinitionId: roleId(role) }, { principalId: [principal], scope: scope.deps ?? [] }, name);

describe("user-assigned-identity-needs-workspace-contributor", () => {
  it("is documented, citing how-to-identity-based-service-authentication", () => {
    expectDocumented(P);
    expect(P.url).to.match(/how-to-identity-based-service-authentication#user-assigned-managed-identity$/);
  });

  it("reports a user-assigned identity without Contributor on the workspace", async () => {
    const id1 = uai();
    const [v] = await expectViolation(P, [id1, wsWith(id1)], /^workspace mlw's user-assigned identity id-ml has no Contributor on the workspace: Azure ML needs it/);
    expect(v.urn).to.match(/::mlw$/);
  });
  it("passes Contributor (or Owner) on the workspace, on its resource group, or above", async () => {
    const id1 = uai();
    const ws = wsWith(id1);
    await expectPass(P, [id1, ws, contributor(id1, { value: unknown.string, deps: [ws] })]);
    await expectPass(P, [id1, ws, contributor(id1, { value: unknown.string, deps: [ws] }, ROLE.owner)]);
    await expectPass(P, [id1, ws, contributor(id1, { value: id.workspace().toUpperCase() })]);
    await expectPass(P, [id1, ws, contributor(id1, { value: RG_ID })]);
    await expectPass(P, [id1, ws, contributor(id1, { value: `/subscriptions/${SUB}` })]);
    await expectPass(P, [id1, ws, contributor(id1, { value: "/" })]);
    await expectPass(P, [id1, ws, contributor(id1, { value: "/providers/Microsoft.Management/managementGroups/mg" })]);
    const group = rg();
    const wsInGroup = { ...ws, propertyDependencies: { ...ws.propertyDependencies, resourceGroupName: [group.urn] } };
    await expectPass(P, [group, id1, wsInGroup, contributor(id1, { value: unknown.string, deps: [group] })]);
  });
  it("does not count Reader, another scope or another principal", async () => {
    const id1 = uai();
    const id2 = uai("id-other");
    const ws = wsWith(id1);
    await expectViolation(P, [id1, ws, contributor(id1, { value: unknown.string, deps: [ws] }, ROLE.reader)], /has no Contributor/);
    await expectViolation(P, [id1, id2, ws, contributor(id2, { value: unknown.string, deps: [ws] })], /has no Contributor/);
    await expectViolation(P, [id1, ws, contributor(id1, { value: id.workspace("mlw-b") })], /has no Contributor/);
    await expectViolation(P, [id1, ws, contributor(id1, { value: `${RG_ID}/providers/Microsoft.Storage/storageAccounts/mlw-a` })], /has no Contributor/);
    await expectViolation(P, [id1, ws, contributor(id1, { value: `${id.workspace()}/computes/cpu` })], /has no Contributor/);
    await expectViolation(P, [id1, ws, contributor(id1, { value: "/subscriptions/00000000-0000-4000-8000-0000000000ff/resourceGroups/other" })], /has no Contributor/);
    await expectViolation(P, [id1, ws, contributor(id1, { value: "/tenants/x" })], /has no Contributor/);
    const st = uai("not-a-scope");
    await expectViolation(P, [id1, st, ws, contributor(id1, { value: unknown.string, deps: [st] })], /has no Contributor/);
  });
  it("does not apply to a workspace without a user-assigned identity", async () => {
    await expectPass(P, [workspace({ identity: { type: "SystemAssigned" } })]);
    await expectPass(P, [workspace({})]);
  });
  it("defers what a first preview cannot know", async () => {
    await expectDeferred(P, [workspace({ identity: { type: unknown.string } })], "identity.type");
    await expectDeferred(P, [workspace({ identity: { type: "UserAssigned" }, primaryUserAssignedIdentity: unknown.string })], "primaryUserAssignedIdentity");
    await expectDeferred(P, [workspace({ identity: { type: "UserAssigned", userAssignedIdentities: unknown.array } })], "identity.userAssignedIdentities");
    await expectDeferred(P, [workspace({ identity: { type: "UserAssigned", userAssignedIdentities: [unknown.string] } })], "identity.userAssignedIdentities.0");
    const id1 = uai();
    await expectDeferred(P, [id1, wsWith(id1), assignment({ scope: unknown.string, principalId: unknown.string, roleDefinitionId: roleId(ROLE.contributor) }, { principalId: [id1] })], "scope");
    await expectDeferred(P, [id1, wsWith(id1), assignment({ scope: id.workspace(), principalId: unknown.string, roleDefinitionId: roleId(ROLE.contributor) })], "principalId");
  });
  it("reports a user-assigned type that names no identity", () =>
    expectViolation(P, [workspace({ identity: { type: "UserAssigned" } })], /^workspace mlw has identity type UserAssigned but names no user-assigned identity$/));

  describe("how the identity is named", () => {
    it("by known ids (list or ARM map), matched to the stack's identity by name, case-insensitively", async () => {
      const id1 = uai();
      const grant = contributor(id1, { value: id.workspace() });
      await expectPass(P, [id1, grant, workspace({ identity: { type: "UserAssigned", userAssignedIdentities: [id.uai().toUpperCase()] } })]);
      await expectPass(P, [id1, grant, workspace({ identity: { type: "UserAssigned", userAssignedIdentities: { [id.uai()]: {} } } })]);
      await expectViolation(P, [id1, grant, workspace({ identity: { type: "UserAssigned", userAssignedIdentities: [id.uai(), id.uai("id-second")] } })], /has no Contributor/);
      await expectPass(P, [id1, grant, workspace({ identity: { type: "UserAssigned", userAssignedIdentities: [id.uai()] }, primaryUserAssignedIdentity: id.uai() })]);
    });
    it("by the primary identity when set, not every listed one", async () => {
      const id1 = uai();
      const id2 = uai("id-second");
      const ws = workspace({ identity: { type: "UserAssigned", userAssignedIdentities: [unknown.string, unknown.string] }, primaryUserAssignedIdentity: unknown.string }, { identity: [id1, id2], primaryUserAssignedIdentity: [id1] });
      await expectPass(P, [id1, id2, ws, contributor(id1, { value: id.workspace() })]);
      const noPrimary = workspace({ identity: { type: "UserAssigned", userAssignedIdentities: [unknown.string, unknown.string] } }, { identity: [id1, id2] });
      const v = await check(P, [id1, id2, noPrimary, contributor(id1, { value: id.workspace() })]);
      expect(v.map((x) => x.message)).to.deep.equal(["workspace mlw's user-assigned identity id-second has no Contributor on the workspace: Azure ML needs it to manage the workspace's resources as that identity"]);
    });
    it("an identity made outside the stack: a ServicePrincipal grant of a principal no resource of the stack gives", async () => {
      const ws = workspace({ identity: { type: "UserAssigned", userAssignedIdentities: [id.uai("id-shared", "rg-shared")] } });
      await expectViolation(P, [ws], /user-assigned identity \(created outside the stack\) has no Contributor/);
      await expectPass(P, [ws, assignment({ scope: id.workspace(), principalId: GROUP, roleDefinitionId: roleId(ROLE.contributor) })]);
      await expectViolation(P, [ws, assignment({ scope: id.workspace(), principalId: GROUP, principalType: "Group", roleDefinitionId: roleId(ROLE.contributor) })], /has no Contributor/);
      const other = uai("id-other");
      await expectViolation(P, [ws, other, assignment({ scope: id.workspace(), principalId: GROUP, roleDefinitionId: roleId(ROLE.contributor) }, { principalId: [other] })], /has no Contributor/);
    });
    it("ignores list entries that are not ids", () => {
      const id1 = uai();
      return expectViolation(P, [id1, workspace({ identity: { type: "UserAssigned", userAssignedIdentities: [42] } })], /names no user-assigned identity/);
    });
  });

  describe("provisionNetworkNow", () => {
    const managed = { provisionNetworkNow: true, managedNetwork: { isolationMode: "AllowOnlyApprovedOutbound" } };
    it("reports a network provisioned at creation when the only grant is on the workspace itself", async () => {
      const id1 = uai();
      const ws = wsWith(id1, managed);
      await expectViolation(P, [id1, ws, contributor(id1, { value: unknown.string, deps: [ws] })], /^workspace mlw sets provisionNetworkNow with user-assigned identity id-ml: the managed network is provisioned while the workspace is created, before its Contributor grant exists/);
    });
    it("passes a grant the workspace waits for (resource group scope, in its dependencies)", async () => {
      const id1 = uai();
      const grant = contributor(id1, { value: RG_ID }, ROLE.contributor, "early-grant");
      await expectPass(P, [id1, grant, wsWith(id1, managed, { dependencies: [grant.urn] })]);
      await expectViolation(P, [id1, grant, wsWith(id1, managed)], /sets provisionNetworkNow/);
    });
    it("does not apply without provisionNetworkNow or without a managed network", async () => {
      const id1 = uai();
      const ws = (props: Record<string, any>) => wsWith(id1, props);
      const late = (w: EngineResource) => contributor(id1, { value: unknown.string, deps: [w] });
      for (const props of [{ provisionNetworkNow: false, managedNetwork: { isolationMode: "AllowOnlyApprovedOutbound" } }, { provisionNetworkNow: true }, { provisionNetworkNow: true, managedNetwork: { isolationMode: "disabled" } }]) {
        const w = ws(props);
        await expectPass(P, [id1, w, late(w)]);
      }
      const w = ws({ provisionNetworkNow: true, managedNetwork: { isolationMode: "allowinternetoutbound" } });
      await expectViolation(P, [id1, w, late(w)], /sets provisionNetworkNow/);
    });
    it("defers an unknown setting or mode", async () => {
      const id1 = uai();
      let w = wsWith(id1, { provisionNetworkNow: unknown.boolean });
      await expectDeferred(P, [id1, w, contributor(id1, { value: unknown.string, deps: [w] })], "provisionNetworkNow");
      w = wsWith(id1, { provisionNetworkNow: true, managedNetwork: { isolationMode: unknown.string } });
      await expectDeferred(P, [id1, w, contributor(id1, { value: unknown.string, deps: [w] })], "managedNetwork.isolationMode");
      const early = assignment({ scope: unknown.string, principalId: unknown.string, roleDefinitionId: roleId(ROLE.contributor) }, { principalId: [id1] }, "early");
      w = wsWith(id1, managed, { dependencies: [early.urn] });
      await expectDeferred(P, [id1, w, early, contributor(id1, { value: unknown.string, deps: [w] })], "scope");
    });
  });
});
