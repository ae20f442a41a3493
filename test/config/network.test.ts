import { expect } from "chai";
import { IPV4_CIDR, OUTBOUND_PRESETS, PRIVATE_DNS_ZONE_ID, STORAGE_FQDN_RULE, SUBNET_ID, VNET_ID, isAzureStorageHost, needsFirewall, outboundRuleProblems, outboundRulesMap } from "../../config/network";

const NET = "/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub";

describe("workspace network settings (pure)", () => {
  it("maps every rule kind to a user-defined managed-network rule", () => {
    expect(
      outboundRulesMap([
        { name: "github", type: "FQDN", destination: "github.com" },
        { name: "mcr", type: "ServiceTag", serviceTag: "MicrosoftContainerRegistry" },
        { name: "data", type: "PrivateEndpoint", serviceResourceId: `${NET.replace(/virtualNetworks\/vnet-hub$/, "")}storageAccounts/st`, subresourceTarget: "blob" },
      ]),
    ).to.deep.equal({
      github: { type: "FQDN", category: "UserDefined", destination: "github.com" },
      // ServiceTag rules default to HTTPS over TCP.
      mcr: { type: "ServiceTag", category: "UserDefined", destination: { serviceTag: "MicrosoftContainerRegistry", protocol: "TCP", portRanges: "443", action: "Allow" } },
      data: { type: "PrivateEndpoint", category: "UserDefined", destination: { serviceResourceId: `${NET.replace(/virtualNetworks\/vnet-hub$/, "")}storageAccounts/st`, subresourceTarget: "blob", sparkEnabled: false } },
    });
  });

  it("expands the python-packages preset to the hosts the docs list for pip, conda, PyTorch and TensorFlow", () => {
    const map = outboundRulesMap([{ preset: "python-packages" }]);
    expect(Object.values(map).map((r) => r.destination)).to.deep.equal(["pypi.org", "*.pythonhosted.org", "anaconda.com", "*.anaconda.com", "*.anaconda.org", "pytorch.org", "*.pytorch.org", "*.tensorflow.org"]);
    expect(Object.values(map).every((r) => r.type === "FQDN" && r.category === "UserDefined")).to.equal(true);
    expect(OUTBOUND_PRESETS["python-packages"]).to.have.length(8);
  });

  it("needs the managed firewall for FQDN rules and presets only", () => {
    expect(needsFirewall([{ preset: "python-packages" }])).to.equal(true);
    expect(needsFirewall([{ name: "g", type: "FQDN", destination: "github.com" }])).to.equal(true);
    expect(needsFirewall([{ name: "m", type: "ServiceTag", serviceTag: "AzureMonitor" }, { name: "p", type: "PrivateEndpoint", serviceResourceId: "/subscriptions/x" }])).to.equal(false);
    expect(needsFirewall([])).to.equal(false);
  });

  it("reports each bad rule with its index and field", () => {
    expect(
      outboundRuleProblems([
        { name: "ok", type: "FQDN", destination: "*.example.org" },
        { name: "", type: "FQDN", destination: "x.org" },
        { name: "tag", type: "ServiceTag" },
        { name: "pe", type: "PrivateEndpoint", serviceResourceId: "storage" },
        { name: "host", type: "FQDN", destination: "*.*.org" },
      ]).map(([i, field]) => `${i}.${field}`),
    ).to.deep.equal(["1.name", "2.destination.serviceTag", "3.destination.serviceResourceId", "4.destination"]);
  });

  it("refuses an FQDN rule to Azure Storage, which approved-only outbound does not let through (a private endpoint does)", () => {
    const problems = outboundRuleProblems([
      { name: "lake", type: "FQDN", destination: "stlanding.dfs.core.windows.net" },
      { name: "pypi", type: "FQDN", destination: "pypi.org" },
      { name: "blobs", type: "FQDN", destination: "*.blob.core.windows.net" },
      // Not an FQDN rule: its destination field is not a host the firewall would open.
      { name: "tag", type: "ServiceTag", serviceTag: "Storage", destination: "st.blob.core.windows.net" },
      { name: "odd", type: "FQDN", destination: 42 as unknown as string },
    ]);
    expect(problems).to.deep.equal([
      [0, "destination", `an FQDN rule ${STORAGE_FQDN_RULE}`, "stlanding.dfs.core.windows.net"],
      [2, "destination", `an FQDN rule ${STORAGE_FQDN_RULE}`, "*.blob.core.windows.net"],
    ]);
    expect(STORAGE_FQDN_RULE).to.equal(
      "cannot reach Azure Storage: under allow-only-approved outbound an FQDN rule to a storage account does not pass (how-to-managed-network, Limitations); use a PrivateEndpoint rule to the account",
    );
  });

  it("knows Azure Storage's endpoints in every cloud, and nothing that only resembles them", () => {
    for (const host of [
      "st.blob.core.windows.net",
      "st.dfs.core.windows.net",
      "st.file.core.windows.net",
      "st.queue.core.windows.net",
      "st.table.core.windows.net",
      "st.z6.web.core.windows.net",
      "*.blob.core.windows.net",
      "blob.core.windows.net",
      "*.core.windows.net",
      "core.windows.net",
      " ST.BLOB.CORE.WINDOWS.NET ",
      "st.blob.core.chinacloudapi.cn",
      "st.file.core.usgovcloudapi.net",
      "*.core.usgovcloudapi.net",
    ])
      expect(isAzureStorageHost(host), host).to.equal(true);
    for (const host of ["pypi.org", "st.vault.azure.net", "blob.core.windows.net.example.org", "st.blob.core.windows.org", "myblob.core.windows.net", "core.windows.net.evil.com", "st.servicebus.windows.net", "windows.net", "xcore.windows.net"])
      expect(isAzureStorageHost(host), host).to.equal(false);
  });

  it("recognises subnet, network, DNS zone ids and IPv4 ranges", () => {
    expect(SUBNET_ID.test(`${NET}/subnets/snet-pe`)).to.equal(true);
    expect(SUBNET_ID.test(NET)).to.equal(false);
    expect(VNET_ID.test(NET)).to.equal(true);
    expect(VNET_ID.test(`${NET}/subnets/x`)).to.equal(false);
    expect(PRIVATE_DNS_ZONE_ID.test("/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg/providers/Microsoft.Network/privateDnsZones/privatelink.api.azureml.ms")).to.equal(true);
    for (const ok of ["203.0.113.0/24", "10.0.0.1", "0.0.0.0/0", "255.255.255.255/32"]) expect(IPV4_CIDR.test(ok), ok).to.equal(true);
    for (const bad of ["203.0.113.0/33", "256.0.0.1", "10.0.0", "fe80::/10", "10.0.0.0/8 "]) expect(IPV4_CIDR.test(bad), bad).to.equal(false);
  });
});
