import { expect } from "chai";
import { WorkspaceStack } from "../../components/WorkspaceStack";
import { Registry } from "../../components/Registry";
import { AccessModel } from "../../components/AccessModel";
import { PlatformConfigError } from "../../config/errors";
import { containerPrefixCondition } from "../../rbac/conditions";
import { ProgramRun } from "../../plan/run";
import { inputs, ofType, plainInputs, runUnderMocks, single } from "../helpers/harness";

const SUB = "/subscriptions/00000000-0000-4000-8000-000000000001";
const VNET = `${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet`;
const T = {
  rg: "azure-native:resources:ResourceGroup",
  storage: "azure-native:storage:StorageAccount",
  kv: "azure-native:keyvault:Vault",
  ws: "azure-native:machinelearningservices:Workspace",
  registry: "azure-native:machinelearningservices:Registry",
  lock: "azure-native:authorization:ManagementLockByScope",
  assignment: "azure-native:authorization:RoleAssignment",
  pe: "azure-native:network:PrivateEndpoint",
  zone: "azure-native:privatedns:PrivateZone",
};
const READER = "acdd72a7-3385-48ef-bd42-f606fba81ae7";
const APPROVER = "b556d68e-0be0-4f35-a333-ad7ee1ce17ea";
const REGISTRY_USER = "1823dd4f-9b8c-4ab6-ab4e-7397a3684615";
const BLOB_CONTRIBUTOR = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";

const byName = (run: ProgramRun, type: string, name: string) => {
  const found = ofType(run, type).find((r) => r.name === name);
  if (!found) throw new Error(`no ${type} named ${name}: ${ofType(run, type).map((r) => r.name).join(", ")}`);
  return plainInputs(found);
};
const roleOf = (a: Record<string, unknown>) => String(a.roleDefinitionId).split("/").pop();

