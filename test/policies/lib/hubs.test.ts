// How the policies find a project's hub (policies/lib/hubs) and judge a project through it (workspaceRule in policies/lib/define).
import { expect } from "chai";
import { hubOf, kindIs, networkOwner, workspacesOfKind } from "../../../policies/lib/hubs";
import { workspaceRule } from "../../../policies/lib/define";
import { policyResources } from "../../../plan/engine";
import { check, expectDeferred, expectPass, unknown, withSource } from "../../helpers/policy";
import { hub, id, project, workspace } from "../deploy/fixtures";

const graph = (...rs: Parameters<typeof policyResources>[0]) => policyResources(withSource([...rs]));

describe("hubs and projects (policies/lib/hubs)", () => {
  it("reads kind case-insensitively, unknown while unknown", () => {
    const [h, p, d, u] = graph(hub(), project(undefined, { kind: "project" }), workspace(), workspace({ kind: unknown.string }, undefined, "u"));
    expect([kindIs(h, "Hub"), kindIs(h, "Project"), kindIs(p, "Project"), kindIs(d, "Project"), kindIs(d, "Hub"), kindIs(u, "Hub")]).to.deep.equal([true, false, true, false, false, "unknown"]);
  });

  it("finds the hub by property dependency, by the Azure name of a written-out id (any case), or outside the stack", () => {
    const h = hub();
    const [gh, byDep] = graph(h, project(h));
    expect(hubOf(byDep, [gh, byDep])).to.deep.equal({ hub: gh });
    const [gh2, byId] = graph(hub(), project(id.workspace("MLW-HUB")));
    expect(hubOf(byId, [gh2, byId])).to.deep.equal({ hub: gh2 });
    const [gh3, outside] = graph(hub(), project(id.workspace("mlw-elsewhere")));
    const found = hubOf(outside, [gh3, outside]);
    expect("outside" in found && found.outside.id).to.equal(id.workspace("mlw-elsewhere"));
  });

  it("is pending on an unknown hubResourceId built from no workspace, and none without one", () => {
    const [p] = graph(project(undefined, { hubResourceId: unknown.string }));
    expect(hubOf(p, [p])).to.deep.equal({ pending: { props: p.props, path: "hubResourceId" } });
    const [q] = graph(project(undefined));
    expect(hubOf(q, [q])).to.deep.equal({ none: true });
  });

  it("lists workspaces of a kind and the first one whose kind is unknown", () => {
    const rs = graph(hub(), project(undefined, {}, "p1"), workspace(), workspace({ kind: unknown.string }, undefined, "u1"), workspace({ kind: unknown.string }, undefined, "u2"), project(undefined, {}, "p2"));
    const projects = workspacesOfKind(rs, "Project");
    expect(projects.workspaces.map((w) => w.name)).to.deep.equal(["p1", "p2"]);
    expect(projects.pending).to.deep.equal({ props: rs[3].props, path: "kind" });
    expect(workspacesOfKind(rs.slice(0, 3), "Hub")).to.deep.equal({ workspaces: [rs[0]], pending: undefined });
  });

  it("routes a workspace's traffic through its own network, a project's through its hub's", () => {
    const h = hub();
    const rs = graph(h, project(h), workspace(), project(id.workspace("mlw-elsewhere"), {}, "out"), workspace({ kind: unknown.string }, undefined, "u"), project(undefined, { hubResourceId: unknown.string }, "pend"));
    expect(networkOwner(rs[0], rs)).to.deep.equal({ owner: rs[0] });
    expect(networkOwner(rs[1], rs)).to.deep.equal({ owner: rs[0] });
    expect(networkOwner(rs[2], rs)).to.deep.equal({ owner: rs[2] });
    expect(networkOwner(rs[3], rs)).to.deep.equal({});
    expect(networkOwner(rs[4], rs)).to.deep.equal({ pending: { props: rs[4].props, path: "kind" } });
    expect(networkOwner(rs[5], rs)).to.deep.equal({ pending: { props: rs[5].props, path: "hubResourceId" } });
  });
});

