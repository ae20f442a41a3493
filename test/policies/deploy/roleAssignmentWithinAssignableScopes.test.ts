import { expect } from "chai";
import { roleAssignmentWithinAssignableScopes as P } from "../../../policies/deploy/roleAssignmentWithinAssignableScopes";
import { EngineResource } from "../../../plan/engine";
import { check, expectDeferred, expectDocumented, expectPass, expectViolation, unknown } from "../../helpers/policy";
import { assignment, GROUP, rg, RG_ID, ROLE, roleDefinition, roleId, storage, SUB, workspace } from "./fixtures";

const GUID = "5a1d4c1e-0000-4000-8000-0000000000aa";
const role = (assignableScopes: unknown, deps?: Record<string, EngineResource[]>) => roleDefinition({ roleDefinitionId: GUID, assignableScopes }, deps);
const at = (scope: unknown, r: EngineResource, scopeDeps: EngineResource[] = [], name = "grant") =>
  assignment({ scope, principalId: GROUP, principalType: "Group", roleDefinitionId: unknown.string }, { roleDefinitionId: [r], scope: scopeDeps }, name);

describe("role-assignment-within-assignable-scopes", () => {
  it("is documented, citing role-definitions#assignablescopes", () => {
    expectDocumented(P);
    expect(P.url).to.match(/role-definitions#assignablescopes$/);
  });

  it("reports an assignment outside the role's assignable scopes, on the assignment", async () => {
    const r = role([RG_ID]);
    const [v] = await expectViolation(P, [r, at(`/subscriptions/${SUB}/resourceGroups/rg-other`, r)], /^role assignment grant assigns custom role role at \/subscriptions\/.*\/resourceGroups\/rg-other outside its assignable scopes \["\/subscriptions\/.*\/resourceGroups\/rg-ml"\]: ARM refuses it$/);
    expect(v.urn).to.match(/::grant$/);
  });
  it("passes an assignment at an assignable scope or below it, case-insensitively", async () => {
    const r = role([`/subscriptions/${SUB}/resourceGroups/rg-x`, RG_ID]);
    await expectPass(P, [r, at(RG_ID.toUpperCase(), r)]);
    await expectPass(P, [r, at(`${RG_ID}/providers/Microsoft.MachineLearningServices/workspaces/mlw`, r)]);
    await expectViolation(P, [r, at(`${RG_ID}-2`, r)], /outside/);
    await expectViolation(P, [r, at(`/subscriptions/${SUB}`, r)], /outside/);
  });
  it("takes root and management-group assignable scopes to contain anything", async () => {
    const r = role(["/"]);
    await expectPass(P, [r, at(RG_ID, r)]);
    const mg = role(["/providers/Microsoft.Management/managementGroups/corp"]);
    await expectPass(P, [mg, at(`/subscriptions/${SUB}`, mg)]);
    // Even a scope a first preview cannot know yet: nothing to defer, whatever it turns out to be.
    const group = rg();
    for (const wide of [r, mg]) await expectPass(P, [wide, group, at(unknown.string, wide, [group])]);
    // A longer path under Microsoft.Management is no management group: compared as a scope.
    const odd = role(["/providers/Microsoft.Management/managementGroups/corp/extra"]);
    await expectViolation(P, [odd, at(RG_ID, odd)], /outside its assignable scopes/);
  });
  it("finds the role by its GUID when the assignment names it by id", async () => {
    const r = role([RG_ID]);
    const byId = (guid: string) => assignment({ scope: `/subscriptions/${SUB}`, principalId: GROUP, roleDefinitionId: roleId(guid) }, undefined, "by-id");
    await expectViolation(P, [r, byId(GUID.toUpperCase())], /outside/);
    await expectPass(P, [r, byId(ROLE.reader)]);
  });
  it("reports a role without assignable scopes, and non-string entries", async () => {
    const none = role(undefined);
    await expectViolation(P, [none, at(RG_ID, none)], /outside its assignable scopes \[\]/);
    const odd = role([42]);
    await expectViolation(P, [odd, at(RG_ID, odd)], /outside its assignable scopes \["\(unknown\)"\]/);
    const r = role([RG_ID]);
    await expectViolation(P, [r, at(undefined, r)], /at a scope outside/);
  });

  describe("values unknown during preview", () => {
    it("defers unknown assignable scopes", async () => {
      const r = role(unknown.array);
      await expectDeferred(P, [r, at(RG_ID, r)], "assignableScopes");
      const r2 = role([unknown.string]);
      await expectDeferred(P, [r2, at(RG_ID, r2)], "assignableScopes");
    });
    it("reasons the same way when the whole list is unknown (a list holding an output is, in a first preview)", async () => {
      const group = rg();
      const r = role(unknown.array, { assignableScopes: [group] });
      const ws = { ...workspace({ resourceGroupName: unknown.string }), propertyDependencies: { resourceGroupName: [group.urn] } };
      await expectPass(P, [group, ws, r, at(unknown.string, r, [ws])]);
      await expectPass(P, [group, r, at(unknown.string, r, [group])]);
      await expectDeferred(P, [group, r, at(RG_ID, r)], "assignableScopes");
      const elsewhere = storage();
      await expectDeferred(P, [group, elsewhere, r, at(unknown.string, r, [elsewhere])], "assignableScopes");
    });
    it("passes a scope built from the resource group the role is assignable in, or from a resource in it", async () => {
      const group = rg();
      const r = role([unknown.string], { assignableScopes: [group] });
      await expectPass(P, [group, r, at(unknown.string, r, [group])]);
      const ws = { ...workspace({ resourceGroupName: unknown.string }), propertyDependencies: { resourceGroupName: [group.urn] } };
      await expectPass(P, [group, ws, r, at(unknown.string, r, [ws])]);
      const elsewhere = storage();
      await expectDeferred(P, [group, elsewhere, r, at(unknown.string, r, [elsewhere])], "scope");
    });
    it("compares a scope built from a resource with a known assignable resource group by name", async () => {
      const r = role([RG_ID]);
      const inGroup = workspace({}, undefined, "ws-in");
      await expectPass(P, [r, inGroup, at(unknown.string, r, [inGroup])]);
      const inOther = workspace({ resourceGroupName: "rg-other" }, undefined, "ws-out");
      await expectViolation(P, [r, inOther, at(unknown.string, r, [inOther])], /at a scope outside/);
      const group = rg("RG-ML");
      await expectPass(P, [r, group, at(unknown.string, r, [group])]);
      const unnamed = workspace({ resourceGroupName: unknown.string }, undefined, "ws-unnamed");
      await expectDeferred(P, [r, unnamed, at(unknown.string, r, [unnamed])], "scope");
      const sub = role([`/subscriptions/${SUB}`]);
      await expectDeferred(P, [sub, inOther, at(unknown.string, sub, [inOther])], "scope");
    });
    it("defers an unknown role built from nothing visible when the stack defines custom roles", async () => {
      const r = role([RG_ID]);
      const untied = assignment({ scope: `/subscriptions/${SUB}`, principalId: GROUP, roleDefinitionId: unknown.string }, undefined, "untied");
      await expectDeferred(P, [r, untied], "roleDefinitionId");
      await expectPass(P, [untied]);
      const other = storage();
      await expectPass(P, [r, other, assignment({ scope: `/subscriptions/${SUB}`, principalId: GROUP, roleDefinitionId: unknown.string }, { roleDefinitionId: [other] }, "tied")]);
    });
    it("defers a scope built from nothing visible", async () => {
      const r = role([RG_ID]);
      await expectDeferred(P, [r, at(unknown.string, r)], "scope");
    });
    it("checks every assignment", async () => {
      const r = role([RG_ID]);
      const v = await check(P, [r, at(`/subscriptions/${SUB}`, r, [], "a"), at(RG_ID, r, [], "b"), at(`/subscriptions/${SUB}/resourceGroups/x`, r, [], "c")]);
      expect(v.map((x) => x.urn!.split("::").pop())).to.deep.equal(["a", "c"]);
    });
  });
});
