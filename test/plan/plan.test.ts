import Ajv from "ajv";
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { pathToFileURL } from "url";
import { isDeferred, plan, PlanResult } from "../../plan/plan";
import { renderSarif, sarifFileUri } from "../../plan/report";
import { PACKS } from "../../policies/packs";
import { spawnSync } from "child_process";
import { ROOT, planCli, planProcess } from "../helpers/cli";
import { plannedStack } from "../helpers/plans";

const NPM = process.platform === "win32" ? "npm.cmd" : "npm";

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

const PROD_CONFIGS = { access: path.join(ROOT, "policies", "access", "config", "prod.json"), security: path.join(ROOT, "policies", "security", "config", "prod.json") };
/** What the seed's Data Scientist role (dev keeps it verbatim) and the built-in AzureML Data Scientist really allow, as dev reports it. */
const SEED_FINDINGS = [
  "advisory custom-role-must-exclude-authorization-writes access-role-data-scientist",
  "advisory only-admins-create-compute access-data-scientists-fraud",
  "advisory only-admins-create-compute access-pipeline-fraud",
];
const DEV_CONFIGS = { access: path.join(ROOT, "policies", "access", "config", "dev.json"), security: path.join(ROOT, "policies", "security", "config", "dev.json") };

describe("plan (offline preview + policy packs)", () => {
  const results: Record<string, PlanResult> = {};
  before(async () => {
    results.dev = (await plannedStack(ROOT, "dev")).result;
    results.prod = (await plannedStack(ROOT, "prod")).result;
    results.prodKnown = (await plannedStack(ROOT, "prod", true)).result;
    // Known outputs: a first preview defers what needs a new resource's outputs (test/policies/protocol.test.ts).
    results.insecure = await plan({ projectDir: path.join(ROOT, "examples", "insecure"), stack: "insecure", policyConfigs: PROD_CONFIGS, knownOutputs: true });
  });

  it("plans prod clean once its resources exist (--known-outputs), and shows dev's seed role for what it is", async () => {
    // One prerequisite, advisory: the central CMK vault the hub's identity is granted on must exist first.
    expect(results.prodKnown.violations.map((v) => `${v.enforcementLevel} ${v.policy} ${v.urn!.split("::").pop()}`)).to.deep.equal([
      "advisory grant-target-outside-stack platform-id-cmk-crypto-user",
    ]);
    expect(results.prodKnown.violations[0].message).to.contain("/vaults/kv-platform-cmk, which this stack does not create: it must exist before pulumi up");
    expect(results.prodKnown.summary).to.deep.equal({ resources: 103, mandatory: 0, advisory: 1, deferred: 0 });
    const devKnown = (await plannedStack(ROOT, "dev", true)).result;
    expect(devKnown.summary).to.deep.equal({ resources: 28, mandatory: 0, advisory: 3, deferred: 0 });
    expect(devKnown.violations.map((v) => `${v.enforcementLevel} ${v.policy} ${v.urn!.split("::").pop()}`).sort()).to.deep.equal(SEED_FINDINGS);
  });

  it("plans a first preview of prod with no mandatory violation: what needs a new resource's outputs is deferred to the update", () => {
    const prod = results.prod;
    // Stack policies see preview outputs (plan/outputShape.ts): every output the inputs leave out is
    // unknown, input-only parameters are absent, so more waits for the update than the inputs showed.
    expect(prod.summary).to.deep.equal({ resources: 103, mandatory: 0, advisory: 0, deferred: 16 });
    expect(prod.violations.every(isDeferred)).to.equal(true);
    expect(prod.violations.map((v) => `${v.policy} ${v.urn?.split("::").pop() ?? "(stack)"}`).sort()).to.deep.equal([
      "application-insights-workspace-based platform-appi",
      // A workspace's resource group is a URL parameter, not an output: a budget's reach shows at the update.
      "budget-in-prod (stack)",
      "cmk-key-vault-recoverable (stack)",
      "cmk-key-vault-requirements (stack)",
      "cmk-key-vault-same-subscription (stack)",
      "cmk-needs-cosmos-access-or-service-side (stack)",
      "custom-role-assignable-scopes-not-broader-than-resource-group access-role-data-scientist",
      "fqdn-outbound-rule-not-to-storage (stack)",
      // Whether the central CMK vault is the hub's own: the stack's vault has no Azure name in a first preview.
      "grant-target-outside-stack (stack)",
      "outbound-private-endpoint-rule-needs-approver (stack)",
      "outbound-rule-type-needs-approved-outbound (stack)",
      "private-storage-endpoint-needs-workspace-reader (stack)",
      "registry-name-valid (stack)",
      "registry-private-needs-image-build-compute (stack)",
      "workspace-inbound-path (stack)",
      "workspace-registry-outbound-rule (stack)",
    ]);
    // The registry's id is built from its names (known now) and waits for the registry: the hub's
    // managed network, with its rule to the registry, is known in a first preview.
    const hub = prod.resources.find((r) => r.name === "platform-mlw")!;
    expect((hub.inputs.managedNetwork as any).outboundRules["registry-fraud-models"].destination.serviceResourceId).to.equal(
      "/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg-fraud-prod-registry-models/providers/Microsoft.MachineLearningServices/registries/fraud-models",
    );
    expect(hub.propertyDependencies!.managedNetwork).to.include(prod.resources.find((r) => r.name === "models-mlr")!.urn);
    for (const v of prod.violations) expect(v.message).to.match(/^can't run policy '[a-z-]+' from policy pack 'azureml-(access|security|deployability)@v0\.1\.0' during preview: \S+ value at \.\S+ can't be known during preview$/);
    // The new Log Analytics workspace's id is unknown in a first preview and shown as such.
    const appi = prod.resources.find((r) => r.name === "platform-appi")!;
    expect(appi.inputs).to.deep.include({ ingestionMode: "LogAnalytics", workspaceResourceId: "[unknown]" });
    expect(results.prodKnown.resources.find((r) => r.name === "platform-appi")!.inputs.workspaceResourceId).to.match(/^\/subscriptions\/.*\/workspaces\/log-fraud-prod-platform/);
  });

  it("plans the dev stack with the seed role's advisories and deferrals only in a first preview", () => {
    // Dev's workspace reads its outbound rules in a first preview: Azure adds its own required ones.
    expect(results.dev.summary).to.deep.equal({ resources: 28, mandatory: 0, advisory: 3, deferred: 12 });
    expect(results.dev.violations.filter((v) => !isDeferred(v)).map((v) => `${v.enforcementLevel} ${v.policy} ${v.urn!.split("::").pop()}`).sort()).to.deep.equal(SEED_FINDINGS);
  });

  it("emits JSON of the documented shape", () => {
    for (const r of Object.values(results)) expect(validateResult(JSON.parse(JSON.stringify(r))), JSON.stringify(validateResult.errors)).to.equal(true);
    const hub = results.prod.resources.find((r) => r.name === "platform-mlw")!;
    expect(hub.parent).to.equal("urn:pulumi:prod::azureml-platform::azureml-platform:index:WorkspaceStack::platform");
    expect(hub.inputs).to.deep.include({ kind: "Hub", publicNetworkAccess: "Disabled", hbiWorkspace: true });
    const project = results.prod.resources.find((r) => r.name === "fraud-mlw")!;
    expect(project.inputs).to.deep.include({ kind: "Project", hubResourceId: "[unknown]" });
    expect(project.propertyDependencies!.hubResourceId).to.deep.equal([hub.urn]);
    expect(results.prod.resources.filter((r) => r.protect).map((r) => r.name).sort()).to.deep.equal(["fraud-mlw", "models-mlr", "platform-kv", "platform-mlw", "platform-storage", "scoring-mlw"]);
  });

  it("gives the prod hub a private endpoint on the hub network, and it and the registry's endpoint the network's central zones", () => {
    const byName = (n: string) => results.prodKnown.resources.find((r) => r.name === n)!;
    // Hub-and-spoke: the zones are the network's, linked by the platform team; the stack creates none.
    expect(results.prodKnown.resources.filter((r) => r.type === "azure-native:privatedns:PrivateZone" || r.type === "azure-native:privatedns:VirtualNetworkLink")).to.deep.equal([]);
    const apiZone = "/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/privatelink.api.azureml.ms";
    const pe = byName("platform-pe").inputs as any;
    expect(pe.subnet.id).to.match(/virtualNetworks\/vnet-hub\/subnets\/snet-private-endpoints$/);
    expect(pe.privateLinkServiceConnections[0].groupIds).to.deep.equal(["amlworkspace"]);
    expect((byName("platform-pe-dns").inputs as any).privateDnsZoneConfigs.map((c: any) => c.privateDnsZoneId)).to.deep.equal([
      apiZone,
      "/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/privatelink.notebooks.azure.net",
    ]);
    const registryEndpoint = byName("models-pe").inputs as any;
    expect(registryEndpoint.privateLinkServiceConnections[0].groupIds).to.deep.equal(["amlregistry"]);
    expect((byName("models-pe-dns").inputs as any).privateDnsZoneConfigs.map((c: any) => c.privateDnsZoneId)).to.deep.equal([apiZone]);
    // Projects have no endpoint of their own: one endpoint on the hub serves them (concept-hub-workspace).
    expect(results.prodKnown.resources.filter((r) => r.type === "azure-native:network:PrivateEndpoint").map((r) => r.name).sort()).to.deep.equal([
      "models-pe",
      "models-pe-acr",
      "models-pe-blob-northeurope",
      "models-pe-blob-westeurope",
      "platform-pe",
      "platform-pe-blob",
      "platform-pe-file",
    ]);
    // The registry's storage and container registry resolve through the network's central zones too.
    const zoneOf = (n: string) => (byName(n).inputs as any).privateDnsZoneConfigs.map((c: any) => c.privateDnsZoneId.split("/").pop());
    expect(zoneOf("models-pe-blob-northeurope-dns")).to.deep.equal(["privatelink.blob.core.windows.net"]);
    expect(zoneOf("models-pe-acr-dns")).to.deep.equal(["privatelink.azurecr.io"]);
    expect((byName("models-pe-acr").inputs as any).privateLinkServiceConnections[0]).to.deep.include({ groupIds: ["registry"] });
    const hub = byName("platform-mlw").inputs as any;
    expect(Object.keys(hub.managedNetwork.outboundRules)).to.include.members(["pypi", "pythonhosted", "anaconda-org", "registry-fraud-models"]);
    // The projects' registry is reached through the hub's managed network.
    expect(hub.managedNetwork.outboundRules["registry-fraud-models"].destination).to.deep.include({ subresourceTarget: "amlregistry" });
    // The hub's user-assigned identity is granted before the hub (Contributor on its resource group, the
    // approver role on the registry): the network is provisioned with the hub, its endpoints created by pulumi up.
    expect(hub.provisionNetworkNow).to.equal(true);
    const hubDeps = results.prodKnown.resources.find((r) => r.name === "platform-mlw")!.dependencies;
    for (const grant of ["platform-id-rg-contributor", "platform-id-approver-registry-fraud-models"]) expect(hubDeps, grant).to.include(byName(grant).urn);
  });

  it("reports who can do what for every team × workspace of the dev stack", () => {
    expect(results.dev.access.map((r) => `${r.team}/${r.workspace}/${r.roles.join("+")}`)).to.deep.equal([
      "data-scientists/fraud/Data Scientist (fraud-dev)+Storage Blob Data Contributor+Storage File Data Privileged Contributor",
      "ml-admins/fraud/Owner+Storage Blob Data Contributor+Storage File Data Privileged Contributor",
      "pipeline/fraud/AzureML Data Scientist+Storage Blob Data Contributor+Storage File Data Privileged Contributor",
    ]);
    // The seed role's real reach: everything its four NotActions leave, data through the default readWrite data access.
    expect(results.dev.access[0].operations).to.deep.equal({
      createCompute: false,
      deleteCompute: false,
      createDatastore: true,
      submitJob: true,
      registerModel: true,
      deleteWorkspace: false,
      writeRoleAssignments: false,
      readWorkspaceSecrets: true,
      changeWorkspaceSettings: true,
      deleteRoleAssignments: true,
      deleteLocks: true,
      writeOutboundRules: true,
      createConnection: true,
      readConnectionSecrets: true,
      readData: true,
      writeData: true,
      readRegistryAssets: false,
      publishToRegistry: false,
      deleteRegistryAssets: false,
    });
  });

  it("reports who can do what for every team × workspace of the prod stack", () => {
    const cell = (team: string, ws: string) => results.prod.access.find((r) => r.team === team && r.workspace === ws)!;
    // Five teams × the hub, two projects and the registry.
    expect(results.prod.access).to.have.length(20);
    // The restricted role makes the seed's sentence true: experiments and data, none of the guard rails.
    expect(cell("data-scientists", "fraud").operations).to.deep.equal({
      createCompute: false,
      deleteCompute: false,
      createDatastore: false,
      submitJob: true,
      registerModel: true,
      deleteWorkspace: false,
      writeRoleAssignments: false,
      readWorkspaceSecrets: false,
      changeWorkspaceSettings: false,
      deleteRoleAssignments: false,
      deleteLocks: false,
      writeOutboundRules: false,
      createConnection: false,
      readConnectionSecrets: false,
      readData: true,
      writeData: true,
      readRegistryAssets: false,
      publishToRegistry: false,
      deleteRegistryAssets: false,
    });
    // A project's data is its containers in the hub's storage: blob data under a container condition; the
    // file role (notebooks, prompt flow) is the hub storage's shares, which no condition can narrow.
    expect(cell("data-scientists", "fraud").roles).to.deep.equal(["Data Scientist (fraud-prod)", "Storage Blob Data Contributor", "Storage File Data Privileged Contributor"]);
    expect(cell("data-scientists", "platform").operations.readData).to.equal(false);
    expect(cell("data-scientists", "platform").roles).to.deep.equal(["Reader", "Storage File Data Privileged Contributor"]);
    expect(cell("data-scientists", "models")).to.deep.include({ kind: "registry", roles: ["Reader"] });
    // The registry's Azure name is a URL parameter, not an output: in a first preview the grants written
    // to its id may reach it (uncertain, †); once it exists they do.
    expect(cell("data-scientists", "models").uncertain).to.deep.equal(["readRegistryAssets"]);
    const known = (team: string, ws: string) => results.prodKnown.access.find((r) => r.team === team && r.workspace === ws)!;
    expect(known("data-scientists", "models").operations).to.deep.include({ readRegistryAssets: true, publishToRegistry: false });
    expect(known("pipeline", "models").operations).to.deep.include({ readRegistryAssets: true, publishToRegistry: true, deleteRegistryAssets: true });
    expect(known("pipeline", "models").uncertain).to.deep.equal([]);
    // No data access by default for roles that cannot submit jobs.
    expect(cell("auditors", "fraud").operations.readData).to.equal(false);
    expect(cell("compute-operators", "scoring").operations.createCompute).to.equal(true);
    expect(cell("auditors", "fraud").roles).to.deep.equal(["Reader"]);
    // The pipeline works on scoring only; its file role on the hub's storage is every project's shares
    // (the trade-off of projectFileShares, which a condition cannot narrow), blob data stays scoring's.
    expect(cell("pipeline", "fraud").roles).to.deep.equal(["Storage File Data Privileged Contributor"]);
    expect(cell("pipeline", "fraud").operations.readData).to.equal(false);
    // Prod's admins hold their roles just in time: the per-principal entries say so, as the team rows do.
    const admins = results.prod.principals.filter((p) => p.teams.includes("compute-operators"));
    expect(admins.filter((p) => p.workspace !== "models").map((p) => `${p.workspace} ${p.activation} ${p.eligibleOperations} ${p.eligibleRoles}`)).to.deep.equal(
      ["fraud", "platform", "scoring"].map((w) => `${w} eligible createCompute,deleteCompute AzureML Compute Operator`),
    );
    expect(results.prod.principals.find((p) => p.teams.includes("auditors"))).to.not.have.any.keys("activation", "roles");
  });

  it("flags every policy of both packs on the insecure example, all mandatory under the prod config", () => {
    const fired = new Set(results.insecure.violations.map((v) => `${v.pack}/${v.policy}`));
    for (const pack of PACKS) for (const p of pack.policies) expect(fired.has(`${pack.name}/${p.name}`), `${pack.name}/${p.name}`).to.equal(true);
    // Every policy mandatory under the prod config but those it keeps advisory: a workspace on prebuilt
    // images needs no package rules, and standing admin access is advisory unless configured mandatory.
    expect(results.insecure.violations.filter((v) => v.enforcementLevel !== "mandatory").map((v) => v.policy).sort()).to.deep.equal([
      "admin-access-just-in-time-in-prod",
      "admin-access-just-in-time-in-prod",
      "approved-outbound-has-package-rules",
      "approved-outbound-has-package-rules",
      // Prerequisites, not defects: a grant on a resource group and a rule to a data lake outside the stack.
      "grant-target-outside-stack",
      "grant-target-outside-stack",
    ]);
  });

  it("keeps violations advisory under the dev config, except the deployability pack's (mandatory in every environment: each predicts a failed deploy)", async () => {
    const r = await plan({ projectDir: path.join(ROOT, "examples", "insecure"), stack: "insecure", policyConfigs: DEV_CONFIGS });
    const mandatory = r.violations.filter((v) => v.enforcementLevel === "mandatory");
    expect(mandatory.length).to.be.greaterThan(0);
    expect([...new Set(mandatory.map((v) => v.pack))]).to.deep.equal(["azureml-deployability"]);
    expect(r.summary.advisory).to.be.greaterThan(30);
  });

  it("writes SARIF 2.1.0 with a rule per policy and a located result per violation", () => {
    const sarif = renderSarif(results.insecure, "0.1.0", PACKS) as any;
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
    const located = renderSarif(results.insecure, "0.1.0", PACKS, "infra/ml/Pulumi.insecure.yaml") as any;
    expect(located.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).to.equal("infra/ml/Pulumi.insecure.yaml");
  });

  it("locates SARIF results at the stack file as code scanning resolves it: relative to where plan runs, else an absolute file uri", () => {
    const root = path.join(os.tmpdir(), "repo");
    expect(sarifFileUri(path.join(root, "infra", "ml", "Pulumi.prod.yaml"), root)).to.equal("infra/ml/Pulumi.prod.yaml");
    expect(sarifFileUri(path.join(root, "Pulumi.prod.yaml"), root)).to.equal("Pulumi.prod.yaml");
    expect(sarifFileUri(path.join(os.tmpdir(), "elsewhere", "Pulumi.prod.yaml"), root)).to.equal(pathToFileURL(path.join(os.tmpdir(), "elsewhere", "Pulumi.prod.yaml")).href);
    expect(sarifFileUri(path.join(os.tmpdir(), "repo-other", "Pulumi.prod.yaml"), root)).to.match(/^file:\/\//);
  });

  describe("command line", () => {
    it("exits 0 on the dev stack and prints the tree, the matrix and a summary", () => {
      const r = planProcess([]);
      expect(r.code, r.stderr).to.equal(0);
      expect(r.stdout).to.contain("pulumi:pulumi:Stack").and.contain("Access matrix").and.match(/Summary: 28 resources, 0 mandatory and 3 advisory policy violations, 12 deferred to update\n$/);
    });

    it("lists what a first preview of prod defers to the update, and nothing with --known-outputs", async () => {
      const first = await planCli(["--stack", "prod"]);
      expect(first.code, first.stderr).to.equal(0);
      expect(first.stdout).to.match(/Policy violations\n  none\n\nDeferred to update/);
      expect(first.stdout).to.contain("azureml-security/application-insights-workspace-based  urn:pulumi:prod::azureml-platform::azureml-platform:index:WorkspaceStack$azure-native:applicationinsights:Component::platform-appi");
      expect(first.stdout).to.contain("azureml-security/workspace-registry-outbound-rule  (stack)");
      expect(first.stdout).to.match(/Summary: 103 resources, 0 mandatory and 0 advisory policy violations, 16 deferred to update\n$/);
      const known = await planCli(["--stack", "prod", "--known-outputs", "--json"]);
      expect(known.code, known.stderr).to.equal(0);
      expect(JSON.parse(known.stdout).summary).to.deep.equal({ resources: 103, mandatory: 0, advisory: 1, deferred: 0 });
    });

    it("exits 1 on a mandatory violation and prints exactly one JSON document with --json", () => {
      const r = planProcess(["--project-dir", "examples/insecure", "--stack", "insecure", "--policy-config", "access=policies/access/config/prod.json", "--policy-config", "security=policies/security/config/prod.json", "--json"]);
      expect(r.code).to.equal(1);
      const doc = JSON.parse(r.stdout);
      expect(validateResult(doc)).to.equal(true);
      expect(doc.summary.mandatory).to.be.greaterThan(0);
    });

    it("exits 1 on the insecure stack file, reporting both packs", async () => {
      const r = await planCli(["--stack", "insecure", "--json"]);
      expect(r.code, r.stderr).to.equal(1);
      const fired = new Set(JSON.parse(r.stdout).violations.map((v: { policy: string }) => v.policy));
      for (const p of ["only-admins-create-compute", "workspace-public-network-disabled-in-prod", "workspace-hbi-in-prod", "workspace-managed-network-in-prod", "compute-min-nodes-zero", "compute-allowed-vm-sizes", "compute-max-nodes-cap", "required-tags", "allowed-locations"])
        expect(fired.has(p), p).to.equal(true);
    });

    it("counts violations alike in the text summary and in --json", async () => {
      const text = await planCli(["--stack", "dev"]);
      const doc = JSON.parse((await planCli(["--stack", "dev", "--json"])).stdout);
      const [, resources, mandatory, advisory, deferred] = /Summary: (\d+) resources, (\d+) mandatory and (\d+) advisory policy violations, (\d+) deferred to update/.exec(text.stdout)!.map(Number);
      expect({ resources, mandatory, advisory, deferred }).to.deep.equal(doc.summary);
      expect(mandatory + advisory + deferred).to.equal(doc.violations.length);
      expect(text.stdout).to.match(/^Previewing stack dev \(azureml-platform\) offline, first preview/);
    });

    it("says which policy config each pack ran with: the stack's own file, else its environment's", async () => {
      const prod = JSON.parse((await planCli(["--stack", "prod", "--json"])).stdout);
      expect(prod.policyConfig).to.deep.equal(PACKS.map((p) => ({ pack: p.name, file: `policies/${p.directory}/config/prod.json`, source: "stack" })));
      // A stack named neither dev nor prod: its environment picks the packs' prod defaults (mandatory).
      const dir = tempProject({ "Pulumi.production.yaml": fs.readFileSync(path.join(ROOT, "Pulumi.insecure.yaml"), "utf8") });
      const r = await planCli(["--project-dir", dir, "--stack", "production", "--json"]);
      expect(r.code, r.stderr).to.equal(1);
      const doc = JSON.parse(r.stdout);
      expect(doc.policyConfig.map((c: any) => [c.source, path.basename(c.file)])).to.deep.equal(PACKS.map(() => ["environment", "prod.json"]));
      expect(doc.summary.mandatory).to.equal(JSON.parse((await planCli(["--stack", "insecure", "--json"])).stdout).summary.mandatory);
      const flagged = await planCli(["--project-dir", dir, "--stack", "production", "--policy-config", `access=${PROD_CONFIGS.access}`]);
      expect(flagged.stdout).to.contain(`azureml-access: ${PROD_CONFIGS.access} (--policy-config)`);
    });

    it("lists every flag and the exit codes in --help", async () => {
      const r = await planCli(["--help"]);
      expect(r.code).to.equal(0);
      for (const flag of ["--stack", "--project-dir", "--policy-pack", "--policy-config", "--known-outputs", "--json", "--sarif", "--markdown", "--diff", "--out", "--help"]) expect(r.stdout, flag).to.contain(flag);
      expect(r.stdout).to.match(/Exit codes:\n {2}0 .*\n {2}1 .*\n(.*\n)* {2}2 /);
    });

    it("ends quietly when the reader closes standard output (plan --json | head -c 1)", () => {
      const r = spawnSync("bash", ["-c", `"${process.execPath}" -r sucrase/register/ts cli/azureml-platform.ts plan --stack prod --json | head -c 1; echo " \${PIPESTATUS[0]}"`], { cwd: ROOT, encoding: "utf8" });
      expect(r.stderr).to.equal("");
      // The plan's own exit code (0 or 1), not a crash.
      expect(r.stdout).to.match(/^\{ [01]\n$/);
    });

    it("lets npm print its own errors, and npm run --silent plan -- --json prints one JSON document", () => {
      const typo = spawnSync(NPM, ["run", "plna"], { cwd: ROOT, encoding: "utf8" });
      expect(typo.status).to.not.equal(0);
      expect(typo.stderr).to.match(/Missing script: "plna"/);
      const r = spawnSync(NPM, ["run", "--silent", "plan", "--", "--stack", "dev", "--json"], { cwd: ROOT, encoding: "utf8" });
      expect(r.status, r.stderr).to.equal(0);
      expect(JSON.parse(r.stdout).stack).to.equal("dev");
      expect(r.stderr).to.equal("");
      // Without --silent npm's banner comes first on standard output: the command says so on stderr.
      const loud = spawnSync(NPM, ["run", "plan", "--", "--stack", "dev", "--json"], { cwd: ROOT, encoding: "utf8" });
      expect(loud.stdout).to.match(/^\n> azureml-platform@[^\n]+ plan\n/);
      expect(loud.stderr).to.contain("note: npm printed its script banner on standard output before this document; for the document alone use npm run --silent plan -- ... or --out FILE");
      expect(JSON.parse(loud.stdout.slice(loud.stdout.indexOf("{"))).stack).to.equal("dev");
    });

    it("writes SARIF to --out", async () => {
      const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "azml-sarif-")), "plan.sarif");
      const r = await planCli(["--stack", "prod", "--sarif", "--out", out]);
      expect(r.code, r.stderr).to.equal(0);
      expect(r.stdout).to.equal("");
      expect(JSON.parse(fs.readFileSync(out, "utf8")).version).to.equal("2.1.0");
      // Run from the repository's parent with --project-dir, the stack file is located under the project's folder.
      const nested = await planCli(["--project-dir", path.basename(ROOT), "--stack", "insecure", "--sarif"], path.dirname(ROOT));
      expect(JSON.parse(nested.stdout).runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).to.equal(`${path.basename(ROOT)}/Pulumi.insecure.yaml`);
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
      [
        "a policy config entry naming a policy its pack does not have",
        () => {
          const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "azml-cfg-")), "access.json");
          fs.writeFileSync(file, JSON.stringify({ all: "mandatory", "required-tags": { requiredTags: ["owner"] } }));
          return ["--stack", "prod", "--policy-config", `access=${file}`];
        },
        /^error: policy config for pack azureml-access names "required-tags", which is not a policy of that pack \(the Pulumi engine refuses it: invalid enforcement level ""\)\n$/,
      ],
      ["a policy config for a pack that does not exist", () => ["--policy-config", "network=x.json"], /^error: --policy-config network=…: no policy pack is named "network" \(packs: access, security[a-z, ]*\)\n$/],
      ["a policy config without a pack name", () => ["--policy-config", "policies/access/config/prod.json"], /^error: --policy-config takes <pack>=<file>/],
    ];
    // In process (the bin's runCommand), except a config error, which also goes through the bin's own process.
    const inProcess = (label: string) => label !== "an unknown config key, with the nearest known key";
    for (const [label, args, message] of exit2) {
      it(`exits 2 with one clear line on ${label}`, async () => {
        const r = inProcess(label) ? await planCli(args()) : planProcess(args());
        expect(r.code, r.stdout + r.stderr).to.equal(2);
        expect(r.stderr).to.match(message);
        expect(r.stderr).to.not.match(/\n\s+at /);
        expect(r.stdout).to.equal("");
      });
    }
  });
});
