import { expect } from "chai";
import { ARM_TYPES, UnmappedTypeError, toArmResource } from "../../governance/arm";
import { TYPES } from "../../core/types";

describe("governance/arm: a planned resource as the ARM request Azure Policy evaluates", () => {
  it("maps every azure-native type the package registers to its ARM type", () => {
    for (const [key, token] of Object.entries(TYPES)) if (token.startsWith("azure-native:")) expect(ARM_TYPES[token], key).to.not.equal(undefined);
    expect(ARM_TYPES[TYPES.compute].arm).to.equal("Microsoft.MachineLearningServices/workspaces/computes");
    expect(ARM_TYPES[TYPES.workspace].arm).to.equal("Microsoft.MachineLearningServices/workspaces");
  });

  it("builds a workspace's body: envelope fields at the top, flattened inputs under properties, addressing inputs dropped", () => {
    const arm = toArmResource({
      type: "azure-native:machinelearningservices/v20250101preview:Workspace",
      inputs: { workspaceName: "mlw", resourceGroupName: "rg", location: "westeurope", kind: "Default", tags: { a: "1" }, identity: { type: "SystemAssigned" }, sku: { name: "Basic" }, publicNetworkAccess: "Disabled", managedNetwork: { isolationMode: "AllowOnlyApprovedOutbound" } },
    });
    expect(arm).to.deep.equal({
      type: "Microsoft.MachineLearningServices/workspaces",
      name: "mlw",
      location: "westeurope",
      kind: "Default",
      tags: { a: "1" },
      identity: { type: "SystemAssigned" },
      sku: { name: "Basic" },
      properties: { publicNetworkAccess: "Disabled", managedNetwork: { isolationMode: "AllowOnlyApprovedOutbound" } },
    });
  });

  it("takes a compute's `properties` input as the ARM properties object", () => {
    const arm = toArmResource({ type: TYPES.compute, inputs: { computeName: "cpu", workspaceName: "mlw", resourceGroupName: "rg", location: "westeurope", properties: { computeType: "AmlCompute", disableLocalAuth: true } } });
    expect(arm).to.deep.equal({ type: "Microsoft.MachineLearningServices/workspaces/computes", name: "cpu", location: "westeurope", properties: { computeType: "AmlCompute", disableLocalAuth: true } });
    expect(toArmResource({ type: TYPES.compute, inputs: { computeName: "cpu" } })?.properties).to.deep.equal({});
  });

  it("skips what is not an Azure resource and reports an azure-native type it does not know", () => {
    expect(toArmResource({ type: "azureml-platform:index:WorkspaceStack", inputs: {} })).to.equal(undefined);
    expect(toArmResource({ type: TYPES.group, inputs: {} })).to.equal(undefined);
    expect(() => toArmResource({ type: "azure-native:web:WebApp", inputs: {} })).to.throw(UnmappedTypeError, "no ARM type is known for azure-native:web:WebApp");
  });
});
