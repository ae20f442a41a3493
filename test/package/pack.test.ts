import { expect } from "chai";
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
const NPM = process.platform === "win32" ? "npm.cmd" : "npm";
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
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "azml-pack-"));
    const packed = JSON.parse(execFileSync(NPM, ["pack", "--json", "--pack-destination", work], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }));
    tarball = path.join(work, packed[0].filename);
    consumer = path.join(work, "consumer");
    fs.mkdirSync(consumer);
    fs.writeFileSync(path.join(consumer, "package.json"), JSON.stringify({ name: "consumer", private: true }));
    // Peers are linked from this checkout rather than downloaded: the test is about our artifact.
    execFileSync(NPM, ["install", "--no-audit", "--no-fund", "--prefer-offline", "--legacy-peer-deps", "--ignore-scripts", tarball], { cwd: consumer, stdio: "pipe" });
    for (const peer of ["@pulumi", "@types", "@grpc", "google-protobuf"]) {
      const target = path.join(consumer, "node_modules", peer);
      if (!fs.existsSync(target)) fs.symlinkSync(path.join(ROOT, "node_modules", peer), target, "dir");
    }
    for (const example of ["minimal", "bring-your-own", "multi-team"]) {
      fs.cpSync(path.join(ROOT, "examples", example), path.join(consumer, "examples", example), { recursive: true });
    }
  });

  it("contains only what consumers need, under the size budget", () => {
    const files = (JSON.parse(execFileSync(NPM, ["pack", "--dry-run", "--json"], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }))[0].files as { path: string }[]).map((f) => f.path);
    expect(files).to.include.members(["dist/lib/index.js", "dist/lib/index.d.ts", "dist/policies/index.js", "dist/rbac/index.js", "roles/data-scientist.json", "PulumiPlugin.yaml", "package.json"]);
    expect(files.filter((f) => /^(test|bench|plan|cli|examples|program)\/|Pulumi\.(dev|prod)\.yaml$|\.ts$/.test(f) && !f.endsWith(".d.ts"))).to.deep.equal([]);
    // Source maps with inlined sources are most of it; the budget leaves room for growth, not for bundled dependencies.
    expect(fs.statSync(tarball).size).to.be.below(256 * 1024);
  });

  it("resolves the root, ./rbac and ./policies entries by package name", () => {
    const script = `
      const root = require("azureml-platform");
      const rbac = require("azureml-platform/rbac");
      const policies = require("azureml-platform/policies");
      console.log(JSON.stringify({
        root: [typeof root.WorkspaceStack, typeof root.AccessModel, typeof root.validateStackConfig],
        rbac: typeof rbac.allows,
        packs: policies.PACKS.map((p) => p.name + ":" + p.policies.length),
      }));`;
    const out = JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: consumer, encoding: "utf8" }));
    const packs = require("../../policies/packs").PACKS.map((p: { name: string; policies: unknown[] }) => `${p.name}:${p.policies.length}`);
    expect(out).to.deep.equal({ root: ["function", "function", "function"], rbac: "function", packs });
  });

  for (const example of ["minimal", "bring-your-own", "multi-team"]) {
    it(`type-checks examples/${example} against the installed package`, () => {
      const r = spawnSync(process.execPath, [TSC, "-p", "tsconfig.json", "--noEmit"], { cwd: path.join(consumer, "examples", example), encoding: "utf8" });
      expect(r.status, r.stdout + r.stderr).to.equal(0);
    });
  }

  // TypeScript 6 removed `moduleResolution: node`; 7 is the native compiler. The examples are what
  // consumers copy, so they must type-check with both (the project itself stays on the pinned 5.9).
  for (const major of [6, 7]) {
    it(`type-checks every example against the installed package with TypeScript ${major}`, () => {
      const tsDir = path.join(path.dirname(consumer), `typescript-${major}`);
      fs.mkdirSync(tsDir, { recursive: true });
      fs.writeFileSync(path.join(tsDir, "package.json"), JSON.stringify({ name: `ts${major}`, private: true }));
      execFileSync(NPM, ["install", "--no-audit", "--no-fund", "--prefer-offline", `typescript@${major}`], { cwd: tsDir, stdio: "pipe" });
      const tsc = path.join(tsDir, "node_modules", ".bin", "tsc");
      expect(execFileSync(tsc, ["-v"], { encoding: "utf8" })).to.match(new RegExp(`^Version ${major}\\.`));
      for (const example of ["minimal", "bring-your-own", "multi-team"]) {
        const r = spawnSync(tsc, ["-p", "tsconfig.json", "--noEmit"], { cwd: path.join(consumer, "examples", example), encoding: "utf8" });
        expect(r.status, `${example}: ${r.stdout}${r.stderr}`).to.equal(0);
      }
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
