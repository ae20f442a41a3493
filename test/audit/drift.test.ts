import { expect } from "chai";
import { PlanFile, driftAgainst } from "../../audit/drift";
import type { LiveActivationPolicy, LiveGrant, LiveRoleDefinition } from "../../audit/live";
import { activationPolicyRules } from "../../rbac/pim";

const SUB = "/subscriptions/s";
const RG = `${SUB}/resourceGroups/rg-ml`;
const OTHER_RG = `${SUB}/resourceGroups/rg-other`;
const GUID = "acdd72a7-3385-48ef-bd42-f606fba81ae7";
const ROLE = `${SUB}/providers/Microsoft.Authorization/roleDefinitions/${GUID}`;
const CUSTOM = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";
const live = (id: string, scope: string, principalId: string, activation: "active" | "eligible" = "active", roleDefinitionId = ROLE): LiveGrant => ({ id, scope, principalId, roleDefinitionId, activation });
const planned = (urn: string, inputs: Record<string, unknown>, type = "azure-native:authorization:RoleAssignment") => ({ urn, type, inputs });
const rg = planned("rg", { resourceGroupName: "RG-ML" }, "azure-native:resources:ResourceGroup");
const role = (permissions: unknown, assignableScopes: unknown = [RG]) => planned("role", { roleDefinitionId: CUSTOM, roleName: "R", permissions, assignableScopes }, "azure-native:authorization:RoleDefinition");
const liveRole = (actions: string[], assignableScopes = [RG], roleName = "R", id = `${SUB}/providers/Microsoft.Authorization/roleDefinitions/${CUSTOM}`): LiveRoleDefinition => ({ id, roleName, permissions: [{ actions }], assignableScopes });
const none = { grants: [] as LiveGrant[], customRoles: [] as LiveRoleDefinition[], managedPrincipals: new Set<string>() };

