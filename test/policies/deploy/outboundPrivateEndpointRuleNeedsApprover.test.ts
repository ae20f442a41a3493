import { expect } from "chai";
import { outboundPrivateEndpointRuleNeedsApprover as P } from "../../../policies/deploy/outboundPrivateEndpointRuleNeedsApprover";
import { EngineResource } from "../../../plan/engine";
import { check, expectDeferred, expectDocumented, expectPass, expectViolation, resource, unknown } from "../../helpers/policy";
import { assignment, id, networkRule, ROLE, roleDefinition, roleId, storage, SUB, uai, vault, workspace } from "./fixtures";

const LAKE = id.storage("stlake", "rg-data");
const peRule = (serviceResourceId: unknown, extra: Record<string, any> = {}) => ({ type: "PrivateEndpoint", destination: { serviceResourceId, subresourceTarget: "blob" }, ...extra });
const ws = (outboundRules: unknown, props: Record<string, any> = {}, deps?: Record<string, EngineResource[]>) =>
  workspace({ identity: { type: "SystemAssigned" }, managedNetwork: { isolationMode: "AllowOnlyApprovedOutbound", outboundRules }, ...props }, deps);
const approver = (principal: EngineResource, scope: unknown, scopeDeps: EngineResource[] = [], role = ROLE.approver) =>
  assignment({ scope, principalId: unknown.string, roleDefinitionId: roleId(role) }, { principalId: [principal], scope: scopeDeps });

