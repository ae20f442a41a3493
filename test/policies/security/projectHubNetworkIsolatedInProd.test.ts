import { expect } from "chai";
import { projectHubNetworkIsolatedInProd as P } from "../../../policies/security/projectHubNetworkIsolatedInProd";
import { check, expectDeferred, expectDocumented, expectPass, expectViolation, unknown } from "../../helpers/policy";
import { hub, id, project, workspace } from "../deploy/fixtures";

describe("project-hub-network-isolated-in-prod", () => {
  it("is documented, citing concept-hub-workspace", () => {
    expectDocumented(P);
    expect(P.url).to.match(/concept-hub-workspace/);
  });
  it("passes a prod project under an isolated, private hub (either isolation mode, any case)", async () => {
    const h = hub();
    await expectPass(P, [h, project(h)]);
    const h2 = hub({ managedNetwork: { isolationMode: "allowinternetoutbound" }, publicNetworkAccess: "disabled" });
    await expectPass(P, [h2, project(h2)]);
  });
  it("reports, on the project, a hub without managed network isolation and a hub open to the public", async () => {
    const h = hub({ managedNetwork: { isolationMode: "Disabled" }, publicNetworkAccess: "Enabled" });
    const p = project(h);
    const v = await check(P, [h, p]);
    expect(v.map((x) => x.message)).to.deep.equal([
      "prod project proj shares the network of hub hub, whose managed network isolation is Disabled",
      "prod project proj is reachable as its hub hub is: public network access Enabled",
    ]);
    expect(v.every((x) => x.urn === p.urn)).to.equal(true);
    const bare = hub({ managedNetwork: undefined, publicNetworkAccess: undefined });
    const w = await check(P, [bare, project(bare)]);
    expect(w.map((x) => x.message)).to.deep.equal([
      "prod project proj shares the network of hub hub, whose managed network isolation is Disabled (not set)",
      "prod project proj is reachable as its hub hub is: public network access Enabled (not set)",
    ]);
  });
  it("reports a prod project without a hub (fail closed)", () => expectViolation(P, [project(undefined)], /^prod project proj names no hubResourceId, so nothing isolates its network$/));
  it("skips dev projects, default workspaces, hubs, and a hub outside the stack", async () => {
    const h = hub({ publicNetworkAccess: "Enabled" });
    await expectPass(P, [h, project(h, { tags: { environment: "dev" } })]);
    await expectPass(P, [h, workspace({ publicNetworkAccess: "Enabled" })]);
    await expectPass(P, [project(id.workspace("mlw-elsewhere"))]);
  });
  it("defers what a first preview cannot know", async () => {
    await expectDeferred(P, [project(undefined, { hubResourceId: unknown.string })], "hubResourceId");
    await expectDeferred(P, [workspace({ kind: unknown.string })], "kind");
    const h = hub({ managedNetwork: { isolationMode: unknown.string } });
    await expectDeferred(P, [h, project(h)], "managedNetwork.isolationMode");
    const h2 = hub({ publicNetworkAccess: unknown.string });
    await expectDeferred(P, [h2, project(h2)], "publicNetworkAccess");
  });
});
