import Ajv from "ajv";
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { plan, PlanResult } from "../../plan/plan";
import { renderSarif } from "../../plan/report";
import { PACKS } from "../../policies/packs";
import { ROOT, planCli } from "../helpers/cli";

const schema = JSON.parse(fs.readFileSync(path.join(ROOT, "plan", "plan-result.schema.json"), "utf8"));
const validateResult = new Ajv({ allErrors: true }).compile(schema);

function tempProject(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "azml-plan-"));
  fs.copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
  fs.mkdirSync(path.join(dir, "roles"));
  fs.copyFileSync(path.join(ROOT, "roles", "data-scientist.json"), path.join(dir, "roles", "data-scientist.json"));
  fs.writeFileSync(path.join(dir, "index.ts"), `export = require(${JSON.stringify(path.join(ROOT, "index"))});\n`);
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

describe("plan (offline preview + policy packs)", () => {
  const results: Record<string, PlanResult> = {};
  before(async () => {
    results.dev = await plan({ projectDir: ROOT, stack: "dev" });
    results.prod = await plan({ projectDir: ROOT, stack: "prod" });
    results.insecure = await plan({ projectDir: path.join(ROOT, "examples", "insecure"), stack: "insecure", policyConfig: path.join(ROOT, "policies", "config", "prod.json") });
  });

  it("plans the dev and prod stacks clean", () => {
    for (const stack of ["dev", "prod"]) {
      expect(results[stack].violations, stack).to.deep.equal([]);
      expect(results[stack].summary).to.deep.include({ mandatory: 0, advisory: 0 });
    }
    expect(results.dev.summary.resources).to.equal(16);
    expect(results.prod.summary.resources).to.equal(37);
  });

  it("emits JSON of the documented shape", () => {
    for (const r of Object.values(results)) expect(validateResult(JSON.parse(JSON.stringify(r))), JSON.stringify(validateResult.errors)).to.equal(true);
    const ws = results.prod.resources.find((r) => r.name === "fraud-mlw")!;
    expect(ws.parent).to.equal("urn:pulumi:prod::azureml-platform::azureml-platform:index:WorkspaceStack::fraud");
    expect(ws.inputs).to.deep.include({ publicNetworkAccess: "Disabled", hbiWorkspace: true });
    expect(results.prod.resources.filter((r) => r.protect).map((r) => r.name).sort()).to.deep.equal(["fraud-kv", "fraud-storage", "scoring-kv", "scoring-storage"]);
  });

  it("reports who can do what for every team × workspace of the dev stack", () => {
    expect(results.dev.access.map((r) => `${r.team}/${r.workspace}/${r.roles.join("+")}`)).to.deep.equal([
      "data-scientists/fraud/Data Scientist",
      "ml-admins/fraud/Owner",
      "pipeline/fraud/AzureML Data Scientist",
    ]);
    const ds = results.dev.access[0].operations;
    expect(ds).to.deep.include({ createCompute: false, deleteCompute: false, deleteWorkspace: false, writeRoleAssignments: false, submitJob: true, registerModel: true });
  });

  it("reports who can do what for every team × workspace of the prod stack", () => {
    const cell = (team: string, ws: string) => results.prod.access.find((r) => r.team === team && r.workspace === ws)!;
    expect(results.prod.access).to.have.length(10);
    expect(cell("data-scientists", "fraud").operations).to.deep.include({ createCompute: false, submitJob: true, deleteWorkspace: false });
    expect(cell("compute-operators", "scoring").operations.createCompute).to.equal(true);
    expect(cell("auditors", "fraud").roles).to.deep.equal(["Reader"]);
    expect(cell("pipeline", "fraud").roles).to.deep.equal([]);
  });

  it("flags every policy of both packs on the insecure example, all mandatory under the prod config", () => {
    const fired = new Set(results.insecure.violations.map((v) => `${v.pack}/${v.policy}`));
    for (const pack of PACKS) for (const p of pack.policies) expect(fired.has(`${pack.name}/${p.name}`), `${pack.name}/${p.name}`).to.equal(true);
    expect(results.insecure.violations.every((v) => v.enforcementLevel === "mandatory")).to.equal(true);
  });

  it("keeps violations advisory under the dev config", async () => {
    const r = await plan({ projectDir: path.join(ROOT, "examples", "insecure"), stack: "insecure", policyConfig: path.join(ROOT, "policies", "config", "dev.json") });
    expect(r.summary.mandatory).to.equal(0);
    expect(r.summary.advisory).to.be.greaterThan(30);
  });

  it("writes SARIF 2.1.0 with a rule per policy and a located result per violation", () => {
    const sarif = renderSarif(results.insecure, "0.1.0") as any;
    expect(sarif.version).to.equal("2.1.0");
    expect(sarif.$schema).to.match(/sarif-2\.1\.0/);
    const run = sarif.runs[0];
    expect(run.tool.driver.name).to.equal("azureml-platform-plan");
    expect(run.tool.driver.rules).to.have.length(PACKS.reduce((n, p) => n + p.policies.length, 0));
    expect(run.results).to.have.length(results.insecure.violations.length);
    for (const r of run.results) {
      expect(r.level).to.be.oneOf(["error", "warning", "note", "none"]);
      expect(run.tool.driver.rules[r.ruleIndex].id).to.equal(r.ruleId);
      expect(r.message.text).to.be.a("string").and.not.equal("");
      expect(r.locations[0].physicalLocation.artifactLocation.uri).to.equal("Pulumi.insecure.yaml");
    }
  });

  describe("command line", () => {
    it("exits 0 on the dev stack and prints the tree, the matrix and a summary", () => {
      const r = planCli([]);
      expect(r.code, r.stderr).to.equal(0);
      expect(r.stdout).to.contain("pulumi:pulumi:Stack").and.contain("Access matrix").and.match(/Summary: 16 resources, 0 mandatory and 0 advisory/);
    });

    it("exits 1 on a mandatory violation and prints exactly one JSON document with --json", () => {
      const r = planCli(["--project-dir", "examples/insecure", "--stack", "insecure", "--policy-config", "policies/config/prod.json", "--json"]);
      expect(r.code).to.equal(1);
      const doc = JSON.parse(r.stdout);
      expect(validateResult(doc)).to.equal(true);
      expect(doc.summary.mandatory).to.be.greaterThan(0);
    });

    it("exits 1 on the insecure stack file, reporting both packs", () => {
      const r = planCli(["--stack", "insecure", "--json"]);
      expect(r.code, r.stderr).to.equal(1);
      const fired = new Set(JSON.parse(r.stdout).violations.map((v: { policy: string }) => v.policy));
      for (const p of ["only-admins-create-compute", "workspace-public-network-disabled-in-prod", "workspace-hbi-in-prod", "workspace-managed-network-in-prod", "compute-min-nodes-zero", "compute-allowed-vm-sizes", "compute-max-nodes-cap", "required-tags", "allowed-locations"])
        expect(fired.has(p), p).to.equal(true);
    });

    it("writes SARIF to --out", () => {
      const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "azml-sarif-")), "plan.sarif");
      const r = planCli(["--stack", "prod", "--sarif", "--out", out]);
      expect(r.code, r.stderr).to.equal(0);
      expect(r.stdout).to.equal("");
      expect(JSON.parse(fs.readFileSync(out, "utf8")).version).to.equal("2.1.0");
    });

    const exit2: [string, () => string[], RegExp][] = [
      ["a missing stack file", () => ["--stack", "staging"], /^error: stack file not found: Pulumi\.staging\.yaml/],
      ["malformed YAML", () => ["--project-dir", tempProject({ "Pulumi.bad.yaml": "config:\n  a: [1, 2\n" }), "--stack", "bad"], /^error: stack file Pulumi\.bad\.yaml is not valid YAML/],
      ["YAML that is not a mapping", () => ["--project-dir", tempProject({ "Pulumi.list.yaml": "- a\n- b\n" }), "--stack", "list"], /^error: Pulumi\.list\.yaml must be a mapping/],
      [
        "an unknown config key, with the nearest known key",
        () => ["--project-dir", tempProject({ "Pulumi.typo.yaml": fs.readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8").replace("azureml-platform:tags:", "azureml-platform:tag:") }), "--stack", "typo"],
        /^error: invalid configuration: azureml-platform:tag: is not a known setting; did you mean azureml-platform:tags\?$/m,
      ],
      [
        "a custom role file that does not exist",
        () => ["--project-dir", tempProject({ "Pulumi.norole.yaml": fs.readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8").replace("roles/data-scientist.json", "roles/missing.json") }), "--stack", "norole"],
        /^error: invalid configuration: azureml-platform:customRoles\[0\]\.file: custom role file must exist and be readable \(got "roles\/missing\.json"\)$/m,
      ],
      [
        "a custom role file that is not valid JSON",
        () => {
          const dir = tempProject({ "Pulumi.badjson.yaml": fs.readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8") });
          fs.writeFileSync(path.join(dir, "roles", "data-scientist.json"), "{ not json");
          return ["--project-dir", dir, "--stack", "badjson"];
        },
        /^error: invalid configuration: azureml-platform:customRoles\[0\]\.file: custom role file must be valid JSON/m,
      ],
      ["an unknown flag", () => ["--stak", "dev"], /^error: Unknown option '--stak'/],
    ];
    for (const [label, args, message] of exit2) {
      it(`exits 2 with one clear line on ${label}`, () => {
        const r = planCli(args());
        expect(r.code, r.stdout + r.stderr).to.equal(2);
        expect(r.stderr).to.match(message);
        expect(r.stderr).to.not.match(/\n\s+at /);
        expect(r.stdout).to.equal("");
      });
    }
  });
});
