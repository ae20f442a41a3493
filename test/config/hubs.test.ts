import { expect } from "chai";
import { HUB_OWNED_KEYS, resolveWorkspace } from "../../config/workspace";
import { checkRegistryArgs, resolveRegistry } from "../../config/registry";
import { checkWorkspaceStackArgs } from "../../config/workspaceArgs";
import { isPlatformConfigError } from "../../config/errors";
import { registryResourceNames } from "../../naming";
import { baseConfig, rejection, validate } from "../helpers/config";

const SUB = "/subscriptions/00000000-0000-4000-8000-000000000001";
const HUB_ID = `${SUB}/resourceGroups/rg-hub/providers/Microsoft.MachineLearningServices/workspaces/mlw-hub`;
const REGISTRY_ID = `${SUB}/resourceGroups/rg-reg/providers/Microsoft.MachineLearningServices/registries/shared-models`;
const VNET = `${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet`;

const hubAndProjects = (project: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) =>
  baseConfig({ workspaces: [{ name: "platform", kind: "hub" }, { name: "fraud", kind: "project", hub: "platform", ...project }], ...extra });

/** `path: rule` of every issue. */
function issues(raw: unknown): string[] {
  return rejection(raw).issues.map((i) => `${i.path}: ${i.rule}`);
}

/** Issues of WorkspaceStack args (what a TypeScript program passes). */
function argIssues(args: unknown, name = "fraud"): string[] {
  try {
    checkWorkspaceStackArgs(name, args);
  } catch (e) {
    if (isPlatformConfigError(e)) return e.issues.map((i) => `${i.path}: ${i.rule}`);
    throw e;
  }
  return [];
}

