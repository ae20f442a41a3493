import { expect } from "chai";
import { buildPlatform } from "../../program/build";
import { PYTHON_PACKAGE_CHANNELS } from "../../governance/assignments";
import { baseConfig, validate } from "../helpers/config";
import { inputs, ofType, plainInputs, runUnderMocks } from "../helpers/harness";

const TYPE = "azure-native:authorization:PolicyAssignment";
const run = (raw: Record<string, unknown>) => runUnderMocks(() => buildPlatform(validate(raw)).workspaces);
const prodWorkspace = { name: "fraud", publicNetworkAccess: "Disabled", managedNetworkIsolation: "AllowOnlyApprovedOutbound" };

describe("program: Azure Policy assignments on the resource groups the stack creates", function () {
  this.timeout(120_000);

  it("assigns nothing when azurePolicy is absent", async () => {
    expect(ofType(await run(baseConfig()), TYPE)).to.deep.equal([]);
  });

  it("assigns every pinned definition to the created resource group, as a child of the workspace stack, with Deny in prod", async () => {
    const result = await run(baseConfig({ environment: "prod", azurePolicy: {}, workspaces: [prodWorkspace] }));
    const assignments = ofType(result, TYPE);
    expect(assignments.map((r) => r.name).sort()).to.deep.equal(["fraud-policy-idle-shutdown", "fraud-policy-local-auth", "fraud-policy-managed-network", "fraud-policy-pip-channels", "fraud-policy-public-access"]);
    const stackUrn = result.resources.find((r) => r.type === "azureml-platform:index:WorkspaceStack")!.urn;
    for (const a of assignments) expect(a.parent).to.equal(stackUrn);
    const rg = result.resources.find((r) => r.type === "azure-native:resources:ResourceGroup")!;
    const byName = Object.fromEntries(assignments.map((a) => [a.name, plainInputs(a)]));
    expect(byName["fraud-policy-local-auth"]).to.deep.equal({
      policyAssignmentName: "aml-local-auth",
      scope: "/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg-fraud-prod-fraud",
      policyDefinitionId: "/providers/Microsoft.Authorization/policyDefinitions/e96a9a5f-07ca-471b-9bc5-6a0f33cbd68f",
      definitionVersion: "2.*.*",
      displayName: "Azure Machine Learning Computes should have local authentication methods disabled (azureml-platform)",
      description: "Assigned by azureml-platform to the resource group of workspace fraud; effect Deny.",
      enforcementMode: "Default",
      parameters: { effect: { value: "Deny" } },
    });
    for (const a of assignments) expect(a.propertyDependencies.scope, a.name).to.deep.equal([rg.urn]);
    expect(byName["fraud-policy-managed-network"].parameters).to.deep.equal({ isolationMode: { value: "AllowOnlyApprovedOutbound" }, effect: { value: "Deny" } });
    expect(byName["fraud-policy-pip-channels"]).to.deep.include({ enforcementMode: "Default", parameters: { allowedPythonPackageChannels: { value: [...PYTHON_PACKAGE_CHANNELS] }, effect: { value: "enforceSetting" } } });
    expect(byName["fraud-policy-pip-channels"]).to.not.have.property("definitionVersion");
  });

  it("in dev audits: Audit for control-plane definitions, the data-plane setting not enforced", async () => {
    const result = await run(baseConfig({ azurePolicy: {} }));
    const byName = Object.fromEntries(ofType(result, TYPE).map((a) => [a.name, plainInputs(a)]));
    expect(byName["fraud-policy-public-access"]).to.deep.include({ enforcementMode: "Default", parameters: { effect: { value: "Audit" } } });
    expect(byName["fraud-policy-pip-channels"]).to.deep.include({ enforcementMode: "DoNotEnforce", parameters: { allowedPythonPackageChannels: { value: [...PYTHON_PACKAGE_CHANNELS] }, effect: { value: "enforceSetting" } } });
  });

  it("leaves out excluded definitions and resource groups the stack adopts", async () => {
    const result = await run(
      baseConfig({
        azurePolicy: { effect: "Audit", exclude: ["e96a9a5f-07ca-471b-9bc5-6a0f33cbd68f", "77eeea86-7e81-4a7d-9067-de844d096752", "679ddf89-ab8f-48a5-9029-e76054077449"] },
        workspaces: [{ name: "fraud" }, { name: "shared", resourceGroup: { existingName: "rg-shared" } }],
      }),
    );
    expect(ofType(result, TYPE).map((r) => r.name).sort()).to.deep.equal(["fraud-policy-managed-network", "fraud-policy-public-access"]);
    expect(inputs({ ...result, resources: ofType(result, TYPE).slice(0, 1) }, TYPE).scope).to.equal("/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg-fraud-dev-fraud");
  });
});
