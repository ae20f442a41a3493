import { expect } from "chai";
import * as resources from "@pulumi/azure-native/resources";
import { runProgram } from "../../plan/run";

describe("runProgram (recording mock runtime)", () => {
  it("returns outputs that stay unknown in preview as [unknown] instead of waiting forever", async () => {
    const run = await runProgram(
      () => {
        const rg = new resources.ResourceGroup("rg", { resourceGroupName: "rg-x", location: "westeurope" });
        return { name: rg.name, managedBy: rg.managedBy };
      },
      { project: "p", stack: "s", config: {} },
    );
    expect(run.outputs).to.deep.equal({ name: "rg-x", managedBy: "[unknown]" });
  });

  it("records parent, dependencies and property dependencies as the engine sees them", async () => {
    const run = await runProgram(
      () => {
        const rg = new resources.ResourceGroup("rg", { resourceGroupName: "rg-x", location: "westeurope" });
        new resources.ResourceGroup("child", { resourceGroupName: rg.name, location: "westeurope" }, { parent: rg, protect: true });
      },
      { project: "p", stack: "s", config: {} },
    );
    const [rg, child] = run.resources.filter((r) => r.custom);
    expect(rg.urn).to.equal("urn:pulumi:s::p::azure-native:resources:ResourceGroup::rg");
    expect(child.urn).to.equal("urn:pulumi:s::p::azure-native:resources:ResourceGroup$azure-native:resources:ResourceGroup::child");
    expect(child.parent).to.equal(rg.urn);
    expect(child.protect).to.equal(true);
    expect(child.propertyDependencies.resourceGroupName).to.deep.equal([rg.urn]);
    expect(child.dependencies).to.include(rg.urn);
  });
});
