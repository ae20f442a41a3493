import { expect } from "chai";
import * as path from "path";
import { Analyzer } from "@pulumi/pulumi/provider/experimental/analyzer";
import { generateSchema } from "@pulumi/pulumi/provider/experimental/schema";

const ROOT = path.resolve(__dirname, "..", "..");

/**
 * Runs the analyzer the component provider host uses for `pulumi package add` (offline) and checks
 * the schema other languages' SDKs would be generated from.
 */
describe("component schema inference (Pulumi's analyzer)", function () {
  this.timeout(300_000);
  let schema: any;
  before(() => {
    const pkg = require(path.join(ROOT, "package.json"));
    const result = new Analyzer(ROOT, "azureml-platform", pkg, new Set(["WorkspaceStack", "AccessModel", "Registry"])).analyze();
    schema = generateSchema("azureml-platform", pkg.version, pkg.description, result.components, result.typeDefinitions, result.dependencies);
  });

  it("exposes every component under azureml-platform:index:<ClassName>", () => {
    expect(Object.keys(schema.resources).sort()).to.deep.equal(["azureml-platform:index:AccessModel", "azureml-platform:index:Registry", "azureml-platform:index:WorkspaceStack"]);
    for (const r of Object.values<any>(schema.resources)) expect(r.isComponent).to.equal(true);
  });

  it("infers WorkspaceStack inputs, required inputs and outputs", () => {
    const ws = schema.resources["azureml-platform:index:WorkspaceStack"];
    expect(Object.keys(ws.inputProperties)).to.include.members(["project", "environment", "resourceGroup", "containerRegistry", "storageAccount", "keyVault", "applicationInsights", "logAnalyticsWorkspace", "identity", "encryption", "privateEndpoint", "batchEndpoints", "computes", "protectData"]);
    expect(ws.requiredInputs).to.deep.equal(["project"]);
    expect(Object.keys(ws.properties)).to.include.members(["workspaceName", "workspaceId", "resourceGroupName", "principalId", "studioUrl", "containerRegistryId"]);
    expect(ws.inputProperties.environment.$ref).to.equal("#/types/azureml-platform:index:Environment");
    expect(ws.inputProperties.computes.items.$ref).to.equal("#/types/azureml-platform:index:ComputeClusterArgs");
    // The YAML workspace's nested keys, as object types other languages get too.
    expect(ws.inputProperties.privateEndpoint.$ref).to.equal("#/types/azureml-platform:index:PrivateEndpointArgs");
    expect(Object.keys(schema.types["azureml-platform:index:PrivateEndpointArgs"].properties).sort()).to.deep.equal(["dnsZones", "subnetId"]);
    expect(Object.keys(schema.types["azureml-platform:index:EncryptionArgs"].properties).sort()).to.deep.equal(["keyUri", "keyVaultId", "serviceSide"]);
    expect(Object.keys(schema.types["azureml-platform:index:DependencyArgs"].properties).sort()).to.deep.equal(["create", "existingId"]);
    // The budget contract, the same keys as the YAML workspace's `budget`.
    expect(ws.inputProperties.budget.$ref).to.equal("#/types/azureml-platform:index:BudgetArgs");
    const budget = schema.types["azureml-platform:index:BudgetArgs"];
    expect(Object.keys(budget.properties).sort()).to.deep.equal(["amount", "contactGroups", "contacts", "currency", "thresholds"]);
    expect(budget.required.sort()).to.deep.equal(["amount", "contacts"]);
    expect(budget.properties.thresholds.items.$ref).to.equal("#/types/azureml-platform:index:BudgetThresholdArgs");
    expect(Object.keys(schema.types["azureml-platform:index:BudgetThresholdArgs"].properties).sort()).to.deep.equal(["percent", "type"]);
    expect(Object.keys(ws.properties)).to.include("budgetId");
    // Hubs and projects: the kind as an enum, the hub as an object type, registries as ids.
    expect(ws.inputProperties.kind.$ref).to.equal("#/types/azureml-platform:index:WorkspaceKind");
    expect(ws.inputProperties.hub.$ref).to.equal("#/types/azureml-platform:index:HubArgs");
    expect(ws.inputProperties.registries.items.type).to.equal("string");
  });

  it("infers Registry inputs and outputs", () => {
    const reg = schema.resources["azureml-platform:index:Registry"];
    expect(reg.requiredInputs.sort()).to.deep.equal(["locations", "project"]);
    expect(Object.keys(reg.inputProperties)).to.include.members(["publicNetworkAccess", "privateEndpoint", "protectData", "tags"]);
    expect(Object.keys(reg.properties)).to.include.members(["registryId", "registryName", "principalId", "privateEndpointId"]);
  });

  it("infers AccessModel inputs and outputs, with teams as an object type", () => {
    const am = schema.resources["azureml-platform:index:AccessModel"];
    expect(am.requiredInputs.sort()).to.deep.equal(["teams", "workspaces"]);
    expect(Object.keys(am.properties)).to.include.members(["teams", "accessMatrix", "accessMatrixMarkdown", "accessMatrixCsv"]);
    const team = schema.types["azureml-platform:index:TeamArgs"];
    expect(Object.keys(team.properties)).to.include.members(["name", "admin", "groupObjectId", "groupDisplayName", "createGroup", "members", "principalObjectId", "principalType", "role", "scope", "workspaces"]);
  });

  it("turns the string-literal choices into schema enums", () => {
    const values = (name: string) => schema.types[`azureml-platform:index:${name}`].enum.map((e: any) => e.value);
    expect(values("ManagedNetworkIsolation")).to.deep.equal(["Disabled", "AllowInternetOutbound", "AllowOnlyApprovedOutbound"]);
    expect(values("AssignmentScope")).to.deep.equal(["workspace", "resourceGroup", "subscription"]);
    expect(values("Environment")).to.deep.equal(["dev", "prod"]);
    expect(values("BudgetThresholdType")).to.deep.equal(["Actual", "Forecasted"]);
  });
});
