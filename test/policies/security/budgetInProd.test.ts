import { budgetInProd as P } from "../../../policies/security/budgetInProd";
import { securityPolicies } from "../../../policies/security/policies";
import { TYPES } from "../../../policies/lib/azure";
import { expect } from "chai";
import { expectDeferred, expectDocumented, expectPass, expectViolation, resource, unknown } from "../../helpers/policy";

const SUB = "/subscriptions/00000000-0000-4000-8000-000000000001";
const NO_BUDGET = /^fraud \(resource group rg-fraud\) has no Cost Management budget: add budget: \{ amount, contacts \} to the workspace or azureml-platform:budget to the stack$/;

describe("budget-in-prod", () => {
  const tags = (env: string, extra: Record<string, string> = {}) => ({ environment: env, project: "p", workspace: "fraud", ...extra });
  const workspace = (env = "prod", props: Record<string, any> = {}, extra = {}) =>
    resource(TYPES.workspace, { workspaceName: "mlw-fraud", resourceGroupName: "rg-fraud", tags: tags(env), ...props }, { name: "fraud", ...extra });
  const group = (name = "rg-fraud") => resource(TYPES.resourceGroup, { resourceGroupName: name, tags: tags("prod") }, { name: `${name}-res` });
  const budget = (props: Record<string, any>, extra = {}) => resource(TYPES.budget, { amount: 100, ...props }, extra);
  const rgFilter = (...values: string[]) => ({ dimensions: { name: "ResourceGroupName", operator: "In", values } });

  it("is documented and in the security pack", () => {
    expectDocumented(P);
    expect(securityPolicies).to.include(P);
  });

  it("passes a budget at the workspace's resource group scope (ARM compares names without case)", async () => {
    await expectPass(P, [workspace(), budget({ scope: `${SUB}/resourceGroups/rg-fraud` })]);
    await expectPass(P, [workspace(), budget({ scope: `${SUB}/resourceGroups/RG-Fraud` })]);
  });

  it("passes a subscription budget filtered to the group, directly or inside an and", async () => {
    await expectPass(P, [workspace(), budget({ scope: SUB, filter: rgFilter("rg-other", "RG-FRAUD") })]);
    await expectPass(P, [workspace(), budget({ scope: SUB, filter: { dimensions: { name: "resourceGroupName", operator: "In", values: ["rg-fraud"] } } })]);
    await expectPass(P, [workspace(), budget({ scope: SUB, filter: { and: [rgFilter("rg-fraud"), { tags: { name: "Project", operator: "In", values: ["p"] } }] } })]);
  });

  it("reports a prod workspace without a budget, or with one elsewhere or over part of its costs", async () => {
    await expectViolation(P, [workspace()], NO_BUDGET);
    await expectViolation(P, [workspace(), budget({ scope: `${SUB}/resourceGroups/rg-other` })], NO_BUDGET);
    await expectViolation(P, [workspace(), budget({ scope: `${SUB}/resourceGroups/rg-fraud-2` })], NO_BUDGET);
    // An unfiltered subscription budget counts everything and says nothing about this group.
    await expectViolation(P, [workspace(), budget({ scope: SUB })], NO_BUDGET);
    await expectViolation(P, [workspace(), budget({ scope: SUB, filter: rgFilter("rg-other") })], NO_BUDGET);
    // A filter on a service or meter counts part of the group's costs only.
    await expectViolation(P, [workspace(), budget({ scope: `${SUB}/resourceGroups/rg-fraud`, filter: { dimensions: { name: "ServiceName", operator: "In", values: ["Storage"] } } })], NO_BUDGET);
    await expectViolation(P, [workspace(), budget({ scope: SUB, filter: { and: [rgFilter("rg-fraud"), { dimensions: { name: "MeterCategory", operator: "In", values: ["Storage"] } }] } })], NO_BUDGET);
    await expectViolation(P, [workspace(), budget({ scope: `${SUB}/resourceGroups/rg-fraud/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud` })], NO_BUDGET);
    await expectViolation(P, [workspace(), resource(TYPES.lock, { scope: `${SUB}/resourceGroups/rg-fraud` })], NO_BUDGET);
  });

  it("reports each prod workspace on its own", async () => {
    const other = resource(TYPES.workspace, { workspaceName: "mlw-scoring", resourceGroupName: "rg-scoring", tags: tags("prod") }, { name: "scoring" });
    await expectViolation(P, [workspace(), other, budget({ scope: `${SUB}/resourceGroups/rg-fraud` })], /^scoring \(resource group rg-scoring\) has no Cost Management budget/);
  });

  it("counts a tag-filtered budget for the workspace whose tag it matches (a project sharing a group)", async () => {
    const tagged = (name: string, values: string[]) => budget({ scope: `${SUB}/resourceGroups/rg-fraud`, filter: { tags: { name, operator: "In", values } } });
    await expectPass(P, [workspace(), tagged("workspace", ["fraud"])]);
    await expectPass(P, [workspace(), tagged("Workspace", ["scoring", "fraud"])]);
    await expectViolation(P, [workspace(), tagged("workspace", ["scoring"])], NO_BUDGET);
    await expectViolation(P, [workspace(), tagged("workspace", ["FRAUD"])], NO_BUDGET);
    await expectViolation(P, [workspace(), tagged("team", ["fraud"])], NO_BUDGET);
  });

  it("does not require a budget in dev", () => expectPass(P, [workspace("dev")]));

  it("treats a workspace without a readable environment tag as prod (fail closed)", () => expectViolation(P, [workspace("prod", { tags: {} })], NO_BUDGET));

  it("ties a budget to a created group through the scope's dependency, and a workspace to it through its name's", async () => {
    const rg = group();
    await expectPass(P, [rg, workspace("prod", { resourceGroupName: unknown.string }, { propertyDependencies: { resourceGroupName: [rg.urn] } }), budget({ scope: unknown.string }, { propertyDependencies: { scope: [rg.urn] } })]);
    await expectViolation(P, [rg, group("rg-other"), workspace("prod", { resourceGroupName: unknown.string }, { propertyDependencies: { resourceGroupName: [rg.urn] } }), budget({ scope: `${SUB}/resourceGroups/rg-other` })], NO_BUDGET);
  });

  it("reads the group from a known id when the workspace has no resourceGroupName", () => expectViolation(P, [workspace("prod", { resourceGroupName: undefined, id: `${SUB}/resourceGroups/rg-fraud/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud` })], NO_BUDGET));

  it("reports a workspace whose known id names no group, and defers one whose group a first preview's outputs do not show", async () => {
    await expectViolation(P, [workspace("prod", { resourceGroupName: undefined, id: "/providers/Microsoft.MachineLearningServices/workspaces/fraud" })], /^fraud has no resource group to budget$/);
    // azure-native's outputs carry no resourceGroupName (a URL parameter): with no group resource behind it, the group is unknown until the workspace exists.
    await expectDeferred(P, [workspace("prod", { resourceGroupName: undefined })], "resourceGroupName");
  });

  it("ties a first preview's workspace and budget to a created group by URN alone (no names among the outputs)", async () => {
    const group = resource(TYPES.resourceGroup, { name: unknown.string, location: "westeurope" }, { name: "rg" });
    const ws = workspace("prod", { resourceGroupName: undefined, name: unknown.string });
    ws.propertyDependencies = { resourceGroupName: [group.urn] };
    const onGroup = budget({ scope: undefined, amount: 100 });
    onGroup.propertyDependencies = { scope: [group.urn] };
    await expectPass(P, [group, ws, onGroup]);
    const elsewhere = budget({ scope: undefined, amount: 100 });
    await expectDeferred(P, [group, ws, elsewhere], "scope");
    await expectViolation(P, [group, ws], /^fraud \(resource group \(its resource group\)\) has no Cost Management budget/);
    // Known outputs: the budget's id says where it is.
    const known = budget({ scope: undefined, id: "/subscriptions/s/resourceGroups/other/providers/Microsoft.Consumption/budgets/b" });
    await expectViolation(P, [workspace("prod"), known], /has no Cost Management budget/);
    await expectPass(P, [workspace("prod"), budget({ scope: undefined, id: "/subscriptions/s/resourceGroups/rg-fraud/providers/Microsoft.Consumption/budgets/b" })]);
  });

  it("defers what a first preview cannot know instead of passing or blocking", async () => {
    await expectDeferred(P, [workspace("prod", { resourceGroupName: unknown.string })], "resourceGroupName");
    await expectDeferred(P, [workspace(), budget({ scope: unknown.string })], "scope");
    await expectDeferred(P, [workspace(), budget({ scope: SUB, filter: unknown.object })], "filter");
    await expectDeferred(P, [workspace(), budget({ scope: SUB, filter: { dimensions: { name: "ResourceGroupName", operator: "In", values: unknown.array } } })], "filter");
    await expectDeferred(P, [workspace(), budget({ scope: SUB, filter: { and: unknown.array } })], "filter");
    await expectDeferred(P, [workspace("prod", { tags: unknown.object }), budget({ scope: `${SUB}/resourceGroups/rg-fraud`, filter: { tags: { name: "workspace", operator: "In", values: ["fraud"] } } })], "tags");
  });

  it("counts only the ResourceGroupName dimension, with readable names and values", async () => {
    await expectViolation(P, [workspace(), budget({ scope: SUB, filter: { dimensions: { name: "ResourceId", operator: "In", values: ["rg-fraud"] } } })], NO_BUDGET);
    await expectViolation(P, [workspace(), budget({ scope: SUB, filter: { dimensions: { name: 5, operator: "In", values: ["rg-fraud"] } } })], NO_BUDGET);
    await expectPass(P, [workspace(), budget({ scope: SUB, filter: { dimensions: { name: "ResourceGroupName", operator: "In", values: [5, "rg-fraud"] } } })]);
    await expectViolation(P, [workspace(), budget({ scope: SUB, filter: { dimensions: "ResourceGroupName" } })], NO_BUDGET);
  });

  it("needs the group and the tag both: a matching tag on another group's budget does not count", () =>
    expectViolation(P, [workspace(), budget({ scope: `${SUB}/resourceGroups/rg-other`, filter: { tags: { name: "workspace", operator: "In", values: ["fraud"] } } })], NO_BUDGET));

  it("follows the dependencies to the right group among several", async () => {
    const other = group("rg-other");
    const rg = group();
    const ws = workspace("prod", { resourceGroupName: unknown.string }, { propertyDependencies: { resourceGroupName: [rg.urn] } });
    await expectPass(P, [other, rg, ws, budget({ scope: `${SUB}/resourceGroups/rg-fraud` })]);
    // A budget whose unknown scope comes from another group, or from the workspace itself, is not tied to this group.
    await expectDeferred(P, [other, rg, workspace(), budget({ scope: unknown.string }, { propertyDependencies: { scope: [other.urn] } })], "scope");
    const self = workspace();
    await expectDeferred(P, [rg, self, budget({ scope: unknown.string }, { propertyDependencies: { scope: [self.urn] } })], "scope");
    // A group name unknown and tied to no group of the stack is deferred, never guessed.
    await expectDeferred(P, [rg, workspace("prod", { resourceGroupName: unknown.string })], "resourceGroupName");
  });

  it("defers an unknown part of a filter wherever it is", async () => {
    const rgScope = `${SUB}/resourceGroups/rg-fraud`;
    await expectDeferred(P, [workspace(), budget({ scope: rgScope, filter: { dimensions: unknown.object } })], "filter");
    await expectDeferred(P, [workspace(), budget({ scope: SUB, filter: { dimensions: { name: unknown.string, operator: "In", values: ["rg-fraud"] } } })], "filter");
    await expectDeferred(P, [workspace(), budget({ scope: SUB, filter: { dimensions: { name: "ResourceGroupName", operator: "In", values: [unknown.string] } } })], "filter");
    await expectDeferred(P, [workspace(), budget({ scope: rgScope, filter: { and: [unknown.object, { tags: { name: "workspace", operator: "In", values: ["fraud"] } }] } })], "filter");
  });

  it("defers on the unknown budget even when a known one does not cover the workspace", () =>
    expectDeferred(P, [workspace(), budget({ scope: `${SUB}/resourceGroups/rg-other` }), budget({ scope: unknown.string })], "scope"));

  it("decides on what is known: a covering budget passes though another is unknown", () =>
    expectPass(P, [workspace(), budget({ scope: unknown.string }), budget({ scope: `${SUB}/resourceGroups/rg-fraud` })]));
});