describe("workspaceRule: a project judged through its hub (policies/lib/define)", () => {
  const P = workspaceRule({
    name: "test-hbi",
    description: "test rule reading hbiWorkspace",
    severity: "medium",
    remediationSteps: "Set hbiWorkspace: true.",
    url: "https://learn.microsoft.com/x",
    inherited: ["hbiWorkspace"],
    prodOnly: true,
    check: (ctx) => ctx.expect("hbiWorkspace", (v) => v === true, `be true (config ${JSON.stringify(ctx.config)}, prod ${ctx.prod})`),
  });
  const messages = async (...rs: Parameters<typeof check>[1]) => (await check(P, rs)).map((v) => [v.urn!.split("::").pop(), v.message]);

  it("carries the rule's metadata", () => {
    expect([P.name, P.description, P.severity, P.remediationSteps, P.url]).to.deep.equal(["test-hbi", "test rule reading hbiWorkspace", "medium", "Set hbiWorkspace: true.", "https://learn.microsoft.com/x"]);
  });
  it("passes a project that leaves the setting out under a compliant hub", () => {
    const h = hub();
    return expectPass(P, [h, project(h)]);
  });
  it("reports a project on the hub's failure, naming the hub, besides the hub itself", async () => {
    const h = hub({ hbiWorkspace: false });
    expect(await messages(h, project(h))).to.deep.equal([
      ["hub", "hbiWorkspace must be true (config {}, prod true) (got false)"],
      ["proj", "project proj takes this from its hub hub: hbiWorkspace must be true (config {}, prod true) (got false)"],
    ]);
  });
  it("judges a project by its own value when it sets one", async () => {
    const h = hub();
    expect(await messages(h, project(h, { hbiWorkspace: false }))).to.deep.equal([["proj", "hbiWorkspace must be true (config {}, prod true) (got false)"]]);
    // Its own compliant value passes even under a hub that fails (the hub is reported on its own).
    const bad = hub({ hbiWorkspace: false });
    expect(await messages(bad, project(bad, { hbiWorkspace: true }))).to.deep.equal([["hub", "hbiWorkspace must be true (config {}, prod true) (got false)"]]);
  });
  it("finds a hub named by a written-out id", async () => {
    expect(await messages(hub({ hbiWorkspace: false }), project(id.workspace("mlw-hub")))).to.have.length(2);
  });
  it("leaves a project whose hub is outside the stack to the stack that creates it", () => expectPass(P, [project(id.workspace("mlw-elsewhere"))]));
  it("judges a project without hubResourceId on its own, saying so", async () => {
    expect(await messages(project(undefined))).to.deep.equal([["proj", "hbiWorkspace must be true (config {}, prod true) (got not set) (project proj names no hubResourceId to take it from)"]]);
  });
  it("defers while the hub or the kind is unknown", async () => {
    await expectDeferred(P, [project(undefined, { hubResourceId: unknown.string })], "hubResourceId");
    await expectDeferred(P, [workspace({ kind: unknown.string, hbiWorkspace: false })], "kind");
    const h = hub({ hbiWorkspace: unknown.boolean });
    const v = await check(P, [h, project(h)]);
    expect(v.map((x) => [x.enforcementLevel, x.urn])).to.deep.equal([["advisory", undefined]]);
  });
  it("skips dev projects and judges default workspaces and hubs by their own values", async () => {
    const h = hub({ hbiWorkspace: false, tags: { environment: "dev" } });
    await expectPass(P, [h, project(h, { tags: { environment: "dev" } })]);
    // A prod project under a dev hub is held to prod rules: the hub's values are judged for the project.
    expect(await messages(h, project(h))).to.deep.equal([["proj", "project proj takes this from its hub hub: hbiWorkspace must be true (config {}, prod true) (got false)"]]);
    expect(await messages(workspace({ tags: { environment: "prod" } }))).to.deep.equal([["mlw", "hbiWorkspace must be true (config {}, prod true) (got not set)"]]);
  });
  it("ignores other resource types", () => expectPass(P, [{ ...hub({ hbiWorkspace: false }), type: "azure-native:storage:StorageAccount" }]));
});
