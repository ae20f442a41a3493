import Ajv from "ajv";
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import YAML from "yaml";
import { DiffSide, changedPaths, diffAccess, diffPlans } from "../../plan/diff";
import { AccessMatrixRow } from "../../rbac/matrix";
import { KEY_OPERATION_NAMES } from "../../rbac/operations";
import { ROOT, planCli } from "../helpers/cli";

/** A project directory whose prod stack file is Pulumi.prod.yaml edited by `edit`. */
function prodVariant(edit: (doc: any) => void): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "azml-diff-"));
  fs.copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
  fs.cpSync(path.join(ROOT, "roles"), path.join(dir, "roles"), { recursive: true });
  fs.writeFileSync(path.join(dir, "index.ts"), `export = require(${JSON.stringify(path.join(ROOT, "index"))});\n`);
  const doc = YAML.parse(fs.readFileSync(path.join(ROOT, "Pulumi.prod.yaml"), "utf8"));
  edit(doc.config);
  fs.writeFileSync(path.join(dir, "Pulumi.prod.yaml"), YAML.stringify(doc));
  return dir;
}

const diffSchema = {
  type: "object",
  required: ["stack", "base", "changes", "access", "summary"],
  additionalProperties: false,
  properties: {
    stack: { type: "string" },
    base: { type: "string" },
    changes: {
      type: "array",
      items: {
        type: "object",
        required: ["urn", "type", "name", "action", "properties", "hazards"],
        additionalProperties: false,
        properties: {
          urn: { type: "string" },
          type: { type: "string" },
          name: { type: "string" },
          action: { enum: ["create", "update", "replace", "delete"] },
          properties: { type: "array", items: { type: "string" } },
          hazards: { type: "array", items: { type: "string" } },
        },
      },
    },
    access: {
      type: "array",
      items: {
        type: "object",
        required: ["team", "workspace", "gained", "lost"],
        additionalProperties: false,
        properties: { team: { type: "string" }, workspace: { type: "string" }, gained: { type: "array", items: { enum: KEY_OPERATION_NAMES } }, lost: { type: "array", items: { enum: KEY_OPERATION_NAMES } } },
      },
    },
    summary: {
      type: "object",
      required: ["create", "update", "replace", "delete", "hazards"],
      additionalProperties: false,
      properties: { create: { type: "integer" }, update: { type: "integer" }, replace: { type: "integer" }, delete: { type: "integer" }, hazards: { type: "integer" } },
    },
  },
};
const validateDiff = new Ajv({ allErrors: true }).compile(diffSchema);