describe("hubs and projects in stack config", () => {
  it("takes a hub with projects that name it, by name or by id", () => {
    const config = validate(hubAndProjects({}, { workspaces: [{ name: "platform", kind: "hub" }, { name: "fraud", kind: "project", hub: "platform" }, { name: "risk", kind: "project", hub: { existingId: HUB_ID } }] }));
    expect(config.workspaces.map((w) => [w.name, w.settings.kind, w.settings.hub])).to.deep.equal([
      ["platform", "hub", undefined],
      ["fraud", "project", { name: "platform", existingId: undefined, logAnalyticsWorkspaceId: undefined }],
      ["risk", "project", { name: undefined, existingId: HUB_ID, logAnalyticsWorkspaceId: undefined }],
    ]);
  });

  it("defaults to kind default and refuses other kinds", () => {
    expect(validate(baseConfig()).workspaces[0].settings.kind).to.equal("default");
    expect(issues(baseConfig({ workspaces: [{ name: "fraud", kind: "Hub" }] }))).to.deep.equal(["azureml-platform:workspaces[0].kind: must be one of default | hub | project"]);
  });

  it("needs a project's hub, and a hub of this stack when named", () => {
    expect(issues(baseConfig({ workspaces: [{ name: "fraud", kind: "project" }] }))).to.deep.equal([
      "azureml-platform:workspaces[0].hub: is required for kind: project (the name of a hub workspace of this stack or { existingId: <hub workspace id> })",
    ]);
    expect(issues(baseConfig({ workspaces: [{ name: "other" }, { name: "fraud", kind: "project", hub: "other" }] }))).to.deep.equal([
      "azureml-platform:workspaces[1].hub: must name a workspace of kind: hub in this stack (there is none; or use { existingId: <hub workspace id> })",
    ]);
    expect(issues(hubAndProjects({ hub: "nope" }))).to.deep.equal(["azureml-platform:workspaces[1].hub: must name a workspace of kind: hub in this stack (platform)"]);
    expect(issues(hubAndProjects({ hub: { name: "platform", existingId: HUB_ID } }))).to.deep.equal([
      "azureml-platform:workspaces[1].hub: must be the name of a hub workspace of this stack or { existingId: <hub workspace id> }, not both",
    ]);
    expect(issues(hubAndProjects({ hub: { existingId: "/subscriptions/x/hub" } }))[0]).to.match(/^azureml-platform:workspaces\[1\]\.hub\.existingId: must be a resource id of the form .*Microsoft\.MachineLearningServices\/workspaces/);
  });

  it("refuses every key that belongs to the hub on a project, naming the key and the hub", () => {
    const values: Record<string, unknown> = {
      storageAccount: { create: true },
      keyVault: { create: true },
      applicationInsights: { create: true },
      logAnalyticsWorkspace: { create: true },
      containerRegistry: "create",
      privateEndpoint: { subnetId: `${VNET}/subnets/pe`, dnsZones: { create: true, virtualNetworkId: VNET } },
      privateEndpointsManagedElsewhere: true,
      outboundRules: [{ preset: "python-packages" }],
      managedNetworkIsolation: "AllowOnlyApprovedOutbound",
      firewallSku: "Basic",
      provisionNetworkNow: false,
      publicNetworkAccess: "Disabled",
      encryption: { keyVaultId: `${SUB}/resourceGroups/k/providers/Microsoft.KeyVault/vaults/kv-keys`, keyUri: "https://kv-keys.vault.azure.net/keys/k/0123456789abcdef0123456789abcdef" },
      identity: { userAssigned: { create: true } },
      hbi: true,
      ipAllowlist: ["203.0.113.0/24"],
      imageBuildCompute: "cpu",
    };
    expect(Object.keys(values).sort()).to.deep.equal([...HUB_OWNED_KEYS].sort());
    for (const key of HUB_OWNED_KEYS) {
      const found = issues(hubAndProjects({ [key]: values[key] })).filter((i) => i.startsWith(`azureml-platform:workspaces[1].${key}:`));
      expect(found, key).to.deep.equal([`azureml-platform:workspaces[1].${key}: belongs to the hub: a project uses hub platform's ${key} (concept-hub-workspace); set it on the hub`]);
    }
    expect(issues(hubAndProjects({ hub: { existingId: HUB_ID }, hbi: true }))).to.deep.equal([
      "azureml-platform:workspaces[1].hbi: belongs to the hub: a project uses hub mlw-hub's hbi (concept-hub-workspace); set it on the hub",
    ]);
  });

  it("lets only projects name a hub and only hubs set a default project resource group", () => {
    expect(issues(baseConfig({ workspaces: [{ name: "platform", kind: "hub" }, { name: "fraud", hub: "platform" }] }))).to.deep.equal([
      "azureml-platform:workspaces[1].hub: only a workspace of kind: project names a hub (this one is kind: default)",
    ]);
    const rg = `${SUB}/resourceGroups/rg-projects`;
    expect(validate(baseConfig({ workspaces: [{ name: "platform", kind: "hub", defaultProjectResourceGroup: rg }] })).workspaces[0].settings.defaultProjectResourceGroup).to.equal(rg);
    expect(issues(baseConfig({ workspaces: [{ name: "fraud", defaultProjectResourceGroup: rg }] }))).to.deep.equal([
      "azureml-platform:workspaces[0].defaultProjectResourceGroup: is a hub setting (workspaceHubConfig.defaultWorkspaceResourceGroup); this workspace is kind: default",
    ]);
    expect(issues(baseConfig({ workspaces: [{ name: "platform", kind: "hub", defaultProjectResourceGroup: "rg-projects" }] }))).to.deep.equal([
      "azureml-platform:workspaces[0].defaultProjectResourceGroup: must be a resource group id, /subscriptions/<guid>/resourceGroups/<name>",
    ]);
  });

  it("refuses compute clusters and batch endpoints on hubs and projects, as Azure documents", () => {
    const cluster = { name: "cpu", vmSize: "Standard_DS3_v2", maxNodes: 2 };
    expect(issues(baseConfig({ workspaces: [{ name: "platform", kind: "hub", computes: [cluster], batchEndpoints: true }] }))).to.deep.equal([
      'azureml-platform:workspaces[0].computes: compute clusters are not supported on a hub workspace (concept-hub-workspace, "Supported capabilities by workspace kind"); jobs run on serverless compute',
      'azureml-platform:workspaces[0].batchEndpoints: batch endpoints are not supported on a hub workspace (concept-hub-workspace, "Supported capabilities by workspace kind")',
    ]);
    expect(issues(hubAndProjects({ computes: [cluster] }))).to.deep.equal([
      'azureml-platform:workspaces[1].computes: compute clusters are not supported on a project workspace (concept-hub-workspace, "Supported capabilities by workspace kind"); jobs run on serverless compute',
    ]);
    // Explicitly off, or an empty list, is fine.
    expect(() => validate(hubAndProjects({ computes: [], batchEndpoints: false }))).not.to.throw();
  });

  it("applies no network default of its own to a project: its network is the hub's", () => {
    const project = resolveWorkspace({ kind: "project", hub: { name: "platform" } }, "prod");
    expect(project.provisionNetworkNow).to.equal(false);
    expect(resolveWorkspace({ kind: "hub" }, "prod").provisionNetworkNow).to.equal(true);
  });
});