describe("outbound-private-endpoint-rule-needs-approver", () => {
  it("is documented, citing the approval of private endpoints (2025-04-30)", () => {
    expectDocumented(P);
    expect(P.url).to.match(/how-to-managed-network#approval-of-private-endpoints$/);
    expect(P.description).to.contain("2025-04-30").and.contain("b556d68e-0be0-4f35-a333-ad7ee1ce17ea");
  });

  it("reports a user-defined private-endpoint rule whose target the workspace identity cannot approve on", async () => {
    const [v] = await expectViolation(P, [ws({ lake: peRule(LAKE) })], /^private-endpoint outbound rule mlw\/lake targets \/subscriptions\/.*\/storageAccounts\/stlake, but the workspace's managed identity cannot approve the endpoint there/);
    expect(v.urn).to.match(/::mlw$/);
  });
  it("passes the approver role (or Contributor) on the target, its resource group or subscription", async () => {
    const w = ws({ lake: peRule(LAKE) });
    await expectPass(P, [w, approver(w, LAKE.toUpperCase())]);
    await expectPass(P, [w, approver(w, `/subscriptions/${SUB}/resourceGroups/rg-data`)]);
    await expectPass(P, [w, approver(w, `/subscriptions/${SUB}`)]);
    await expectPass(P, [w, approver(w, LAKE, [], ROLE.contributor)]);
    await expectViolation(P, [w, approver(w, LAKE, [], ROLE.reader)], /cannot approve/);
    await expectViolation(P, [w, approver(w, id.storage("stother", "rg-data"))], /cannot approve/);
    await expectViolation(P, [w, approver(w, `/subscriptions/${SUB}/resourceGroups/rg-ml`)], /cannot approve/);
  });
  it("takes a custom role that writes the target type's private endpoint connections", async () => {
    const w = ws({ lake: peRule(LAKE) });
    const custom = (actions: string[]) => roleDefinition({ roleDefinitionId: "5a1d4c1e-0000-4000-8000-0000000000aa", permissions: [{ actions }], assignableScopes: ["/"] });
    const grant = (r: EngineResource) => assignment({ scope: LAKE, principalId: unknown.string, roleDefinitionId: unknown.string }, { principalId: [w], roleDefinitionId: [r] });
    const good = custom(["Microsoft.Storage/storageAccounts/privateEndpointConnections/write"]);
    await expectPass(P, [w, good, grant(good)]);
    const wrong = custom(["Microsoft.KeyVault/vaults/privateEndpointConnections/write"]);
    await expectViolation(P, [w, wrong, grant(wrong)], /cannot approve/);
  });
  it("takes the user-assigned identity the workspace runs as", async () => {
    const me = uai();
    const w = ws({ lake: peRule(LAKE) }, { identity: { type: "UserAssigned", userAssignedIdentities: [unknown.string] } }, { identity: [me] });
    await expectPass(P, [me, w, approver(me, LAKE)]);
    await expectViolation(P, [me, w, approver(w, LAKE)], /cannot approve/);
  });
  it("skips rules to the workspace's default resources (creation's own grants cover them), by id or by resource", async () => {
    await expectPass(P, [ws({ st: peRule(id.storage()) }, { storageAccount: id.storage().toUpperCase() })]);
    await expectPass(P, [ws({ kv: peRule(id.vault()) }, { keyVault: id.vault() })]);
    const st = storage();
    await expectPass(P, [st, ws({ q: peRule(unknown.string, { destination: { serviceResourceId: unknown.string, subresourceTarget: "queue" } }) }, { storageAccount: unknown.string }, { storageAccount: [st], managedNetwork: [st] })]);
    await expectViolation(P, [ws({ lake: peRule(LAKE) }, { storageAccount: id.storage() })], /cannot approve/);
  });
  it("asks a stack target's grant on that resource, and the approver itself when its type is unknown", async () => {
    const kv = vault({}, undefined, "kv-data");
    const w = ws({ kv: peRule(unknown.string) }, {}, { managedNetwork: [kv] });
    await expectViolation(P, [kv, w], /^private-endpoint outbound rule mlw\/kv targets kv-data, but/);
    await expectPass(P, [kv, w, approver(w, unknown.string, [kv])]);
    const other = resource("azure-native:databricks:Workspace", {}, { name: "dbw" });
    const toOther = ws({ dbw: peRule(unknown.string) }, {}, { managedNetwork: [kv] });
    await expectPass(P, [kv, toOther, other, approver(toOther, unknown.string, [kv])]);
    const byId = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Databricks";
    const w2 = ws({ dbw: peRule(byId) });
    await expectPass(P, [w2, approver(w2, byId)]);
    await expectViolation(P, [w2, approver(w2, byId, [], ROLE.reader)], /cannot approve/);
  });
  it("does not apply to FQDN, ServiceTag or Azure ML's own rule categories", async () => {
    await expectPass(P, [ws({ pypi: { type: "FQDN", destination: "pypi.org" }, tag: { type: "ServiceTag" }, odd: { type: 7 } })]);
    for (const category of ["Required", "Recommended", "Dependency"]) await expectPass(P, [ws({ lake: peRule(LAKE, { category }) })]);
    await expectViolation(P, [ws({ lake: peRule(LAKE, { category: "userdefined" }) })], /cannot approve/);
    await expectPass(P, [ws(undefined), workspace({})]);
  });
  it("reports a rule without a target", () =>
    expectViolation(P, [ws({ lake: { type: "PrivateEndpoint", destination: {} } })], /^private-endpoint outbound rule mlw\/lake names no destination\.serviceResourceId$/));
  it("reads ManagedNetworkSettingsRule resources", async () => {
    const w = ws(undefined);
    const [v] = await expectViolation(P, [w, networkRule({ ruleName: "lake", properties: peRule(LAKE) }, undefined, "lake-rule")], /^private-endpoint outbound rule mlw\/lake targets/);
    expect(v.urn).to.match(/::lake-rule$/);
    await expectPass(P, [w, networkRule({ properties: peRule(LAKE) }), approver(w, LAKE)]);
  });
  it("defers what a first preview cannot know", async () => {
    await expectDeferred(P, [ws({ lake: peRule(unknown.string) })], "managedNetwork.outboundRules.lake.destination.serviceResourceId");
    await expectDeferred(P, [ws({ lake: { type: unknown.string } })], "managedNetwork.outboundRules.lake.type");
    await expectDeferred(P, [ws({ lake: peRule(LAKE, { category: unknown.string }) })], "managedNetwork.outboundRules.lake.category");
    await expectDeferred(P, [ws({ lake: peRule(LAKE) }, { identity: { type: unknown.string } })], "identity.type");
    await expectDeferred(P, [ws(unknown.object)], "managedNetwork.outboundRules");
    const w = ws({ lake: peRule(LAKE) });
    await expectDeferred(P, [w, assignment({ scope: LAKE, principalId: unknown.string, roleDefinitionId: roleId(ROLE.approver) })], "principalId");
    await expectDeferred(P, [w, assignment({ scope: LAKE, principalId: unknown.string, roleDefinitionId: unknown.string }, { principalId: [w] })], "roleDefinitionId");
  });
  it("checks every rule of every workspace", async () => {
    const v = await check(P, [ws({ a: peRule(LAKE), b: peRule(id.storage("stb", "rg-data")) })]);
    expect(v.map((x) => x.message.split(" targets")[0])).to.deep.equal(["private-endpoint outbound rule mlw/a", "private-endpoint outbound rule mlw/b"]);
  });
});
