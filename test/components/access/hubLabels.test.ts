import { expect } from "chai";
import { hubLabels } from "../../../components/access/assignments";

const hub = (sub: string, rg: string, name: string) => `/subscriptions/${sub}/resourcegroups/${rg}/providers/microsoft.machinelearningservices/workspaces/${name}`;

describe("AccessModel: how resource names show a project's hub", () => {
  it("keeps a hub of the stack by its logical name, and shows an adopted hub's id by its Azure name (no ARM id in a resource name)", () => {
    const labels = hubLabels(["platform", hub("s1", "rg-hub", "hub-shared"), "platform"]);
    expect([...labels]).to.deep.equal([
      ["platform", "platform"],
      [hub("s1", "rg-hub", "hub-shared"), "hub-shared"],
    ]);
  });
  it("adds the resource group, then the subscription, where two adopted hubs share a name", () => {
    const a = hub("s1", "rg-a", "hub");
    const b = hub("s1", "rg-b", "hub");
    const c = hub("s2", "rg-b", "hub");
    expect([...hubLabels([a, b]).values()]).to.deep.equal(["rg-a-hub", "rg-b-hub"]);
    expect([...hubLabels([b, c]).values()]).to.deep.equal(["s1-rg-b-hub", "s2-rg-b-hub"]);
    // A stack hub named like an adopted one keeps its name; the adopted one says its group.
    expect([...hubLabels(["hub", a]).values()]).to.deep.equal(["hub", "rg-a-hub"]);
  });
});
