import { expect } from "chai";
import { projectSameRegionAsHub as P } from "../../../policies/deploy/projectSameRegionAsHub";
import { expectDeferred, expectDocumented, expectPass, expectViolation, unknown } from "../../helpers/policy";
import { hub, id, project, workspace } from "./fixtures";

describe("project-same-region-as-hub", () => {
  it("is documented, citing concept-hub-workspace", () => {
    expectDocumented(P);
    expect(P.url).to.match(/concept-hub-workspace$/);
  });
  it("passes a project in its hub's region (any case or spacing)", async () => {
    const h = hub();
    await expectPass(P, [h, project(h)]);
    await expectPass(P, [h, project(h, { location: "West Europe" })]);
  });
  it("reports a project in another region, on the project", async () => {
    const h = hub();
    const p = project(h, { location: "northeurope" });
    const [v] = await expectViolation(P, [h, p], /^project proj is in northeurope, its hub hub in westeurope: a project lives in its hub's region$/);
    expect(v.urn).to.equal(p.urn);
  });
  it("finds the hub by id too, and leaves a hub outside the stack, a location left out and default workspaces alone", async () => {
    await expectViolation(P, [hub(), project(id.workspace("mlw-hub"), { location: "swedencentral" })], /is in swedencentral/);
    await expectPass(P, [project(id.workspace("mlw-elsewhere"), { location: "swedencentral" })]);
    const h = hub();
    await expectPass(P, [h, project(h, { location: undefined })]);
    await expectPass(P, [hub({ location: undefined }), project(id.workspace("mlw-hub"))]);
    await expectPass(P, [h, workspace({ location: "swedencentral" })]);
  });
  it("defers unknown locations, hubs and kinds", async () => {
    const h = hub();
    await expectDeferred(P, [h, project(h, { location: unknown.string })], "location");
    const u = hub({ location: unknown.string });
    await expectDeferred(P, [u, project(u)], "location");
    await expectDeferred(P, [project(undefined, { hubResourceId: unknown.string })], "hubResourceId");
    await expectDeferred(P, [workspace({ kind: unknown.string })], "kind");
  });
});
