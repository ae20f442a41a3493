// Error paths of `plan` a newcomer hits first: each is exit 2 with one line that says what to do.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { planCommand } from "../../cli/plan";

const ROOT = path.resolve(__dirname, "..", "..");

async function run(argv: string[], stackFile?: string, program?: string, stderrIsTTY = false): Promise<{ code: number; stderr: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "amlp-cli-"));
  try {
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: azureml-platform\nruntime: nodejs\n");
    if (stackFile !== undefined) fs.writeFileSync(path.join(dir, "Pulumi.t.yaml"), stackFile);
    if (program !== undefined) {
      fs.writeFileSync(path.join(dir, "index.ts"), program);
      fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"));
    }
    let stderr = "";
    const code = await planCommand([...argv, "--project-dir", dir], { stdout: () => undefined, stderr: (t) => void (stderr += t), stderrIsTTY });
    return { code, stderr };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe("plan: error paths say what to do", () => {
  it("suggests the option meant for a misspelt one, and none for something far from every option", async () => {
    expect((await run(["--stak", "t"])).stderr.split("\n")[0]).to.equal("error: Unknown option '--stak' (did you mean --stack?)");
    const far = await run(["--frobnicate"]);
    expect([far.code, far.stderr.split("\n")[0]]).to.deep.equal([2, "error: Unknown option '--frobnicate'"]);
  });
  it("refuses --out into a directory that does not exist before planning", async () => {
    const missing = path.join(os.tmpdir(), "amlp-no-such-dir", "plan.json");
    const r = await run(["--stack", "t", "--out", missing], "config: {}\n");
    expect([r.code, r.stderr.split("\n")[0]]).to.deep.equal([2, `error: --out ${missing}: directory ${path.dirname(missing)} does not exist`]);
  });
  it("answers an environment other than dev | prod with the rule, not with a missing policy config", async () => {
    const r = await run(["--stack", "t"], "config:\n  azure-native:location: westeurope\n  azureml-platform:environment: staging\n  azureml-platform:project: fraud\n");
    expect([r.code, r.stderr.trim()]).to.deep.equal([2, 'error: azureml-platform:environment must be dev | prod (got "staging"), or pass --policy-config access=FILE']);
  });
  it("names config keys written above config:", async () => {
    const r = await run(["--stack", "t"], "azure-native:location: westeurope\nazureml-platform:environment: dev\nconfig:\n  azureml-platform:project: fraud\n");
    expect([r.code, r.stderr.trim()]).to.deep.equal([2, "error: Pulumi.t.yaml: azure-native:location, azureml-platform:environment are above config: (stack config goes under the config: key)"]);
  });
  it("stops a program that throws inside an apply with exit 2 and its message once, on one line", async () => {
    const program = [
      'import * as pulumi from "@pulumi/pulumi";',
      'import * as resources from "@pulumi/azure-native/resources";',
      'const name = pulumi.output("x").apply((): string => { throw new Error("boom inside apply"); });',
      'new resources.ResourceGroup("rg", { resourceGroupName: name });',
    ].join("\n");
    const configs = ["access", "security", "deploy"].flatMap((p) => ["--policy-config", `${p}=${path.join(ROOT, "policies", p, "config", "dev.json")}`]);
    const r = await run(["--stack", "t", ...configs], "config: {}\n", program);
    expect(r.code).to.equal(2);
    expect(r.stderr.trim().split("\n")).to.have.length(1);
    expect(r.stderr.split("boom inside apply")).to.have.length(2);
  });
  it("reports every problem of a stack file at once: an unknown key beside what the known keys break", async () => {
    const r = await run(
      ["--stack", "t"],
      [
        "config:",
        "  azure-native:location: westeurope",
        "  azureml-platform:environment: dev",
        "  azureml-platform:project: fraud",
        "  azureml-platform:workspaces:",
        "    - name: ws",
        "      publicNetworkAccess: Maybe",
        "  azureml-platform:teams:",
        "    - name: t",
        "      group: { objectId: 11111111-2222-3333-4444-555555555555 }",
        "      role: Reader",
        "  azureml-platform:registires: []",
        "",
      ].join("\n"),
      'export = require("' + path.join(ROOT, "index").replace(/\\/g, "/") + '");\n',
    );
    expect(r.code).to.equal(2);
    expect(r.stderr.trim().split("\n")).to.deep.equal([
      "error: invalid configuration: azureml-platform:registires: is not a known setting; did you mean azureml-platform:registries?",
      'error: invalid configuration: azureml-platform:workspaces[0].publicNetworkAccess: must be one of Enabled | Disabled (got "Maybe")',
      'error: invalid configuration: azureml-platform:teams[0].name: must be 2-40 characters (got "t")',
    ]);
  });
  it("checks the roles of well-formed teams even when another key breaks the schema", async () => {
    const r = await run(
      ["--stack", "t"],
      "config:\n  azure-native:location: westeurope\n  azureml-platform:environment: dev\n  azureml-platform:project: fraud\n  azureml-platform:workspaces:\n    - name: ws\n      publicNetworkAccess: Maybe\n  azureml-platform:teams:\n    - name: readers\n      group: { objectId: 11111111-2222-3333-4444-555555555555 }\n      role: Ownr\n",
      'export = require("' + path.join(ROOT, "index").replace(/\\/g, "/") + '");\n',
    );
    expect(r.stderr.trim().split("\n")).to.deep.equal([
      'error: invalid configuration: azureml-platform:workspaces[0].publicNetworkAccess: must be one of Enabled | Disabled (got "Maybe")',
      'error: invalid configuration: azureml-platform:teams[0].role: must be a built-in or custom role; closest: Owner, Reader, AcrPull (got "Ownr")',
    ]);
  });
  it("names a package the program cannot load and how to install it, on one line (no require stack)", async () => {
    const configs = ["access", "security", "deploy"].flatMap((p) => ["--policy-config", `${p}=${path.join(ROOT, "policies", p, "config", "dev.json")}`]);
    const r = await run(["--stack", "t", ...configs], "config: {}\n", 'import * as azuread from "@pulumi/not-installed/sub";\nvoid azuread;\n');
    expect(r.code).to.equal(2);
    expect(r.stderr.trim()).to.match(/^error: the program needs @pulumi\/not-installed, which is not installed in .+: npm install @pulumi\/not-installed$/);
  });
});

describe("plan: progress on a terminal", () => {
  const STACK = "config:\n  azure-native:location: westeurope\n  azureml-platform:environment: dev\n  azureml-platform:project: fraud\n  azureml-platform:workspaces:\n    - name: ws\n";
  const PROGRAM = 'export = require("' + path.join(ROOT, "index").replace(/\\/g, "/") + '");\n';
  it("says each phase and its time when standard error is a terminal", async () => {
    const r = await run(["--stack", "t"], STACK, PROGRAM, true);
    const lines = r.stderr.trim().split("\n");
    expect(lines[0]).to.equal("… running the program of stack t");
    expect(lines[1]).to.match(/^… program done: \d+ resources registered in \d+\.\d s; running 3 policy packs$/);
    expect(lines[2]).to.match(/^… policy packs done in \d+\.\d s$/);
    expect(lines[3]).to.equal("… writing the report");
  });
  it("says nothing extra when it is not a terminal, or for machine-readable output", async () => {
    expect((await run(["--stack", "t"], STACK, PROGRAM, false)).stderr).to.equal("");
    expect((await run(["--stack", "t", "--json"], STACK, PROGRAM, true)).stderr).to.equal("");
  });
});

describe("plan --markdown without --diff: a comment for a stack new in the pull request", () => {
  it("renders the verdict, the findings, the access matrix and what is deferred", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "amlp-md-"));
    try {
      fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: azureml-platform\nruntime: nodejs\n");
      fs.writeFileSync(
        path.join(dir, "Pulumi.t.yaml"),
        "config:\n  azure-native:location: westeurope\n  azureml-platform:environment: dev\n  azureml-platform:project: fraud\n  azureml-platform:workspaces:\n    - name: ws\n  azureml-platform:teams:\n    - name: readers\n      group: { displayName: sg-readers, create: true, members: [alice@contoso.com] }\n      role: Reader\n",
      );
      fs.writeFileSync(path.join(dir, "index.ts"), 'export = require("' + path.join(ROOT, "index").replace(/\\/g, "/") + '");\n');
      fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"));
      let stdout = "";
      const code = await planCommand(["--project-dir", dir, "--stack", "t", "--markdown"], { stdout: (t) => void (stdout += t), stderr: () => undefined });
      expect(code).to.equal(0);
      expect(stdout).to.match(/^### `t`: \d+ resources, :white_check_mark: no mandatory violation, \d+ advisory, \d+ deferred to update\n/);
      expect(stdout).to.contain("**Access matrix**");
      expect(stdout).to.contain("| readers | ws | Reader |");
      expect(stdout).to.contain("| alice@contoso.com | ws | readers |");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
