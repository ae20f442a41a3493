import { expect } from "chai";
import { PlanDiff } from "../../plan/diff";
import { activationParts, renderDiffMarkdown, renderDiffText } from "../../plan/diffReport";

const diff = (access: PlanDiff["access"]): PlanDiff => ({
  stack: "prod",
  base: "base.json",
  changes: [],
  access,
  violations: { new: [], resolved: [] },
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
    expect(md).to.contain("| team | workspace | gained | lost | activation (PIM) |\n| --- | --- | --- | --- | --- |\n| ml-admins | fraud |  |  | eligible → active; now active (standing): createCompute |");
    const plain = renderDiffMarkdown(diff([{ team: "a|b", workspace: "w", gained: ["submitJob"], lost: [] }]));
    expect(plain).to.contain("| a\\|b | w | submitJob |  |  |");
  });
});
