import { expect } from "chai";
import { workspaceRegistryOutboundRule as P } from "../../../policies/security/workspaceRegistryOutboundRule";
import { EngineResource } from "../../../plan/engine";
import { check, expectDeferred, expectDocumented, expectPass, expectViolation, unknown } from "../../helpers/policy";
import { assignment, hub, id, mlRegistry, mlRegistryId, networkRule, project, ROLE, roleId, workspace } from "../deploy/fixtures";

/** Reader on `registry` for `ws`'s system identity, as WorkspaceStack grants it (ids unknown in a first preview). */
const reader = (ws: EngineResource, registry: EngineResource, name = `${ws.name}-reader`) =>
  assignment({ principalId: unknown.string, roleDefinitionId: roleId(ROLE.reader), scope: unknown.string }, { principalId: [ws], scope: [registry] }, name);
const peRule = (serviceResourceId: unknown, subresourceTarget: unknown = "amlregistry") => ({ type: "PrivateEndpoint", destination: { serviceResourceId, subresourceTarget } });
/** A hub whose approved-only network has `rules` inline, built from `deps`. */
const hubWith = (rules: Record<string, unknown>, deps: EngineResource[] = [], mode: unknown = "AllowOnlyApprovedOutbound") => hub({ managedNetwork: { isolationMode: mode, outboundRules: rules } }, { managedNetwork: deps });

describe("workspace-registry-outbound-rule", () => {
  it("is documented, citing how-to-registry-network-isolation", () => {
    expectDocumented(P);
    expect(P.url).to.match(/how-to-registry-network-isolation#use-assets-from-registry-in-workspace$/);
  });

  it("passes a project whose hub has the amlregistry rule to the registry it reads (id unknown, built from it)", () => {
    const mlr = mlRegistry();
    const h = hubWith({ "registry-models": peRule(unknown.string) }, [mlr]);
    const p = project(h);
    return expectPass(P, [mlr, h, p, reader(p, mlr), reader(h, mlr)]);
  });
  it("reports a project whose approved-only hub has no rule to it, naming the hub", async () => {
    const mlr = mlRegistry();
    const h = hubWith({});
    const p = project(h);
    const v = await check(P, [mlr, h, p, reader(p, mlr)]);
    expect(v.map((x) => [x.urn!.split("::").pop(), x.message])).to.deep.equal([
      ["proj", "workspace proj uses registry mlr (its identity holds a role on it), but the managed network of its hub hub is approved-only and has no PrivateEndpoint outbound rule with subresourceTarget amlregistry to it: jobs and deployments cannot reach the registry's assets"],
    ]);
  });
  it("reports a default workspace on its own network", () => {
    const mlr = mlRegistry();
    const w = workspace({ identity: { type: "SystemAssigned" }, managedNetwork: { isolationMode: "AllowOnlyApprovedOutbound" } });
    return expectViolation(P, [mlr, w, reader(w, mlr)], /^workspace mlw uses registry mlr .*but its managed network is approved-only/);
  });
  it("matches the rule's registry by id, and only a PrivateEndpoint rule with sub-resource amlregistry", async () => {
    const mlr = mlRegistry();
    const use = (rules: Record<string, unknown>) => {
      const h = hubWith(rules);
      return [mlr, h, reader(h, mlr)];
    };
    await expectPass(P, use({ r: peRule(mlRegistryId("FRAUD-MODELS")) }));
    await expectPass(P, use({ r: peRule(mlRegistryId(), "AMLREGISTRY"), other: peRule(id.storage(), "blob") }));
    await expectViolation(P, use({ r: peRule(mlRegistryId("other-models")) }), /no PrivateEndpoint outbound rule/);
    await expectViolation(P, use({ r: peRule(mlRegistryId(), "blob") }), /no PrivateEndpoint outbound rule/);
    await expectViolation(P, use({ r: { type: "FQDN", destination: "fraud-models.api.azureml.ms" } }), /no PrivateEndpoint outbound rule/);
    await expectViolation(P, use({ r: { ...peRule(mlRegistryId()), type: 7 } }), /no PrivateEndpoint outbound rule/);
    await expectViolation(P, use({ r: peRule(mlRegistryId(), 7) }), /no PrivateEndpoint outbound rule/);
  });
  it("counts a ManagedNetworkSettingsRule resource on the hub", () => {
    const mlr = mlRegistry();
    const h = hubWith({});
    const p = project(h);
    return expectPass(P, [mlr, h, p, reader(p, mlr), networkRule({ workspaceName: "mlw-hub", properties: peRule(mlRegistryId()) })]);
  });
  it("does not apply without a grant on the registry, outside approved-only outbound, or under a hub outside the stack", async () => {
    const mlr = mlRegistry();
    const h = hubWith({});
    await expectPass(P, [mlr, h, project(h)]);
    const open = hubWith({}, [], "AllowInternetOutbound");
    const p = project(open);
    await expectPass(P, [mlr, open, p, reader(p, mlr)]);
    const q = project(id.workspace("mlw-elsewhere"));
    await expectPass(P, [mlr, q, reader(q, mlr)]);
    await expectPass(P, [h, project(h)]);
    // A grant on something else (here the hub) is no use of the registry.
    const r = project(h);
    await expectPass(P, [mlr, h, r, assignment({ principalId: unknown.string, roleDefinitionId: roleId(ROLE.reader), scope: unknown.string }, { principalId: [r], scope: [h] }, "on-hub")]);
  });
  it("defers what a first preview cannot know", async () => {
    const mlr = mlRegistry();
    const h = hubWith({}, [], unknown.string);
    const p = project(h);
    await expectDeferred(P, [mlr, h, p, reader(p, mlr)], "managedNetwork.isolationMode");
    const h2 = hub({ managedNetwork: { isolationMode: "AllowOnlyApprovedOutbound", outboundRules: unknown.object } });
    const p2 = project(h2);
    await expectDeferred(P, [mlr, h2, p2, reader(p2, mlr)], "managedNetwork.outboundRules");
    const h3 = hubWith({ r: peRule(unknown.string) });
    const p3 = project(h3);
    await expectDeferred(P, [mlr, h3, p3, reader(p3, mlr)], "managedNetwork.outboundRules.r.destination.serviceResourceId");
    const h4 = hubWith({ r: { type: unknown.string } });
    await expectDeferred(P, [mlr, h4, reader(h4, mlr)], "managedNetwork.outboundRules.r.type");
    const h5 = hubWith({ r: peRule(mlRegistryId(), unknown.string) });
    await expectDeferred(P, [mlr, h5, reader(h5, mlr)], "managedNetwork.outboundRules.r.destination.subresourceTarget");
    const p6 = project(undefined, { hubResourceId: unknown.string });
    await expectDeferred(P, [mlr, p6, reader(p6, mlr)], "hubResourceId");
    const p7 = project(hubWith({}), { identity: { type: unknown.string } });
    await expectDeferred(P, [mlr, p7], "identity.type");
    const h8 = hubWith({});
    await expectDeferred(P, [mlr, h8, assignment({ principalId: unknown.string, roleDefinitionId: roleId(ROLE.reader), scope: unknown.string }, {}, "who")], "principalId");
  });
  it("has nothing to check in a stack without registries", () => expectPass(P, [hubWith({}, [], unknown.string)]));
});
