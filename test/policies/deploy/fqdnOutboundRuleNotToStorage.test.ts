import { expect } from "chai";
import { fqdnOutboundRuleNotToStorage as P } from "../../../policies/deploy/fqdnOutboundRuleNotToStorage";
import { STORAGE_FQDN_RULE } from "../../../config/network";
import { check, expectDeferred, expectDocumented, expectPass, expectViolation, unknown } from "../../helpers/policy";
import { networkRule, workspace } from "./fixtures";

const fqdn = (destination: unknown, type: unknown = "FQDN") => ({ type, destination });
const ws = (outboundRules?: unknown, name?: string) => workspace({ managedNetwork: { isolationMode: "AllowOnlyApprovedOutbound", outboundRules } }, undefined, name);

describe("fqdn-outbound-rule-not-to-storage", () => {
  it("is documented, citing the limitation of how-to-managed-network", () => {
    expectDocumented(P);
    expect(P.url).to.equal("https://learn.microsoft.com/azure/machine-learning/how-to-managed-network#limitations");
    expect(P.description).to.contain("you can't use an FQDN rule to access Azure Storage Accounts. You must use a private endpoint instead");
  });

  it("reports an FQDN rule to a storage endpoint, by account or wildcard, each by name", async () => {
    const v = await check(P, [ws({ lake: fqdn("stlanding.dfs.core.windows.net"), blobs: fqdn("*.blob.core.windows.net"), pypi: fqdn("pypi.org") })]);
    expect(v.map((x) => x.message)).to.deep.equal([
      `outbound rule mlw/lake (FQDN stlanding.dfs.core.windows.net) ${STORAGE_FQDN_RULE}`,
      `outbound rule mlw/blobs (FQDN *.blob.core.windows.net) ${STORAGE_FQDN_RULE}`,
    ]);
    expect(v.every((x) => x.urn!.endsWith("::mlw"))).to.equal(true);
  });

  it("reads ManagedNetworkSettingsRule resources of the workspace, and the type in any case", async () => {
    const w = ws();
    const [v] = await expectViolation(P, [w, networkRule({ ruleName: "files", workspaceName: unknown.string, properties: fqdn("STFILES.FILE.CORE.WINDOWS.NET", "fqdn") }, { workspaceName: [w] }, "files-rule")], /^outbound rule mlw\/files \(FQDN STFILES\.FILE\.CORE\.WINDOWS\.NET\) cannot reach Azure Storage/);
    expect(v.urn).to.match(/::files-rule$/);
    await expectPass(P, [w, networkRule({ workspaceName: "mlw-other", properties: fqdn("st.blob.core.windows.net") })]);
  });

  it("passes other hosts, private-endpoint rules to storage, and rules that are not FQDN rules", () =>
    expectPass(P, [
      ws({
        pypi: fqdn("pypi.org"),
        hf: fqdn("*.huggingface.co"),
        lookalike: fqdn("blob.core.windows.net.example.org"),
        pe: { type: "PrivateEndpoint", destination: { serviceResourceId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st", subresourceTarget: "blob" } },
        tag: { type: "ServiceTag", destination: { serviceTag: "Storage", protocol: "TCP", portRanges: "443" } },
        odd: fqdn(42),
        // Only FQDN rules are the firewall's: another type, or none, naming a storage host is not this rule's business.
        tagged: fqdn("st.blob.core.windows.net", "ServiceTag"),
        typeless: fqdn("st.blob.core.windows.net", 42),
      }),
      workspace({}),
    ]));

  it("defers what a first preview cannot know", async () => {
    await expectDeferred(P, [ws(unknown.object)], "managedNetwork.outboundRules");
    await expectDeferred(P, [ws({ f: fqdn(unknown.string) })], "managedNetwork.outboundRules.f.destination");
    await expectDeferred(P, [ws({ f: fqdn("st.blob.core.windows.net", unknown.string) })], "managedNetwork.outboundRules.f.type");
  });
});
