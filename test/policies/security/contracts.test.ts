// What users configure: each security policy's config schema (keys, types, defaults) and how the
// configured values are compared (case, spaces, empty tags).
import { expect } from "chai";
import { securityPolicies } from "../../../policies/security/policies";
import { allowedLocations } from "../../../policies/security/allowedLocations";
import { computeAllowedVmSizes } from "../../../policies/security/computeAllowedVmSizes";
import { registryPrivateNeedsImageBuildCompute as RP } from "../../../policies/security/registryPrivateNeedsImageBuildCompute";
import { requiredTags } from "../../../policies/security/requiredTags";
import { applicationInsightsWorkspaceBased } from "../../../policies/security/applicationInsightsWorkspaceBased";
import { TYPES } from "../../../policies/lib/azure";
import { expectDeferred, expectPass, expectViolation, resource, unknown } from "../../helpers/policy";

const PROD = { environment: "prod", project: "p" };

describe("security policies: configuration contract", () => {
  it("each schema has exactly its documented keys, types and defaults, each described", () => {
    const schemas = Object.fromEntries(securityPolicies.filter((p) => p.configSchema).map((p) => [p.name, p.configSchema!.properties]));
    const shape = (props: Record<string, any>) => Object.fromEntries(Object.entries(props).map(([k, v]) => [k, { type: v.type, items: v.items, default: v.default }]));
    expect(Object.keys(schemas).sort()).to.deep.equal(["allowed-locations", "compute-allowed-vm-sizes", "compute-max-nodes-cap", "required-tags"]);
    expect(shape(schemas["allowed-locations"])).to.deep.equal({ allowedLocations: { type: "array", items: { type: "string" }, default: ["westeurope", "northeurope"] } });
    expect(shape(schemas["required-tags"])).to.deep.equal({ requiredTags: { type: "array", items: { type: "string" }, default: ["project", "environment"] } });
    expect(shape(schemas["compute-max-nodes-cap"])).to.deep.equal({ maxNodes: { type: "integer", items: undefined, default: 10 } });
    expect(shape(schemas["compute-allowed-vm-sizes"])).to.deep.equal({
      allowedVmSizes: { type: "array", items: { type: "string" }, default: ["Standard_DS3_v2", "Standard_DS4_v2", "Standard_D4s_v3", "Standard_D8s_v3", "Standard_E4s_v3", "Standard_NC4as_T4_v3", "Standard_NC24ads_A100_v4"] },
    });
    for (const [name, props] of Object.entries(schemas)) for (const [k, v] of Object.entries(props as Record<string, any>)) expect(v.description, `${name}.${k}`).to.match(/\w{3,}/);
  });

  it("compares locations without case or spaces, from the configured list", async () => {
    const rg = (location: string) => resource(TYPES.resourceGroup, { location, tags: PROD });
    await expectPass(allowedLocations, [rg("West Europe")]);
    await expectViolation(allowedLocations, [rg("westeurope")], /location "westeurope" is not one of swedencentral/, { allowedLocations: ["Sweden Central"] });
    await expectPass(allowedLocations, [rg("swedencentral")], { allowedLocations: ["Sweden Central"] });
  });

  it("counts an empty tag as missing, and checks the configured tags", async () => {
    const rg = (tags: Record<string, string>) => resource(TYPES.resourceGroup, { location: "westeurope", tags });
    await expectViolation(requiredTags, [rg({ ...PROD, project: "" })], /^missing required tags: project$/);
    await expectViolation(requiredTags, [rg(PROD)], /^missing required tags: owner, costCenter$/, { requiredTags: ["owner", "costCenter"] });
    await expectPass(requiredTags, [rg({ owner: "me" })], { requiredTags: ["owner"] });
  });

  it("allows the documented default VM sizes, any case, and only the configured ones when set", async () => {
    const compute = (vmSize: string) => resource(TYPES.compute, { tags: PROD, properties: { computeType: "AmlCompute", properties: { vmSize } } });
    for (const size of ["standard_ds3_v2", "Standard_DS4_v2", "Standard_D4s_v3", "Standard_D8s_v3", "Standard_E4s_v3", "Standard_NC4as_T4_v3", "STANDARD_NC24ADS_A100_V4"]) await expectPass(computeAllowedVmSizes, [compute(size)]);
    await expectViolation(computeAllowedVmSizes, [compute("Standard_DS3_v2")], /must be one of 1 allowed sizes/, { allowedVmSizes: ["Standard_F4s_v2"] });
  });

  it("wants a Log Analytics workspace id, not an empty one", async () => {
    const appi = (workspaceResourceId: unknown) => resource(TYPES.applicationInsights, { tags: PROD, ingestionMode: "LogAnalytics", workspaceResourceId });
    await expectViolation(applicationInsightsWorkspaceBased, [appi("")], /workspaceResourceId must name a Log Analytics workspace \(got ""\)/);
    await expectViolation(applicationInsightsWorkspaceBased, [appi(42)], /workspaceResourceId must name a Log Analytics workspace \(got 42\)/);
    await expectPass(applicationInsightsWorkspaceBased, [appi("/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/log")]);
  });
});

describe("registry-private-needs-image-build-compute: which registry is the workspace's", () => {
  const registry = (name: string, publicNetworkAccess: unknown) => resource(TYPES.containerRegistry, { registryName: name, publicNetworkAccess }, { name });
  it("ignores a private registry the workspace does not use", () => {
    const other = registry("crother", "Disabled");
    return expectPass(RP, [other, resource(TYPES.workspace, { workspaceName: "w", containerRegistry: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/crmine" }, { name: "w" })]);
  });
  it("ignores a workspace without a registry (on-demand)", () => expectPass(RP, [registry("cr", "Disabled"), resource(TYPES.workspace, { workspaceName: "w" }, { name: "w" })]));
  it("defers while the registry's access or the workspace's registry is unknown", async () => {
    const cr = registry("cr", unknown.string);
    await expectDeferred(RP, [cr, resource(TYPES.workspace, { workspaceName: "w", containerRegistry: unknown.string }, { name: "w", propertyDependencies: { containerRegistry: [cr.urn] } })], "publicNetworkAccess");
    await expectDeferred(RP, [registry("cr2", "Disabled"), resource(TYPES.workspace, { workspaceName: "w", containerRegistry: unknown.string }, { name: "w" })], "containerRegistry");
  });
  it("reports an empty imageBuildCompute like a missing one", () => {
    const cr = registry("cr", "Disabled");
    return expectViolation(RP, [cr, resource(TYPES.workspace, { workspaceName: "w", containerRegistry: unknown.string, imageBuildCompute: "" }, { name: "w", propertyDependencies: { containerRegistry: [cr.urn] } })], /uses private registry cr but sets no imageBuildCompute/);
  });
});