describe("audit/drift: a plan against what Azure holds", () => {
  it("matches grants case-insensitively by scope, principal, role GUID and activation", () => {
    const plan: PlanFile = { resources: [rg, planned("a", { scope: `${RG}/`, principalId: "P1", roleDefinitionId: GUID })] };
    const d = driftAgainst(plan, "p.json", { ...none, grants: [live("l1", RG.toUpperCase(), "p1")] });
    expect(d).to.deep.include({ outOfBand: [], missing: [], notComparable: 0, azureManaged: 0, against: "p.json" });
    // Held eligible, planned active: both sides differ.
    const e = driftAgainst(plan, "p.json", { ...none, grants: [live("l1", RG, "p1", "eligible")] });
    expect(e.outOfBand.map((g) => g.ref)).to.deep.equal(["l1"]);
    expect(e.missing.map((g) => g.ref)).to.deep.equal(["a"]);
  });
  it("counts live grants at the plan's resource groups, below them and above them, not at other groups; Azure ML's own identities apart", () => {
    const plan: PlanFile = { resources: [rg, planned("x", { scope: `${OTHER_RG}/providers/a/b/c`, principalId: "p9", roleDefinitionId: ROLE })] };
    const grants = [live("in", `${RG}/providers/a/b/c`, "p2"), live("sub", SUB, "p3"), live("other", OTHER_RG, "p4"), live("mi", RG, "mi1"), live("granted-there", `${OTHER_RG}/providers/a/b/c`, "p5")];
    const d = driftAgainst(plan, "p.json", { ...none, grants, managedPrincipals: new Set(["mi1"]) });
    expect(d.outOfBand.map((g) => g.ref)).to.deep.equal(["in", "sub", "granted-there"]);
    expect(d.azureManaged).to.equal(1);
  });
  it("leaves alone the subscriptions the plan does not deploy into", () => {
    const other = "/subscriptions/t/resourceGroups/rg-ml";
    const plan: PlanFile = { resources: [rg, planned("a", { scope: RG, principalId: "p", roleDefinitionId: ROLE })] };
    const d = driftAgainst(plan, "p.json", { ...none, grants: [live("a", RG, "p"), live("there", other, "q"), live("sub-there", "/subscriptions/t", "q"), live("mg", "/providers/Microsoft.Management/managementGroups/m", "q")] });
    expect(d.outOfBand.map((g) => g.ref)).to.deep.equal(["mg"]);
  });

  it("with no subscription known from its grants, governs its resource groups in any subscription", () => {
    const plan: PlanFile = { resources: [rg, planned("later", { scope: "[unknown]", principalId: "p", roleDefinitionId: ROLE })] };
    const d = driftAgainst(plan, "p.json", { ...none, grants: [live("t", "/subscriptions/t/resourceGroups/rg-ml", "q")] });
    expect(d.outOfBand.map((g) => g.ref)).to.deep.equal(["t"]);
  });
  it("compares each live activation policy with the plan's at its scope and role, and only those the plan has", () => {
    const rules = (maxActivation: string) => activationPolicyRules({ maxActivation, approverGroupIds: [] });
    const plan: PlanFile = {
      resources: [
        rg,
        planned("e", { scope: RG, principalId: "p", roleDefinitionId: ROLE }, "azure-native:authorization:PimRoleEligibilitySchedule"),
        planned("pol", { scope: RG, roleManagementPolicyName: "[unknown]", rules: rules("PT8H") }, "azure-native:authorization:RoleManagementPolicy"),
        planned("pol2", { scope: "[unknown]", rules: rules("PT8H") }, "azure-native:authorization:RoleManagementPolicy"),
      ],
    };
    const policy = (scope: string, roleDefinitionId: string, maxActivation: string): LiveActivationPolicy => ({ scope, roleDefinitionId, policyId: `${scope}/providers/Microsoft.Authorization/roleManagementPolicies/x`, rules: rules(maxActivation) });
    const d = driftAgainst(plan, "p.json", {
      ...none,
      activationPolicies: [policy(RG.toUpperCase(), ROLE.toUpperCase(), "PT1H"), policy(OTHER_RG, ROLE, "PT1H"), policy(RG, "Owner", "PT1H")],
    });
    expect(d.changedActivationPolicies).to.deep.equal([{ scope: RG.toUpperCase(), roleDefinitionId: GUID, policyId: `${RG.toUpperCase()}/providers/Microsoft.Authorization/roleManagementPolicies/x`, changes: ["maxActivation: PT1H (planned PT8H)"] }]);
    expect(d.activationNotComparable).to.equal(1);
    // The same as planned: no change listed.
    expect(driftAgainst(plan, "p.json", { ...none, activationPolicies: [policy(RG, ROLE, "PT480M")] }).changedActivationPolicies).to.deep.equal([]);
  });
  it("does not compare planned grants with values known only at deploy time", () => {
    const plan: PlanFile = { resources: [planned("u1", { scope: "[unknown]", principalId: "p", roleDefinitionId: ROLE }), planned("u2", { scope: RG, principalId: "", roleDefinitionId: ROLE }), planned("u3", { scope: RG, principalId: "p", roleDefinitionId: "not-a-role" }), planned("e", { scope: RG, principalId: "p", roleDefinitionId: ROLE }, "azure-native:authorization:PimRoleEligibilitySchedule")] };
    const d = driftAgainst(plan, "p.json", none);
    expect(d.notComparable).to.equal(3);
    expect(d.missing.map((g) => `${g.ref} ${g.activation}`)).to.deep.equal(["e eligible"]);
  });
  it("finds a custom role changed in Azure, by GUID or name: actions added and removed, assignable scopes", () => {
    const perms = [{ actions: ["A/read", "B/write"], notActions: ["C/delete"] }];
    const same = driftAgainst({ resources: [role(perms)] }, "p.json", { ...none, customRoles: [{ ...liveRole(["b/write", "a/read"]), permissions: [{ actions: ["b/write", "a/read"], notActions: ["c/delete"] }] }] });
    expect(same.changedRoles).to.deep.equal([]);
    const changed = driftAgainst({ resources: [role(perms, [RG, SUB])] }, "p.json", { ...none, customRoles: [liveRole(["A/read", "Z/*"], [RG], "R", "/x/other-id")] });
    expect(changed.changedRoles).to.deep.equal([
      { roleName: "R", id: "/x/other-id", changes: ["permissions[0].actions: + z/*, - b/write", "permissions[0].notActions: - c/delete", `assignableScopes: ${RG.toLowerCase()} (planned ${SUB.toLowerCase()}, ${RG.toLowerCase()})`] },
    ]);
    // A second permission block in Azure only, and assignable scopes still unknown in the plan.
    const extra = driftAgainst({ resources: [role(perms, ["[unknown]"])] }, "p.json", { ...none, customRoles: [{ ...liveRole([]), permissions: [{ actions: ["A/read", "B/write"], notActions: ["C/delete"] }, { dataActions: ["D/read"] }] }] });
    expect(extra.changedRoles[0].changes).to.deep.equal(["permissions[1].dataActions: + d/read"]);
    expect(driftAgainst({ resources: [role(perms)] }, "p.json", { ...none, customRoles: [liveRole(["x"], [RG], "Other", "/x/unrelated")] }).changedRoles).to.deep.equal([
      { roleName: "R", id: CUSTOM, changes: ["not defined in Azure: deleted, or not deployed yet"] },
    ]);
    // A planned role whose name is known only at deploy time is not compared.
    expect(driftAgainst({ resources: [planned("r", { roleName: "[unknown]", permissions: perms }, "azure-native:authorization:RoleDefinition")] }, "p.json", none).changedRoles).to.deep.equal([]);
  });
});
