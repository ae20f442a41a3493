import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import YAML from "yaml";
import { runCommand } from "../../cli/command";
import { planCommand } from "../../cli/plan";
import { FakeServer, TEST_CA, startFakeAzure, staticCredential } from "./server";
import { tenant, withOutOfBandContributor } from "./tenant";

const ROOT = path.join(__dirname, "..", "..");
const WORKFLOW = path.join(ROOT, "examples", "adopter", ".github", "workflows", "audit.yml");

/** A `run:` line's words after `npx azureml-platform`, with the workflow's variables given. */
function words(run: string, vars: Record<string, string>): string[] {
  const line = run.split(/;\s*\n?/)[0].replace(/\|\| test \$\? -eq 1/, "").trim();
  const expanded = line.replace(/"\$(\w+)([^"]*)"/g, (_, v, rest) => `${vars[v]}${rest}`).replace(/\$(\w+)/g, (_, v) => vars[v]);
  return expanded.split(/\s+/).filter(Boolean).slice(2);
}

describe("the scheduled audit workflow (examples/adopter/.github/workflows/audit.yml), its commands run against a local server", function () {
  this.timeout(120000);
  const workflow = YAML.parse(fs.readFileSync(WORKFLOW, "utf8"));
  const steps: { name?: string; id?: string; run?: string; if?: string; "continue-on-error"?: boolean }[] = workflow.jobs.audit.steps;
  let server: FakeServer;
  let temp: string;

  before(() => {
    temp = fs.mkdtempSync(path.join(os.tmpdir(), "audit-workflow-"));
  });

  it("signs in with workload identity, runs daily, and fails only after the report and the SARIF are out", () => {
    expect(workflow.on.schedule[0].cron).to.match(/^\d+ \d+ \* \* \*$/);
    expect(workflow.jobs.audit.permissions).to.include({ "id-token": "write", "security-events": "write" });
    expect(steps.some((s) => (s as any).uses === "azure/login@v2")).to.equal(true);
    const audit = steps.find((s) => s.id === "audit")!;
    expect(audit["continue-on-error"]).to.equal(true);
    expect(steps[steps.length - 1].if).to.equal("steps.audit.outcome == 'failure'");
  });

  for (const [label, state, expected] of [
    ["a clean tenant", tenant(), 0],
    ["an out-of-band Contributor", withOutOfBandContributor(), 1],
  ] as const) {
    it(`plans prod, then audits the management group against it: ${label} exits ${expected}, with SARIF and the Markdown summary`, async () => {
      const vars = { MANAGEMENT_GROUP: "mg-ml", RUNNER_TEMP: temp };
      // The plan step, on this repository's prod stack.
      const planStep = steps.find((s) => s.run?.includes("azureml-platform plan"))!;
      const planCode = await planCommand([...words(planStep.run!, vars).slice(1), "--project-dir", ROOT], { stdout: () => undefined, stderr: () => undefined });
      expect(planCode).to.be.oneOf([0, 1]);
      expect(fs.existsSync(path.join(temp, "prod-plan.json"))).to.equal(true);
      server = await startFakeAzure(state);
      try {
        for (const step of steps.filter((s) => s.run?.includes("azureml-platform audit"))) {
          let stderr = "";
          const code = await runCommand([...words(step.run!, vars), "--project-dir", ROOT, "--arm-endpoint", server.url, "--graph-endpoint", server.url], {
            stdout: () => undefined,
            stderr: (t) => void (stderr += t),
            credential: staticCredential(),
            tlsCa: TEST_CA,
            env: {},
          });
          expect(code, `${step.name}: ${stderr}`).to.equal(expected);
        }
      } finally {
        await server.close();
      }
      const sarif = JSON.parse(fs.readFileSync(path.join(temp, "audit.sarif"), "utf8"));
      expect(sarif.runs[0].results.filter((r: { level: string }) => r.level === "error").length > 0).to.equal(expected === 1);
      const md = fs.readFileSync(path.join(temp, "audit.md"), "utf8");
      expect(md).to.match(/^### Audit of management group mg-ml: /);
      expect(md).to.contain("**Drift against");
    });
  }
});
