import { expect } from "chai";
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { NPM, ROOT, packedInstall } from "../helpers/packed";

const TSC = path.join(ROOT, "node_modules", "typescript", "bin", "tsc");

/**
 * Proves the published artifact, not the source tree: `npm pack`, install the tarball into a fresh
 * project beside the peers already installed here, type-check every example against it, and run
 * the minimal example under Pulumi's mocks.
 */
describe("the npm package (packed tarball)", function () {
  this.timeout(600_000);
  let consumer: string;
  let tarball: string;

  before(() => {
    ({ consumer, tarball } = packedInstall());
    for (const example of ["minimal", "bring-your-own", "multi-team"]) {
      fs.cpSync(path.join(ROOT, "examples", example), path.join(consumer, "examples", example), { recursive: true });
    }
  });

  it("contains only what consumers need, under the size budget", () => {
    // The file list of the tarball the other tests install (a second `npm pack` would build dist/ again).
    const files = packedInstall().files;
    expect(files).to.include.members([
      "dist/lib/index.js",
      "dist/lib/index.d.ts",
      "dist/policies/index.js",
      "dist/rbac/index.js",
      "dist/program/main.js",
      "dist/program/main.d.ts",
      "dist/cli/azureml-platform.js",
      "dist/plan/plan.js",
      "dist/governance/definitions/DisableLocalAuth_Audit.json",
      "roles/data-scientist.json",
      "package.json",
    ]);
    expect(files.filter((f) => /^(test|bench|plan|cli|examples|program)\/|Pulumi\.(dev|prod)\.yaml$|\.ts$/.test(f) && !f.endsWith(".d.ts"))).to.deep.equal([]);
    // PulumiPlugin.yaml names the TypeScript source (lib/index.ts), which the tarball does not ship:
    // `pulumi package add` takes the repository or a git URL, not the npm package.
    expect(files).to.not.include("PulumiPlugin.yaml");
    // Every pack folder is a real pack directory: what `pulumi preview --policy-pack` and packDirectory() need.
    const { PACKS } = require("../../policies/packs") as typeof import("../../policies/packs");
    for (const pack of PACKS) {
      const dir = `dist/policies/${pack.directory}`;
      expect(files, dir).to.include.members([`${dir}/PulumiPolicy.yaml`, `${dir}/package.json`, `${dir}/index.js`]);
      expect(files.filter((f) => f.startsWith(`${dir}/config/`) && f.endsWith(".json")), `${dir}/config`).to.not.be.empty;
    }
    // No source maps: maps with inlined sources were two thirds of the tarball, and maps without
    // them point at .ts files the package does not ship. tsc's ES2022 output reads like the source.
    expect(files.filter((f) => f.endsWith(".map"))).to.deep.equal([]);
    // The budget leaves room for growth, not for bundled dependencies: ~295 kB with hubs, registries,
    // budgets, the pinned Azure Policy definitions and PIM (a bundled dependency would be megabytes).
    expect(fs.statSync(tarball).size).to.be.below(384 * 1024);
  });

  it("resolves the root, ./rbac, ./policies and ./program entries by package name; packDirectory() is a real pack directory", () => {
    const script = `
      const root = require("azureml-platform");
      const rbac = require("azureml-platform/rbac");
      const policies = require("azureml-platform/policies");
      const program = require("azureml-platform/program");
      const fs = require("fs");
      console.log(JSON.stringify({
        root: [typeof root.WorkspaceStack, typeof root.AccessModel, typeof root.validateStackConfig],
        rbac: typeof rbac.allows,
        program: [typeof program.main, typeof program.readPlatformConfig, typeof program.buildPlatform],
        packs: policies.PACKS.map((p) => p.name + ":" + p.policies.length),
        packDirs: policies.PACKS.map((p) => ["PulumiPolicy.yaml", "package.json", "index.js", "config"].filter((f) => fs.existsSync(require("path").join(policies.packDirectory(p), f))).length),
      }));`;
    const out = JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: consumer, encoding: "utf8" }));
    const packs = require("../../policies/packs").PACKS.map((p: { name: string; policies: unknown[] }) => `${p.name}:${p.policies.length}`);
    expect(out).to.deep.equal({ root: ["function", "function", "function"], rbac: "function", program: ["function", "function", "function"], packs, packDirs: packs.map(() => 4) });
  });

  for (const example of ["minimal", "bring-your-own", "multi-team"]) {
    it(`type-checks examples/${example} against the installed package`, () => {
      const r = spawnSync(process.execPath, [TSC, "-p", "tsconfig.json", "--noEmit"], { cwd: path.join(consumer, "examples", example), encoding: "utf8" });
      expect(r.status, r.stdout + r.stderr).to.equal(0);
    });
  }

  // TypeScript 6 removed `moduleResolution: node`; 7 is the native compiler. The examples are what
  // consumers copy, so they must type-check with both (the project itself stays on the pinned 5.9).
  // One install of both (npm aliases), so the compatibility check pays npm once.
  it("type-checks every example against the installed package with TypeScript 6 and 7", () => {
    const tsDir = path.join(path.dirname(consumer), "typescript-compat");
    fs.mkdirSync(tsDir, { recursive: true });
    fs.writeFileSync(path.join(tsDir, "package.json"), JSON.stringify({ name: "ts-compat", private: true }));
    const majors = [6, 7];
    execFileSync(NPM, ["install", "--no-audit", "--no-fund", "--prefer-offline", ...majors.map((m) => `typescript${m}@npm:typescript@${m}`)], { cwd: tsDir, stdio: "pipe" });
    for (const major of majors) {
      const pkg = path.join(tsDir, "node_modules", `typescript${major}`);
      const tsc = path.join(pkg, JSON.parse(fs.readFileSync(path.join(pkg, "package.json"), "utf8")).bin.tsc);
      expect(execFileSync(process.execPath, [tsc, "-v"], { encoding: "utf8" })).to.match(new RegExp(`^Version ${major}\\.`));
      for (const example of ["minimal", "bring-your-own", "multi-team"]) {
        const r = spawnSync(process.execPath, [tsc, "-p", "tsconfig.json", "--noEmit"], { cwd: path.join(consumer, "examples", example), encoding: "utf8" });
        expect(r.status, `TypeScript ${major}, ${example}: ${r.stdout}${r.stderr}`).to.equal(0);
      }
    }
  });

  // Each example as its author runs it: `npx azureml-platform plan` in the example's directory (the
  // compiled bin; TypeScript through the ts-node and compiler @pulumi/pulumi resolves).
  for (const [example, stack, workspaces] of [
    ["minimal", "dev", 1],
    ["bring-your-own", "prod", 1],
    ["multi-team", "prod", 2],
  ] as const) {
    it(`plans examples/${example} with npx azureml-platform plan --stack ${stack}`, () => {
      const r = spawnSync(process.platform === "win32" ? "npx.cmd" : "npx", ["--no", "azureml-platform", "plan", "--stack", stack, "--json"], { cwd: path.join(consumer, "examples", example), encoding: "utf8" });
      expect(r.stderr).to.equal("");
      const doc = JSON.parse(r.stdout);
      expect(doc.project).to.equal(`azureml-platform-example-${example}`);
      expect(doc.resources.filter((x: { type: string }) => x.type === "azure-native:machinelearningservices:Workspace")).to.have.length(workspaces);
      // Exit code and summary agree: 1 exactly when a policy's prod default (mandatory) is broken.
      expect(r.status).to.equal(doc.summary.mandatory > 0 ? 1 : 0);
      if (stack === "dev") expect(doc.summary.mandatory).to.equal(0);
    });
  }

  it("runs the minimal example under Pulumi's mocks and registers the expected resources", () => {
    const dir = path.join(consumer, "examples", "minimal");
    execFileSync(process.execPath, [TSC, "-p", "tsconfig.json"], { cwd: dir });
    fs.writeFileSync(
      path.join(dir, "run-mocked.js"),
      `const pulumi = require("@pulumi/pulumi");
       const types = [];
       pulumi.runtime.setMocks({
         newResource: (a) => { types.push(a.type); return { id: a.name + "-id", state: { ...a.inputs, name: a.name, identity: { principalId: "p" } } }; },
         call: (a) => a.token.endsWith("getClientConfig") ? { subscriptionId: "s", tenantId: "t" } : {},
       }, "example", "dev", false);
       pulumi.runtime.setConfig("azure-native:location", "westeurope");
       const program = require("./bin/index.js");
       setTimeout(() => program.workspaceName.apply((n) => { console.log(JSON.stringify({ types: types.sort(), workspaceName: n })); }), 1000);`,
    );
    const out = JSON.parse(execFileSync(process.execPath, ["run-mocked.js"], { cwd: dir, encoding: "utf8" }));
    expect(out.types).to.deep.equal([
      "azure-native:applicationinsights:Component",
      "azure-native:keyvault:Vault",
      "azure-native:machinelearningservices:Workspace",
      "azure-native:operationalinsights:Workspace",
      "azure-native:resources:ResourceGroup",
      "azure-native:storage:BlobServiceProperties",
      "azure-native:storage:StorageAccount",
      "azureml-platform:index:WorkspaceStack",
    ]);
    expect(out.workspaceName).to.be.a("string");
  });
});
