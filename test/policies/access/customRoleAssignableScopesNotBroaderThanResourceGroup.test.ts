import { customRoleAssignableScopesNotBroaderThanResourceGroup as P, scopeLevel } from "../../../policies/access/customRoleAssignableScopesNotBroaderThanResourceGroup";
import { TYPES } from "../../../policies/lib/azure";
import { expect } from "chai";
import { expectDocumented, expectPass, expectViolation, resource, unknown } from "../../helpers/policy";

const SUB = "/subscriptions/00000000-0000-4000-8000-000000000001";
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
  it("reports an empty list and fails closed on unknown scopes", async () => {
    await expectViolation(P, [def([])], /at least one/);
    await expectViolation(P, [def(unknown.array)], /unknown until deployment/);
    await expectViolation(P, [def([unknown.string])], /unknown until deployment/);
  });
});
