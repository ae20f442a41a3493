// SARIF results carry the line and column of the stack-file entry a finding comes from (issue 34).
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { renderSarif } from "../../plan/report";
import { entryOf, stackFileEntries } from "../../plan/stackFileLocation";
import { PACKS } from "../../policies/packs";
import { plannedStack } from "../helpers/plans";

const ROOT = path.resolve(__dirname, "..", "..");

describe("SARIF regions: the stack-file entry of each finding", function () {
  this.timeout(120000);
  it("reads the positions of workspaces, registries and teams entries by name", () => {
    const text = ["config:", "  azureml-platform:workspaces:", "    - name: fraud", "      kind: hub", "  azureml-platform:teams:", "    - { name: ds, role: Reader }", "  azureml-platform:registries:", "    - name: models"].join("\n");
    const e = stackFileEntries(text);
    expect([e.workspaces.get("fraud"), e.teams.get("ds"), e.registries.get("models")]).to.deep.equal([
      { line: 3, column: 7 },
      { line: 6, column: 7 },
      { line: 8, column: 7 },
    ]);
    expect(stackFileEntries("not: [a, mapping").workspaces.size).to.equal(0);
    expect(entryOf(undefined, [], e)).to.equal(undefined);
  });

  it("locates each finding of the insecure stack at its workspace's or team's entry, and the stack's own findings at the file", async () => {
    const file = path.join(ROOT, "Pulumi.insecure.yaml");
    const text = fs.readFileSync(file, "utf8");
    const { result } = await plannedStack(ROOT, "insecure", true);
    const sarif = renderSarif(result, "0.1.0", PACKS, "Pulumi.insecure.yaml", text) as any;
    const results = sarif.runs[0].results as any[];
    const located = results.filter((r) => r.locations[0].physicalLocation.region);
    expect(located.length).to.be.greaterThan(results.length / 2);
    const lines = text.split("\n");
    for (const r of located) {
      const { startLine, startColumn } = r.locations[0].physicalLocation.region;
      // The entry's first key, where code scanning puts the annotation.
      expect(lines[startLine - 1].slice(startColumn - 1), r.ruleId).to.match(/^\w+:/);
      expect(lines[startLine - 1].slice(0, startColumn - 1).trim(), r.ruleId).to.equal("-");
    }
    // Without the file's text, results stay file-level.
    const plain = renderSarif(result, "0.1.0", PACKS, "Pulumi.insecure.yaml") as any;
    expect(plain.runs[0].results.every((r: any) => r.locations[0].physicalLocation.region === undefined)).to.equal(true);
  });
});
