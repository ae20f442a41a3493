import { expect } from "chai";
import { assignProviders, defaultProviderName, packageConfig, packageOf, providerReferenceUrn } from "../../plan/providers";
import { RecordedResource } from "../../plan/recorder";

const base = (urn: string, type: string, extra: Partial<RecordedResource> = {}): RecordedResource => ({
  urn,
  type,
  name: urn.split("::").pop()!,
  custom: true,
  protect: false,
  dependencies: [],
  propertyDependencies: {},
  inputs: {},
  options: { ignoreChanges: [], aliases: [], additionalSecretOutputs: [] },
  ...extra,
});

describe("plan/providers: the providers the engine gives a stack's resources", () => {
  const config = { "azure-native:subscriptionId": "sub-1", "azure-native:location": "westeurope", "azuread:tenantId": "t", "azureml-platform:environment": "prod" };

  it("names a default provider as ProviderRequest.DefaultName does", () => {
    expect(defaultProviderName("3.28.0")).to.equal("default_3_28_0");
    expect(defaultProviderName("3.28.0-alpha.1")).to.equal("default_3_28_0_alpha_1");
    expect(defaultProviderName(undefined)).to.equal("default");
    expect(packageOf("azure-native:storage:StorageAccount")).to.equal("azure-native");
    expect(packageOf("pulumi:pulumi:Stack")).to.equal(undefined);
    expect(providerReferenceUrn("urn:pulumi:s::p::pulumi:providers:azure-native::west::abc")).to.equal("urn:pulumi:s::p::pulumi:providers:azure-native::west");
  });

  it("gives the provider the package's config, namespace stripped, secrets kept secret (GetPackageConfig)", () => {
    expect(packageConfig("azure-native", { project: "p", stack: "s", config })).to.deep.equal({ subscriptionId: "sub-1", location: "westeurope" });
    const secret = packageConfig("azuread", { project: "p", stack: "s", config, secretKeys: ["azuread:tenantId"] });
    expect(secret.tenantId).to.deep.include({ value: "t" });
  });

  it("registers one default provider per package and version and points every custom resource at its provider", () => {
    const a = base("urn:pulumi:s::p::azure-native:storage:StorageAccount::st", "azure-native:storage:StorageAccount", { version: "3.28.0" });
    const b = base("urn:pulumi:s::p::azure-native:keyvault:Vault::kv", "azure-native:keyvault:Vault", { version: "3.28.0" });
    const g = base("urn:pulumi:s::p::azuread:index/group:Group::g", "azuread:index/group:Group", { version: "6.9.1" });
    const explicit = base("urn:pulumi:s::p::pulumi:providers:azure-native::other", "pulumi:providers:azure-native", { inputs: { subscriptionId: "sub-2" } });
    const c = base("urn:pulumi:s::p::azure-native:storage:StorageAccount::st2", "azure-native:storage:StorageAccount", { provider: `${explicit.urn}::id-1` });
    const component = base("urn:pulumi:s::p::azureml-platform:index:WorkspaceStack::w", "azureml-platform:index:WorkspaceStack", { custom: false });
    const defaults = assignProviders([a, b, g, explicit, c, component], { project: "p", stack: "s", config });
    expect(defaults.map((d) => d.urn)).to.deep.equal(["urn:pulumi:s::p::pulumi:providers:azure-native::default_3_28_0", "urn:pulumi:s::p::pulumi:providers:azuread::default_6_9_1"]);
    expect(defaults[0].inputs).to.deep.equal({ subscriptionId: "sub-1", location: "westeurope", version: "3.28.0" });
    expect(defaults[0].outputs).to.deep.equal(defaults[0].inputs);
    expect([a.providerUrn, b.providerUrn, g.providerUrn, c.providerUrn, component.providerUrn]).to.deep.equal([defaults[0].urn, defaults[0].urn, defaults[1].urn, explicit.urn, undefined]);
    expect(explicit.providerUrn).to.equal(undefined);
  });
});
