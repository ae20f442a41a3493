import Ajv from "ajv";
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import YAML from "yaml";
import { DiffSide, changedPaths, diffAccess, diffPlans, ignoredBy } from "../../plan/diff";
import { PlanResult, plan } from "../../plan/plan";
import { AccessMatrixRow } from "../../rbac/matrix";
import { KEY_OPERATION_NAMES, REGISTRY_OPERATIONS } from "../../rbac/operations";
import { ROOT, planCli } from "../helpers/cli";

/**
 * A project directory whose prod stack file is `source` edited by `edit`: by default the fixture of
 * two standalone workspaces (computes, batch endpoints, shared DNS zones), else the repository's
 * Pulumi.prod.yaml (a hub with projects and a registry).
 */
function prodVariant(edit: (doc: any) => void, source = path.join(ROOT, "test", "fixtures", "stacks", "Pulumi.prod.yaml")): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "azml-diff-"));
  fs.copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
  fs.cpSync(path.join(ROOT, "roles"), path.join(dir, "roles"), { recursive: true });
  fs.writeFileSync(path.join(dir, "index.ts"), `export = require(${JSON.stringify(path.join(ROOT, "index"))});\n`);
  const doc = YAML.parse(fs.readFileSync(source, "utf8"));
  edit(doc.config);
  fs.writeFileSync(path.join(dir, "Pulumi.prod.yaml"), YAML.stringify(doc));
  return dir;
}

// The published contract of `plan --diff --json`.
const diffSchema = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "plan", "plan-diff.schema.json"), "utf8"));
const validateDiff = new Ajv({ allErrors: true }).compile(diffSchema);

