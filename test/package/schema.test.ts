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
    const result = new Analyzer(ROOT, "azureml-platform", pkg, new Set(["WorkspaceStack", "AccessModel"])).analyze();
    schema = generateSchema("azureml-platform", pkg.version, pkg.description, result.components, result.typeDefinitions, result.dependencies);
  });

  it("exposes both components under azureml-platform:index:<ClassName>", () => {
    expect(Object.keys(schema.resources).sort()).to.deep.equal(["azureml-platform:index:AccessModel", "azureml-platform:index:WorkspaceStack"]);
    for (const r of Object.values<any>(schema.resources)) expect(r.isComponent).to.equal(true);
  });

  it("infers WorkspaceStack inputs, required inputs and outputs", () => {
    const ws = schema.resources["azureml-platform:index:WorkspaceStack"];
    expect(Object.keys(ws.inputProperties)).to.include.members(["project", "environment", "resourceGroupName", "containerRegistry", "containerRegistryId", "storageAccountId", "keyVaultId", "applicationInsightsId", "computes", "protectData"]);
    expect(ws.requiredInputs).to.deep.equal(["project"]);
    expect(Object.keys(ws.properties)).to.include.members(["workspaceName", "workspaceId", "resourceGroupName", "principalId", "studioUrl", "containerRegistryId"]);
    expect(ws.inputProperties.environment.$ref).to.equal("#/types/azureml-platform:index:Environment");
    expect(ws.inputProperties.computes.items.$ref).to.equal("#/types/azureml-platform:index:ComputeClusterArgs");
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
    expect(values("ContainerRegistryMode")).to.deep.equal(["onDemand", "create", "existing"]);
    expect(values("AssignmentScope")).to.deep.equal(["workspace", "resourceGroup", "subscription"]);
    expect(values("Environment")).to.deep.equal(["dev", "prod"]);
  });
});
