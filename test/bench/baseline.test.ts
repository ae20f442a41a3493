import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { spawnSync } from "child_process";
import { expect } from "chai";
import { Recording, bareProgramSource, compareRegistrations, loadBareProgram, recordProgram, registrationShapes } from "../../bench/baseline";
import { ProgramRun, runProgram } from "../../plan/run";
import { StackFiles, loadStackFiles } from "../../plan/stackFiles";

const ROOT = path.resolve(__dirname, "..", "..");

// The component-overhead figure is only meaningful if its bare program registers what the component
// program registers. The bare program is generated from a recording; these tests hold the generated
// program to the component program's registrations, in both views `plan` offers.
describe("bench/baseline: the component-overhead baseline registers what the components do", () => {
  let files: StackFiles;
  let recording: Recording;
  let bare: () => Promise<unknown>;
  let replay: ProgramRun;
  const program = () => require(path.join(ROOT, "index"));

  before(async () => {
    files = loadStackFiles(ROOT, "prod");
    recording = await recordProgram(program(), files);
    bare = loadBareProgram(recording);
  });

  it("registers the same custom resources, by type, name, protect, dependencies, property dependencies and inputs (known outputs)", async () => {
    replay = await runProgram(bare, { ...files, knownOutputs: true });
    expect(compareRegistrations(recording.run, replay)).to.deep.equal([]);
    // The prod stack as it is now, not a fixed count: every type the components create is there.
    const types = new Set(registrationShapes(replay).map((s) => s.type));
    for (const t of ["azure-native:managedidentity:UserAssignedIdentity", "azure-native:network:PrivateEndpoint", "azure-native:monitor:DiagnosticSetting", "azuread:index/group:Group", "azure-native:authorization:RoleDefinition"])
      expect(types, t).to.include(t);
  });

  it("wires the same Outputs: in a first preview the same inputs are unknown and the same dependencies recorded", async () => {
    // Exactly: an input unknown as a whole stays whole, one unknown element by element stays so.
    expect(compareRegistrations(recording.preview, await runProgram(bare, files))).to.deep.equal([]);
  });

  it("is a bare program: no component resources, every resource a child of the stack, the same invokes", () => {
    const stack = replay.resources.find((r) => r.type === "pulumi:pulumi:Stack")!;
    expect(replay.resources.filter((r) => !r.custom)).to.deep.equal([stack]);
    expect(replay.resources.filter((r) => r.custom).every((r) => r.parent === stack.urn)).to.equal(true);
    expect(recording.run.resources.filter((r) => !r.custom).map((r) => r.type)).to.include("azureml-platform:index:WorkspaceStack");
    const source = bareProgramSource(recording);
    expect(source).to.not.match(/azureml-platform:index|ComponentResource|parent:/);
    expect(source.match(/Output\(/g)?.length).to.equal(recording.invokes.length);
    expect(recording.invokes.map((i) => i.token)).to.include("azure-native:authorization:getClientConfig");
  });

  describe("compareRegistrations", () => {
    const drifted = (edit: (run: ProgramRun) => ProgramRun) => compareRegistrations(recording.run, edit(structuredClone(recording.run)));
    const find = (run: ProgramRun, name: string) => run.resources.find((r) => r.name === name)!;

    it("reports a resource the other program lacks, by type count and by name", () => {
      const differences = drifted((run) => ({ ...run, resources: run.resources.filter((r) => r.name !== "platform-pe") }));
      const endpoints = recording.run.resources.filter((r) => r.type === "azure-native:network:PrivateEndpoint").length;
      expect(differences).to.include(`azure-native:network:PrivateEndpoint: ${endpoints} vs ${endpoints - 1}`);
      expect(differences).to.include("azure-native:network:PrivateEndpoint::platform-pe: missing");
    });

    it("reports an extra resource", () => {
      const differences = drifted((run) => ({ ...run, resources: [...run.resources, { ...find(run, "platform-pe"), urn: "urn:x", name: "extra" }] }));
      expect(differences).to.include("azure-native:network:PrivateEndpoint::extra: not in the expected program");
    });

    it("reports a changed input, dependency, property dependency or protect", () => {
      const differences = drifted((run) => {
        const ws = find(run, "platform-mlw");
        ws.inputs.hbiWorkspace = false;
        ws.protect = false;
        ws.dependencies = ws.dependencies.slice(1);
        ws.propertyDependencies.storageAccount = [];
        return run;
      });
      for (const field of ["inputs", "protect", "dependencies", "propertyDependencies"])
        expect(differences.some((d) => d.startsWith(`azure-native:machinelearningservices:Workspace::platform-mlw: ${field} differ`)), field).to.equal(true);
    });
  });
  it("takes an event-loop turn where the component program did: before each component's first resource after the first", () => {
    const source = bareProgramSource(recording);
    const components = recording.run.resources.filter((r) => r.type.startsWith("azureml-platform:index:"));
    expect(components.map((c) => c.name)).to.include.members(["models", "platform", "fraud", "scoring", "access"]);
    const turns = source.split("\n").map((l, i) => [l, i] as const).filter(([l]) => l.includes("setImmediate"));
    expect(turns).to.have.length(components.length - 1);
    // Each turn comes right before the first resource of the next component, in the recorded order.
    const lines = source.split("\n");
    const firstOf = (component: string) => lines.findIndex((l) => / = new /.test(l) && l.includes(`("${component}-`));
    for (const name of ["platform", "fraud", "scoring", "access"]) expect(lines[firstOf(name) - 1], name).to.contain("setImmediate");
  });

  it("is what Pulumi's own floor for the plan figure runs: every registration, under Pulumi's stock mocks (bench/pulumiFloor.js)", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "azureml-pulumi-floor-"));
    try {
      const file = path.join(dir, "bare.js");
      fs.writeFileSync(file, bareProgramSource(recording));
      // Counts what reaches Pulumi's stock mock monitor, and says so as the process exits.
      const counter = path.join(dir, "count.js");
      const mocks = require.resolve("@pulumi/pulumi/runtime/mocks", { paths: [ROOT] });
      fs.writeFileSync(
        counter,
        `const { MockMonitor } = require(${JSON.stringify(mocks)}); let n = 0; const register = MockMonitor.prototype.registerResource;
MockMonitor.prototype.registerResource = function (req, cb) { if (req.getCustom()) n++; return register.call(this, req, cb); };
process.on("exit", () => process.stderr.write("registered " + n + "\\n"));\n`,
      );
      const run = (program: string) => spawnSync(process.execPath, ["-r", counter, path.join(ROOT, "bench", "pulumiFloor.js"), program, recording.run.project, "prod"], { cwd: ROOT, encoding: "utf8" });
      const r = run(file);
      expect(r.status, r.stderr).to.equal(0);
      expect(r.stderr).to.contain(`registered ${recording.run.resources.filter((x) => x.custom).length}\n`);
      const broken = path.join(dir, "broken.js");
      fs.writeFileSync(broken, `module.exports = async () => { throw new Error("the program failed"); };\n`);
      const failed = run(broken);
      expect(failed.status).to.equal(1);
      expect(failed.stderr).to.contain("the program failed");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