describe("registries in stack config", () => {
  const registry = (r: Record<string, unknown> = {}) => ({ name: "models", locations: ["westeurope", "northeurope"], ...r });

  it("resolves a registry with its environment's defaults and derived names", () => {
    const dev = validate(baseConfig({ registries: [registry()] })).registries[0];
    expect(dev).to.deep.include({ name: "models", locations: ["westeurope", "northeurope"], publicNetworkAccess: "Enabled", protectData: false });
    expect(dev.names).to.deep.equal({ resourceGroup: "rg-fraud-dev-registry-models", machineLearningRegistry: "fraud-models", privateEndpoint: "pe-fraud-models" });
    const prod = validate(baseConfig({ environment: "prod", registries: [registry()] })).registries[0];
    expect(prod).to.deep.include({ publicNetworkAccess: "Disabled", protectData: true });
    expect(validate(baseConfig({ environment: "prod", registries: [registry({ publicNetworkAccess: "Enabled", protectData: false })] })).registries[0]).to.deep.include({
      publicNetworkAccess: "Enabled",
      protectData: false,
    });
    expect(validate(baseConfig()).registries).to.deep.equal([]);
  });

  it("keeps registry names within the registry's own rules", () => {
    expect(registryResourceNames("fraud", "prod", "models").machineLearningRegistry).to.equal("fraud-models");
    const long = registryResourceNames("customer-lifetime-value", "prod", "promoted-models-x");
    expect(long.machineLearningRegistry).to.have.length.at.most(32);
    expect(long.machineLearningRegistry).to.match(/^customer-lifetime-value-p-[0-9a-f]{6}$/);
    expect(issues(baseConfig({ registries: [registry({ name: "a".repeat(33) })] }))).to.deep.equal(["azureml-platform:registries[0].name: must be 2-32 characters"]);
  });

  it("checks locations, names and endpoints of registries", () => {
    expect(issues(baseConfig({ registries: [registry({ locations: [] })] }))).to.deep.equal(["azureml-platform:registries[0].locations: must list at least the primary region"]);
    expect(issues(baseConfig({ registries: [registry({ locations: ["westeurope", "westeurope"] })] }))).to.deep.equal(["azureml-platform:registries[0].locations[1]: is listed twice"]);
    expect(issues(baseConfig({ registries: [registry({ locations: ["West Europe"] })] }))).to.deep.equal(["azureml-platform:registries[0].locations[0]: must be an Azure region name such as westeurope"]);
    expect(issues(baseConfig({ registries: [registry(), registry()] }))).to.deep.equal(["azureml-platform:registries[1].name: must be unique (also used by registries[0])"]);
    expect(issues(baseConfig({ registries: [registry({ privateEndpoint: { subnetId: `${VNET}/subnets/pe`, dnsZones: { create: true } } })] }))).to.deep.equal([
      "azureml-platform:registries[0].privateEndpoint.dnsZones: must be { create: true, virtualNetworkId } or { existing: { api, blob, acr } } (private DNS zone ids), or both to create the zones not given",
    ]);
    const zone = `${SUB}/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/privatelink.api.azureml.ms`;
    const all = { api: zone, blob: zone.replace("api.azureml.ms", "blob.core.windows.net"), acr: zone.replace("api.azureml.ms", "azurecr.io") };
    expect(() => validate(baseConfig({ registries: [registry({ privateEndpoint: { subnetId: `${VNET}/subnets/pe`, dnsZones: { existing: all } } })] }))).not.to.throw();
    // The registry's storage and container registry need their zones too.
    expect(issues(baseConfig({ registries: [registry({ privateEndpoint: { subnetId: `${VNET}/subnets/pe`, dnsZones: { existing: { api: zone } } } })] }))).to.have.length(1);
    expect(issues(baseConfig({ registries: [registry({ privateEndpoint: { subnetId: `${VNET}/subnets/pe`, dnsZones: { existing: all, create: true } } })] }))).to.have.length(1);
  });

  it("resolves what workspaces list: registries of the stack by name, others by id", () => {
    const config = validate(baseConfig({ registries: [registry()], workspaces: [{ name: "fraud", registries: ["models", REGISTRY_ID] }] }));
    expect(config.workspaces[0].settings.registries).to.deep.equal(["models", REGISTRY_ID]);
    expect(issues(baseConfig({ registries: [registry()], workspaces: [{ name: "fraud", registries: ["modles"] }] }))).to.deep.equal([
      "azureml-platform:workspaces[0].registries[0]: must name a registry of this stack (models) or be an Azure ML registry id",
    ]);
    expect(issues(baseConfig({ workspaces: [{ name: "fraud", registries: ["models"] }] }))).to.deep.equal([
      "azureml-platform:workspaces[0].registries[0]: must name a registry of this stack (there is none; an existing registry is named by its resource id) or be an Azure ML registry id",
    ]);
    expect(issues(baseConfig({ registries: [registry()], workspaces: [{ name: "fraud", registries: ["models", "Models".toLowerCase()] }] }))).to.deep.equal(["azureml-platform:workspaces[0].registries[1]: is listed twice"]);
  });

  it("grants teams on registries of the stack, read by default, and lets a team hold registries only", () => {
    const team = (t: Record<string, unknown>) => ({ name: "publishers", group: { objectId: "11111111-2222-3333-4444-555555555555" }, ...t });
    const config = validate(baseConfig({ registries: [registry()], teams: [team({ registries: ["models"] }), team({ name: "ds", role: "Reader", registries: ["models"], registryAccess: "publish" }), team({ name: "plain", role: "Reader" })] }));
    expect(config.teams.map((t) => [t.name, t.registries, t.registryAccess, t.roleDefinitions.length])).to.deep.equal([
      ["publishers", ["models"], "read", 0],
      ["ds", ["models"], "publish", 1],
      ["plain", [], "read", 1],
    ]);
    expect(issues(baseConfig({ registries: [registry()], teams: [team({ registries: ["nope"] })] }))).to.deep.equal(["azureml-platform:teams[0].registries[0]: must name a registry of this stack (models)"]);
    expect(issues(baseConfig({ teams: [team({ role: "Reader", registryAccess: "publish" })] }))).to.deep.equal([
      "azureml-platform:teams[0].registryAccess: needs registries: the registries of this stack the access applies to",
    ]);
    expect(issues(baseConfig({ registries: [registry()], teams: [team({ registries: ["models"], registryAccess: "write" })] }))).to.deep.equal(["azureml-platform:teams[0].registryAccess: must be one of read | publish"]);
    expect(issues(baseConfig({ teams: [team({})] }))).to.deep.equal(["azureml-platform:teams[0]: needs exactly one of role (one role) or roles (a list), or registries (a registry-only team)"]);
  });
});

