import { expect } from "chai";
import { checkRegistryArgs, registrySchema, resolveRegistry } from "../../config/registry";
import { isPlatformConfigError } from "../../config/errors";
import { AZURE_NAME_RULES, registryResourceNames } from "../../naming";

const SUB = "/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg-net/providers/Microsoft.Network";
const SUBNET = `${SUB}/virtualNetworks/vnet/subnets/pe`;
const VNET = `${SUB}/virtualNetworks/vnet`;
const ZONE = `${SUB}/privateDnsZones/privatelink.api.azureml.ms`;
const ALL = { api: ZONE, blob: `${SUB}/privateDnsZones/privatelink.blob.core.windows.net`, acr: `${SUB}/privateDnsZones/privatelink.azurecr.io` };

/** `path: rule (value)` of every issue checkRegistryArgs raises; empty when it accepts. */
function refused(args: unknown, name = "models"): string[] {
  try {
    checkRegistryArgs(name, args);
    return [];
  } catch (e) {
    if (!isPlatformConfigError(e)) throw e;
    return e.issues.map((i) => `${i.path}: ${i.rule}${"value" in i ? ` (${JSON.stringify(i.value)})` : ""}`);
  }
}
const base = { project: "fraud", locations: ["westeurope"] };
const deferred = { __pulumiOutput: true };

