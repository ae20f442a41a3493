import { expect } from "chai";
import { knownOutputs, outputTypeSchema, parseOutputType, previewOutputs, resourceOutputSchema } from "../../plan/outputShape";
import { UNKNOWN } from "../../policies/lib/internals";

// Shapes checked against azure-native's PreviewOutputs (provider/pkg/convert/previewOutputs.go) as
// read from the installed SDK's declarations.
const WORKSPACE = "azure-native:machinelearningservices:Workspace";
const ASSIGNMENT = "azure-native:authorization:RoleAssignment";
const U = UNKNOWN.string;
const SECRET = "4dabf18193072939515e22adb298388d";

describe("plan/outputShape: what a first preview hands stack policies", () => {
  it("reads each type's output properties from the installed SDK, not a list of its own", () => {
    const schema = resourceOutputSchema(WORKSPACE)!;
    expect([...schema.keys()]).to.include.members(["name", "kind", "managedNetwork", "storageAccount", "tags", "workspaceId", "azureApiVersion"]);
    // Input-only parameters (the URL's) are not outputs.
    expect(schema.has("resourceGroupName")).to.equal(false);
    expect(schema.has("workspaceName")).to.equal(false);
    expect(schema.get("managedNetwork")).to.deep.equal({ kind: "object", module: "machinelearningservices", name: "ManagedNetworkSettingsResponse" });
    expect(schema.get("tags")).to.deep.equal({ kind: "map", values: { kind: "untyped" } });
    expect(schema.get("privateEndpointConnections")).to.deep.include({ kind: "array" });
    expect(resourceOutputSchema("azure-native:nosuchmodule:Nothing")).to.equal(undefined);
    expect(resourceOutputSchema("random:index:Thing")).to.equal(undefined);
  });

  it("parses the declarations' type expressions as PreviewOutputs' metadata", () => {
    expect(parseOutputType("string | undefined")).to.deep.equal({ kind: "untyped" });
    expect(parseOutputType('"FQDN"')).to.deep.equal({ kind: "const", value: "FQDN" });
    expect(parseOutputType("outputs.network.SubnetResponse[]")).to.deep.equal({ kind: "array", items: { kind: "object", module: "network", name: "SubnetResponse" } });
    expect(parseOutputType("outputs.a.B | outputs.a.C")).to.deep.equal({ kind: "oneOf" });
    expect(parseOutputType("{\n [key: string]: outputs.a.B | outputs.a.C;\n }")).to.deep.equal({ kind: "map", values: { kind: "oneOf" } });
    expect(parseOutputType("any")).to.deep.equal({ kind: "any" });
    expect(parseOutputType("string[]")).to.deep.equal({ kind: "array", items: { kind: "untyped" } });
    expect(parseOutputType('"A" | "B"')).to.deep.equal({ kind: "untyped" });
  });

  it("reads nested response types, discriminators as constants", () => {
    const rule = outputTypeSchema("@pulumi/azure-native", "machinelearningservices", "FqdnOutboundRuleResponse")!;
    expect(rule.get("type")).to.deep.equal({ kind: "const", value: "FQDN" });
    expect(outputTypeSchema("@pulumi/azure-native", "machinelearningservices", "NoSuchResponse")).to.equal(undefined);
    expect(outputTypeSchema("@pulumi/azure-native", "nosuchmodule", "FqdnOutboundRuleResponse")).to.equal(undefined);
  });

  it("keeps inputs of output names, drops input-only parameters and makes every other output unknown", () => {
    const out = previewOutputs(WORKSPACE, { resourceGroupName: "rg", workspaceName: "mlw", kind: "Hub", hbiWorkspace: true, tags: { a: "b" }, location: U });
    expect(out).to.not.have.any.keys("resourceGroupName", "workspaceName");
    expect(out).to.deep.include({ kind: "Hub", hbiWorkspace: true, tags: { a: "b" }, name: U, storageAccount: U, workspaceId: U, location: U });
  });

  it("shapes nested objects to their response type, recursing into arrays and maps; one-of objects pass as they are", () => {
    const out = previewOutputs(WORKSPACE, {
      managedNetwork: { isolationMode: "AllowOnlyApprovedOutbound", outboundRules: { pypi: { type: "FQDN", destination: "pypi.org" } }, notAnOutput: 1 },
      identity: { type: "SystemAssigned" },
      sharedPrivateLinkResources: [{ name: "spl" }],
    });
    expect(out.managedNetwork).to.deep.include({ isolationMode: "AllowOnlyApprovedOutbound", networkId: U, status: U });
    expect((out.managedNetwork as any).outboundRules).to.deep.equal({ pypi: { type: "FQDN", destination: "pypi.org" } });
    expect(out.managedNetwork).to.not.have.key("notAnOutput");
    expect(out.identity).to.deep.include({ type: "SystemAssigned", principalId: U, tenantId: U });
    expect((out.sharedPrivateLinkResources as any[])[0]).to.deep.include({ name: "spl" });
  });

  it("makes a value of the wrong shape, an unknown one and null unknown, and keeps secrets secret", () => {
    const out = previewOutputs(WORKSPACE, { managedNetwork: "oops", identity: UNKNOWN.object, description: null, friendlyName: { [SECRET]: "1b47061264138c4ac30d75fd1eb44270", value: "x" } });
    expect(out).to.deep.include({ managedNetwork: U, identity: U, description: U });
    expect(out.friendlyName).to.deep.equal({ [SECRET]: "1b47061264138c4ac30d75fd1eb44270", value: "x" });
  });

  it("keeps a role assignment's scope and principal (outputs of the same name)", () => {
    const out = previewOutputs(ASSIGNMENT, { scope: "/subscriptions/s", principalId: "p", roleDefinitionId: "/r", principalType: "Group", roleAssignmentName: "g" });
    expect(out).to.deep.include({ scope: "/subscriptions/s", principalId: "p", roleDefinitionId: "/r", principalType: "Group", name: U });
    expect(out).to.not.have.key("roleAssignmentName");
  });

  it("plans a bridged provider's attributes (azuread): the input where set, else unknown", () => {
    const out = previewOutputs("azuread:index/group:Group", { displayName: "g", securityEnabled: true });
    expect(out).to.deep.include({ displayName: "g", securityEnabled: true, objectId: U });
  });

  it("keeps the inputs of a type the installed SDK does not declare, as the engine does for a provider without preview", () => {
    expect(previewOutputs("random:index:RandomString", { length: 8 })).to.deep.equal({ length: 8 });
  });

  it("with known outputs, keeps what the offline world knows of each output and the id, nothing of the inputs' parameters", () => {
    const out = knownOutputs(WORKSPACE, { id: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/mlw", name: "mlw", resourceGroupName: "rg", workspaceName: "mlw", kind: "Hub" });
    expect(out).to.deep.equal({ id: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/mlw", name: "mlw", kind: "Hub" });
    expect(knownOutputs("random:index:RandomString", { length: 8 })).to.deep.equal({ length: 8 });
  });
});
