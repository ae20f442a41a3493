import { expect } from "chai";
import { CLOUDS, cloudNamed, isCloudAuthority, resolveEndpoints } from "../../core/clouds";

describe("audit/cloud: where the audit reads from", () => {
  it("defaults to the public cloud, takes the cloud AZURE_ENVIRONMENT (or ARM_ENVIRONMENT) names, and the flags over both", () => {
    expect(resolveEndpoints({}, {})).to.deep.equal({ ...CLOUDS.AzurePublicCloud, from: "default" });
    expect(resolveEndpoints({}, { AZURE_ENVIRONMENT: "AzureUSGovernment" })).to.deep.include({ arm: "https://management.usgovcloudapi.net", graph: "https://graph.microsoft.us", from: "environment" });
    expect(resolveEndpoints({}, { ARM_ENVIRONMENT: "china" })).to.deep.include({ arm: "https://management.chinacloudapi.cn", graph: "https://microsoftgraph.chinacloudapi.cn" });
    expect(resolveEndpoints({ armEndpoint: "https://127.0.0.1:8443/", graphEndpoint: "https://127.0.0.1:8443//" }, { AZURE_ENVIRONMENT: "AzureChinaCloud" })).to.deep.equal({
      name: "custom",
      arm: "https://127.0.0.1:8443",
      graph: "https://127.0.0.1:8443",
      authority: "https://login.chinacloudapi.cn",
      from: "--arm-endpoint",
    });
    // Sign-in at the cloud's authority, or where AZURE_AUTHORITY_HOST says.
    expect(resolveEndpoints({}, { AZURE_ENVIRONMENT: "AzureUSGovernment" }).authority).to.equal("https://login.microsoftonline.us");
    expect(resolveEndpoints({}, { AZURE_AUTHORITY_HOST: "https://login.example/" }).authority).to.equal("https://login.example");
    // Graph alone from the flag: ARM stays the environment's cloud.
    expect(resolveEndpoints({ graphEndpoint: "https://graph.example" }, { AZURE_ENVIRONMENT: "AzureUSGovernment" })).to.deep.include({ arm: "https://management.usgovcloudapi.net", graph: "https://graph.example" });
  });
  it("knows the names the Azure CLI, Terraform and azure-native use, and refuses one it does not know", () => {
    for (const n of ["AzureCloud", "public", "AzurePublicCloud"]) expect(cloudNamed(n)?.name, n).to.equal("AzurePublicCloud");
    for (const n of ["AzureUSGovernment", "usgovernment", "Azure_US_Government"]) expect(cloudNamed(n)?.name, n).to.equal("AzureUSGovernment");
    expect(cloudNamed("AzureGermanCloud")).to.equal(undefined);
    expect(() => resolveEndpoints({}, { AZURE_ENVIRONMENT: "AzureGermanCloud" })).to.throw("AZURE_ENVIRONMENT=AzureGermanCloud names no cloud this audit knows");
  });

  it("knows the clouds' own authorities (instance discovery validates them) from any other host", () => {
    for (const a of ["https://login.microsoftonline.com", "https://LOGIN.microsoftonline.us/", "https://login.chinacloudapi.cn/common"]) expect(isCloudAuthority(a), a).to.equal(true);
    for (const a of ["https://adfs.local.azurestack.external/adfs", "https://127.0.0.1:8443", "https://login.microsoftonline.com.evil.example", "not a url"]) expect(isCloudAuthority(a), a).to.equal(false);
  });
});