describe("hubs, projects and registries (components)", function () {
  this.timeout(120000);
  let run: ProgramRun;
  before(async () => {
    run = await runUnderMocks(() => {
      const registry = new Registry("models", {
        project: "fraud",
        environment: "prod",
        locations: ["westeurope", "northeurope"],
        privateEndpoint: { subnetId: `${VNET}/subnets/pe`, dnsZones: { create: true, virtualNetworkId: VNET } },
      });
      const hub = new WorkspaceStack("platform", {
        project: "fraud",
        environment: "prod",
        kind: "hub",
        defaultProjectResourceGroup: `${SUB}/resourceGroups/rg-projects`,
        registries: [registry.registryIdFromNames],
      });
      // An id Output without the Registry component's mark: labelled by position.
      const project = new WorkspaceStack("team-a", { project: "fraud", environment: "prod", kind: "project", hub: { existingId: hub.workspaceId }, registries: [registry.registryId] });
      const other = new WorkspaceStack("team-b", { project: "fraud", environment: "prod", kind: "project", hub: { existingId: hub.workspaceId } });
      const access = new AccessModel("access", {
        project: "fraud",
        environment: "prod",
        workspaces: [hub.accessTarget, { ...project.accessTarget, hub: "platform", storageAccountId: hub.storageAccountId }, { ...other.accessTarget, hub: "platform", storageAccountId: hub.storageAccountId }],
        registries: [{ name: "models", registryId: registry.registryId }],
        teams: [
          { name: "team-a", groupObjectId: "11111111-2222-3333-4444-555555555555", role: "AzureML Data Scientist", workspaces: ["team-a", "team-b"], dataAccess: "readWrite", registries: ["models"] },
          { name: "release", principalObjectId: "99999999-8888-7777-6666-555555555555", principalType: "ServicePrincipal", admin: true, registries: ["models"], registryAccess: "publish" },
        ],
      });
      return { projectStorage: project.storageAccountId, hubStorage: hub.storageAccountId, projectKind: project.kind, matrix: access.accessMatrix, storageOwned: [hub.accessTarget.storageAccountOwned ?? false, project.accessTarget.storageAccountOwned ?? false], sharedKey: [hub.accessTarget.storageSharedKeyAccess ?? "unknown", project.accessTarget.storageSharedKeyAccess ?? "unknown"] };
    });
  });

  it("marks the storage account a hub creates as its own in its access target, not the hub's account a project works in", () => {
    expect((run.outputs as any).storageOwned).to.deep.equal([true, false]);
    // The prod hub's account takes no Shared Key; a project has no account of its own (the program passes its hub's setting on).
    expect((run.outputs as any).sharedKey).to.deep.equal([false, "unknown"]);
  });

  it("makes a hub a workspace of kind Hub with its own dependencies and its default project resource group", () => {
    const hub = byName(run, T.ws, "platform-mlw");
    expect(hub).to.deep.include({ kind: "Hub", workspaceHubConfig: { defaultWorkspaceResourceGroup: `${SUB}/resourceGroups/rg-projects` } });
    expect(ofType(run, T.storage).map((r) => r.name)).to.deep.equal(["platform-storage"]);
    expect(ofType(run, T.kv).map((r) => r.name)).to.deep.equal(["platform-kv"]);
  });

  it("makes a project only its workspace, under its hub, and reads the hub's dependencies back", () => {
    const project = byName(run, T.ws, "team-a-mlw");
    expect(project).to.deep.include({ kind: "Project", identity: { type: "SystemAssigned" } });
    expect(project.hubResourceId).to.match(/\/workspaces\/mlw-fraud-prod-platform-[0-9a-f]{6}$/);
    for (const key of ["storageAccount", "keyVault", "managedNetwork", "publicNetworkAccess", "hbiWorkspace", "encryption", "containerRegistry"]) expect(project, key).not.to.have.property(key);
    const children = run.resources.filter((r) => r.parent?.endsWith("::team-a")).map((r) => r.name);
    // Its diagnostics go to its hub's Log Analytics workspace (prod): the project is where jobs run.
    expect(children.sort()).to.deep.equal(["team-a-diag", "team-a-mlw", "team-a-mlw-registry-0-reader", "team-a-rg"]);
    const out = run.outputs as Record<string, unknown>;
    expect(out.projectStorage).to.equal(out.hubStorage);
    expect(out.projectKind).to.equal("project");
    const opts = ofType(run, T.ws).find((r) => r.name === "team-a-mlw")!;
    expect(opts.options.replaceOnChanges).to.deep.equal(["hubResourceId", "kind"]);
  });

  it("gives a workspace that uses a registry a private-endpoint rule to it, and its identities Reader and the approver role there", () => {
    const rules = byName(run, T.ws, "platform-mlw").managedNetwork.outboundRules;
    expect(Object.keys(rules)).to.deep.equal(["registry-fraud-models"]);
    expect(rules["registry-fraud-models"]).to.deep.equal({
      type: "PrivateEndpoint",
      category: "UserDefined",
      destination: { serviceResourceId: `${SUB}/resourceGroups/rg-fraud-prod-registry-models/providers/Microsoft.MachineLearningServices/registries/fraud-models`, subresourceTarget: "amlregistry", sparkEnabled: false },
    });
    const registryId = rules["registry-fraud-models"].destination.serviceResourceId;
    const onRegistry = ofType(run, T.assignment).map((r) => plainInputs(r)).filter((a) => a.scope === registryId);
    const hubPrincipal = (run.resources.find((r) => r.name === "platform-mlw") as any).outputs?.identity?.principalId;
    expect(onRegistry.filter((a) => roleOf(a) === APPROVER)).to.have.length(1);
    expect(onRegistry.filter((a) => roleOf(a) === READER).length).to.be.at.least(2); // the hub's and the project's identities
    void hubPrincipal;
  });

  it("creates the registry in every region it lists, private and protected in prod (no lock: managed networks reach it), with an amlregistry endpoint", () => {
    const registry = inputs(run, T.registry);
    expect(registry).to.deep.include({ registryName: "fraud-models", location: "westeurope", publicNetworkAccess: "Disabled", identity: { type: "SystemAssigned" } });
    expect(registry.regionDetails.map((r: any) => r.location)).to.deep.equal(["westeurope", "northeurope"]);
    expect(registry.regionDetails[0].acrDetails).to.deep.equal([{ systemCreatedAcrAccount: { acrAccountSku: "Premium" } }]);
    expect(registry.regionDetails[0].storageAccountDetails[0].systemCreatedStorageAccount).to.deep.include({ allowBlobPublicAccess: false });
    expect(single(run, T.registry).protect).to.equal(true);
    expect(ofType(run, T.lock).filter((l) => l.name.startsWith("models"))).to.deep.equal([]);
    expect(byName(run, T.pe, "models-pe").privateLinkServiceConnections[0].groupIds).to.deep.equal(["amlregistry"]);
    expect(byName(run, T.zone, "models-dns-api").privateZoneName).to.equal("privatelink.api.azureml.ms");
  });

  it("makes a private registry private end to end: blob endpoints to each region's storage and one to its container registry, in the same subnet, with their zones", () => {
    const endpoints = ofType(run, T.pe).filter((r) => r.name.startsWith("models-pe"));
    const target = (name: string) => byName(run, T.pe, name).privateLinkServiceConnections[0];
    expect(endpoints.map((e) => e.name).sort()).to.deep.equal(["models-pe", "models-pe-acr", "models-pe-blob-northeurope", "models-pe-blob-westeurope"]);
    for (const e of endpoints) expect(plainInputs(e).subnet.id).to.equal(`${VNET}/subnets/pe`);
    // The targets are the accounts Azure created in the registry's managed resource group, one per region.
    const blobs = ["westeurope", "northeurope"].map((l) => target(`models-pe-blob-${l}`));
    for (const b of blobs) {
      expect(b.groupIds).to.deep.equal(["blob"]);
      expect(b.privateLinkServiceId).to.match(/\/resourceGroups\/azureml-rg-fraud-models_[0-9a-f-]+\/providers\/Microsoft\.Storage\/storageAccounts\/[a-z0-9]{3,24}$/);
    }
    expect(blobs[0].privateLinkServiceId).not.to.equal(blobs[1].privateLinkServiceId);
    expect(target("models-pe-acr").groupIds).to.deep.equal(["registry"]);
    expect(target("models-pe-acr").privateLinkServiceId).to.match(/\/providers\/Microsoft\.ContainerRegistry\/registries\/[a-z0-9]+$/);
    expect(byName(run, T.zone, "models-dns-blob").privateZoneName).to.equal("privatelink.blob.core.windows.net");
    expect(byName(run, T.zone, "models-dns-acr").privateZoneName).to.equal("privatelink.azurecr.io");
    expect(byName(run, T.pe, "models-pe-acr").privateEndpointName).to.equal("pe-fraud-models-acr");
  });

  it("grants teams on registries (Reader to use, AzureML Registry User to publish) and shows registry rows in the matrix", () => {
    const assignments = ofType(run, T.assignment).map((r) => ({ name: r.name, ...plainInputs(r) }));
    expect(roleOf(assignments.find((a) => a.name === "access-team-a-registry-models")!)).to.equal(READER);
    expect(roleOf(assignments.find((a) => a.name === "access-release-registry-models")!)).to.equal(REGISTRY_USER);
    const matrix = (run.outputs as any).matrix as any[];
    const row = (team: string, target: string) => matrix.find((r) => r.team === team && r.workspace === target);
    expect(row("release", "models")).to.deep.include({ kind: "registry" });
    expect(row("release", "models").operations).to.deep.include({ readRegistryAssets: true, publishToRegistry: true, deleteRegistryAssets: true, createCompute: false });
    expect(row("team-a", "models").operations).to.deep.include({ readRegistryAssets: true, publishToRegistry: false });
    expect(row("team-a", "team-a").operations).to.deep.include({ readRegistryAssets: false });
  });

  it("limits a team's blob data access to its projects' containers in the hub's storage: one conditioned assignment per hub (file shares beside it, unconditioned)", () => {
    const data = ofType(run, T.assignment).filter((r) => r.name.startsWith("access-team-a-data"));
    expect(data.map((r) => r.name).sort()).to.deep.equal(["access-team-a-data-blob-platform-projects", "access-team-a-data-file-platform-projects"]);
    // Conditions cover blob and queue only (conditions-overview): the file role has none.
    expect(plainInputs(data.find((r) => r.name.endsWith("data-file-platform-projects"))!).condition).to.equal(undefined);
    const a = plainInputs(data.find((r) => r.name.endsWith("data-blob-platform-projects"))!);
    expect(roleOf(a)).to.equal(BLOB_CONTRIBUTOR);
    expect(a.conditionVersion).to.equal("2.0");
    expect(a.condition).to.contain("StringStartsWith");
    const guids = (run.resources.filter((r) => r.name === "team-a-mlw" || r.name === "team-b-mlw") as any[]).map((r) => r.outputs?.workspaceId).filter(Boolean);
    if (guids.length === 2) expect(a.condition).to.equal(containerPrefixCondition(guids));
    const matrix = (run.outputs as any).matrix as any[];
    const row = (target: string) => matrix.find((r) => r.team === "team-a" && r.workspace === target);
    expect(row("team-a").operations).to.deep.include({ readData: true, writeData: true });
    expect(row("team-b").operations).to.deep.include({ readData: true });
    // The condition names the projects only: the hub's own containers stay out of reach.
    expect(row("platform").operations).to.deep.include({ readData: false });
  });

  it("gives a project's team Reader on the hub, as the portal does", () => {
    const hubReader = ofType(run, T.assignment).find((r) => r.name === "access-team-a-hub-reader-platform");
    expect(hubReader).to.not.equal(undefined);
    expect(roleOf(plainInputs(hubReader!))).to.equal(READER);
    expect(ofType(run, T.assignment).filter((r) => r.name.startsWith("access-release-hub-reader"))).to.have.length(0);
  });

  it("labels a registry given by id with its name, and gives compute clusters Reader there too", async () => {
    const id = `${SUB}/resourceGroups/rg-reg/providers/Microsoft.MachineLearningServices/registries/Shared-Models`;
    const standalone = await runUnderMocks(() => {
      new WorkspaceStack("solo", { project: "fraud", registries: [id], computes: [{ name: "cpu", vmSize: "Standard_DS3_v2", maxNodes: 2 }] });
    });
    const names = ofType(standalone, T.assignment).map((r) => r.name).filter((n) => n.includes("registry"));
    expect(names.sort()).to.deep.equal(["solo-cpu-registry-shared-models-reader", "solo-mlw-approver-registry-shared-models", "solo-mlw-registry-shared-models-reader"]);
    const ws = inputs(standalone, T.ws);
    // dev: internet outbound, and the registry still goes through a private endpoint of the managed network.
    expect(ws.managedNetwork.isolationMode).to.equal("AllowInternetOutbound");
    expect(ws.managedNetwork.outboundRules["registry-shared-models"].destination).to.deep.include({ serviceResourceId: id, subresourceTarget: "amlregistry" });
    const noNetwork = await runUnderMocks(() => {
      new WorkspaceStack("solo", { project: "fraud", registries: [id], managedNetworkIsolation: "Disabled" });
    });
    expect(inputs(noNetwork, T.ws).managedNetwork.outboundRules).to.equal(undefined);
    expect(ofType(noNetwork, T.assignment).map((r) => r.name).filter((n) => n.includes("approver"))).to.deep.equal([]);
  });

  it("refuses a project without a hub and a Registry with bad arguments before registering anything", async () => {
    let error: unknown;
    const refused = await runUnderMocks(() => {
      try {
        new WorkspaceStack("team-c", { project: "fraud", kind: "project" });
      } catch (e) {
        error = e;
      }
      try {
        new Registry("models", { project: "fraud", locations: ["westeurope", "westeurope"] });
      } catch (e) {
        error = [error, e];
      }
    });
    const [ws, reg] = error as PlatformConfigError[];
    expect(ws.issues.map((i) => i.path)).to.deep.equal(['WorkspaceStack "team-c" args.hub']);
    expect(reg.issues.map((i) => `${i.path}: ${i.rule}`)).to.deep.equal(['Registry "models" args.locations[1]: is listed twice']);
    expect(refused.resources.filter((r) => r.custom)).to.have.length(0);
  });
});
