import { expect } from "chai";
import { outboundRuleTypeNeedsApprovedOutbound as P } from "../../../policies/deploy/outboundRuleTypeNeedsApprovedOutbound";
import { check, expectDeferred, expectDocumented, expectPass, expectViolation, unknown } from "../../helpers/policy";
import { id, networkRule, workspace } from "./fixtures";

const fqdn = { type: "FQDN", destination: "pypi.org" };
const tag = { type: "ServiceTag", destination: { serviceTag: "DataFactory", protocol: "TCP", portRanges: "443" } };
const pe = { type: "PrivateEndpoint", destination: { serviceResourceId: id.storage("stother"), subresourceTarget: "blob" } };
const ws = (isolationMode: unknown, outboundRules?: unknown, name?: string) => workspace({ managedNetwork: { isolationMode, outboundRules } }, undefined, name);

describe("outbound-rule-type-needs-approved-outbound", () => {
  it("is documented, citing how-to-managed-network", () => {
    expectDocumented(P);
    expect(P.url).to.match(/how-to-managed-network#configure-a-managed-virtual-network-to-allow-only-approved-outbound$/);
  });

  it("reports FQDN and ServiceTag rules under internet outbound, each by name", async () => {
    const v = await check(P, [ws("AllowInternetOutbound", { pypi: fqdn, adf: tag, blob: pe })]);
    expect(v.map((x) => x.message)).to.deep.equal([
      "outbound rule mlw/pypi is of type FQDN, valid only with AllowOnlyApprovedOutbound; the workspace's isolation mode is AllowInternetOutbound",
      "outbound rule mlw/adf is of type ServiceTag, valid only with AllowOnlyApprovedOutbound; the workspace's isolation mode is AllowInternetOutbound",
    ]);
    expect(v.every((x) => x.urn!.endsWith("::mlw"))).to.equal(true);
  });
  it("reports them without a managed network (isolation Disabled, the default), any case of the type", async () => {
    await expectViolation(P, [ws(undefined, { t: { ...tag, type: "servicetag" } })], /of type servicetag, valid only with AllowOnlyApprovedOutbound; the workspace's isolation mode is Disabled \(not set\)$/);
    await expectViolation(P, [ws("Disabled", { f: fqdn })], /isolation mode is Disabled$/);
  });
  it("passes them under approved-only outbound (any case), and private-endpoint rules under any mode", async () => {
    await expectPass(P, [ws("AllowOnlyApprovedOutbound", { pypi: fqdn, adf: tag, blob: pe })]);
    await expectPass(P, [ws("allowonlyapprovedoutbound", { pypi: fqdn })]);
    await expectPass(P, [ws("AllowInternetOutbound", { blob: pe, odd: { type: 42 } })]);
    await expectPass(P, [ws("AllowInternetOutbound"), workspace({})]);
    await expectPass(P, [ws("AllowInternetOutbound", "none")]);
  });
  it("reads ManagedNetworkSettingsRule resources of the workspace (by dependency, or by name and resource group)", async () => {
    const w = ws("AllowInternetOutbound");
    await expectViolation(P, [w, networkRule({ ruleName: "pypi", workspaceName: unknown.string, properties: fqdn }, { workspaceName: [w] })], /^outbound rule mlw\/pypi is of type FQDN/);
    const [v] = await expectViolation(P, [w, networkRule({ workspaceName: "MLW-A", resourceGroupName: "RG-ML", properties: tag }, undefined, "tag-rule")], /^outbound rule mlw\/tag-rule is of type ServiceTag/);
    expect(v.urn).to.match(/::tag-rule$/);
    await expectPass(P, [w, networkRule({ workspaceName: "mlw-other", properties: tag })]);
    await expectPass(P, [w, networkRule({ workspaceName: "mlw-a", resourceGroupName: "rg-other", properties: tag })]);
    await expectViolation(P, [w, networkRule({ workspaceName: "mlw-a", resourceGroupName: unknown.string, properties: tag })], /of type ServiceTag/);
    await expectPass(P, [w, networkRule({ workspaceName: 42, properties: tag })]);
    // A rule built from another workspace's name belongs to that one, even with this one's name spelt alike.
    const other = workspace({ workspaceName: "mlw-a", managedNetwork: { isolationMode: "AllowOnlyApprovedOutbound" } }, undefined, "other");
    await expectPass(P, [w, other, networkRule({ workspaceName: unknown.string, properties: tag }, { workspaceName: [other] })]);
    await expectPass(P, [ws("AllowOnlyApprovedOutbound"), networkRule({ properties: tag })]);
  });
  it("defers what a first preview cannot know", async () => {
    await expectDeferred(P, [ws(unknown.string, { f: fqdn })], "managedNetwork.isolationMode");
    await expectDeferred(P, [ws("AllowInternetOutbound", unknown.object)], "managedNetwork.outboundRules");
    await expectDeferred(P, [ws("AllowInternetOutbound", { f: { type: unknown.string } })], "managedNetwork.outboundRules.f.type");
    await expectDeferred(P, [ws("AllowInternetOutbound"), networkRule({ workspaceName: unknown.string, properties: tag })], "workspaceName");
  });
  it("does not need the isolation mode when the workspace has no rules", () => expectPass(P, [ws(unknown.string, {})]));
});
