import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { plan } from "../../plan/plan";
import { programDirectory, programEntry, programTsconfig } from "../../plan/program";
import { PlanInputError, findProjectDir, loadStackFiles } from "../../plan/stackFiles";
import { pathToFileURL } from "url";
import { ROOT, planCli } from "../helpers/cli";

function project(files: Record<string, string>, under = os.tmpdir()): string {
  fs.mkdirSync(under, { recursive: true });
  const d = fs.mkdtempSync(path.join(under, "azml-program-"));
  for (const [f, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(d, f)), { recursive: true });
    fs.writeFileSync(path.join(d, f), text);
  }
  return d;
}

describe("loading a program as the Node.js language host does", () => {
  describe("programEntry", () => {
    it("takes Pulumi.yaml main relative to the project directory", () => {
      const d = project({ "src/app.ts": "" });
      expect(programEntry(d, "src/app.ts")).to.equal(path.join(d, "src", "app.ts"));
      expect(programEntry(d, "src")).to.equal(path.join(d, "src"));
    });

    it("without main: package.json exports, then main, then the directory itself", () => {
      expect(programEntry(project({ "package.json": JSON.stringify({ exports: { ".": { default: "./lib/x.ts" } }, main: "m.ts" }), "lib/x.ts": "", "m.ts": "" }))).to.match(/lib[/\\]x\.ts$/);
      expect(programEntry(project({ "package.json": JSON.stringify({ main: "m.ts" }), "m.ts": "" }))).to.match(/m\.ts$/);
      const plain = project({ "index.ts": "" });
      expect(programEntry(plain)).to.equal(plain);
    });

    it("reports a missing entry point as one line", () => {
      expect(() => programEntry(project({}), "nope.ts")).to.throw(PlanInputError, /^program not found: .*nope\.ts/);
    });
  });

  describe("finding the project and its stack file as the Pulumi CLI does", () => {
    it("takes the closest directory upwards that holds a project file (Pulumi.yaml, .yml or .json), else the start", () => {
      const d = project({ "Pulumi.yaml": "name: p\nruntime: nodejs\n", "infra/deep/x.txt": "", "infra/Pulumi.yml": "name: inner\nruntime: nodejs\n", "other/Pulumi.json": "{}" });
      expect(findProjectDir(path.join(d, "infra", "deep"))).to.equal(path.join(d, "infra"));
      expect(findProjectDir(path.join(d, "other"))).to.equal(path.join(d, "other"));
      expect(findProjectDir(d)).to.equal(d);
      const none = project({ "a/b.txt": "" });
      expect(findProjectDir(path.join(none, "a"))).to.equal(path.join(none, "a"));
    });

    it("reads the stack file from stackConfigDir when Pulumi.yaml sets one, and says where it looked", () => {
      const d = project({ "Pulumi.yaml": "name: p\nruntime: nodejs\nstackConfigDir: stacks\n", "stacks/Pulumi.dev.yaml": "config:\n  p:answer: 42\n" });
      const files = loadStackFiles(d, "dev");
      expect(files.stackFile).to.equal(path.join(d, "stacks", "Pulumi.dev.yaml"));
      expect(files.config).to.deep.equal({ "p:answer": "42" });
      expect(() => loadStackFiles(d, "prod")).to.throw(PlanInputError, `stack file not found: Pulumi.prod.yaml (in ${path.join(d, "stacks")})`);
      const plain = project({ "Pulumi.yaml": "name: p\nruntime: nodejs\n", "Pulumi.dev.yaml": "config: {}\n" });
      expect(loadStackFiles(plain, "dev").stackFile).to.equal(path.join(plain, "Pulumi.dev.yaml"));
      // A Pulumi.yml project's stack files are Pulumi.<stack>.yml; Pulumi.json reads as YAML.
      const yml = project({ "Pulumi.yml": "name: p\nruntime: nodejs\n", "Pulumi.dev.yml": "config:\n  p:a: 1\n" });
      expect(loadStackFiles(yml, "dev")).to.deep.include({ project: "p", stackFile: path.join(yml, "Pulumi.dev.yml"), config: { "p:a": "1" } });
      const json = project({ "Pulumi.json": JSON.stringify({ name: "j", runtime: "nodejs" }), "Pulumi.dev.json": JSON.stringify({ config: { "j:b": true } }) });
      expect(loadStackFiles(json, "dev")).to.deep.include({ project: "j", config: { "j:b": "true" } });
      expect(() => loadStackFiles(json, "prod")).to.throw(PlanInputError, "stack file not found: Pulumi.prod.json");
      const bad = project({ "Pulumi.yaml": "name: p\nruntime: nodejs\nstackConfigDir: [a]\n" });
      expect(() => loadStackFiles(bad, "dev")).to.throw(PlanInputError, "Pulumi.yaml: stackConfigDir must be a path (relative to the project directory)");
    });

    it("plans from a subdirectory of the project without --project-dir, locating SARIF results at the stack file", async () => {
      // The repository's insecure stack, from its roles/ folder: exit 1 on its violations, each at ../Pulumi.insecure.yaml.
      const r = await planCli(["--stack", "insecure", "--sarif"], path.join(ROOT, "roles"));
      expect(r.code, r.stderr).to.equal(1);
      const results = JSON.parse(r.stdout).runs[0].results;
      expect(results).to.not.be.empty;
      for (const result of results) expect(result.locations[0].physicalLocation.artifactLocation.uri).to.equal(pathToFileURL(path.join(ROOT, "Pulumi.insecure.yaml")).href);
      // From a scenario's subfolder, the scenarios' project (examples/scenarios/Pulumi.yaml), not the repository's.
      const json = await planCli(["--stack", "defaults", "--json"], path.join(ROOT, "examples", "scenarios", "roles"));
      expect(json.code, json.stderr).to.equal(0);
      expect(JSON.parse(json.stdout).stack).to.equal("defaults");
    });
  });

  describe("programDirectory (where Pulumi runs the program: pkg/engine/project.go, getPwdMain)", () => {
    it("is main when it names a directory, the directory of the file it names, else the project directory", () => {
      const d = project({ "src/app.ts": "", "src/deep/x.ts": "" });
      expect(programDirectory(d)).to.equal(d);
      expect(programDirectory(d, "src")).to.equal(path.join(d, "src"));
      expect(programDirectory(d, "src/")).to.equal(path.join(d, "src"));
      expect(programDirectory(d, "src/app.ts")).to.equal(path.join(d, "src"));
      expect(programDirectory(d, "src/deep/x.ts")).to.equal(path.join(d, "src", "deep"));
      expect(programDirectory(d, ".")).to.equal(d);
      expect(programDirectory(d, "index.ts")).to.equal(d);
      expect(programDirectory(d, "nope")).to.equal(d);
    });

    it("reads the tsconfig there, as run.js does after changing to it: runtime.options.tsconfig, else tsconfig.json", () => {
      const d = project({ "src/app.ts": "" });
      expect(programTsconfig(d, { runtimeOptions: {} })).to.equal(path.join(d, "tsconfig.json"));
      expect(programTsconfig(d, { main: "src/app.ts", runtimeOptions: {} })).to.equal(path.join(d, "src", "tsconfig.json"));
      expect(programTsconfig(d, { main: "src", runtimeOptions: { tsconfig: "tsconfig.pulumi.json" } })).to.equal(path.join(d, "src", "tsconfig.pulumi.json"));
      expect(programTsconfig(d, { runtimeOptions: { tsconfig: 42 } })).to.equal(path.join(d, "tsconfig.json"));
    });

    it("runs a directory main as \".\" there: package.json's entry, else its index", () => {
      const d = project({ "src/package.json": JSON.stringify({ main: "app.ts" }), "src/app.ts": "", "lib/index.ts": "" });
      expect(programEntry(d, "src")).to.equal(path.join(d, "src", "app.ts"));
      expect(programEntry(d, "lib")).to.equal(path.join(d, "lib"));
    });

    it("runs the program there: the repository's YAML program with main: src reads its role files from src/, as pulumi up would", async () => {
      const roles = path.join(ROOT, "roles");
      const files: Record<string, string> = {
        "Pulumi.yaml": "name: nested\nruntime: nodejs\nmain: src\n",
        // Its own package.json (no main): run.js would otherwise take the entry of the closest one upwards.
        "package.json": JSON.stringify({ name: "nested", private: true }),
        "Pulumi.prod.yaml": fs.readFileSync(path.join(ROOT, "Pulumi.prod.yaml"), "utf8"),
        "src/index.ts": `import { main } from ${JSON.stringify(path.join(ROOT, "program", "main"))};\nexport = main;\n`,
      };
      for (const f of fs.readdirSync(roles)) files[`src/roles/${f}`] = fs.readFileSync(path.join(roles, f), "utf8");
      const d = project(files, path.join(ROOT, "scratch"));
      const cwd = process.cwd();
      try {
        const r = await plan({ projectDir: d, stack: "prod" });
        expect(r.summary.mandatory).to.equal(0);
        // The prod stack it ran: its custom role (read from src/roles/) and a workspace per hub and project.
        expect(r.resources.filter((x) => x.type === "azure-native:authorization:RoleDefinition")).to.have.length(1);
        expect(r.resources.filter((x) => x.type === "azure-native:machinelearningservices:Workspace").map((x) => x.name).sort()).to.deep.equal(["fraud-mlw", "platform-mlw", "scoring-mlw"]);
        expect(process.cwd()).to.equal(cwd);
        // The same files at the project root only, as before: pulumi up would not find them in src/.
        fs.renameSync(path.join(d, "src", "roles"), path.join(d, "roles"));
        const e = await plan({ projectDir: d, stack: "prod" }).catch((x) => x);
        expect(e).to.be.instanceOf(PlanInputError);
        expect(String(e.message)).to.match(/custom role file/);
        expect(process.cwd()).to.equal(cwd);
      } finally {
        fs.rmSync(d, { recursive: true, force: true });
      }
    });
  });

  describe("plan of a top-level program (resources created as the module loads, outputs as its exports)", () => {
    // Inside the repository (scratch/ is git-ignored and outside tsconfig), so the program resolves @pulumi/*.
    const stackFile = "config:\n  azureml-platform:environment: dev\n";
    const program = (suffix: string) =>
      [
        `import * as resources from "@pulumi/azure-native/resources";`,
        `import * as pulumi from "@pulumi/pulumi";`,
        `const rg = new resources.ResourceGroup("rg-${suffix}", { resourceGroupName: "rg-${suffix}", location: "westeurope", tags: { environment: "dev" } });`,
        `export const name = rg.name;`,
        `export const fixed = "v-${suffix}";`,
        `export const hidden = pulumi.secret("s3cret");`,
        ``,
      ].join("\n");
    let dir: string;
    before(() => {
      dir = project({ "Pulumi.yaml": "name: toplevel\nruntime:\n  name: nodejs\n  options:\n    typescript: true\nmain: app/index.ts\n", "Pulumi.dev.yaml": stackFile, "app/index.ts": program("a") }, path.join(ROOT, "scratch"));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("registers its resources, shows its outputs (secrets hidden) and its project name", async () => {
      const r = await plan({ projectDir: dir, stack: "dev" });
      expect(r.project).to.equal("toplevel");
      expect(r.resources.map((x) => `${x.type} ${x.name}`)).to.deep.equal(["pulumi:pulumi:Stack toplevel-dev", "azure-native:resources:ResourceGroup rg-a"]);
      expect(r.outputs).to.deep.equal({ name: "[unknown]", fixed: "v-a", hidden: "[secret]" });
    });

    it("runs it again in the same process, with its edits", async () => {
      fs.writeFileSync(path.join(dir, "app", "index.ts"), program("b"));
      const r = await plan({ projectDir: dir, stack: "dev", knownOutputs: true });
      expect(r.resources.map((x) => x.name)).to.deep.equal(["toplevel-dev", "rg-b"]);
      expect(r.outputs).to.deep.include({ name: "rg-b", fixed: "v-b" });
      expect(r.mode).to.equal("known-outputs");
    });

    it("refuses a program that would load another copy of @pulumi/pulumi (it would talk to no engine)", async () => {
      const other = project({
        "Pulumi.yaml": "name: other\nruntime: nodejs\n",
        "Pulumi.dev.yaml": stackFile,
        "index.ts": "",
        "node_modules/@pulumi/pulumi/package.json": JSON.stringify({ name: "@pulumi/pulumi", main: "index.js" }),
        "node_modules/@pulumi/pulumi/index.js": "",
      });
      let error: unknown;
      await plan({ projectDir: other, stack: "dev" }).catch((e) => (error = e));
      expect(error).to.be.instanceOf(PlanInputError);
      expect((error as Error).message).to.match(/^the program loads @pulumi\/pulumi from \S+, azureml-platform from \S+: install azureml-platform in the program's own node_modules \(one @pulumi\/pulumi\)$/);
    });

    it("refuses an ES module program with one line rather than a syntax error", async () => {
      const esm = project({ "Pulumi.yaml": "name: esm\nruntime: nodejs\n", "Pulumi.dev.yaml": stackFile, "package.json": JSON.stringify({ type: "module", main: "index.ts" }), "index.ts": "" });
      let error: unknown;
      await plan({ projectDir: esm, stack: "dev" }).catch((e) => (error = e));
      expect(error).to.be.instanceOf(PlanInputError);
      expect((error as Error).message).to.match(/^the program is an ES module \(package\.json "type": "module"\)/);
    });

    it("refuses a project of another runtime", async () => {
      const py = project({ "Pulumi.yaml": "name: py\nruntime: python\n", "Pulumi.dev.yaml": stackFile });
      let error: unknown;
      await plan({ projectDir: py, stack: "dev" }).catch((e) => (error = e));
      expect(error).to.be.instanceOf(PlanInputError);
      expect((error as Error).message).to.equal(`Pulumi.yaml: runtime is "python"; plan runs Node.js programs (runtime: nodejs)`);
    });
  });
});