describe("plan --diff (offline pull-request review)", function () {
  this.timeout(180_000);
  let baseFile: string;
  before(() => {
    baseFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "azml-base-")), "prod.json");
    const r = planCli(["--stack", "prod", "--json", "--out", baseFile]);
    expect(r.code, r.stderr).to.equal(0);
  });
  const diff = (dir: string | undefined, extra: string[] = []) => {
    const r = planCli([...(dir ? ["--project-dir", dir] : []), "--stack", "prod", "--diff", baseFile, "--json", ...extra]);
    return { code: r.code, stderr: r.stderr, doc: r.stdout ? JSON.parse(r.stdout) : undefined };
  };
  const line = (c: { action: string; name: string }) => `${c.action} ${c.name}`;

  it("is empty for a stack against its own plan, and exits 0", () => {
    const r = diff(undefined);
    expect(r.code, r.stderr).to.equal(0);
    expect(validateDiff(r.doc), JSON.stringify(validateDiff.errors)).to.equal(true);
    expect(r.doc).to.deep.equal({ stack: "prod", base: baseFile, changes: [], access: [], summary: { create: 0, update: 0, replace: 0, delete: 0, hazards: 0 } });
  });

  it("creates a new compute (with its identity's grants) and updates one in place, without hazards", () => {
    const r = diff(
      prodVariant((c) => {
        const computes = c["azureml-platform:workspaces"][1].computes;
        computes[0].maxNodes = 6;
        computes.push({ name: "cpu-small", vmSize: "Standard_D4s_v3", maxNodes: 2 });
      }),
    );
    expect(r.code, r.stderr).to.equal(0);
    expect(validateDiff(r.doc)).to.equal(true);
    expect(r.doc.changes.map(line)).to.deep.equal([
      "create scoring-cpu-small-acrpull",
      "create scoring-cpu-small-blob-data",
      "create scoring-cpu-small",
      "update scoring-batch-cluster",
    ]);
    expect(r.doc.changes[3].properties).to.deep.equal(["properties.properties.scaleSettings.maxNodeCount"]);
    expect(r.doc.summary).to.deep.equal({ create: 3, update: 1, replace: 0, delete: 0, hazards: 0 });
  });

  it("replaces a compute whose VM size changes (Azure cannot change it in place): a hazard, exit 1", () => {
    const r = diff(prodVariant((c) => (c["azureml-platform:workspaces"][1].computes[0].vmSize = "Standard_D8s_v3")));
    expect(r.code).to.equal(1);
    const [change] = r.doc.changes;
    expect(line(change)).to.equal("replace scoring-batch-cluster");
    expect(change.hazards).to.deep.equal(["Azure cannot change properties.properties.vmSize: a cluster's VM size is fixed at creation"]);
  });

  it("renaming a workspace (renamedFrom keeps its resources' identity) replaces its storage and key vault, which hold data and are protected", () => {
    const r = diff(
      prodVariant((c) => {
        Object.assign(c["azureml-platform:workspaces"][1], { name: "batch", renamedFrom: "scoring" });
        for (const t of c["azureml-platform:teams"]) if (t.workspaces) t.workspaces = t.workspaces.map((w: string) => (w === "scoring" ? "batch" : w));
      }),
    );
    expect(r.code, r.stderr).to.equal(1);
    const byName = (n: string) => r.doc.changes.find((c: any) => c.name === n);
    expect(byName("batch-storage")).to.deep.include({ action: "replace" });
    expect(byName("batch-storage").properties).to.include("accountName");
    expect(byName("batch-storage").hazards).to.deep.equal(["replaces StorageAccount batch-storage, which holds data", "replaces a protected resource: Pulumi refuses until it is unprotected deliberately"]);
    expect(byName("batch-kv").action).to.equal("replace");
    expect(byName("batch-kv").hazards).to.include("replaces Vault batch-kv, which holds data");
    expect(byName("batch-mlw").hazards).to.include("replaces Workspace batch-mlw, which holds data");
    // Nothing of the workspace is deleted outright: the aliases carry every resource over.
    expect(r.doc.changes.filter((c: any) => c.action === "delete" && /::scoring-/.test(c.urn))).to.deep.equal([]);
  });

  it("deleting a compute also deletes its data grant under the storage lock: a hazard", () => {
    const r = diff(prodVariant((c) => c["azureml-platform:workspaces"][0].computes.pop()));
    expect(r.code).to.equal(1);
    expect(r.doc.changes.map(line)).to.deep.equal(["delete fraud-gpu-cluster-acrpull", "delete fraud-gpu-cluster-blob-data", "delete fraud-gpu-cluster"]);
    expect(r.doc.changes[1].hazards).to.deep.equal(["deletes a resource under a CanNotDelete lock (on fraud-storage): Azure refuses until the lock is lifted"]);
    expect(r.doc.changes[2].hazards).to.deep.equal([]);
  });

  it("shows exactly the permissions a role change moves, and flags an admin-only gain", () => {
    const r = diff(
      prodVariant((c) => {
        const auditors = c["azureml-platform:teams"].find((t: any) => t.name === "auditors");
        auditors.role = "AzureML Data Scientist";
        auditors.dataAccess = "none";
      }),
    );
    expect(r.code).to.equal(1);
    expect(r.doc.access).to.deep.equal(
      ["fraud", "scoring"].map((workspace) => ({
        team: "auditors",
        workspace,
        gained: ["createDatastore", "submitJob", "registerModel", "writeOutboundRules", "createConnection", "readConnectionSecrets"],
        lost: [],
      })),
    );
    const replaced = r.doc.changes.filter((c: any) => c.action === "replace");
    expect(replaced.map((c: any) => c.name).sort()).to.deep.equal(["access-auditors-rg-fraud-prod-fraud", "access-auditors-rg-fraud-prod-scoring"]);
    expect(replaced.flatMap((c: any) => c.properties)).to.deep.equal(["roleDefinitionId", "roleDefinitionId"]);
    expect(replaced.flatMap((c: any) => c.hazards).sort()).to.deep.equal([
      "team auditors gains admin-only createDatastore, writeOutboundRules on workspace fraud",
      "team auditors gains admin-only createDatastore, writeOutboundRules on workspace scoring",
    ]);
    expect(r.doc.summary.hazards).to.equal(2);
  });

  it("renders text like pulumi preview and Markdown for a pull request", () => {
    const dir = prodVariant((c) => (c["azureml-platform:workspaces"][1].computes[0].vmSize = "Standard_D8s_v3"));
    const text = planCli(["--project-dir", dir, "--stack", "prod", "--diff", baseFile]);
    expect(text.code).to.equal(1);
    expect(text.stdout).to.match(/^ {2}\+- replace azure-native:machinelearningservices:Compute {2}scoring-batch-cluster\n {12}changed: properties\.properties\.vmSize\n {3}!! HAZARD: Azure cannot change properties\.properties\.vmSize/m);
    expect(text.stdout).to.match(/\nSummary: 0 to create, 0 to update, 1 to replace, 0 to delete, 1 hazard\n$/);
    const md = planCli(["--project-dir", dir, "--stack", "prod", "--diff", baseFile, "--markdown"]);
    expect(md.stdout).to.match(/^### `prod`: 0 to create, 0 to update, 1 to replace, 0 to delete, :warning: 1 hazard/);
    expect(md.stdout).to.contain("| replace | `azure-native:machinelearningservices:Compute` | scoring-batch-cluster | `properties.properties.vmSize` | :warning: |");
  });

  const bad: [string, () => string, RegExp][] = [
    ["a missing base", () => path.join(os.tmpdir(), "no-such-plan.json"), /^error: base plan not found or unreadable: /],
    ["a base that is not JSON", () => write("{ nope"), /^error: base plan .* is not valid JSON/],
    ["a base that is not a plan", () => write(JSON.stringify({ stack: "prod", resources: [{}] })), /^error: base plan .* is not a plan --json document/],
    ["a base from another stack", () => write(JSON.stringify({ stack: "dev", resources: [], access: [] })), /^error: base plan .* is a plan of stack dev, not prod: compare plans of the same stack\n$/],
  ];
  function write(text: string): string {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "azml-bad-")), "base.json");
    fs.writeFileSync(file, text);
    return file;
  }
  for (const [label, file, message] of bad) {
    it(`exits 2 with one error line on ${label}`, () => {
      const r = planCli(["--stack", "prod", "--diff", file(), "--json"]);
      expect(r.code).to.equal(2);
      expect(r.stderr).to.match(message);
      expect(r.stderr.trim().split("\n")).to.have.length(1);
      expect(r.stdout).to.equal("");
    });
  }
});

