import { expect } from "chai";
import { createBudget } from "../../../components/workspace/budget";
import { ProgramRun, runProgram } from "../../../plan/run";
import { PROJECT, plainInputs, single } from "../../helpers/harness";

const BUDGET = "azure-native:consumption:Budget";
const SETTINGS = { amount: 100, contacts: ["finops@contoso.com"], contactGroups: [], thresholds: [{ percent: 80, type: "Actual" as const }] };

function run(program: () => void, now?: Date): Promise<ProgramRun> {
  return runProgram(
    async () => {
      program();
      return {};
    },
    { project: PROJECT, stack: "test", config: { "azure-native:location": "westeurope" }, knownOutputs: true, now },
  );
}

describe("createBudget (components/workspace/budget.ts)", () => {
  it("starts the budget in the month the program runs, and keeps that date afterwards", async () => {
    for (const [now, start] of [
      ["2026-12-01T00:00:00Z", "2026-12-01T00:00:00Z"],
      ["2027-02-28T23:59:59Z", "2027-02-01T00:00:00Z"],
    ]) {
      const r = await run(() => createBudget({ name: "b", budgetName: "budget-b", scope: "/subscriptions/s/resourceGroups/rg", opts: {} }, SETTINGS), new Date(now));
      const budget = single(r, BUDGET);
      expect(plainInputs(budget).timePeriod, now).to.deep.equal({ startDate: start });
      expect(budget.options.ignoreChanges).to.deep.equal(["timePeriod.startDate"]);
    }
  });

  it("keeps the caller's ignoreChanges and options", async () => {
    const r = await run(() => createBudget({ name: "b", budgetName: "budget-b", scope: "/subscriptions/s", opts: { ignoreChanges: ["amount"], protect: true } }, SETTINGS));
    const budget = single(r, BUDGET);
    expect(budget.options.ignoreChanges).to.deep.equal(["amount", "timePeriod.startDate"]);
    expect(budget.protect).to.equal(true);
  });

  it("counts only a project's tag in a shared group (the tag filter a project budget takes)", async () => {
    const r = await run(() =>
      createBudget({ name: "b", budgetName: "budget-proj", scope: "/subscriptions/s/resourceGroups/rg-hub", tag: { tagName: "workspace", tagValues: ["proj-a"] }, opts: {} }, SETTINGS),
    );
    const b = plainInputs(single(r, BUDGET));
    expect(b.scope).to.equal("/subscriptions/s/resourceGroups/rg-hub");
    expect(b.filter).to.deep.equal({ tags: { name: "workspace", operator: "In", values: ["proj-a"] } });
  });

  it("filters a subscription budget to resource groups, and to a tag as well with an and", async () => {
    const r = await run(() => {
      createBudget({ name: "groups", budgetName: "budget-groups", scope: "/subscriptions/s", resourceGroupNames: ["rg-a", "rg-b"], opts: {} }, SETTINGS);
      createBudget({ name: "both", budgetName: "budget-both", scope: "/subscriptions/s", resourceGroupNames: ["rg-a"], tag: { tagName: "project", tagValues: ["p"] }, opts: {} }, SETTINGS);
    });
    const byName = (n: string) => plainInputs(r.resources.find((x) => x.name === n)!);
    expect(byName("groups").filter).to.deep.equal({ dimensions: { name: "ResourceGroupName", operator: "In", values: ["rg-a", "rg-b"] } });
    expect(byName("both").filter).to.deep.equal({ and: [{ dimensions: { name: "ResourceGroupName", operator: "In", values: ["rg-a"] } }, { tags: { name: "project", operator: "In", values: ["p"] } }] });
  });

  it("uses the real clock again after an injected run", async () => {
    await run(() => undefined, new Date("2001-05-17T00:00:00Z"));
    const r = await run(() => createBudget({ name: "b", budgetName: "budget-b", scope: "/subscriptions/s", opts: {} }, SETTINGS));
    const today = new Date();
    expect(plainInputs(single(r, BUDGET)).timePeriod.startDate).to.equal(`${today.getUTCFullYear()}-${String(today.getUTCMonth() + 1).padStart(2, "0")}-01T00:00:00Z`);
  });
});