describe("the registry contract (config/registry.ts)", () => {
  it("takes names of 2 to 32 characters of the logical-name rule, and nothing else", () => {
    expect(refused(base, "ab")).to.deep.equal([]);
    expect(refused(base, "a".repeat(32))).to.deep.equal([]);
    const rule = "must be 2-32 characters of lowercase letters, digits and single hyphens, starting with a letter";
    expect(refused(base, "a")).to.deep.equal([`Registry name: ${rule} ("a")`]);
    expect(refused(base, "a".repeat(33))).to.deep.equal([`Registry name: ${rule} ("${"a".repeat(33)}")`]);
    expect(refused(base, "Models")).to.deep.equal([`Registry name: ${rule} ("Models")`]);
    expect(refused(base, 7 as unknown as string)).to.deep.equal([`Registry name: ${rule} (7)`]);
  });

  it("derives Azure names within the registry's rules for the longest project and registry names", () => {
    for (const [project, name] of [["a".repeat(40), "b".repeat(32)], ["ab", "cd"], ["x-y", "z-1"]]) {
      const names = registryResourceNames(project, "prod", name);
      expect(AZURE_NAME_RULES.machineLearningRegistry.pattern.test(names.machineLearningRegistry), names.machineLearningRegistry).to.equal(true);
      expect(AZURE_NAME_RULES.resourceGroup.pattern.test(names.resourceGroup), names.resourceGroup).to.equal(true);
      expect(AZURE_NAME_RULES.privateEndpoint.pattern.test(names.privateEndpoint), names.privateEndpoint).to.equal(true);
    }
  });

  it("checks every key with a rule a user reads, and reports the value", () => {
    expect(refused({ ...base, locations: ["westeurope", "westeurope"] })).to.deep.equal(['Registry "models" args.locations[1]: is listed twice ("westeurope")']);
    expect(refused({ ...base, locations: ["West Europe"] })).to.deep.equal(['Registry "models" args.locations[0]: must be an Azure region name such as westeurope ("West Europe")']);
    expect(refused({ ...base, locations: ["westeurope1x"] })).to.deep.equal([]);
    expect(refused({ ...base, locations: ["westeurope!"] })).to.have.length(1);
    expect(refused({ ...base, locations: "westeurope" })).to.deep.equal(['Registry "models" args.locations: must be a list of Azure regions (the first is the primary region) ("westeurope")']);
    expect(refused({ ...base, publicNetworkAccess: "Off" })).to.deep.equal(['Registry "models" args.publicNetworkAccess: must be one of Enabled | Disabled ("Off")']);
    expect(refused({ ...base, protectData: "yes" })).to.deep.equal(['Registry "models" args.protectData: must be true or false ("yes")']);
    expect(refused({ ...base, environment: "test" })).to.deep.equal(['Registry "models" args.environment: must be one of dev | prod ("test")']);
    expect(refused({ ...base, locations: [3] })).to.deep.equal(['Registry "models" args.locations[0]: must be a string (3)']);
  });

  it("wants the private endpoint's subnet and zone ids, or values known only at deploy time", () => {
    const pe = (p: unknown) => refused({ ...base, privateEndpoint: p });
    expect(pe({ subnetId: SUBNET, dnsZones: { create: true, virtualNetworkId: VNET } })).to.deep.equal([]);
    expect(pe({ subnetId: deferred, dnsZones: { create: true, virtualNetworkId: deferred } })).to.deep.equal([]);
    expect(pe({ subnetId: Promise.resolve(SUBNET), dnsZones: { existing: { api: deferred, blob: deferred, acr: deferred } } })).to.deep.equal([]);
    expect(pe({ subnetId: VNET, dnsZones: { existing: ALL } })).to.deep.equal([`Registry "models" args.privateEndpoint.subnetId: must be a subnet resource id ("${VNET}")`]);
    expect(pe({ subnetId: 5, dnsZones: { existing: ALL } })).to.deep.equal(['Registry "models" args.privateEndpoint.subnetId: must be a subnet resource id (5)']);
    expect(pe({ subnetId: SUBNET, dnsZones: { create: true, virtualNetworkId: SUBNET } })).to.deep.equal([`Registry "models" args.privateEndpoint.dnsZones.virtualNetworkId: must be a virtual network resource id ("${SUBNET}")`]);
    expect(pe({ subnetId: SUBNET, dnsZones: { existing: { ...ALL, api: VNET } } })).to.deep.equal([`Registry "models" args.privateEndpoint.dnsZones.existing.api: must be a privatelink.api.azureml.ms private DNS zone resource id ("${VNET}")`]);
    expect(pe({ subnetId: SUBNET, dnsZones: { create: "yes", virtualNetworkId: VNET } })[0]).to.equal('Registry "models" args.privateEndpoint.dnsZones.create: must be true or false ("yes")');
  });

  it("wants the endpoints' zones created on a network or all three given; with both, creates the ones not given", () => {
    const rule = 'Registry "models" args.privateEndpoint.dnsZones: must be { create: true, virtualNetworkId } or { existing: { api, blob, acr } } (private DNS zone ids), or both to create the zones not given';
    const zones = (d: unknown) => refused({ ...base, privateEndpoint: { subnetId: SUBNET, dnsZones: d } }).map((i) => i.replace(/ \((\{|").*\)$/, ""));
    expect(zones({ create: true, virtualNetworkId: VNET })).to.deep.equal([]);
    expect(zones({ existing: ALL })).to.deep.equal([]);
    expect(zones({ existing: { api: ZONE }, create: true, virtualNetworkId: VNET })).to.deep.equal([]);
    expect(zones({ existing: ALL, create: true, virtualNetworkId: VNET })).to.deep.equal([]);
    for (const bad of [{}, { create: true }, { virtualNetworkId: VNET }, { create: false, virtualNetworkId: VNET }, { existing: { api: ZONE } }, { existing: { api: ZONE, blob: ZONE } }, { existing: ALL, create: true }, { existing: ALL, create: false }, { existing: ALL, virtualNetworkId: VNET }, { existing: { api: ZONE }, create: true }])
      expect(zones(bad), JSON.stringify(bad)).to.deep.equal([rule]);
  });

  it("applies the environment's defaults, dev when none is given", () => {
    expect(checkRegistryArgs("models", base)).to.deep.include({ environment: "dev", publicNetworkAccess: "Enabled", protectData: false, project: "fraud" });
    expect(checkRegistryArgs("models", { ...base, environment: "prod" })).to.deep.include({ environment: "prod", publicNetworkAccess: "Disabled", protectData: true });
    expect(checkRegistryArgs("models", { ...base, environment: "prod", publicNetworkAccess: "Enabled", protectData: false })).to.deep.include({ publicNetworkAccess: "Enabled", protectData: false });
    expect(resolveRegistry({ locations: ["a1"], publicNetworkAccess: "Disabled" }, "dev").publicNetworkAccess).to.equal("Disabled");
  });

  it("reports a bad name and bad arguments together", () => {
    expect(refused({ ...base, locations: [] }, "X")).to.deep.equal([
      "Registry name: must be 2-32 characters of lowercase letters, digits and single hyphens, starting with a letter (\"X\")",
      'Registry "models" args.locations: must list at least the primary region ([])'.replace('"models"', '"X"'),
    ]);
  });

  it("gives stack config the same keys plus the name", () => {
    expect(Object.keys(registrySchema.shape).sort()).to.deep.equal(["locations", "name", "privateEndpoint", "protectData", "publicNetworkAccess"]);
  });
});
