import { expect } from "chai";
import { PlatformConfigError } from "../../config/errors";
import { checkWorkspaceStackArgs } from "../../config/workspaceArgs";
import { isDeferred, resolveWorkspace, resolvedWorkspaceIssues, workspaceArgsSchema, workspaceSchema } from "../../config/workspace";

const SUB = "/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg/providers";
const VNET = `${SUB}/Microsoft.Network/virtualNetworks/vnet`;
const ZONE = (z: string) => `${SUB}/Microsoft.Network/privateDnsZones/${z}`;
const output = (value: unknown) => ({ __pulumiOutput: true, value });

/** The issues of one stack-config workspace as `path: rule`, paths relative to the workspace. */
function problems(entry: Record<string, unknown>): string[] {
  const parsed = workspaceSchema.safeParse({ name: "fraud", ...entry });
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

/** The rules that need the environment, for one resolved workspace. */
function resolvedProblems(entry: Record<string, unknown>, environment: "dev" | "prod" = "prod", subscriptionId?: string): string[] {
  const parsed = workspaceSchema.parse({ name: "fraud", ...entry });
  return resolvedWorkspaceIssues(resolveWorkspace(parsed, environment), { project: "fraud", environment, name: "fraud", subscriptionId }, (s) => s.join(".")).map((i) => `${i.path}: ${i.rule}`);
}

function refusal(name: unknown, args: Record<string, unknown>): string {
  try {
    checkWorkspaceStackArgs(name as string, { project: "fraud", ...args });
  } catch (e) {
    expect(e).to.be.instanceOf(PlatformConfigError);
    return (e as Error).message;
  }
  return "";
}

describe("the workspace contract (config/workspace.ts)", () => {
  it("knows an Output or a Promise from a plain value", () => {
    expect(isDeferred(output("x"))).to.equal(true);
    expect(isDeferred(Promise.resolve(1))).to.equal(true);
    for (const plain of ["x", 1, null, undefined, {}, { __pulumiOutput: false }, { then: 1 }]) expect(isDeferred(plain), String(plain)).to.equal(false);
  });

  it("wants DNS zones created on a network or given, never both, never half", () => {
    const zones = { api: ZONE("privatelink.api.azureml.ms"), notebooks: ZONE("privatelink.notebooks.azure.net") };
    const pe = (dnsZones: unknown) => ({ privateEndpoint: { subnetId: `${VNET}/subnets/pe`, dnsZones }, storageAccount: { existingId: `${SUB}/Microsoft.Storage/storageAccounts/stshared` } });
    const rule = "privateEndpoint.dnsZones: must be { create: true, virtualNetworkId } or { existing: { api, notebooks, blob, file } } (private DNS zone ids)";
    expect(problems(pe({ create: true, virtualNetworkId: VNET }))).to.deep.equal([]);
    expect(problems(pe({ existing: zones }))).to.deep.equal([]);
    expect(problems(pe({ create: true }))).to.deep.equal([rule]);
    expect(problems(pe({ virtualNetworkId: VNET }))).to.deep.equal([rule]);
    expect(problems(pe({ create: true, virtualNetworkId: VNET, existing: zones }))).to.deep.equal([rule]);
    expect(problems(pe({}))).to.deep.equal([rule]);
  });

  it("wants blob and file zones when the workspace creates its storage, each of them", () => {
    const rule = "privateEndpoint.dnsZones.existing: needs blob and file zone ids too: the storage account this workspace creates gets blob and file private endpoints";
    const existing = (extra: Record<string, string>) => ({ privateEndpoint: { subnetId: `${VNET}/subnets/pe`, dnsZones: { existing: { api: ZONE("a"), notebooks: ZONE("n"), ...extra } } } });
    expect(problems(existing({ blob: ZONE("b") }))).to.deep.equal([rule]);
    expect(problems(existing({ file: ZONE("f") }))).to.deep.equal([rule]);
    expect(problems(existing({ blob: ZONE("b"), file: ZONE("f") }))).to.deep.equal([]);
  });

  it("refuses endpoints both here and managed elsewhere, and duplicate compute names in any case", () => {
    expect(problems({ privateEndpoint: { subnetId: `${VNET}/subnets/pe`, dnsZones: { create: true, virtualNetworkId: VNET } }, privateEndpointsManagedElsewhere: true })).to.deep.equal([
      "privateEndpointsManagedElsewhere: contradicts privateEndpoint: set one of them",
    ]);
    expect(problems({ privateEndpointsManagedElsewhere: false, privateEndpoint: { subnetId: `${VNET}/subnets/pe`, dnsZones: { create: true, virtualNetworkId: VNET } } })).to.deep.equal([]);
    expect(problems({ computes: [{ name: "cpu", vmSize: "Standard_DS3_v2", maxNodes: 1 }, { name: "CPU", vmSize: "Standard_DS3_v2", maxNodes: 1 }] })).to.deep.equal(["computes.1.name: must be unique within the workspace"]);
  });

  it("checks node counts only when both are known numbers, and allows min = max", () => {
    const c = (extra: Record<string, unknown>) => ({ computes: [{ name: "cpu", vmSize: "Standard_DS3_v2", maxNodes: 2, ...extra }] });
    expect(problems(c({ minNodes: 2 }))).to.deep.equal([]);
    expect(problems(c({ minNodes: 3 }))).to.deep.equal(["computes.0.minNodes: must be ≤ maxNodes (2)"]);
    expect(problems(c({ minNodes: output(3) }))).to.deep.equal([]);
    expect(problems(c({ minNodes: 3, maxNodes: output(2) }))).to.deep.equal([]);
    expect(problems(c({ vmSize: "DS3_v2" }))[0]).to.equal("computes.0.vmSize: must be an Azure VM size such as Standard_DS3_v2");
    expect(problems(c({ vmSize: "Standard_DS3_v2 " }))[0]).to.equal("computes.0.vmSize: must be an Azure VM size such as Standard_DS3_v2");
    expect(problems(c({ idleMinutesBeforeScaleDown: 10081 }))).to.deep.equal(["computes.0.idleMinutesBeforeScaleDown: must be ≤ 10080 (one week)"]);
    expect(problems(c({ idleMinutesBeforeScaleDown: 0 }))).to.deep.equal(["computes.0.idleMinutesBeforeScaleDown: must be ≥ 1"]);
    expect(problems(c({ idleMinutesBeforeScaleDown: 10080, minNodes: 0 }))).to.deep.equal([]);
  });

  it("needs the registry created, adopted, or neither (on demand)", () => {
    expect(problems({ containerRegistry: {} })).to.deep.equal([]);
    expect(problems({ containerRegistry: { create: false } })).to.deep.equal([]);
    expect(problems({ containerRegistry: "sometimes" })).to.deep.equal(["containerRegistry: must be onDemand | create | { existingId: <registry resource id> }"]);
    expect(problems({ storageAccount: {} })).to.deep.equal(["storageAccount: needs create: true or an existingId"]);
    expect(problems({ storageAccount: { create: false } })).to.deep.equal(["storageAccount: needs create: true or an existingId"]);
  });

  it("names the rule of every key it refuses (the words a user reads)", () => {
    const SA = `${SUB}/Microsoft.Storage/storageAccounts/stshared`;
    const KV = `${SUB}/Microsoft.KeyVault/vaults/kv-cmk`;
    const cases: [Record<string, unknown>, string][] = [
      [{ displayName: 7 }, "displayName: must be a string"],
      [{ displayName: "" }, "displayName: must not be empty"],
      [{ displayName: "x".repeat(257) }, "displayName: must be ≤ 256 characters"],
      [{ description: "x".repeat(1025) }, "description: must be ≤ 1024 characters"],
      [{ hbi: "yes" }, "hbi: must be true or false"],
      [{ publicNetworkAccess: "On" }, "publicNetworkAccess: must be one of Enabled | Disabled"],
      [{ managedNetworkIsolation: "Open" }, "managedNetworkIsolation: must be one of Disabled | AllowInternetOutbound | AllowOnlyApprovedOutbound"],
      [{ firewallSku: "Premium" }, "firewallSku: must be one of Standard | Basic"],
      [{ imageBuildCompute: 1 }, "imageBuildCompute: must be the name of one of the workspace's compute clusters"],
      [{ computes: "cpu" }, "computes: must be a list of compute clusters"],
      [{ outboundRules: "pypi" }, "outboundRules: must be a list of outbound rules"],
      [{ outboundRules: [{}] }, "outboundRules.0: must be { preset: python-packages } or { name, type: FQDN | ServiceTag | PrivateEndpoint, destination }"],
      [{ outboundRules: [{ preset: "python-packages", name: "x" }] }, "outboundRules.0: must be { preset: python-packages } or { name, type: FQDN | ServiceTag | PrivateEndpoint, destination }"],
      [{ ipAllowlist: "10.0.0.0/8" }, "ipAllowlist: must be a list of IPv4 addresses or CIDR ranges"],
      [{ ipAllowlist: [] }, "ipAllowlist: must list at least one range (leave it out for no allowlist)"],
      [{ ipAllowlist: ["10.0.0.300"] }, "ipAllowlist.0: must be an IPv4 address or CIDR range such as 203.0.113.0/24"],
      [{ ipAllowlist: ["10.0.0.0/8"], publicNetworkAccess: "Disabled" }, "ipAllowlist: needs publicNetworkAccess: Enabled (the allowlist is the public path); leave publicNetworkAccess out or use a private endpoint"],
      [{ resourceGroup: { create: true, existingName: "rg" } }, "resourceGroup: set either create: true or existingName, not both"],
      [{ resourceGroup: {} }, "resourceGroup: needs create: true or an existingName"],
      [{ resourceGroup: { existingName: "rg/x" } }, "resourceGroup.existingName: must be "],
      [{ storageAccount: { create: true, existingId: SA } }, "storageAccount: set either create: true or existingId, not both"],
      [{ storageAccount: { existingId: "st" } }, "storageAccount.existingId: must be a resource id of the form /subscriptions/<guid>/resourceGroups/<name>/providers/Microsoft.Storage/storageAccounts/<name>"],
      [{ privateEndpoint: { subnetId: `${VNET}/subnets/pe`, dnsZones: { create: true, virtualNetworkId: "vnet" } } }, "privateEndpoint.dnsZones.virtualNetworkId: must be a virtual network resource id"],
      [{ privateEndpoint: { subnetId: `${VNET}/subnets/pe`, dnsZones: { existing: { api: "z", notebooks: ZONE("n"), blob: ZONE("b"), file: ZONE("f") } } } }, "privateEndpoint.dnsZones.existing.api: must be a privatelink.api.azureml.ms private DNS zone resource id"],
      [{ privateEndpoint: { subnetId: `${VNET}/subnets/pe`, dnsZones: { existing: { api: ZONE("a"), notebooks: "z", blob: ZONE("b"), file: ZONE("f") } } } }, "privateEndpoint.dnsZones.existing.notebooks: must be a privatelink.notebooks.azure.net private DNS zone resource id"],
      [{ privateEndpoint: { subnetId: `${VNET}/subnets/pe`, dnsZones: { existing: { api: ZONE("a"), notebooks: ZONE("n"), blob: "z", file: ZONE("f") } } } }, "privateEndpoint.dnsZones.existing.blob: must be a privatelink.blob.core.windows.net private DNS zone resource id"],
      [{ privateEndpoint: { subnetId: `${VNET}/subnets/pe`, dnsZones: { existing: { api: ZONE("a"), notebooks: ZONE("n"), blob: ZONE("b"), file: "z" } } } }, "privateEndpoint.dnsZones.existing.file: must be a privatelink.file.core.windows.net private DNS zone resource id"],
      [{ identity: { userAssigned: { create: true } }, encryption: { keyVaultId: KV, keyUri: "https://kv-other.vault.azure.net/keys/k/0123456789abcdef0123456789abcdef" } }, "encryption.keyUri: must name a key in the vault of keyVaultId (kv-cmk)"],
      [{ encryption: { keyVaultId: KV, keyUri: "https://kv-cmk.vault.azure.net/keys/k/0123456789abcdef0123456789abcdef" } }, "encryption: needs identity.userAssigned"],
      [{ computes: [{ name: "cpu", vmSize: "Standard_DS3_v2", maxNodes: 1.5 }] }, "computes.0.maxNodes: must be a whole number"],
      [{ computes: [{ name: "cpu", vmSize: "Standard_DS3_v2", maxNodes: "2" }] }, "computes.0.maxNodes: must be a number"],
      [{ computes: [{ name: "cpu", vmSize: "Standard_DS3_v2", maxNodes: 0 }] }, "computes.0.maxNodes: must be ≥ 1"],
      [{ computes: [{ name: "cpu", vmSize: "Standard_DS3_v2", maxNodes: 1001 }] }, "computes.0.maxNodes: must be ≤ 1000"],
      [{ computes: [{ name: "cpu", vmSize: "Standard_DS3_v2", maxNodes: 1, minNodes: -1 }] }, "computes.0.minNodes: must be ≥ 0"],
      [{ computes: [{ name: "cpu", vmSize: "Standard_DS3_v2", maxNodes: 1, vmPriority: "Spot" }] }, "computes.0.vmPriority: must be one of Dedicated | LowPriority"],
      [{ computes: [{ name: "cpu", vmSize: "xStandard_DS3_v2", maxNodes: 1 }] }, "computes.0.vmSize: must be an Azure VM size such as Standard_DS3_v2"],
      [{ imageBuildCompute: "gpu", computes: [{ name: "cpu", vmSize: "Standard_DS3_v2", maxNodes: 1 }] }, "imageBuildCompute: must be one of the workspace's compute clusters (cpu)"],
      [{ managedNetworkIsolation: "AllowOnlyApprovedOutbound", outboundRules: [{ name: "a", type: "FQDN", destination: "a.org" }, { name: "A", type: "FQDN", destination: "b.org" }] }, "outboundRules.1.name: rule name A is used twice (also by outboundRules[0])"],
    ];
    for (const [entry, rule] of cases) {
      const found = problems(entry);
      expect(found.some((p) => p.startsWith(rule)), `${JSON.stringify(entry)} → ${found.join(" / ")}`).to.equal(true);
    }
    // Output values pass the same keys untouched.
    expect(problems({ displayName: output("x"), ipAllowlist: [output("10.0.0.1")], resourceGroup: { existingName: output("rg") } })).to.deep.equal([]);
  });

  it("names the rule of bad tags", () => {
    const tags = (t: unknown) => {
      const r = workspaceArgsSchema.safeParse({ project: "fraud", tags: t });
      return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    };
    expect(tags("x")).to.deep.equal(["tags: must be a mapping of tag names to strings"]);
    // Zod names a bad key with the record's message; the path says which key.
    expect(tags({ "a/b": "x" })).to.deep.equal(["tags.a/b: must be a mapping of tag names to strings"]);
    expect(tags({ "xa/b": "x" }).length, "a forbidden character anywhere").to.equal(1);
    expect(tags({ "a/bx": "x" }).length, "a forbidden character anywhere").to.equal(1);
    expect(tags({ a: 1 })).to.deep.equal(["tags.a: tag values must be strings"]);
    expect(tags({ a: "x".repeat(257) })).to.deep.equal(["tags.a: tag values must be ≤ 256 characters"]);
    expect(tags({ a: output("x"), b: "ok" })).to.deep.equal([]);
  });

  it("resolves an adopted identity, and builds images on the first cluster only for a registry it creates in prod", () => {
    const id = `${SUB}/Microsoft.ManagedIdentity/userAssignedIdentities/id-shared`;
    expect(resolveWorkspace({ identity: { userAssigned: { existingId: id } } } as any, "dev").userAssignedIdentity).to.deep.equal({ mode: "existing", existingId: id });
    expect(resolveWorkspace({ identity: { userAssigned: { create: true } } } as any, "dev").userAssignedIdentity).to.deep.equal({ mode: "create", existingId: undefined });
    const computes = [{ name: "cpu", vmSize: "Standard_DS3_v2", maxNodes: 1 }];
    expect(resolveWorkspace({ containerRegistry: { create: true }, computes } as any, "prod").imageBuildCompute).to.equal("cpu");
    expect(resolveWorkspace({ containerRegistry: { create: true }, computes } as any, "dev").imageBuildCompute).to.equal(undefined);
    expect(resolveWorkspace({ computes } as any, "prod").imageBuildCompute).to.equal(undefined);
  });

  describe("rules that need the environment", () => {
    it("keeps presets, FQDN and ServiceTag rules to approved-only outbound; private-endpoint rules are fine anywhere", () => {
      const pe = { name: "data", type: "PrivateEndpoint", destination: { serviceResourceId: `${SUB}/Microsoft.Storage/storageAccounts/stdata`, subresourceTarget: "blob" } };
      expect(resolvedProblems({ outboundRules: [pe] }, "dev")).to.deep.equal([]);
      expect(resolvedProblems({ outboundRules: [{ name: "gh", type: "FQDN", destination: "github.com" }] }, "prod")).to.deep.equal([]);
      expect(resolvedProblems({ managedNetworkIsolation: "Disabled", outboundRules: [{ preset: "python-packages" }, pe] }, "prod")).to.deep.equal([
        "outboundRules.0: presets need managedNetworkIsolation: AllowOnlyApprovedOutbound (this workspace uses Disabled)",
      ]);
    });

    it("reserves the batch rule names only with batchEndpoints, in any case", () => {
      const rule = (name: string) => ({ outboundRules: [{ name, type: "FQDN", destination: "example.org" }] });
      expect(resolvedProblems({ ...rule("Batch-Storage-Table"), batchEndpoints: true })).to.deep.equal(["outboundRules.0.name: is reserved for the batch endpoints' storage rules (batchEndpoints: true)"]);
      expect(resolvedProblems({ ...rule("batch-storage-table"), batchEndpoints: false })).to.deep.equal([]);
      expect(resolvedProblems({ ...rule("batch-storage"), batchEndpoints: true })).to.deep.equal([]);
    });

    it("provisions the network at creation in prod only when no grant has to follow the workspace", () => {
      expect(resolveWorkspace(workspaceSchema.parse({ name: "ab" }), "prod").provisionNetworkNow).to.equal(true);
      expect(resolveWorkspace(workspaceSchema.parse({ name: "ab" }), "dev").provisionNetworkNow).to.equal(false);
      // A user-assigned identity is granted before the workspace: the network is provisioned with it.
      expect(resolveWorkspace(workspaceSchema.parse({ name: "ab", identity: { userAssigned: { create: true } } }), "prod").provisionNetworkNow).to.equal(true);
      expect(resolveWorkspace(workspaceSchema.parse({ name: "ab", managedNetworkIsolation: "Disabled" }), "prod").provisionNetworkNow).to.equal(false);
      const peRule = { name: "data", type: "PrivateEndpoint", destination: { serviceResourceId: `${SUB}/Microsoft.Storage/storageAccounts/stdata` } };
      expect(resolveWorkspace(workspaceSchema.parse({ name: "ab", outboundRules: [peRule] }), "prod").provisionNetworkNow).to.equal(false);
      expect(resolvedProblems({ outboundRules: [peRule], provisionNetworkNow: true })).to.deep.equal([
        "provisionNetworkNow: must not be true: provisioning the managed network while the workspace is created runs before the workspace identity's Azure AI Enterprise Network Connection Approver on private-endpoint rule targets can exist; leave it out and the first compute, created after that grant, provisions the network",
      ]);
      expect(resolvedProblems({ provisionNetworkNow: true })).to.deep.equal([]);
      expect(resolvedProblems({ identity: { userAssigned: { create: true } }, provisionNetworkNow: false })).to.deep.equal([]);
    });

    it("compares the CMK vault's subscription with the stack's, case-insensitively, only when both are known", () => {
      const cmk = (sub: string) => ({
        identity: { userAssigned: { create: true } },
        encryption: { keyVaultId: `/subscriptions/${sub}/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-cmk`, keyUri: "https://kv-cmk.vault.azure.net/keys/k/0123456789abcdef0123456789abcdef" },
      });
      const a = "00000000-0000-4000-8000-00000000000a";
      expect(resolvedProblems(cmk(a), "prod", a.toUpperCase())).to.deep.equal([]);
      expect(resolvedProblems(cmk(a), "prod", "")).to.deep.equal([]);
      expect(resolvedProblems(cmk(a), "prod")).to.deep.equal([]);
      const [issue] = resolvedWorkspaceIssues(resolveWorkspace(workspaceSchema.parse({ name: "fraud", ...cmk(a) }), "prod"), { project: "fraud", environment: "prod", name: "fraud", subscriptionId: "00000000-0000-4000-8000-00000000000b" }, (s) => s.join("."));
      expect(issue.path).to.equal("encryption.keyVaultId");
      expect(issue.value).to.match(/kv-cmk$/);
    });

    it("reports a workspace name that derives an invalid Azure name, with the name as value; other issues carry no value", () => {
      const [first] = resolvedWorkspaceIssues(resolveWorkspace({}, "dev"), { project: "fraud", environment: "dev", name: "fraud", subscriptionId: undefined }, (s) => s.join("."));
      expect(first).to.equal(undefined);
      const [approved] = resolvedWorkspaceIssues(resolveWorkspace({ outboundRules: [{ preset: "python-packages" }] } as any, "dev"), { project: "fraud", environment: "dev", name: "fraud" }, (s) => s.join("."));
      expect(approved).to.not.have.property("value");
    });
  });

  describe("WorkspaceStack's name and arguments", () => {
    it("takes names of 2 to 40 characters and refuses 1, 41 and non-strings", () => {
      expect(refusal("ab", {})).to.equal("");
      expect(refusal("a".repeat(40), {})).to.equal("");
      for (const bad of ["a", "a".repeat(41), 7]) expect(refusal(bad, {}), String(bad)).to.match(/^invalid configuration: WorkspaceStack name: must be 2-40 characters/);
    });

    it("reports the resolved rules only once the arguments parse, with argument paths", () => {
      expect(refusal("fraud", { outboundRules: [{ preset: "python-packages" }] })).to.equal(
        'invalid configuration: WorkspaceStack "fraud" args.outboundRules[0]: presets need managedNetworkIsolation: AllowOnlyApprovedOutbound (this workspace uses AllowInternetOutbound)',
      );
      expect(refusal("fraud", { environment: "qa", outboundRules: [{ preset: "python-packages" }] })).to.equal('invalid configuration: WorkspaceStack "fraud" args.environment: must be one of dev | prod (got "qa")');
    });
  });
});
