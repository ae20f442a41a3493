import { customRoleAssignableScopesNotBroaderThanResourceGroup as P, scopeLevel } from "../../../policies/access/customRoleAssignableScopesNotBroaderThanResourceGroup";
import { TYPES } from "../../../policies/lib/azure";
import { expect } from "chai";
import { check, expectDeferred, expectDocumented, expectPass, expectViolation, resource, unknown } from "../../helpers/policy";

const SUB = "/subscriptions/00000000-0000-4000-8000-000000000001";
const RG = `${SUB}/resourceGroups/rg-fraud-prod`;
const def = (assignableScopes: unknown) => resource(TYPES.roleDefinition, { roleName: "R", permissions: [{ actions: ["*/read"] }], assignableScopes });

describe("custom-role-assignable-scopes-not-broader-than-resource-group", () => {
  it("is documented with a config schema", () => {
    expectDocumented(P);
    expect(P.configSchema!.properties.allowSubscriptionScope).to.deep.include({ type: "boolean", default: false });
  });
  it("classifies scopes", () => {
    expect(scopeLevel("/")).to.equal("root");
    expect(scopeLevel("/providers/Microsoft.Management/managementGroups/mg")).to.equal("managementGroup");
    expect(scopeLevel(SUB)).to.equal("subscription");
    expect(scopeLevel(`${SUB}/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/w`)).to.equal("resourceGroup");
    expect(scopeLevel("/subscriptions/<subscription_id>/resourceGroups")).to.equal("invalid");
  });
  it("passes resource group and workspace scopes", () => expectPass(P, [def([`${SUB}/resourceGroups/rg`, `${SUB}/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/w`])]));
  it("reports subscription, root and management group scopes", async () => {
    await expectViolation(P, [def([SUB])], /is a subscription scope, broader than a resource group/);
    await expectViolation(P, [def(["/"])], /is a root scope/);
    await expectViolation(P, [def(["/providers/Microsoft.Management/managementGroups/mg"])], /managementGroup scope/);
  });
  it("accepts a subscription only with allowSubscriptionScope, never the root", async () => {
    await expectPass(P, [def([SUB])], { allowSubscriptionScope: true });
    await expectViolation(P, [def(["/"])], /root scope/, { allowSubscriptionScope: true });
  });
  it("reports an empty list and a scope that is not a string", async () => {
    await expectViolation(P, [def([])], /at least one/);
    await expectViolation(P, [def([42])], /assignableScopes\[0\] must be a scope string \(got 42\)/);
  });
  it("defers scopes unknown during preview (built from a new resource group's id) to the update", async () => {
    await expectDeferred(P, [def(unknown.array)], "assignableScopes");
    await expectDeferred(P, [def([RG, unknown.string])], "assignableScopes.1");
  });
  it("still reports a broad known scope beside an unknown one, and defers the unknown one", async () => {
    const v = await check(P, [def([unknown.string, "/"])]);
    expect(v.map((x) => x.enforcementLevel)).to.deep.equal(["mandatory", "advisory"]);
    expect(v[0].message).to.match(/root scope/);
    expect(v[1].message).to.match(/during preview: string value at \.assignableScopes\.0 can't be known/);
  });
});
