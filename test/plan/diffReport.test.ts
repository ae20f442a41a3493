import { expect } from "chai";
import { PlanDiff, diffPlans } from "../../plan/diff";
import { activationParts, renderDiffMarkdown, renderDiffText } from "../../plan/diffReport";

const diff = (access: PlanDiff["access"]): PlanDiff => ({
  stack: "prod",
  base: "base.json",
  changes: [],
  access,
  violations: { new: [], resolved: [], newAdvisory: [] },
  summary: { create: 0, update: 0, replace: 0, delete: 0, hazards: 0 },
});

describe("plan --diff reports: active <-> eligible (PIM)", () => {
  it("words the activation change and the operations moving", () => {
    expect(activationParts({ team: "t", workspace: "w", gained: [], lost: [] })).to.deep.equal([]);
    expect(activationParts({ team: "t", workspace: "w", gained: [], lost: [], activation: { before: "active", after: "eligible" }, nowEligible: ["createCompute", "deleteCompute"] })).to.deep.equal([
      "active → eligible",
      "now eligible (just in time): createCompute deleteCompute",
    ]);
    expect(activationParts({ team: "t", workspace: "w", gained: [], lost: [], nowActive: ["submitJob", "registerModel"], nowEligible: [] })).to.deep.equal(["now active (standing): submitJob registerModel"]);
  });

  it("puts them after gained and lost in the text report", () => {
    const text = renderDiffText(diff([{ team: "ml-admins", workspace: "fraud", gained: ["deleteLocks"], lost: ["readData"], activation: { before: "active", after: "eligible" }, nowEligible: ["createCompute"] }]));
    expect(text).to.contain("  ml-admins @ fraud: +deleteLocks, -readData, active → eligible, now eligible (just in time): createCompute\n");
  });

  it("gives them a column in the Markdown table (pipes escaped)", () => {
    const md = renderDiffMarkdown(diff([{ team: "ml-admins", workspace: "fraud", gained: [], lost: [], activation: { before: "eligible", after: "active" }, nowActive: ["createCompute"] }]));
    expect(md).to.contain("| team | workspace | row | gained | lost | activation (PIM) |\n| --- | --- | --- | --- | --- | --- |\n| ml-admins | fraud |  |  |  | eligible → active; now active (standing): createCompute |");
    const plain = renderDiffMarkdown(diff([{ team: "a|b", workspace: "w", gained: ["submitJob"], lost: [] }]));
    expect(plain).to.contain("| a\\|b | w |  | submitJob |  |  |");
  });
});

describe("plan --diff: what a reviewer acts on without opening the plan (issue 34)", () => {
  const SUB = "/subscriptions/00000000-0000-4000-8000-000000000001";
  const builtIn = (guid: string) => `${SUB}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;
  const grant = (roleDefinitionId: string, deps: string[] = []) => ({
    urn: "urn:pulumi:prod::p::azure-native:authorization:RoleAssignment::access-ds-fraud",
    type: "azure-native:authorization:RoleAssignment",
    name: "access-ds-fraud",
    parent: null,
    protect: false,
    inputs: { roleDefinitionId, principalId: "p", scope: `${SUB}/resourceGroups/rg` },
    dependencies: deps,
    propertyDependencies: { roleDefinitionId: deps },
  });
  const definition = { urn: "urn:pulumi:prod::p::azure-native:authorization:RoleDefinition::access-role-ds", type: "azure-native:authorization:RoleDefinition", name: "access-role-ds", parent: null, protect: false, inputs: { roleName: "Data Scientist (fraud-prod)", roleDefinitionId: "[unknown]" }, dependencies: [] };
  const side = (resources: any[], violations: any[] = []) => ({ stack: "prod", resources, access: [], violations });

  it("names the role before and after for a built-in, a custom role of the stack, and a role known only by id", () => {
    const d = diffPlans(side([grant(builtIn("acdd72a7-3385-48ef-bd42-f606fba81ae7"))]), side([definition, grant("[unknown]", [definition.urn])]), "base.json");
    expect(d.changes.find((c) => c.role)!.role).to.deep.equal({ before: "Reader", after: "Data Scientist (fraud-prod)" });
    const byId = diffPlans(side([grant(builtIn("b24988ac-6180-42a0-ab88-20f7382dd24c"))]), side([grant(builtIn("11111111-2222-4333-8444-555555555555"))]), "base.json");
    const change = byId.changes.find((c) => c.role)!;
    expect(change.role).to.deep.equal({ before: "Contributor", after: "role 11111111-2222-4333-8444-555555555555" });
    expect(renderDiffText(byId)).to.contain("            role: Contributor → role 11111111-2222-4333-8444-555555555555\n");
    expect(renderDiffMarkdown(byId)).to.contain("**Roles changed**\n\n- access-ds-fraud: Contributor → **role 11111111-2222-4333-8444-555555555555**");
  });

  it("lists new advisory findings without changing what fails the check", () => {
    const finding = { pack: "azureml-access", policy: "admin-access-just-in-time-in-prod", enforcementLevel: "advisory", message: "ml-admins holds Owner standing", urn: grant("x").urn };
    const d = diffPlans(side([grant(builtIn("acdd72a7-3385-48ef-bd42-f606fba81ae7"))]), side([grant(builtIn("acdd72a7-3385-48ef-bd42-f606fba81ae7"))], [finding]), "base.json");
    expect(d.violations).to.deep.equal({ new: [], resolved: [], newAdvisory: [finding] });
    expect(d.summary.hazards).to.equal(0);
    expect(renderDiffText(d)).to.contain("Advisory findings (do not change the exit code)\n  new      azureml-access/admin-access-just-in-time-in-prod access-ds-fraud: ml-admins holds Owner standing\n");
    expect(renderDiffMarkdown(d)).to.contain("**New advisory findings** (they do not fail the check)\n\n- :information_source: azureml-access/admin-access-just-in-time-in-prod access-ds-fraud: ml-admins holds Owner standing");
    // The same finding in the base is not new.
    expect(diffPlans(side([], [finding]), side([], [finding]), "b").violations.newAdvisory).to.deep.equal([]);
  });

  it("shows a new team that holds none of the key operations, and a removed one with what it held", () => {
    const text = renderDiffText(diff([
      { team: "auditors", workspace: "fraud", gained: [], lost: [], row: "added", operations: [] },
      { team: "old", workspace: "fraud", gained: [], lost: ["submitJob"], row: "removed", operations: ["submitJob"] },
    ]));
    expect(text).to.contain("  auditors @ fraud: new: none of the key operations\n  old @ fraud: removed (held: submitJob)\n");
    expect(text).not.to.contain("Access changes\n  none");
  });
});