describe("Registry and WorkspaceStack arguments for hubs, projects and registries", () => {
  it("takes a project's hub by id only, and registries by id only", () => {
    expect(argIssues({ project: "fraud", kind: "project", hub: { existingId: HUB_ID }, registries: [REGISTRY_ID] })).to.deep.equal([]);
    expect(argIssues({ project: "fraud", kind: "project", hub: { name: "platform" } })).to.deep.equal([
      'WorkspaceStack "fraud" args.hub.name: WorkspaceStack takes hub: { existingId: <hub workspace id> } (names of hubs are resolved by the config-driven program)',
    ]);
    expect(argIssues({ project: "fraud", registries: ["models"] })).to.deep.equal([
      'WorkspaceStack "fraud" args.registries[0]: must be an Azure ML registry resource id (/subscriptions/<guid>/resourceGroups/<rg>/providers/Microsoft.MachineLearningServices/registries/<name>)',
    ]);
    expect(argIssues({ project: "fraud", kind: "project", hub: { existingId: HUB_ID }, storageAccount: { create: true } })).to.deep.equal([
      `WorkspaceStack "fraud" args.storageAccount: belongs to the hub: a project uses hub mlw-hub's storageAccount (concept-hub-workspace); set it on the hub`,
    ]);
  });

  it("checks Registry arguments like stack config, with argument paths", () => {
    expect(checkRegistryArgs("models", { project: "fraud", environment: "prod", locations: ["westeurope"] })).to.deep.equal({
      locations: ["westeurope"],
      publicNetworkAccess: "Disabled",
      privateEndpoint: undefined,
      protectData: true,
      project: "fraud",
      environment: "prod",
    });
    const refused = (name: string, args: unknown): string[] => {
      try {
        checkRegistryArgs(name, args);
        return [];
      } catch (e) {
        if (!isPlatformConfigError(e)) throw e;
        return e.issues.map((i) => `${i.path}: ${i.rule}`);
      }
    };
    expect(refused("models", { project: "fraud", locations: [] })).to.deep.equal(['Registry "models" args.locations: must list at least the primary region']);
    expect(refused("Models", { project: "fraud", locations: ["westeurope"] })).to.deep.equal(["Registry name: must be 2-32 characters of lowercase letters, digits and single hyphens, starting with a letter"]);
    expect(refused("models", { locations: ["westeurope"] })[0]).to.match(/^Registry "models" args\.project: /);
    expect(resolveRegistry({ locations: ["westeurope"] }, "dev")).to.deep.equal({ locations: ["westeurope"], publicNetworkAccess: "Enabled", privateEndpoint: undefined, protectData: false });
  });
});