describe("plan --diff (offline pull-request review)", function () {
  this.timeout(180_000);
  let baseFile: string;
  let baseDir: string;
  before(async () => {
    baseDir = prodVariant(() => undefined);
    baseFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "azml-base-")), "prod.json");
    const r = await planCli(["--project-dir", baseDir, "--stack", "prod", "--json", "--out", baseFile]);
    expect(r.code, r.stderr).to.equal(0);
  });
  const diff = async (dir: string | undefined, extra: string[] = []) => {
    const r = await planCli(["--project-dir", dir ?? baseDir, "--stack", "prod", "--diff", baseFile, "--json", ...extra]);
    return { code: r.code, stderr: r.stderr, doc: r.stdout ? JSON.parse(r.stdout) : undefined };
  };
  const line = (c: { action: string; name: string }) => `${c.action} ${c.name}`;

  it("is empty for a stack against its own plan, and exits 0", async () => {
    const r = await diff(undefined);
    expect(r.code, r.stderr).to.equal(0);
    expect(validateDiff(r.doc), JSON.stringify(validateDiff.errors)).to.equal(true);
    expect(r.doc).to.deep.equal({ stack: "prod", base: baseFile, changes: [], access: [], violations: { new: [], resolved: [], newAdvisory: [] }, summary: { create: 0, update: 0, replace: 0, delete: 0, hazards: 0 } });
  });

  it("reports a team going from eligible (PIM) back to standing access: its eligibilities and policies go, role assignments come", async () => {
    const r = await diff(
      prodVariant((c) => {
        const admins = c["azureml-platform:teams"].find((t: any) => t.name === "ml-admins");
        delete admins.activation;
        delete admins.maxActivation;
      }),
    );
    expect(validateDiff(r.doc), JSON.stringify(validateDiff.errors)).to.equal(true);
    const admins = r.doc.access.filter((a: any) => a.team === "ml-admins");
    expect(admins.map((a: any) => [a.workspace, a.activation, a.gained, a.lost, a.nowEligible])).to.deep.equal([
      ["fraud", { before: "eligible", after: "active" }, [], [], undefined],
      ["scoring", { before: "eligible", after: "active" }, [], [], undefined],
    ]);
    // Every operation decided at a workspace (registry operations are decided at registries).
    expect(admins[0].nowActive).to.deep.equal(KEY_OPERATION_NAMES.filter((op) => !REGISTRY_OPERATIONS.has(op)));
    expect(r.doc.access.map((a: any) => a.team)).to.deep.equal(["ml-admins", "ml-admins"]);
    const changes = r.doc.changes.map((c: any) => `${c.action} ${c.type.split(":").pop()} ${c.name}`);
    expect(changes.filter((c: string) => c.startsWith("create"))).to.deep.equal([
      "create RoleAssignment access-ml-admins-data-blob-fraud",
      "create RoleAssignment access-ml-admins-data-blob-scoring",
      "create RoleAssignment access-ml-admins-data-file-fraud",
      "create RoleAssignment access-ml-admins-data-file-scoring",
      "create RoleAssignment access-ml-admins-rg-fraud-prod-fraud",
      "create RoleAssignment access-ml-admins-rg-fraud-prod-scoring",
    ]);
    expect(changes.filter((c: string) => c.startsWith("delete"))).to.have.members([
      "delete PimRoleEligibilitySchedule access-ml-admins-data-blob-fraud",
      "delete PimRoleEligibilitySchedule access-ml-admins-data-blob-scoring",
      "delete PimRoleEligibilitySchedule access-ml-admins-data-file-fraud",
      "delete PimRoleEligibilitySchedule access-ml-admins-data-file-scoring",
      "delete PimRoleEligibilitySchedule access-ml-admins-rg-fraud-prod-fraud",
      "delete PimRoleEligibilitySchedule access-ml-admins-rg-fraud-prod-scoring",
      "delete RoleManagementPolicy access-pim-owner-rg-rg-fraud-prod-fraud",
      "delete RoleManagementPolicy access-pim-owner-rg-rg-fraud-prod-scoring",
      "delete RoleManagementPolicy access-pim-storage-blob-data-contributor-storage-fraud",
      "delete RoleManagementPolicy access-pim-storage-blob-data-contributor-storage-scoring",
      "delete RoleManagementPolicy access-pim-storage-file-data-privileged-contributor-storage-fraud",
      "delete RoleManagementPolicy access-pim-storage-file-data-privileged-contributor-storage-scoring",
    ]);
    expect(changes.filter((c: string) => !c.startsWith("create") && !c.startsWith("delete"))).to.deep.equal([]);
  });

  it("shows the active -> eligible change in the text and Markdown reports", async () => {
    const variant = prodVariant((c) => {
      const admins = c["azureml-platform:teams"].find((t: any) => t.name === "compute-operators");
      delete admins.activation;
      delete admins.maxActivation;
    });
    const text = await planCli(["--project-dir", variant, "--stack", "prod", "--diff", baseFile]);
    expect(text.stdout).to.contain("  compute-operators @ fraud: eligible → active, now active (standing): createCompute deleteCompute\n");
    const markdown = await planCli(["--project-dir", variant, "--stack", "prod", "--diff", baseFile, "--markdown"]);
    expect(markdown.stdout).to.contain("| team | workspace | row | gained | lost | activation (PIM) |");
    expect(markdown.stdout).to.contain("| compute-operators | scoring |  |  |  | eligible → active; now active (standing): createCompute deleteCompute |");
  });

  it("creates a new compute (with its identity's grants) and updates one in place, without hazards", async () => {
    const r = await diff(
      prodVariant((c) => {
        const computes = c["azureml-platform:workspaces"][1].computes;
        computes[0].maxNodes = 6;
        computes.push({ name: "cpu-small", vmSize: "Standard_D4s_v3", maxNodes: 2 });
      }),
    );
    expect(r.code, r.stderr).to.equal(0);
    expect(validateDiff(r.doc)).to.equal(true);
    expect(r.doc.changes.map(line)).to.deep.equal([
      "create scoring-cpu-small-blob-data",
      "create scoring-cpu-small-queue-data",
      "create scoring-cpu-small-table-data",
      "create scoring-cpu-small",
      "update scoring-batch-cluster",
    ]);
    expect(r.doc.changes[4].properties).to.deep.equal(["properties.properties.scaleSettings.maxNodeCount"]);
    expect(r.doc.summary).to.deep.equal({ create: 4, update: 1, replace: 0, delete: 0, hazards: 0 });
  });

  it("replaces a compute whose VM size changes (Azure cannot change it in place): a hazard, exit 1", async () => {
    const r = await diff(prodVariant((c) => (c["azureml-platform:workspaces"][1].computes[0].vmSize = "Standard_D8s_v3")));
    expect(r.code).to.equal(1);
    // The cluster's grants name it by its principal, unknown in a first preview: a re-created cluster
    // may get new ones, so they are possible replaces, never silent.
    expect(r.doc.changes.map((c: any) => [line(c), c.possibly])).to.deep.equal([
      ["replace scoring-batch-cluster-blob-data", true],
      ["replace scoring-batch-cluster-queue-data", true],
      ["replace scoring-batch-cluster-table-data", true],
      ["replace scoring-batch-cluster", false],
    ]);
    const change = r.doc.changes[3];
    expect(change.hazards).to.deep.equal(["Azure cannot change properties.properties.vmSize: a cluster's VM size is fixed at creation"]);
    expect(r.doc.changes[0].properties).to.deep.equal(["roleAssignmentName"]);
  });

  it("renaming a workspace (renamedFrom keeps its resources' identity) replaces its storage and key vault, which hold data and are protected", async () => {
    const r = await diff(
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

  it("renaming a workspace replaces its computes in a first preview too (their workspaceName follows the renamed workspace)", async () => {
    const r = await diff(
      prodVariant((c) => {
        Object.assign(c["azureml-platform:workspaces"][1], { name: "batch", renamedFrom: "scoring" });
        for (const t of c["azureml-platform:teams"]) if (t.workspaces) t.workspaces = t.workspaces.map((w: string) => (w === "scoring" ? "batch" : w));
      }),
    );
    const compute = r.doc.changes.find((c: any) => c.name === "batch-batch-cluster");
    expect(compute).to.deep.include({ action: "replace", possibly: false });
    expect(compute.properties).to.include("workspaceName");
    expect(r.doc.changes.filter((c: any) => c.action === "update" && c.type.endsWith(":Compute"))).to.deep.equal([]);
  });

  it("adding a workspace is no hazard: admin teams gaining admin-only operations on it is what admin means", async () => {
    const r = await diff(
      prodVariant((c) => {
        const w = JSON.parse(JSON.stringify(c["azureml-platform:workspaces"][1]));
        c["azureml-platform:workspaces"].push({ ...w, name: "research", displayName: "Research" });
      }),
    );
    expect(r.code, JSON.stringify(r.doc?.changes.filter((c: any) => c.hazards.length))).to.equal(0);
    // Every team gets a row on the new workspace, shown with what it holds there (a reviewer sees the Reader team too).
    expect(r.doc.access.filter((a: any) => a.workspace === "research").map((a: any) => `${a.team}:${a.row}`).sort()).to.deep.equal(["auditors:added", "compute-operators:added", "data-scientists:added", "ml-admins:added", "pipeline:added"]);
    expect(r.doc.access.find((a: any) => a.team === "auditors").operations).to.deep.equal([]);
    expect(r.doc.access.find((a: any) => a.team === "ml-admins").gained).to.include.members(["createCompute", "writeRoleAssignments"]);
    expect(r.doc.summary).to.deep.include({ replace: 0, delete: 0, hazards: 0 });
  });

  it("lists mandatory violations new in the head and exits 1 on one; the reverse diff lists them as resolved", async () => {
    // Azure Policy only audits here: with Deny, its own assignment would make this a config error (exit 2).
    const dir = prodVariant((c) => {
      c["azureml-platform:workspaces"][1].publicNetworkAccess = "Enabled";
      c["azureml-platform:azurePolicy"] = { effect: "Audit" };
    });
    const r = await diff(dir);
    expect(r.doc.violations.new.map((v: any) => `${v.policy} ${v.urn.split("::").pop()}`), JSON.stringify(r.doc.violations)).to.deep.equal(["workspace-public-network-disabled-in-prod scoring-mlw"]);
    expect(r.code).to.equal(1);
    expect(r.doc.summary.hazards).to.equal(0);
    expect(r.doc.violations.resolved).to.deep.equal([]);
    const headFile = path.join(dir, "head.json");
    expect((await planCli(["--project-dir", dir, "--stack", "prod", "--json", "--out", headFile])).code).to.equal(1);
    const back = await planCli(["--project-dir", baseDir, "--stack", "prod", "--diff", headFile, "--json"]);
    expect(back.code).to.equal(0);
    expect(JSON.parse(back.stdout).violations.resolved.map((v: any) => v.policy)).to.deep.equal(["workspace-public-network-disabled-in-prod"]);
    const md = await planCli(["--project-dir", dir, "--stack", "prod", "--diff", baseFile, "--markdown"]);
    expect(md.stdout).to.match(/^### `prod`: .*, :x: 1 new mandatory violation\n/);
    expect(md.stdout).to.contain("- :x: new: azureml-security/workspace-public-network-disabled-in-prod scoring-mlw: ");
  });

  it("switching Azure Policy from Deny to Audit updates the assignments in place, no hazard; dropping the key deletes them", async () => {
    const audit = await diff(prodVariant((c) => (c["azureml-platform:azurePolicy"] = { effect: "Audit" })));
    expect(audit.code, audit.stderr).to.equal(0);
    expect(audit.doc.summary).to.deep.include({ create: 0, update: 10, replace: 0, delete: 0, hazards: 0 });
    const fraud = audit.doc.changes.filter((c: any) => c.name.startsWith("fraud-policy-")).map((c: any) => `${line(c)} ${c.properties.join(",")}`);
    expect(fraud.sort()).to.deep.equal([
      "update fraud-policy-idle-shutdown description,parameters.effect.value",
      "update fraud-policy-local-auth description,parameters.effect.value",
      "update fraud-policy-managed-network description,parameters.effect.value",
      "update fraud-policy-pip-channels description,enforcementMode",
      "update fraud-policy-public-access description,parameters.effect.value",
    ]);
    const none = await diff(prodVariant((c) => delete c["azureml-platform:azurePolicy"]));
    expect(none.doc.summary).to.deep.include({ create: 0, update: 0, replace: 0, delete: 10 });
  });

  it("deleting a compute also deletes its data grant under the storage lock: a hazard", async () => {
    // Locks only exist without a managed network (how-to-managed-network, Limitations): a base of that kind.
    const unmanaged = (c: any) => {
      const w = c["azureml-platform:workspaces"][0];
      w.managedNetworkIsolation = "Disabled";
      delete w.outboundRules;
      // The Deny assignment of approved-only outbound would refuse such a workspace: audited instead here.
      if (c["azureml-platform:azurePolicy"]) c["azureml-platform:azurePolicy"].effect = "Audit";
    };
    const base = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "azml-base-")), "prod.json");
    await planCli(["--project-dir", prodVariant(unmanaged), "--stack", "prod", "--json", "--out", base]);
    const head = prodVariant((c) => {
      unmanaged(c);
      c["azureml-platform:workspaces"][0].computes.pop();
    });
    const out = await planCli(["--project-dir", head, "--stack", "prod", "--diff", base, "--json"]);
    const r = { code: out.code, doc: JSON.parse(out.stdout) };
    expect(r.code).to.equal(1);
    expect(r.doc.changes.map(line)).to.deep.equal(["delete fraud-gpu-cluster-blob-data", "delete fraud-gpu-cluster"]);
    expect(r.doc.changes[0].hazards).to.deep.equal(["deletes a resource under a CanNotDelete lock (on fraud-storage): Azure refuses until the lock is lifted"]);
    expect(r.doc.changes[1].hazards).to.deep.equal([]);
  });

  it("shows exactly the permissions a role change moves, and flags an admin-only gain", async () => {
    const r = await diff(
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
    // Each hazard under the grant on its own workspace.
    expect(Object.fromEntries(replaced.map((c: any) => [c.name, c.hazards]))).to.deep.equal({
      "access-auditors-rg-fraud-prod-fraud": ["team auditors gains admin-only createDatastore, writeOutboundRules on workspace fraud"],
      "access-auditors-rg-fraud-prod-scoring": ["team auditors gains admin-only createDatastore, writeOutboundRules on workspace scoring"],
    });
    expect(r.doc.summary.hazards).to.equal(2);
  });

  it("renders text like pulumi preview and Markdown for a pull request", async () => {
    const dir = prodVariant((c) => (c["azureml-platform:workspaces"][1].computes[0].vmSize = "Standard_D8s_v3"));
    const text = await planCli(["--project-dir", dir, "--stack", "prod", "--diff", baseFile]);
    expect(text.code).to.equal(1);
    expect(text.stdout).to.match(/^ {2}\+- replace azure-native:machinelearningservices:Compute {2}scoring-batch-cluster\n {12}changed: properties\.properties\.vmSize\n {3}!! HAZARD: Azure cannot change properties\.properties\.vmSize/m);
    expect(text.stdout).to.match(/\nSummary: 0 to create, 0 to update, 4 to replace, 0 to delete, 1 hazard, 0 new mandatory violations\n$/);
    const md = await planCli(["--project-dir", dir, "--stack", "prod", "--diff", baseFile, "--markdown"]);
    expect(md.stdout).to.match(/^### `prod`: 0 to create, 0 to update, 4 to replace, 0 to delete, :warning: 1 hazard/);
    // The hazard sits under its resource: action, type and name, then the hazard.
    expect(md.stdout).to.contain(
      "**Hazards**\n\n- **replace** `azure-native:machinelearningservices:Compute` **scoring-batch-cluster**\n  - :warning: Azure cannot change properties.properties.vmSize: a cluster's VM size is fixed at creation\n",
    );
    expect(md.stdout).to.contain("| replace (possibly) | `azure-native:authorization:RoleAssignment` | scoring-batch-cluster-blob-data | `roleAssignmentName` |  |");
    expect(md.stdout).to.contain("| replace | `azure-native:machinelearningservices:Compute` | scoring-batch-cluster | `properties.properties.vmSize` | :warning: |");
  });

  it("reports moving a project to another hub as a replacement of the project (known outputs)", async () => {
    const prod = path.join(ROOT, "Pulumi.prod.yaml");
    const before = prodVariant(() => undefined, prod);
    const after = prodVariant((c) => {
      const hub = c["azureml-platform:workspaces"][0];
      c["azureml-platform:workspaces"].push({ ...hub, name: "platform-b", displayName: "Second hub" });
      c["azureml-platform:workspaces"].find((w: any) => w.name === "fraud").hub = "platform-b";
    }, prod);
    const base = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "azml-hub-")), "prod.json");
    await planCli(["--project-dir", before, "--stack", "prod", "--known-outputs", "--json", "--out", base]);
    const r = await planCli(["--project-dir", after, "--stack", "prod", "--known-outputs", "--diff", base, "--json"]);
    const doc = JSON.parse(r.stdout);
    const project = doc.changes.find((c: any) => c.name === "fraud-mlw");
    expect(project).to.deep.include({ action: "replace", possibly: false });
    expect(project.properties).to.include("hubResourceId");
    expect(project.hazards).to.include("Azure cannot change hubResourceId: a project belongs to the hub it was created in; moving it to another hub makes a new project");
    expect(doc.changes.filter((c: any) => c.name === "scoring-mlw")).to.deep.equal([]);
  });

  const bad: [string, () => string, RegExp][] = [
    ["a missing base", () => path.join(os.tmpdir(), "no-such-plan.json"), /^error: base plan not found or unreadable: /],
    ["a base that is not JSON", () => write("{ nope"), /^error: base plan .* is not valid JSON/],
    ["a base that is not a plan", () => write(JSON.stringify({ stack: "prod", resources: [{}] })), /^error: base plan .* is not a plan --json document/],
    ["a base from another stack", () => write(JSON.stringify({ stack: "dev", resources: [], access: [] })), /^error: base plan .* is a plan of stack dev, not prod: compare plans of the same stack\n$/],
    ["a base without project and mode", () => write(JSON.stringify({ stack: "prod", resources: [], access: [] })), /^error: base plan .* does not say its project and mode \(made by an older azureml-platform\)/],
    ["a base made with --known-outputs", () => write(JSON.stringify({ project: "azureml-platform", stack: "prod", mode: "known-outputs", resources: [], access: [] })), /^error: base plan .* was made with --known-outputs \(known-outputs\), this plan without --known-outputs \(first-preview\): make both in the same mode\n$/],
    ["a base of another project", () => write(JSON.stringify({ project: "someone-else", stack: "prod", mode: "first-preview", resources: [], access: [] })), /^error: base plan .* is a plan of project someone-else, not azureml-platform: compare plans of the same project\n$/],
  ];
  function write(text: string): string {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "azml-bad-")), "base.json");
    fs.writeFileSync(file, text);
    return file;
  }
  for (const [label, file, message] of bad) {
    it(`exits 2 with one error line on ${label}`, async () => {
      const r = await planCli(["--stack", "prod", "--diff", file(), "--json"]);
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
  const side = (resources: DiffSide["resources"], access: AccessMatrixRow[] = [], violations: DiffSide["violations"] = []): DiffSide => ({ stack: "s", resources, access, violations });
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

  it("replaces a workspace whose kind or hub changes: neither can change in place", () => {
    const WS = "azure-native:machinelearningservices:Workspace";
    const urn = "urn:pulumi:s::p::" + WS + "::mlw";
    const hub = (name: string) => `/subscriptions/s/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/${name}`;
    const base = { workspaceName: "w", kind: "Project", hubResourceId: hub("a") };
    const change = (inputs: Record<string, unknown>) => diffPlans(side([res(urn, WS, base)]), side([res(urn, WS, inputs)]), "b").changes[0];
    const moved = change({ ...base, hubResourceId: hub("b") });
    expect(moved).to.deep.include({ action: "replace", properties: ["hubResourceId"] });
    expect(moved.hazards).to.include("Azure cannot change hubResourceId: a project belongs to the hub it was created in; moving it to another hub makes a new project");
    const promoted = change({ workspaceName: "w", kind: "Hub" });
    expect(promoted.action).to.equal("replace");
    expect(promoted.hazards).to.include("Azure cannot change kind: a workspace's kind (default, hub, project) is fixed at creation");
    expect(change({ ...base, description: "x" }).action).to.equal("update");
  });

  it("flags replacing a resource protected on either side", () => {
    const urn = "urn:pulumi:s::p::" + RG + "::rg";
    const protectedIn = (base: boolean, head: boolean) =>
      diffPlans(side([res(urn, RG, { resourceGroupName: "rg", location: "westeurope" }, { protect: base })]), side([res(urn, RG, { resourceGroupName: "rg", location: "northeurope" }, { protect: head })]), "b").changes[0].hazards.filter((h) => /protected/.test(h));
    expect([protectedIn(true, false), protectedIn(false, true), protectedIn(false, false)].map((h) => h.length)).to.deep.equal([1, 1, 0]);
  });

  it("flags deleting or replacing a resource group: Azure deletes everything in it", () => {
    const urn = "urn:pulumi:s::p::" + RG + "::rg";
    const base = side([res(urn, RG, { resourceGroupName: "rg", location: "westeurope" })]);
    expect(diffPlans(base, side([]), "b").changes[0]).to.deep.include({
      action: "delete",
      hazards: ["deletes resource group rg: Azure deletes every resource in it, including those this stack does not manage"],
    });
    const replaced = diffPlans(base, side([res(urn, RG, { resourceGroupName: "rg2", location: "westeurope" })]), "b");
    expect(replaced.changes[0].hazards).to.deep.equal(["replaces resource group rg: Azure deletes every resource in it, including those this stack does not manage"]);
    expect(replaced.summary.hazards).to.equal(1);
  });

  it("flags deleting a private DNS zone, and says when a workspace listed first took a network's zones over", () => {
    const ZONE = "azure-native:privatedns:PrivateZone";
    const zone = (owner: string, key: string, zoneName: string) => res(`urn:pulumi:s::p::azureml-platform:index:WorkspaceStack$${ZONE}::${owner}-dns-${key}`, ZONE, { privateZoneName: zoneName, resourceGroupName: `rg-${owner}`, location: "global" });
    const api = "privatelink.api.azureml.ms";
    const base = side([zone("alpha", "api", api)]);
    const moved = diffPlans(base, side([zone("beta", "api", api)]), "b");
    expect(moved.changes.map((c) => `${c.action} ${c.name}`)).to.deep.equal(["create beta-dns-api", "delete alpha-dns-api"]);
    expect(moved.changes[1].hazards).to.deep.equal([
      `deletes private DNS zone ${api} (alpha-dns-api): the private endpoints recorded in it stop resolving to their private addresses until another zone records them; beta-dns-api creates a zone of that name now; if on the same network, the zones moved (a network's zones belong to the first workspace on it in \`workspaces\`: list a new workspace after the existing ones)`,
    ]);
    expect(moved.changes[0].hazards).to.deep.equal([]);
    // Dropped, not moved: the first half only. A zone of another name created meanwhile is not a move.
    const dropped = diffPlans(base, side([zone("beta", "nb", "privatelink.notebooks.azure.net")]), "b").changes.find((c) => c.action === "delete")!;
    expect(dropped.hazards).to.deep.equal([`deletes private DNS zone ${api} (alpha-dns-api): the private endpoints recorded in it stop resolving to their private addresses until another zone records them`]);
    // A zone of that name kept on another network, or a new link to one, is no move.
    const LINK = "azure-native:privatedns:VirtualNetworkLink";
    const other = zone("gamma", "api", api);
    const link = res(`urn:pulumi:s::p::${LINK}::beta-dns-api-link`, LINK, { privateZoneName: api, virtualNetworkLinkName: "l" });
    const notMoved = diffPlans(side([zone("alpha", "api", api), other]), side([other, link]), "b").changes.find((c) => c.action === "delete")!;
    expect(notMoved.hazards).to.deep.equal([`deletes private DNS zone ${api} (alpha-dns-api): the private endpoints recorded in it stop resolving to their private addresses until another zone records them`]);
    // Kept (or only re-tagged), no hazard; moved to another resource group, a replacement with the hazard.
    expect(diffPlans(base, base, "b").changes).to.deep.equal([]);
    const replaced = diffPlans(base, side([{ ...zone("alpha", "api", api), inputs: { privateZoneName: api, resourceGroupName: "rg-other", location: "global" } }]), "b").changes[0];
    expect(replaced.action).to.equal("replace");
    expect(replaced.hazards[0]).to.match(/^replaces private DNS zone privatelink\.api\.azureml\.ms \(alpha-dns-api\): /);
  });

  it("follows an unknown identifying input to the resource it comes from: replaced when that one is renamed, possibly when it is re-created, untouched when it is kept", () => {
    const WS = "azure-native:machinelearningservices:Workspace";
    const CO = "azure-native:machinelearningservices:Compute";
    const ws = "urn:pulumi:s::p::" + WS + "::mlw";
    const co = "urn:pulumi:s::p::" + CO + "::cpu";
    const compute = (extra: Record<string, unknown> = {}) =>
      res(co, CO, { computeName: "cpu", workspaceName: "[unknown]", resourceGroupName: "rg", tags: { a: "1" }, ...extra }, { dependencies: [ws], propertyDependencies: { workspaceName: [ws], tags: [] } });
    const base = side([res(ws, WS, { workspaceName: "w", resourceGroupName: "rg", hbiWorkspace: false }), compute()]);
    const diff = (workspace: Record<string, unknown>, c = compute()) => diffPlans(base, side([res(ws, WS, { resourceGroupName: "rg", ...workspace }), c]), "b");
    const renamed = diff({ workspaceName: "w2", hbiWorkspace: false }).changes.find((c) => c.urn === co)!;
    expect(renamed).to.deep.include({ action: "replace", possibly: false, properties: ["workspaceName"] });
    const recreated = diff({ workspaceName: "w", hbiWorkspace: true }, compute({ tags: { a: "2" } })).changes.find((c) => c.urn === co)!;
    expect(recreated).to.deep.include({ action: "replace", possibly: true, properties: ["tags.a", "workspaceName"] });
    expect(diff({ workspaceName: "w", hbiWorkspace: false, description: "d" }).changes.map((c) => c.urn)).to.deep.equal([ws]);
    // Known values are compared as they are: no guess.
    const known = diffPlans(
      side([res(ws, WS, { workspaceName: "w", resourceGroupName: "rg" }), compute({ workspaceName: "w" })]),
      side([res(ws, WS, { workspaceName: "w", resourceGroupName: "rg", hbiWorkspace: true }), compute({ workspaceName: "w" })]),
      "b",
    );
    expect(known.changes.map((c) => c.urn)).to.deep.equal([ws]);
  });

  it("does not make an admin team's admin-only gain a hazard; a non-admin's is, on its grant", () => {
    const RA = "azure-native:authorization:RoleAssignment";
    const flags = (on: string[]) => Object.fromEntries(KEY_OPERATION_NAMES.map((op) => [op, on.includes(op)])) as unknown as AccessMatrixRow["operations"];
    const row = (team: string, on: string[]): AccessMatrixRow => ({ team, workspace: "w", principalId: team, roles: [], operations: flags(on) });
    const grant = (team: string, admin: boolean) => res(`urn:pulumi:s::p::${RA}::access-${team}-w`, RA, { description: `azureml-platform team=${team}${admin ? " admin" : ""}`, scope: "/x" });
    const d = diffPlans(side([]), side([grant("ops", true), grant("devs", false)], [row("ops", ["createCompute"]), row("devs", ["createCompute"])]), "b");
    expect(Object.fromEntries(d.changes.map((c) => [c.name, c.hazards]))).to.deep.equal({ "access-devs-w": ["team devs gains admin-only createCompute on workspace w"], "access-ops-w": [] });
  });

  it("compares mandatory violations by pack, policy and resource (through aliases), ignoring advisory ones", () => {
    const v = (policy: string, urn: string | undefined, enforcementLevel: "mandatory" | "advisory" = "mandatory", message = "m") => ({ pack: "p", policy, urn, enforcementLevel, message });
    const old = "urn:pulumi:s::p::" + RG + "::old";
    const renamed = "urn:pulumi:s::p::" + RG + "::new";
    const base = side([res(old, RG, { resourceGroupName: "rg" })], [], [v("kept", old), v("gone", old), v("stack", undefined, "mandatory", "one")]);
    const head = side([res(renamed, RG, { resourceGroupName: "rg" }, { aliases: [old] })], [], [v("kept", renamed), v("added", renamed), v("stack", undefined, "mandatory", "two"), v("soft", renamed, "advisory")]);
    const d = diffPlans(base, head, "b");
    expect(d.violations.new.map((x) => `${x.policy}:${x.message}`)).to.deep.equal(["added:m", "stack:two"]);
    expect(d.violations.resolved.map((x) => `${x.policy}:${x.message}`)).to.deep.equal(["gone:m", "stack:one"]);
  });

  it("writes changed paths with indexes and keys", () => {
    expect(changedPaths({ a: { b: [1, { c: 2 }] }, d: 1 }, { a: { b: [1, { c: 3 }] }, e: 1 })).to.deep.equal(["a.b[1].c", "d", "e"]);
    expect(changedPaths([1], [1, 2])).to.deep.equal(["[1]"]);
  });

  it("reports active <-> eligible per team and workspace: the row's activation and the operations moving, gained and lost alike", () => {
    const flags = (on: string[]) => Object.fromEntries(KEY_OPERATION_NAMES.map((op) => [op, on.includes(op)])) as unknown as AccessMatrixRow["operations"];
    const row = (team: string, on: string[], eligible?: string[]): AccessMatrixRow => ({
      team,
      workspace: "w",
      principalId: team,
      roles: [],
      operations: flags(on),
      ...(eligible ? { activation: "eligible" as const, eligibleOperations: eligible, eligibleRoles: ["Owner"] } : {}),
    });
    expect(
      diffAccess(
        [row("to-eligible", ["createCompute", "submitJob"]), row("to-active", ["createCompute"], ["createCompute"]), row("same", ["createCompute"], ["createCompute"]), row("mixed", ["submitJob"]), row("reader", [])],
        [row("to-eligible", ["createCompute", "submitJob", "deleteCompute"], ["createCompute", "deleteCompute"]), row("to-active", ["createCompute"]), row("same", ["createCompute"], ["createCompute"]), row("mixed", ["submitJob", "createCompute"], ["createCompute"]), row("reader", [], [])],
      ),
    ).to.deep.equal([
      { team: "mixed", workspace: "w", gained: ["createCompute"], lost: [], activation: { before: "active", after: "eligible" } },
      { team: "reader", workspace: "w", gained: [], lost: [], activation: { before: "active", after: "eligible" } },
      { team: "to-active", workspace: "w", gained: [], lost: [], activation: { before: "eligible", after: "active" }, nowActive: ["createCompute"] },
      { team: "to-eligible", workspace: "w", gained: ["deleteCompute"], lost: [], activation: { before: "active", after: "eligible" }, nowEligible: ["createCompute"] },
    ]);
    // A row that appears or disappears has no "before" activation to compare.
    expect(diffAccess([], [row("new", ["createCompute"], ["createCompute"])])).to.deep.equal([{ team: "new", workspace: "w", gained: ["createCompute"], lost: [], row: "added", operations: ["createCompute"] }]);
    // An operation moving while the row stays eligible.
    expect(diffAccess([row("x", ["createCompute", "submitJob"], ["createCompute"])], [row("x", ["createCompute", "submitJob"], ["createCompute", "submitJob"])])).to.deep.equal([
      { team: "x", workspace: "w", gained: [], lost: [], nowEligible: ["submitJob"] },
    ]);
  });

  it("reports access gained and lost per team and workspace, leaving unchanged rows out", () => {
    const flags = (on: string[]) => Object.fromEntries(KEY_OPERATION_NAMES.map((op) => [op, on.includes(op)])) as unknown as AccessMatrixRow["operations"];
    const row = (team: string, workspace: string, on: string[]): AccessMatrixRow => ({ team, workspace, principalId: team, roles: [], operations: flags(on) });
    expect(
      diffAccess([row("a", "w", ["submitJob", "readData"]), row("b", "w", ["submitJob"]), row("gone", "w", ["createCompute"])], [row("a", "w", ["submitJob", "createCompute"]), row("b", "w", ["submitJob"]), row("new", "w", ["readData"])]),
    ).to.deep.equal([
      { team: "a", workspace: "w", gained: ["createCompute"], lost: ["readData"] },
      { team: "gone", workspace: "w", gained: [], lost: ["createCompute"], row: "removed", operations: ["createCompute"] },
      { team: "new", workspace: "w", gained: ["readData"], lost: [], row: "added", operations: ["readData"] },
    ]);
    // A new team that holds none of the key operations (Reader) is still a change a reviewer sees.
    expect(diffAccess([], [row("readers", "w", [])])).to.deep.equal([{ team: "readers", workspace: "w", gained: [], lost: [], row: "added", operations: [] }]);
  });
});

describe("plan --diff across months: a budget's start date", function () {
  this.timeout(120_000);
  const side = (r: PlanResult): DiffSide => ({ stack: r.stack, resources: r.resources, access: r.access, violations: r.violations });

  it("reads an ignoreChanges path as covering itself and what lies under it, nothing else", () => {
    expect(ignoredBy(["timePeriod.startDate"], "timePeriod.startDate")).to.equal(true);
    expect(ignoredBy(["timePeriod"], "timePeriod.startDate")).to.equal(true);
    expect(ignoredBy(["tags"], "tags[0]")).to.equal(true);
    expect(ignoredBy(["timePeriod.startDate"], "timePeriod.endDate")).to.equal(false);
    expect(ignoredBy(["timePeriod"], "timePeriodX")).to.equal(false);
    expect(ignoredBy(undefined, "timePeriod.startDate")).to.equal(false);
  });

  it("warns that a replaced budget keeps its old start date, which Azure refuses for a new budget", () => {
    const budget = (urn: string, name: string, ignoreChanges?: string[]) => ({
      urn,
      type: "azure-native:consumption:Budget",
      name: "fraud-budget",
      parent: null,
      protect: false,
      inputs: { budgetName: name, scope: "/subscriptions/s/resourceGroups/rg", timePeriod: { startDate: "2026-12-01T00:00:00Z" } } as Record<string, unknown>,
      dependencies: [],
      ...(ignoreChanges ? { ignoreChanges } : {}),
    });
    const side = (r: ReturnType<typeof budget>): DiffSide => ({ stack: "prod", resources: [r], access: [] });
    const urn = "urn:pulumi:prod::p::azure-native:consumption:Budget::fraud-budget";
    const renamed = diffPlans(side(budget(urn, "budget-fraud")), side(budget(urn, "budget-risk", ["timePeriod.startDate"])), "base");
    expect(renamed.changes.map((c) => [c.action, c.hazards])).to.deep.equal([
      ["replace", [`replaces budget fraud-budget, whose replacement keeps the start date in the stack's state (ignoreChanges): Azure refuses it unless that is the current month; pulumi destroy --target ${urn}, then pulumi up`]],
    ]);
    // Without ignoreChanges the replacement takes the program's start date: no such hazard.
    expect(diffPlans(side(budget(urn, "budget-fraud")), side(budget(urn, "budget-risk")), "base").changes.map((c) => [c.action, c.hazards])).to.deep.equal([["replace", []]]);
    // An update (a new amount) keeps the budget: no hazard either.
    const amount = budget(urn, "budget-fraud", ["timePeriod.startDate"]);
    expect(diffPlans(side(budget(urn, "budget-fraud")), side({ ...amount, inputs: { ...amount.inputs, amount: 5 } }), "base").changes.map((c) => [c.action, c.hazards])).to.deep.equal([["update", []]]);
  });

  it("shows no change when the prod stack is planned again in a later month", async () => {
    const december = await plan({ projectDir: ROOT, stack: "prod", knownOutputs: true, now: new Date("2026-12-15T10:00:00Z") });
    const march = await plan({ projectDir: ROOT, stack: "prod", knownOutputs: true, now: new Date("2027-03-02T08:00:00Z") });
    const budgets = (r: PlanResult) => r.resources.filter((x) => x.type === "azure-native:consumption:Budget");
    expect(budgets(december).map((b) => (b.inputs.timePeriod as { startDate: string }).startDate)).to.deep.equal(["2026-12-01T00:00:00Z", "2026-12-01T00:00:00Z", "2026-12-01T00:00:00Z"]);
    expect(budgets(march).map((b) => (b.inputs.timePeriod as { startDate: string }).startDate)).to.deep.equal(["2027-03-01T00:00:00Z", "2027-03-01T00:00:00Z", "2027-03-01T00:00:00Z"]);
    for (const b of budgets(march)) expect(b.ignoreChanges).to.deep.equal(["timePeriod.startDate"]);
    const diff = diffPlans(side(december), side(march), "december");
    expect(diff.changes).to.deep.equal([]);
    // Without the budget's ignoreChanges, the same two plans would update (Azure: refuse) the start date.
    const bare = (r: PlanResult) => ({ ...side(r), resources: r.resources.map(({ ignoreChanges: _, ...rest }) => rest) });
    const unguarded = diffPlans(bare(december), bare(march), "december");
    expect(unguarded.changes.map((c) => [c.name, c.action, c.properties, c.hazards])).to.deep.equal([
      ["fraud-budget", "replace", ["timePeriod.startDate"], ["Azure cannot change timePeriod.startDate: a budget's start date is fixed at creation"]],
      ["platform-budget", "replace", ["timePeriod.startDate"], ["Azure cannot change timePeriod.startDate: a budget's start date is fixed at creation"]],
      ["scoring-budget", "replace", ["timePeriod.startDate"], ["Azure cannot change timePeriod.startDate: a budget's start date is fixed at creation"]],
    ]);
  });
});
