import { expect } from "chai";
import { hub, id, project } from "../deploy/fixtures";
import { workspaceInboundPath as P } from "../../../policies/security/workspaceInboundPath";
import { TYPES } from "../../../policies/lib/azure";
import { expectDeferred, expectDocumented, expectPass, expectViolation, resource, unknown } from "../../helpers/policy";

describe("workspace-inbound-path", () => {
  const ws = (props: Record<string, any> = {}) => resource(TYPES.workspace, { workspaceName: "mlw-fraud", publicNetworkAccess: "Disabled", tags: { environment: "prod" }, ...props }, { name: "mlw" });
  const endpoint = (props: Record<string, any>, extra = {}) => resource(TYPES.privateEndpoint, props, extra);

  it("is documented", () => expectDocumented(P));
  it("reports a private workspace nobody can reach", () => expectViolation(P, [ws()], /workspace mlw has public network access Disabled and no private endpoint in the stack/));
  it("passes a private workspace with an endpoint tied to it (unknown id in preview)", () => {
    const w = ws();
    return expectPass(P, [w, endpoint({ privateLinkServiceConnections: [{ privateLinkServiceId: unknown.string, groupIds: ["amlworkspace"] }] }, { propertyDependencies: { privateLinkServiceConnections: [w.urn] } })]);
  });
  it("passes an endpoint naming the workspace by id", () =>
    expectPass(P, [ws(), endpoint({ privateLinkServiceConnections: [{ privateLinkServiceId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/MLW-FRAUD" }] })]));
  it("does not count an endpoint to another workspace", () =>
    expectViolation(P, [ws(), endpoint({ privateLinkServiceConnections: [{ privateLinkServiceId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/mlw-other" }] })], /no private endpoint/));
  it("passes a workspace whose endpoints are managed elsewhere (tag) or that is public", async () => {
    await expectPass(P, [ws({ tags: { environment: "prod", "azureml-platform-inbound": "private-endpoints-managed-elsewhere" } })]);
    await expectPass(P, [ws({ publicNetworkAccess: "Enabled" })]);
  });
  it("defers an access setting unknown during preview", () => expectDeferred(P, [ws({ publicNetworkAccess: unknown.string })], "publicNetworkAccess"));

  it("does not count an endpoint that depends on another workspace", () => {
    const other = resource(TYPES.workspace, { workspaceName: "mlw-other", publicNetworkAccess: "Enabled" }, { name: "other" });
    return expectViolation(P, [ws(), other, endpoint({ privateLinkServiceConnections: [{ privateLinkServiceId: unknown.string }] }, { propertyDependencies: { privateLinkServiceConnections: [other.urn] } })], /workspace mlw has public network access Disabled/);
  });
  it("finds the workspace among several connections of one endpoint", () =>
    expectPass(P, [
      ws(),
      endpoint({
        privateLinkServiceConnections: [
          { privateLinkServiceId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/mlw-other" },
          { privateLinkServiceId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud" },
        ],
      }),
    ]));
  it("reports, without crashing, when the workspace name or the endpoint's target is not known", async () => {
    const target = { privateLinkServiceConnections: [{ privateLinkServiceId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud" }] };
    await expectViolation(P, [ws({ workspaceName: unknown.string }), endpoint(target)], /no private endpoint/);
    await expectViolation(P, [ws(), endpoint({ privateLinkServiceConnections: [{ privateLinkServiceId: unknown.string }] })], /no private endpoint/);
  });
  it("looks only at workspaces and private endpoints", async () => {
    await expectPass(P, [resource(TYPES.storageAccount, { accountName: "st", publicNetworkAccess: "Disabled" })]);
    const w = ws();
    await expectViolation(P, [w, resource(TYPES.storageAccount, { privateLinkServiceConnections: [] }, { propertyDependencies: { privateLinkServiceConnections: [w.urn] } as any })], /no private endpoint/);
  });
  it("defers while the workspace's tags are unknown: the managed-elsewhere tag may be among them", async () => {
    await expectDeferred(P, [ws({ tags: { "azureml-platform-inbound": unknown.string } })], "tags.azureml-platform-inbound");
    await expectDeferred(P, [ws({ tags: unknown.object })], "tags");
    await expectViolation(P, [ws({ tags: { "azureml-platform-inbound": "public" } })], /no private endpoint/);
  });
});

describe("workspace-inbound-path: hubs and projects", () => {
  const peTo = (w: ReturnType<typeof hub>) => resource(TYPES.privateEndpoint, { privateLinkServiceConnections: [{ privateLinkServiceId: unknown.string }] }, { propertyDependencies: { privateLinkServiceConnections: [w.urn] } });
  it("passes a project reached through its hub's single private endpoint", () => {
    const h = hub();
    return expectPass(P, [h, peTo(h), project(h)]);
  });
  it("reports a project whose private hub has no endpoint, on the hub and on the project", async () => {
    const h = hub();
    const v = await expectViolation(P, [h, project(h)], /^project proj takes this from its hub hub: workspace hub has public network access Disabled and no private endpoint in the stack/m);
    expect(v.map((x) => x.urn!.split("::").pop())).to.deep.equal(["hub", "proj"]);
  });
  it("counts the hub's endpoint for a project that sets Disabled itself, and its own endpoint", async () => {
    const h = hub();
    await expectPass(P, [h, peTo(h), project(h, { publicNetworkAccess: "Disabled" })]);
    const p = project(h, { publicNetworkAccess: "Disabled" });
    await expectViolation(P, [h, p], /^workspace proj has public network access Disabled and no private endpoint/m);
    await expectPass(P, [h, peTo(h), p, peTo(p)]);
    // Its own endpoint counts as well (the hub here is public, so it is not reported itself).
    await expectPass(P, [{ ...h, props: { ...h.props, publicNetworkAccess: "Enabled" } }, p, peTo(p)]);
  });
  it("passes a project under a public hub, skips one under a hub outside the stack, defers unknowns", async () => {
    const h = hub({ publicNetworkAccess: "Enabled" });
    await expectPass(P, [h, project(h)]);
    await expectPass(P, [project(id.workspace("mlw-elsewhere"), { publicNetworkAccess: "Disabled" })]);
    await expectDeferred(P, [project(undefined, { hubResourceId: unknown.string })], "hubResourceId");
    await expectDeferred(P, [resource(TYPES.workspace, { kind: unknown.string, publicNetworkAccess: "Disabled" })], "kind");
  });
  it("judges a project without hubResourceId on its own", () => expectViolation(P, [project(undefined, { publicNetworkAccess: "Disabled" })], /^workspace proj has public network access Disabled/));
});