describe("diffPlans (pure)", () => {
  const res = (urn: string, type: string, inputs: Record<string, unknown>, extra: Partial<DiffSide["resources"][number]> = {}) => ({
    urn,
    type,
    name: urn.split("::").pop()!,
    parent: null,
    protect: false,
    inputs,
    dependencies: [],
    ...extra,
  });
  const side = (resources: DiffSide["resources"], access: AccessMatrixRow[] = []): DiffSide => ({ stack: "s", resources, access });
  const RG = "azure-native:resources:ResourceGroup";

  it("keeps a resource renamed with an alias: no delete, no create", () => {
    const base = side([res("urn:pulumi:s::p::x:index:C$" + RG + "::old-rg", RG, { resourceGroupName: "rg", location: "westeurope" })]);
    const head = side([res("urn:pulumi:s::p::x:index:C$" + RG + "::new-rg", RG, { resourceGroupName: "rg", location: "westeurope" }, { aliases: ["urn:pulumi:s::p::x:index:C$" + RG + "::old-rg"] })]);
    expect(diffPlans(base, head, "b").changes).to.deep.equal([]);
    const withoutAlias = diffPlans(base, { ...head, resources: head.resources.map((r) => ({ ...r, aliases: [] })) }, "b");
    expect(withoutAlias.changes.map((c) => c.action)).to.deep.equal(["create", "delete"]);
  });

  it("replaces on a change of what identifies the resource, updates otherwise", () => {
    const urn = "urn:pulumi:s::p::" + RG + "::rg";
    const d = (inputs: Record<string, unknown>) => diffPlans(side([res(urn, RG, { resourceGroupName: "rg", location: "westeurope", tags: { a: "1" } })]), side([res(urn, RG, inputs)]), "b").changes[0];
    expect(d({ resourceGroupName: "rg", location: "westeurope", tags: { a: "2" } })).to.deep.include({ action: "update", properties: ["tags.a"], hazards: [] });
    expect(d({ resourceGroupName: "rg", location: "northeurope", tags: { a: "1" } })).to.deep.include({ action: "replace", properties: ["location"] });
  });

  it("flags encryption added or removed and managed network loosened on a workspace", () => {
    const WS = "azure-native:machinelearningservices:Workspace";
    const urn = "urn:pulumi:s::p::" + WS + "::mlw";
    const base = { workspaceName: "w", managedNetwork: { isolationMode: "AllowOnlyApprovedOutbound" } };
    const change = (inputs: Record<string, unknown>) => diffPlans(side([res(urn, WS, base)]), side([res(urn, WS, inputs)]), "b").changes[0];
    const cmk = change({ ...base, encryption: { status: "Enabled" } });
    expect(cmk.action).to.equal("replace");
    expect(cmk.hazards).to.include("Azure cannot change encryption: a customer-managed key can only be set when the workspace is created, and never removed");
    expect(cmk.hazards).to.include("replaces Workspace mlw, which holds data");
    const loosened = change({ ...base, managedNetwork: { isolationMode: "AllowInternetOutbound" } });
    expect(loosened.hazards[0]).to.equal("Azure cannot change managedNetwork.isolationMode: AllowOnlyApprovedOutbound cannot be loosened to AllowInternetOutbound on an existing workspace");
    expect(change({ workspaceName: "w", managedNetwork: { isolationMode: "AllowOnlyApprovedOutbound" }, description: "x" }).action).to.equal("update");
  });

  it("writes changed paths with indexes and keys", () => {
    expect(changedPaths({ a: { b: [1, { c: 2 }] }, d: 1 }, { a: { b: [1, { c: 3 }] }, e: 1 })).to.deep.equal(["a.b[1].c", "d", "e"]);
    expect(changedPaths([1], [1, 2])).to.deep.equal(["[1]"]);
  });

  it("reports access gained and lost per team and workspace, leaving unchanged rows out", () => {
    const flags = (on: string[]) => Object.fromEntries(KEY_OPERATION_NAMES.map((op) => [op, on.includes(op)])) as unknown as AccessMatrixRow["operations"];
    const row = (team: string, workspace: string, on: string[]): AccessMatrixRow => ({ team, workspace, principalId: team, roles: [], operations: flags(on) });
    expect(
      diffAccess([row("a", "w", ["submitJob", "readData"]), row("b", "w", ["submitJob"]), row("gone", "w", ["createCompute"])], [row("a", "w", ["submitJob", "createCompute"]), row("b", "w", ["submitJob"]), row("new", "w", ["readData"])]),
    ).to.deep.equal([
      { team: "a", workspace: "w", gained: ["createCompute"], lost: ["readData"] },
      { team: "gone", workspace: "w", gained: [], lost: ["createCompute"] },
      { team: "new", workspace: "w", gained: ["readData"], lost: [] },
    ]);
  });
});
