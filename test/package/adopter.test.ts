import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { packedInstall } from "../helpers/packed";

const NPX = process.platform === "win32" ? "npx.cmd" : "npx";

/** Writes files (path → text) under a directory. */
function write(dir: string, files: Record<string, string>): void {
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
}

const TSCONFIG = JSON.stringify({ compilerOptions: { strict: true, target: "ES2022", module: "node16", moduleResolution: "node16", esModuleInterop: true, skipLibCheck: true } });

/**
 * The package as an adopter uses it from npm: the packed tarball installed into their repository,
 * their own top-level program, their own policy pack (reusing exported policies plus one of their
 * own), a YAML-configured stack through `azureml-platform/program`, and `npx azureml-platform plan`
 * (the compiled bin) on each.
 */
describe("an adopter's repository (packed tarball, npx azureml-platform plan)", function () {
  this.timeout(600_000);
  let repo: string;

  const plan = (args: string[], cwd = repo) => {
    const r = spawnSync(NPX, ["--no", "azureml-platform", "plan", ...args], { cwd, encoding: "utf8", timeout: 180_000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const json = (r: { stdout: string }) => JSON.parse(r.stdout);
  const names = (doc: any, type: string) => doc.resources.filter((r: any) => r.type === type).map((r: any) => r.name).sort();

  before(() => {
    repo = packedInstall().consumer;
    write(repo, {
      // A top-level program: resources registered as the module loads, outputs as its exports.
      "Pulumi.yaml": "name: ml-infra\nruntime:\n  name: nodejs\n  options:\n    typescript: true\nmain: infra/index.ts\n",
      // Named neither dev nor prod: the packs' config follows its environment.
      "Pulumi.staging.yaml": "config:\n  azure-native:location: westeurope\n  azureml-platform:environment: dev\n",
      "Pulumi.noenv.yaml": "config:\n  azure-native:location: westeurope\n",
      "tsconfig.json": TSCONFIG,
      "infra/index.ts": [
        `import * as storage from "@pulumi/azure-native/storage";`,
        `import { WorkspaceStack } from "azureml-platform";`,
        `const ml = new WorkspaceStack("ml", { project: "infra", environment: "dev" });`,
        `// Not a general-purpose v2 account: what the adopter's own policy forbids.`,
        `export const scratch = new storage.StorageAccount("scratch", {`,
        `  resourceGroupName: ml.resourceGroupName,`,
        `  kind: "BlobStorage",`,
        `  accessTier: "Hot",`,
        `  sku: { name: "Standard_LRS" },`,
        `  enableHttpsTrafficOnly: true,`,
        `  minimumTlsVersion: "TLS1_2",`,
        `  allowBlobPublicAccess: false,`,
        `}).name;`,
        `export const workspaceName = ml.workspaceName;`,
        `export const region = "westeurope";`,
        ``,
      ].join("\n"),
      // Their policy pack: two of the package's storage policies and one of their own.
      "policy/PulumiPolicy.yaml": "runtime: nodejs\ndescription: ml-infra's own rules\n",
      "policy/package.json": JSON.stringify({ name: "ml-infra-policy", version: "1.2.3", main: "index.ts" }),
      "policy/tsconfig.json": TSCONFIG,
      "policy/index.ts": [
        `import { PolicyPack, validateResourceOfType } from "@pulumi/policy";`,
        `import * as storage from "@pulumi/azure-native/storage";`,
        `import { securityPolicies } from "azureml-platform/policies";`,
        `new PolicyPack("ml-infra-policy", {`,
        `  enforcementLevel: "mandatory",`,
        `  policies: [`,
        `    ...securityPolicies.filter((p) => p.name === "storage-https-only" || p.name === "storage-minimum-tls-1-2"),`,
        `    {`,
        `      name: "storage-kind-v2",`,
        `      description: "Storage accounts are general-purpose v2.",`,
        `      validateResource: validateResourceOfType(storage.StorageAccount, (account, _args, reportViolation) => {`,
        `        if (account.kind !== "StorageV2") reportViolation("kind " + account.kind + " is not StorageV2");`,
        `      }),`,
        `    },`,
        `  ],`,
        `});`,
        ``,
      ].join("\n"),
      "policy/advisory.json": JSON.stringify({ "storage-kind-v2": "advisory" }),
      // The YAML contract: the package's own program, this project's config and role file.
      "platform/Pulumi.yaml": "name: ml-platform\nruntime: nodejs\nmain: index.ts\n",
      "platform/tsconfig.json": TSCONFIG,
      "platform/index.ts": `import { main } from "azureml-platform/program";\nexport = main;\n`,
      "platform/roles/analyst.json": JSON.stringify({
        Name: "Analyst",
        IsCustom: true,
        Description: "Reads workspaces and submits jobs.",
        Actions: ["Microsoft.MachineLearningServices/workspaces/read", "Microsoft.MachineLearningServices/workspaces/jobs/*"],
        NotActions: [],
        DataActions: [],
        NotDataActions: [],
        AssignableScopes: ["/subscriptions/<subscription_id>/resourceGroups/<resource_group_name>/providers/Microsoft.MachineLearningServices/workspaces/<workspace_name>"],
      }),
      // Named neither dev nor prod: its environment picks the packs' prod defaults.
      "platform/Pulumi.production.yaml": [
        "config:",
        "  azure-native:location: westeurope",
        "  azureml-platform:environment: prod",
        "  azureml-platform:project: adopt",
        "  azureml-platform:tags: { costCenter: cc-1, owner: ml, dataClassification: internal }",
        "  azureml-platform:workspaces:",
        "    - name: research",
        "      publicNetworkAccess: Enabled",
        "  azureml-platform:customRoles:",
        "    - file: roles/analyst.json",
        "  azureml-platform:teams:",
        "    - name: analysts",
        "      group: { objectId: 44444444-5555-6666-7777-888888888888 }",
        "      role: Analyst",
        "      scope: workspace",
        "",
      ].join("\n"),
    });
  });

  it("plans their top-level program with the package's packs, the dev defaults chosen by the stack's environment", () => {
    const r = plan(["--stack", "staging", "--json"]);
    expect(r.code, r.stderr).to.equal(0);
    const doc = json(r);
    expect(doc).to.deep.include({ project: "ml-infra", stack: "staging", mode: "first-preview" });
    expect(names(doc, "azure-native:storage:StorageAccount")).to.deep.equal(["ml-storage", "scratch"]);
    expect(names(doc, "azure-native:machinelearningservices:Workspace")).to.deep.equal(["ml-mlw"]);
    // Outputs as a first preview shows them: the names Azure returns are unknown until the update.
    expect(doc.outputs).to.deep.equal({ scratch: "[unknown]", workspaceName: "[unknown]", region: "westeurope" });
    const { PACKS } = require("../../policies/packs") as typeof import("../../policies/packs");
    expect(doc.policyConfig).to.deep.equal(PACKS.map((p) => ({ pack: p.name, file: `node_modules/azureml-platform/dist/policies/${p.directory}/config/dev.json`, source: "environment" })));
    // The shipped packs' dev defaults are advisory: the scratch account's findings are reported, not blocking.
    expect(doc.violations.filter((v: any) => v.urn?.endsWith("::scratch")).map((v: any) => v.enforcementLevel)).to.include("advisory");
    expect(doc.summary.mandatory).to.equal(0);
    const text = plan(["--stack", "staging"]);
    expect(text.stdout).to.match(/^Previewing stack staging \(ml-infra\) offline/);
    expect(text.stdout).to.contain("the pack's defaults for the stack's environment");
  });

  it("runs exactly their own policy pack with --policy-pack: the reused policies and their own, exit 1 on its mandatory violation", () => {
    const r = plan(["--stack", "staging", "--policy-pack", "policy", "--json"]);
    expect(r.code, r.stderr).to.equal(1);
    const doc = json(r);
    expect(doc.violations.map((v: any) => `${v.pack} ${v.policy} ${v.enforcementLevel} ${v.urn.split("::").pop()}: ${v.message}`)).to.deep.equal([
      "ml-infra-policy storage-kind-v2 mandatory scratch: kind BlobStorage is not StorageV2",
    ]);
    expect(doc.policyConfig).to.deep.equal([{ pack: "ml-infra-policy", file: null, source: "none" }]);
    const softened = plan(["--stack", "staging", "--policy-pack", "policy", "--policy-config", "ml-infra-policy=policy/advisory.json"]);
    expect(softened.code, softened.stderr).to.equal(0);
    expect(softened.stdout).to.match(/\[advisory\] storage-kind-v2/);
    expect(softened.stdout).to.match(/Summary: \d+ resources, 0 mandatory and 1 advisory policy violations, 0 deferred to update\n$/);
    // A shipped pack folder is a real pack directory too, taken by path beside their own.
    const both = json(plan(["--stack", "staging", "--policy-pack", "node_modules/azureml-platform/dist/policies/security", "--policy-pack", "policy", "--json"]));
    expect(both.policyConfig).to.deep.equal([
      { pack: "azureml-security", file: "node_modules/azureml-platform/dist/policies/security/config/dev.json", source: "environment" },
      { pack: "ml-infra-policy", file: null, source: "none" },
    ]);
    expect([...new Set(both.violations.map((v: any) => v.pack))].sort()).to.deep.equal(["azureml-security", "ml-infra-policy"]);
  });

  it("plans a YAML stack through azureml-platform/program, role files from their project, prod enforcement from the environment", () => {
    const r = plan(["--project-dir", "platform", "--stack", "production", "--json"]);
    expect(r.code, r.stderr).to.equal(1);
    const doc = json(r);
    expect(doc).to.deep.include({ project: "ml-platform", stack: "production" });
    expect(names(doc, "azure-native:machinelearningservices:Workspace")).to.deep.equal(["research-mlw"]);
    const role = doc.resources.find((x: any) => x.type === "azure-native:authorization:RoleDefinition");
    expect(role.inputs.roleName).to.match(/^Analyst/);
    expect(doc.policyConfig.every((c: any) => c.source === "environment" && c.file.endsWith("/config/prod.json"))).to.equal(true);
    expect(doc.violations.filter((v: any) => v.enforcementLevel === "mandatory").map((v: any) => v.policy)).to.include("workspace-public-network-disabled-in-prod");
    expect(Object.keys(doc.outputs)).to.include("workspaces");
    // From inside the project, with no --project-dir: the current directory is the project.
    const text = plan(["--stack", "production"], path.join(repo, "platform"));
    expect(text.code, text.stderr).to.equal(1);
    expect(text.stdout).to.match(/^Previewing stack production \(ml-platform\) offline/);
    expect(text.stdout).to.match(/azureml-security: node_modules\/azureml-platform\/dist\/policies\/security\/config\/prod\.json|azureml-security: \S+\/config\/prod\.json \(the pack's defaults for the stack's environment\)/);
  });

  it("refuses a stack with no environment and no policy config: exit 2 with one line", () => {
    const r = plan(["--stack", "noenv"]);
    expect(r.code).to.equal(2);
    expect(r.stdout).to.equal("");
    expect(r.stderr).to.match(/^error: stack noenv sets no azureml-platform:environment and pack azureml-\S+ has no config\/noenv\.json: set azureml-platform:environment \(dev \| prod\) in Pulumi\.noenv\.yaml or pass --policy-config \S+=FILE\n$/);
  });

  it("reports a policy pack directory that is not one, and a program that throws, as exit 2 with one line", () => {
    const notPack = plan(["--stack", "staging", "--policy-pack", "platform"]);
    expect(notPack.code).to.equal(2);
    expect(notPack.stderr).to.match(/^error: --policy-pack platform: no PulumiPolicy\.yaml in .*\n$/);
    write(repo, { "broken/Pulumi.yaml": "name: broken\nruntime: nodejs\n", "broken/Pulumi.staging.yaml": "config:\n  azureml-platform:environment: dev\n", "broken/index.ts": `throw new Error("no subscription configured");\n` });
    const broken = plan(["--project-dir", "broken", "--stack", "staging"]);
    expect(broken.code).to.equal(2);
    expect(broken.stderr).to.equal("error: the program failed: no subscription configured\n");
  });

  it("diffs their program against its own plan: nothing changed, exit 0", () => {
    const base = path.join(repo, "base.json");
    expect(plan(["--stack", "staging", "--json", "--out", base]).code).to.equal(0);
    const r = plan(["--stack", "staging", "--diff", base, "--json"]);
    expect(r.code, r.stderr).to.equal(0);
    expect(json(r).changes).to.deep.equal([]);
  });
});
