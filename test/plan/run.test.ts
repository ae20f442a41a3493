import { expect } from "chai";
import * as resources from "@pulumi/azure-native/resources";
import * as pulumi from "@pulumi/pulumi";
import { plainInputs } from "../../plan/props";
import { runProgram } from "../../plan/run";
import { UNKNOWN } from "../../policies/lib/internals";

describe("runProgram (recording mock runtime)", () => {
  const program = () => {
    const rg = new resources.ResourceGroup("rg", { resourceGroupName: "rg-x", location: "westeurope" });
    const child = new resources.ResourceGroup("child", { resourceGroupName: pulumi.interpolate`${rg.name}-child`, location: rg.location });
    return { id: rg.id, name: rg.name, managedBy: rg.managedBy, location: rg.location, childName: child.name };
  };

  it("returns outputs that stay unknown in preview as [unknown] instead of waiting forever", async () => {
    const run = await runProgram(program, { project: "p", stack: "s", config: {}, knownOutputs: true });
    expect(run.outputs).to.deep.equal({ id: "/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg-x", name: "rg-x", managedBy: "[unknown]", location: "westeurope", childName: "rg-x-child" });
  });

  it("models a first preview by default: ids and computed outputs of new resources are unknown, inputs stay known", async () => {
    const run = await runProgram(program, { project: "p", stack: "s", config: {} });
    expect(run.outputs).to.deep.equal({ id: "[unknown]", name: "[unknown]", managedBy: "[unknown]", location: "westeurope", childName: "[unknown]" });
    // An input computed from an unknown output reaches the engine as Pulumi's unknown sentinel.
    const child = run.resources.find((r) => r.name === "child")!;
    expect(plainInputs(child)).to.deep.equal({ resourceGroupName: UNKNOWN.string, location: "westeurope" });
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
