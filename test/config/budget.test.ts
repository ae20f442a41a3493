import { expect } from "chai";
import {
  DEFAULT_BUDGET_THRESHOLDS,
  budgetCurrencyMismatch,
  budgetFilter,
  budgetNotifications,
  budgetSchema,
  budgetStartDate,
  resolveBudget,
} from "../../config/budget";
import { checkWorkspaceStackArgs } from "../../config/workspaceArgs";
import { workspaceSchema, resolveWorkspace } from "../../config/workspace";
import { PlatformConfigError } from "../../config/errors";
import { baseConfig, rejection, validate } from "../helpers/config";

const AG = "/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg-ops/providers/microsoft.insights/actionGroups/ag-oncall";
const output = (value: unknown) => ({ __pulumiOutput: true, value });
const VALID = { amount: 1000, contacts: ["finops@contoso.com"] };

/** The issues of one budget as `path: rule (value)`. */
function problems(budget: unknown): string[] {
  const parsed = budgetSchema.safeParse(budget, { reportInput: true });
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}${"input" in i && i.input !== undefined ? ` (${JSON.stringify(i.input)})` : ""}`);
}

describe("the budget contract (config/budget.ts)", () => {
  it("takes the smallest budget and every key", () => {
    expect(problems(VALID)).to.deep.equal([]);
    expect(problems({ amount: 0.5, currency: "EUR", contacts: ["a@contoso.com", "b.c+d@sub.contoso.co.uk"], contactGroups: [AG, AG.toUpperCase().replace("/SUBSCRIPTIONS/", "/subscriptions/")], thresholds: [{ percent: 1000, type: "Forecasted" }, { percent: 0.01, type: "Actual" }] })).to.deep.equal([]);
  });

  it("wants a positive amount", () => {
    expect(problems({ ...VALID, amount: 0 })).to.deep.equal(["amount: must be > 0 (0)"]);
    expect(problems({ ...VALID, amount: -5 })).to.deep.equal(["amount: must be > 0 (-5)"]);
    expect(problems({ ...VALID, amount: "1000" })).to.deep.equal(['amount: must be a number (the budget per month, in the billing currency) ("1000")']);
    expect(problems({ contacts: VALID.contacts })[0]).to.match(/^amount: must be a number/);
  });

  it("wants an ISO 4217 currency code when one is stated", () => {
    for (const bad of ["eur", "EURO", "€", "E1R"]) expect(problems({ ...VALID, currency: bad })).to.deep.equal([`currency: must be an ISO 4217 currency code such as EUR or USD (the billing currency) (${JSON.stringify(bad)})`]);
    expect(problems({ ...VALID, currency: 978 })).to.deep.equal(["currency: must be a string (978)"]);
  });

  it("wants email addresses, at most 50, and someone to tell", () => {
    expect(problems({ ...VALID, contacts: ["finops"] })).to.deep.equal(['contacts.0: must be an email address such as finops@contoso.com ("finops")']);
    expect(problems({ ...VALID, contacts: ["a@b.com", "not an email"] })).to.deep.equal(['contacts.1: must be an email address such as finops@contoso.com ("not an email")']);
    expect(problems({ ...VALID, contacts: "finops@contoso.com" })).to.deep.equal(['contacts: must be a list of email addresses ("finops@contoso.com")']);
    const many = (n: number) => Array.from({ length: n }, (_, i) => `p${i}@contoso.com`);
    expect(problems({ ...VALID, contacts: many(50) })).to.deep.equal([]);
    expect(problems({ ...VALID, contacts: many(51) })[0]).to.match(/^contacts: must list at most 50 email addresses \(Cost Management's limit per notification\)/);
    expect(problems({ amount: 1, contacts: [] })).to.deep.equal(["contacts: must list at least one email address (or give contactGroups): a budget alert needs someone to tell ([])"]);
    expect(problems({ amount: 1, contacts: [], contactGroups: [] })[0]).to.match(/^contacts: must list at least one email address/);
    expect(problems({ amount: 1, contacts: [], contactGroups: [AG] })).to.deep.equal([]);
    expect(problems({ amount: 1 })[0]).to.match(/^contacts: must be a list of email addresses/);
  });

  it("wants action group resource ids, at most 50", () => {
    const rule = "must be an action group resource id, /subscriptions/<guid>/resourceGroups/<rg>/providers/microsoft.insights/actionGroups/<name>";
    for (const bad of [
      "ag-oncall",
      AG.replace("actionGroups", "components"),
      AG.replace("microsoft.insights", "Microsoft.Monitor"),
      `${AG}/extra`,
      AG.replace("00000000-0000-4000-8000-000000000001", "sub"),
    ])
      expect(problems({ ...VALID, contactGroups: [bad] }), bad).to.deep.equal([`contactGroups.0: ${rule} (${JSON.stringify(bad)})`]);
    expect(problems({ ...VALID, contactGroups: [5] })).to.deep.equal(["contactGroups.0: must be a string (5)"]);
    expect(problems({ ...VALID, contactGroups: AG })[0]).to.equal(`contactGroups: must be a list of action group resource ids (${JSON.stringify(AG)})`);
    expect(problems({ ...VALID, contactGroups: Array(51).fill(AG) })[0]).to.match(/^contactGroups: must list at most 50 action groups/);
    expect(problems({ ...VALID, contactGroups: Array(50).fill(AG) })).to.deep.equal([]);
  });

  it("wants 1-5 thresholds, each above 0 and at most 1000 percent, Actual or Forecasted, none twice", () => {
    const range = "must be > 0 and ≤ 1000 (percent of the amount, as Cost Management accepts)";
    const t = (percent: unknown, type: unknown = "Actual") => ({ ...VALID, thresholds: [{ percent, type }] });
    expect(problems(t(0))).to.deep.equal([`thresholds.0.percent: ${range} (0)`]);
    expect(problems(t(1000.5))).to.deep.equal([`thresholds.0.percent: ${range} (1000.5)`]);
    expect(problems(t(1000))).to.deep.equal([]);
    expect(problems(t("80"))).to.deep.equal(['thresholds.0.percent: must be a number (percent of the amount) ("80")']);
    expect(problems(t(80, "Forecast"))).to.deep.equal(['thresholds.0.type: must be one of Actual | Forecasted ("Forecast")']);
    expect(problems({ ...VALID, thresholds: [{ percent: 80, type: "Actual", operator: "EqualTo" }] })[0]).to.match(/^thresholds\.0: Unrecognized key/);
    expect(problems({ ...VALID, thresholds: { percent: 80, type: "Actual" } })[0]).to.match(/^thresholds: must be a list of \{ percent, type: Actual \| Forecasted \}/);
    expect(problems({ ...VALID, thresholds: [] })[0]).to.match(/^thresholds: must list at least one threshold \(leave it out for the defaults\)/);
    const five = [10, 20, 30, 40, 50].map((percent) => ({ percent, type: "Actual" }));
    expect(problems({ ...VALID, thresholds: five })).to.deep.equal([]);
    expect(problems({ ...VALID, thresholds: [...five, { percent: 60, type: "Actual" }] })[0]).to.match(/^thresholds: must list at most 5 thresholds \(a budget has at most 5 notifications\)/);
    expect(problems({ ...VALID, thresholds: [{ percent: 80, type: "Actual" }, { percent: 80, type: "Forecasted" }, { percent: 80, type: "Actual" }] })).to.deep.equal([
      'thresholds.2: duplicates thresholds[0] (Actual 80 %) ({"percent":80,"type":"Actual"})',
    ]);
  });

  it("refuses unknown keys and a budget that is not a mapping", () => {
    expect(problems({ ...VALID, startDate: "2026-01-01" })[0]).to.match(/^: Unrecognized key: "startDate"/);
    expect(problems(1000)[0]).to.match(/^: must be \{ amount, currency\?, contacts: \[<email>…\], contactGroups\?: \[<action group id>…\], thresholds\?: \[\{ percent, type \}\] \}/);
  });

  it("leaves Outputs to Azure at every leaf, and skips the duplicate check for them", () => {
    expect(problems({ amount: output(5), currency: output("x"), contacts: [output("x")], contactGroups: [output("x")], thresholds: [{ percent: output(1), type: "Actual" }, { percent: output(1), type: "Actual" }] })).to.deep.equal([]);
  });

  it("defaults to actual 80 % and 100 %, forecast 110 %, no action groups", () => {
    expect(DEFAULT_BUDGET_THRESHOLDS).to.deep.equal([
      { percent: 80, type: "Actual" },
      { percent: 100, type: "Actual" },
      { percent: 110, type: "Forecasted" },
    ]);
    expect(resolveBudget(budgetSchema.parse(VALID))).to.deep.equal({ amount: 1000, currency: undefined, contacts: ["finops@contoso.com"], contactGroups: [], thresholds: DEFAULT_BUDGET_THRESHOLDS });
    const given = resolveBudget(budgetSchema.parse({ ...VALID, currency: "EUR", contactGroups: [AG], thresholds: [{ percent: 50, type: "Forecasted" }] }));
    expect(given).to.deep.equal({ amount: 1000, currency: "EUR", contacts: ["finops@contoso.com"], contactGroups: [AG], thresholds: [{ percent: 50, type: "Forecasted" }] });
  });

  it("makes one notification per threshold, keyed by the threshold (by position when it is deferred)", () => {
    const n = budgetNotifications(resolveBudget(budgetSchema.parse(VALID)));
    expect(Object.keys(n)).to.deep.equal(["Actual_GreaterThan_80_Percent", "Actual_GreaterThan_100_Percent", "Forecasted_GreaterThan_110_Percent"]);
    expect(n.Forecasted_GreaterThan_110_Percent).to.deep.equal({ enabled: true, operator: "GreaterThan", threshold: 110, thresholdType: "Forecasted", contactEmails: ["finops@contoso.com"] });
    const withGroups = budgetNotifications({ amount: 1, contacts: [], contactGroups: [AG], thresholds: [{ percent: 12.5, type: "Actual" }] });
    expect(withGroups).to.deep.equal({ Actual_GreaterThan_12_5_Percent: { enabled: true, operator: "GreaterThan", threshold: 12.5, thresholdType: "Actual", contactEmails: [], contactGroups: [AG] } });
    const deferred = budgetNotifications<string, unknown>({ amount: 1, contacts: ["a@b.c"], contactGroups: [], thresholds: [{ percent: 5, type: "Actual" }, { percent: output(9), type: "Forecasted" }] });
    expect(Object.keys(deferred)).to.deep.equal(["Actual_GreaterThan_5_Percent", "Forecasted_2"]);
  });

  it("starts a budget on the first of the current UTC month", () => {
    expect(budgetStartDate(new Date("2026-12-01T00:00:00Z"))).to.equal("2026-12-01T00:00:00Z");
    expect(budgetStartDate(new Date("2026-12-31T23:59:59Z"))).to.equal("2026-12-01T00:00:00Z");
    expect(budgetStartDate(new Date("2027-01-01T00:30:00+01:00"))).to.equal("2026-12-01T00:00:00Z");
    expect(budgetStartDate(new Date("2027-09-15T12:00:00Z"))).to.equal("2027-09-01T00:00:00Z");
  });

  it("filters on resource groups, on a tag, on both (an and of two), or not at all", () => {
    expect(budgetFilter({})).to.equal(undefined);
    expect(budgetFilter({ resourceGroupNames: [] })).to.equal(undefined);
    expect(budgetFilter({ resourceGroupNames: ["rg-a", "rg-b"] })).to.deep.equal({ dimensions: { name: "ResourceGroupName", operator: "In", values: ["rg-a", "rg-b"] } });
    expect(budgetFilter({ tag: { tagName: "workspace", tagValues: ["proj-a"] } })).to.deep.equal({ tags: { name: "workspace", operator: "In", values: ["proj-a"] } });
    expect(budgetFilter({ resourceGroupNames: ["rg-hub"], tag: { tagName: "workspace", tagValues: ["proj-a"] } })).to.deep.equal({
      and: [{ dimensions: { name: "ResourceGroupName", operator: "In", values: ["rg-hub"] } }, { tags: { name: "workspace", operator: "In", values: ["proj-a"] } }],
    });
  });

  it("warns when Azure's billing currency is not the stated one, and only then", () => {
    expect(budgetCurrencyMismatch("USD", "EUR")).to.match(/^the budget's amount is in EUR \(the billing currency; the Budgets API has no currency of its own\), but the config says currency: USD/);
    expect(budgetCurrencyMismatch("EUR", "eur")).to.equal(undefined);
    expect(budgetCurrencyMismatch("EUR", "")).to.equal(undefined);
    expect(budgetCurrencyMismatch("EUR", undefined)).to.equal(undefined);
    expect(budgetCurrencyMismatch(undefined, "EUR")).to.equal(undefined);
  });
});

describe("budget in stack config and WorkspaceStackArgs", () => {
  it("checks a workspace's budget at its config path, naming rule and value", () => {
    const e = rejection(baseConfig({ workspaces: [{ name: "fraud", budget: { amount: -1, contacts: ["x"] } }] }));
    expect(e.message).to.contain("azureml-platform:workspaces[0].budget.amount: must be > 0");
    expect(e.message).to.contain("-1");
    expect(e.message).to.contain('azureml-platform:workspaces[0].budget.contacts[0]: must be an email address such as finops@contoso.com');
  });

  it("checks WorkspaceStackArgs' budget with the same rules, at the argument's path", () => {
    let message = "";
    try {
      checkWorkspaceStackArgs("fraud", { project: "fraud", budget: { amount: 10, contacts: ["a@contoso.com"], thresholds: [{ percent: 2000, type: "Actual" }] } });
    } catch (e) {
      expect(e).to.be.instanceOf(PlatformConfigError);
      message = (e as Error).message;
    }
    expect(message).to.contain('WorkspaceStack "fraud" args.budget.thresholds[0].percent: must be > 0 and ≤ 1000');
    expect(message).to.contain("2000");
  });

  it("resolves a workspace's budget with its defaults, and none without the key", () => {
    expect(resolveWorkspace(workspaceSchema.parse({ name: "fraud" }), "prod").budget).to.equal(undefined);
    expect(resolveWorkspace(workspaceSchema.parse({ name: "fraud", budget: VALID }), "dev").budget).to.deep.equal(resolveBudget(budgetSchema.parse(VALID)));
  });

  it("takes azureml-platform:budget over the resource groups the stack creates, not the adopted ones", () => {
    const config = validate(baseConfig({ budget: VALID, workspaces: [{ name: "fraud" }, { name: "shared", resourceGroup: { existingName: "rg-shared" } }, { name: "scoring", resourceGroup: { create: true } }] }));
    expect(config.budget).to.deep.equal({ ...resolveBudget(budgetSchema.parse(VALID)), resourceGroupNames: ["rg-fraud-dev-fraud", "rg-fraud-dev-scoring"] });
    expect(validate(baseConfig()).budget).to.equal(undefined);
  });

  it("refuses azureml-platform:budget when the stack creates no resource group, and checks its keys", () => {
    const none = rejection(baseConfig({ budget: VALID, workspaces: [{ name: "fraud", resourceGroup: { existingName: "rg-shared" } }] }));
    expect(none.issues).to.deep.equal([
      { path: "azureml-platform:budget", rule: "needs a resource group the stack creates (every workspace sets resourceGroup.existingName): give the workspaces a budget of their own instead" },
    ]);
    const bad = rejection(baseConfig({ budget: { ...VALID, contactGroups: ["ag"] } }));
    expect(bad.message).to.contain("azureml-platform:budget.contactGroups[0]: must be an action group resource id");
  });
});
