import { expect } from "chai";
import { projectHubIsAHub as P } from "../../../policies/deploy/projectHubIsAHub";
import { expectDeferred, expectDocumented, expectPass, expectViolation, unknown } from "../../helpers/policy";
import { hub, id, project, workspace } from "./fixtures";

describe("project-hub-is-a-hub", () => {
  it("is documented, citing concept-hub-workspace", () => {
    expectDocumented(P);
    expect(P.url).to.match(/concept-hub-workspace#converting-a-regular-workspace-into-a-hub-workspace$/);
  });
  it("passes a project under a Hub of the stack (any case of the kind), or under a hub outside it", async () => {
    const h = hub();
    await expectPass(P, [h, project(h)]);
    await expectPass(P, [hub({ kind: "hub" }), project(id.workspace("mlw-hub"))]);
    await expectPass(P, [project(id.workspace("mlw-elsewhere"))]);
  });
  it("reports a project under a default workspace or another project, on the project", async () => {
    const w = workspace();
    const p = project(w);
    const [v] = await expectViolation(P, [w, p], /^project proj's hubResourceId points at mlw, which is not a Hub workspace \(kind not set\)$/);
    expect(v.urn).to.equal(p.urn);
    const other = project(hub(), {}, "other");
    await expectViolation(P, [other, project(other)], /points at other, which is not a Hub workspace \(kind "Project"\)$/m);
  });
  it("reports a project without hubResourceId", () => expectViolation(P, [project(undefined)], /^project proj names no hubResourceId: a project is created using a hub$/));
  it("defers unknown hubs and kinds", async () => {
    await expectDeferred(P, [project(undefined, { hubResourceId: unknown.string })], "hubResourceId");
    const u = hub({ kind: unknown.string });
    await expectDeferred(P, [u, project(u)], "kind");
  });
});
