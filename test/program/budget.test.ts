import { expect } from "chai";
import { buildPlatform } from "../../program/build";
import { validate, baseConfig } from "../helpers/config";
import { ofType, plainInputs, runUnderMocks } from "../helpers/harness";

const BUDGET = "azure-native:consumption:Budget";
const AG = "/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg-ops/providers/microsoft.insights/actionGroups/ag-oncall";

describe("azureml-platform:budget through the program (program/budget.ts)", () => {
  it("builds one subscription budget filtered to the groups the stack creates, beside the workspaces' own", async () => {
    const config = validate(
      baseConfig({
        environment: "prod",
        budget: { amount: 25000, currency: "EUR", contacts: ["finops@contoso.com"], contactGroups: [AG], thresholds: [{ percent: 90, type: "Forecasted" }] },
        workspaces: [{ name: "fraud" }, { name: "scoring", resourceGroup: { existingName: "rg-shared" }, budget: { amount: 10, contacts: ["a@contoso.com"] } }],
      }),
    );
    let budgetId: unknown;
    const run = await runUnderMocks(() => {
      const out = buildPlatform(config);
      budgetId = out.budgetId;
      return out.workspaces;
    });
    const budgets = ofType(run, BUDGET);
    expect(budgets.map((b) => b.name).sort()).to.deep.equal(["scoring-budget", "stack-budget"]);
    const stack = budgets.find((b) => b.name === "stack-budget")!;
    expect(stack.parent).to.match(/pulumi:pulumi:Stack/);
    expect(stack.options.ignoreChanges).to.deep.equal(["timePeriod.startDate"]);
    expect(plainInputs(stack)).to.deep.include({
      budgetName: "budget-fraud-prod",
      scope: "/subscriptions/00000000-0000-4000-8000-000000000001",
      amount: 25000,
      filter: { dimensions: { name: "ResourceGroupName", operator: "In", values: ["rg-fraud-prod-fraud"] } },
      notifications: { Forecasted_GreaterThan_90_Percent: { enabled: true, operator: "GreaterThan", threshold: 90, thresholdType: "Forecasted", contactEmails: ["finops@contoso.com"], contactGroups: [AG] } },
    });
    expect(budgetId).to.not.equal(undefined);
  });

  it("builds no stack budget without the key", async () => {
    const config = validate(baseConfig());
    let out: ReturnType<typeof buildPlatform> | undefined;
    const run = await runUnderMocks(() => {
      out = buildPlatform(config);
      return out.workspaces;
    });
    expect(ofType(run, BUDGET)).to.have.length(0);
    expect(out!.budgetId).to.equal(undefined);
  });
});
