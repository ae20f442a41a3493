import { expect } from "chai";
import { PlatformConfigError, formatIssue } from "../../config/errors";
import { validateStackConfig } from "../../config/validate";
import { baseConfig, rejection, validate } from "../helpers/config";

const ws = (extra: Record<string, unknown>) => baseConfig({ workspaces: [{ name: "fraud", ...extra }] });

function expectIssue(raw: unknown, path: string, rule: RegExp, location?: string) {
  const err = rejection(raw, location);
  const match = err.issues.find((i) => i.path === path);
  expect(match, `no issue at ${path}; got:\n${err.message}`).to.not.equal(undefined);
  expect(match!.rule).to.match(rule);
  return match!;
}

describe("config validation", () => {
  describe("secure defaults", () => {
    it("dev: public access on, HBI off, internet outbound, ACR on demand, everything created", () => {
      const cfg = validate(baseConfig());
      const w = cfg.workspaces[0].settings;
      expect(w).to.deep.include({
        publicNetworkAccess: "Enabled",
        hbi: false,
        managedNetworkIsolation: "AllowInternetOutbound",
        containerRegistry: { mode: "onDemand", existingId: undefined },
        existingResourceGroupName: undefined,
        existingIds: { storageAccount: undefined, keyVault: undefined, applicationInsights: undefined, logAnalyticsWorkspace: undefined },
        provisionNetworkNow: false,
        protectData: false,
        batchEndpoints: false,
      });
      expect(cfg.location).to.equal("westeurope");
      expect(cfg.teams).to.deep.equal([]);
    });

    it("prod: public access off, HBI on, only approved outbound, network provisioned with the workspace, data protected", () => {
      const w = validate(baseConfig({ environment: "prod" })).workspaces[0].settings;
      expect(w).to.deep.include({ publicNetworkAccess: "Disabled", hbi: true, managedNetworkIsolation: "AllowOnlyApprovedOutbound", provisionNetworkNow: true, protectData: true });
    });

    it("the registry shorthands onDemand and create are the object forms", () => {
      expect(validate(ws({ containerRegistry: "create" })).workspaces[0].settings.containerRegistry.mode).to.equal("create");
      expect(validate(ws({ containerRegistry: "onDemand" })).workspaces[0].settings.containerRegistry.mode).to.equal("onDemand");
      expect(validate(ws({ containerRegistry: { create: true } })).workspaces[0].settings.containerRegistry.mode).to.equal("create");
    });

    it("explicit values override the environment defaults", () => {
      const w = validate({ ...ws({ publicNetworkAccess: "Disabled", hbi: true, managedNetworkIsolation: "Disabled" }) }).workspaces[0].settings;
      expect(w).to.deep.include({ publicNetworkAccess: "Disabled", hbi: true, managedNetworkIsolation: "Disabled" });
    });

    it("computes default to scale-to-zero with a 15 minute idle scale-down on dedicated nodes", () => {
      const w = validate(ws({ computes: [{ name: "cpu", vmSize: "Standard_DS3_v2", maxNodes: 4 }] })).workspaces[0].settings;
      expect(w.computes[0]).to.deep.equal({ name: "cpu", vmSize: "Standard_DS3_v2", minNodes: 0, maxNodes: 4, idleMinutesBeforeScaleDown: 15, vmPriority: "Dedicated" });
    });

    it("accepts existing dependencies by id and an existing resource group by name", () => {
      const sub = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/shared";
      const w = validate(
        ws({
          resourceGroup: { existingName: "rg-shared-ml" },
          storageAccount: { existingId: `${sub}/providers/Microsoft.Storage/storageAccounts/stshared` },
          keyVault: { existingId: `${sub}/providers/Microsoft.KeyVault/vaults/kv-shared` },
          applicationInsights: { existingId: `${sub}/providers/Microsoft.Insights/components/appi-shared` },
          containerRegistry: { existingId: `${sub}/providers/Microsoft.ContainerRegistry/registries/crshared` },
        }),
      ).workspaces[0];
      expect(w.resourceGroup).to.deep.equal({ existingName: "rg-shared-ml" });
      expect(w.settings.existingResourceGroupName).to.equal("rg-shared-ml");
      expect(w.settings.existingIds.storageAccount).to.match(/stshared$/);
      expect(w.settings.containerRegistry).to.deep.equal({ mode: "existing", existingId: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/shared/providers/Microsoft.ContainerRegistry/registries/crshared" });
    });
  });

  describe("bad input names the path, the rule and the value", () => {
    it("unknown environment", () => {
      const i = expectIssue(baseConfig({ environment: "staging" }), "azureml-platform:environment", /one of dev \| prod/);
      expect(formatIssue(i)).to.equal('azureml-platform:environment: must be one of dev | prod (got "staging")');
    });

    it("a workspace name Azure cannot accept", () => {
      expectIssue(ws({ name: "Fraud_Models" }), "azureml-platform:workspaces[0].name", /lowercase letters, digits and single hyphens/);
      expectIssue(ws({ name: "x" }), "azureml-platform:workspaces[0].name", /2-40 characters/);
      expectIssue(ws({ name: "a-workspace-name-that-is-longer-than-forty" }), "azureml-platform:workspaces[0].name", /2-40 characters/);
    });

    it("a project name over 40 characters", () => {
      expectIssue(baseConfig({ project: "customer-lifetime-value-estimation-for-retail" }), "azureml-platform:project", /2-40 characters/);
    });

    it("encryption without a user-assigned identity, naming why", () => {
      const kv = "/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg-keys/providers/Microsoft.KeyVault/vaults/kv-cmk";
      expectIssue(ws({ encryption: { keyVaultId: kv, keyUri: "https://kv-cmk.vault.azure.net/keys/k/0123456789abcdef0123456789abcdef" } }), "azureml-platform:workspaces[0].encryption", /needs identity\.userAssigned.*replaces the workspace/);
    });

    it("a key URI without a version, or in another vault, and a key vault id of the wrong type", () => {
      const kv = "/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg-keys/providers/Microsoft.KeyVault/vaults/kv-cmk";
      const identity = { userAssigned: { create: true } };
      const i1 = expectIssue(ws({ identity, encryption: { keyVaultId: kv, keyUri: "https://kv-cmk.vault.azure.net/keys/k" } }), "azureml-platform:workspaces[0].encryption.keyUri", /must be a versioned Key Vault key URI/);
      expect(i1.value).to.equal("https://kv-cmk.vault.azure.net/keys/k");
      expectIssue(ws({ identity, encryption: { keyVaultId: kv, keyUri: "https://kv-other.vault.azure.net/keys/k/0123456789abcdef0123456789abcdef" } }), "azureml-platform:workspaces[0].encryption.keyUri", /must name a key in the vault of keyVaultId \(kv-cmk\)/);
      expectIssue(ws({ identity, encryption: { keyVaultId: kv.replace("Microsoft.KeyVault/vaults", "Microsoft.Storage/storageAccounts"), keyUri: "https://kv-cmk.vault.azure.net/keys/k/0123456789abcdef0123456789abcdef" } }), "azureml-platform:workspaces[0].encryption.keyVaultId", /Microsoft\.KeyVault\/vaults/);
    });

    it("an identity that is neither created nor adopted by a user-assigned identity id", () => {
      expectIssue(ws({ identity: { userAssigned: {} } }), "azureml-platform:workspaces[0].identity.userAssigned", /needs create: true or an existingId/);
      expectIssue(ws({ identity: { userAssigned: { existingId: "/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv" } } }), "azureml-platform:workspaces[0].identity.userAssigned.existingId", /Microsoft\.ManagedIdentity\/userAssignedIdentities/);
    });

    describe("private access and outbound rules", () => {
      const NET = "/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub";
      const pe = (dnsZones: unknown, subnetId = `${NET}/subnets/snet`) => ({ privateEndpoint: { subnetId, dnsZones } });
      const zone = (z: string) => `/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/${z}`;

      it("a subnet id that is not a subnet id", () => {
        const i = expectIssue(ws(pe({ create: true, virtualNetworkId: NET }, NET)), "azureml-platform:workspaces[0].privateEndpoint.subnetId", /must be a subnet/);
        expect(i.value).to.equal(NET);
      });
      it("existing zones without blob and file when the workspace creates its storage", () => {
        expectIssue(ws(pe({ existing: { api: zone("privatelink.api.azureml.ms"), notebooks: zone("privatelink.notebooks.azure.net") } })), "azureml-platform:workspaces[0].privateEndpoint.dnsZones.existing", /needs blob and file zone ids too/);
      });
      it("an unknown preset, a duplicate rule name and a malformed host", () => {
        expectIssue(ws({ managedNetworkIsolation: "AllowOnlyApprovedOutbound", outboundRules: [{ preset: "r-packages" }] }), "azureml-platform:workspaces[0].outboundRules[0].preset", /must be one of python-packages/);
        expectIssue(ws({ managedNetworkIsolation: "AllowOnlyApprovedOutbound", outboundRules: [{ preset: "python-packages" }, { name: "pypi", type: "FQDN", destination: "pypi.org" }] }), "azureml-platform:workspaces[0].outboundRules[1].name", /rule name pypi is used twice \(also by outboundRules\[0\]\)/);
        expectIssue(ws({ managedNetworkIsolation: "AllowOnlyApprovedOutbound", outboundRules: [{ name: "bad", type: "FQDN", destination: "https://github.com/" }] }), "azureml-platform:workspaces[0].outboundRules[0].destination", /must be a host name/);
        expectIssue(ws({ managedNetworkIsolation: "AllowOnlyApprovedOutbound", outboundRules: [{ name: "lake", type: "FQDN", destination: "stlanding.dfs.core.windows.net" }] }), "azureml-platform:workspaces[0].outboundRules[0].destination", /an FQDN rule cannot reach Azure Storage: .*use a PrivateEndpoint rule to the account/);
        expectIssue(ws({ managedNetworkIsolation: "AllowOnlyApprovedOutbound", outboundRules: [{ name: "x", type: "Tunnel", destination: "x.org" }] }), "azureml-platform:workspaces[0].outboundRules[0].type", /must be one of FQDN \| ServiceTag \| PrivateEndpoint/);
      });
      it("FQDN rules where no managed firewall exists (internet outbound)", () => {
        expectIssue(ws({ outboundRules: [{ preset: "python-packages" }] }), "azureml-platform:workspaces[0].outboundRules[0]", /presets need managedNetworkIsolation: AllowOnlyApprovedOutbound \(this workspace uses AllowInternetOutbound\)/);
        expectIssue(ws({ outboundRules: [{ name: "github", type: "FQDN", destination: "github.com" }] }), "azureml-platform:workspaces[0].outboundRules[0]", /FQDN rules need managedNetworkIsolation: AllowOnlyApprovedOutbound/);
        // how-to-managed-network: service tag rules are valid only in approved-only mode too.
        expectIssue(ws({ outboundRules: [{ name: "mcr", type: "ServiceTag", destination: { serviceTag: "MicrosoftContainerRegistry" } }] }), "azureml-platform:workspaces[0].outboundRules[0]", /ServiceTag rules need managedNetworkIsolation: AllowOnlyApprovedOutbound/);
      });
      it("a customer-managed key vault outside the stack's subscription (azure-native:subscriptionId)", () => {
        const vault = "/subscriptions/00000000-0000-4000-8000-00000000000a/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-cmk";
        const config = ws({ identity: { userAssigned: { create: true } }, encryption: { keyVaultId: vault, keyUri: "https://kv-cmk.vault.azure.net/keys/k/0123456789abcdef0123456789abcdef" } });
        const err = (() => {
          try {
            validateStackConfig(config, { location: "westeurope", subscriptionId: "00000000-0000-4000-8000-000000000001" });
          } catch (e) {
            return e as PlatformConfigError;
          }
          throw new Error("accepted");
        })();
        expect(err.message).to.contain("azureml-platform:workspaces[0].encryption.keyVaultId: must be a key vault in the workspace's subscription (00000000-0000-4000-8000-000000000001)");
        expect(() => validateStackConfig(config, { location: "westeurope", subscriptionId: "00000000-0000-4000-8000-00000000000A" })).to.not.throw();
        expect(() => validateStackConfig(config, { location: "westeurope" })).to.not.throw();
      });
      it("an imageBuildCompute that is not one of the workspace's clusters", () => {
        const i = expectIssue(ws({ imageBuildCompute: "gpu", computes: [{ name: "cpu", vmSize: "Standard_DS3_v2", maxNodes: 2 }] }), "azureml-platform:workspaces[0].imageBuildCompute", /must be one of the workspace's compute clusters \(cpu\)/);
        expect(i.value).to.equal("gpu");
      });
      it("an ipAllowlist on a workspace with public access Disabled, and a range that is not one", () => {
        expectIssue(ws({ publicNetworkAccess: "Disabled", ipAllowlist: ["203.0.113.0/24"] }), "azureml-platform:workspaces[0].ipAllowlist", /needs publicNetworkAccess: Enabled/);
        expectIssue(ws({ ipAllowlist: ["203.0.113.0/33"] }), "azureml-platform:workspaces[0].ipAllowlist[0]", /must be an IPv4 address or CIDR range/);
      });
      it("accepts the documented shapes", () => {
        const cfg = validate(
          baseConfig({
            environment: "prod",
            workspaces: [
              {
                name: "fraud",
                ...pe({ create: true, virtualNetworkId: NET }),
                outboundRules: [{ preset: "python-packages" }, { name: "github", type: "FQDN", destination: "github.com" }, { name: "mcr", type: "ServiceTag", destination: { serviceTag: "MicrosoftContainerRegistry", protocol: "TCP", portRanges: "443" } }],
                imageBuildCompute: "cpu",
                computes: [{ name: "cpu", vmSize: "Standard_DS3_v2", maxNodes: 2 }],
              },
            ],
          }),
        );
        expect(cfg.workspaces[0].outboundRules).to.deep.equal([
          { preset: "python-packages" },
          { name: "github", type: "FQDN", destination: "github.com" },
          { name: "mcr", type: "ServiceTag", serviceTag: "MicrosoftContainerRegistry", protocol: "TCP", portRanges: "443" },
        ]);
      });
    });

    it("both create and existingId", () => {
      const id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/stx123";
      expectIssue(ws({ storageAccount: { create: true, existingId: id } }), "azureml-platform:workspaces[0].storageAccount", /either create: true or existingId, not both/);
    });

    it("neither create nor existingId", () => {
      expectIssue(ws({ keyVault: { create: false } }), "azureml-platform:workspaces[0].keyVault", /needs create: true or an existingId/);
    });

    it("a malformed resource id", () => {
      const i = expectIssue(ws({ keyVault: { existingId: "/subscriptions/nope/vaults/kv" } }), "azureml-platform:workspaces[0].keyVault.existingId", /Microsoft\.KeyVault\/vaults/);
      expect(i.value).to.equal("/subscriptions/nope/vaults/kv");
    });

    it("a resource id of the wrong type", () => {
      const id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-x";
      expectIssue(ws({ storageAccount: { existingId: id } }), "azureml-platform:workspaces[0].storageAccount.existingId", /Microsoft\.Storage\/storageAccounts/);
    });

    it("minNodes > maxNodes", () => {
      const i = expectIssue(ws({ computes: [{ name: "cpu", vmSize: "Standard_DS3_v2", minNodes: 5, maxNodes: 2 }] }), "azureml-platform:workspaces[0].computes[0].minNodes", /≤ maxNodes \(2\)/);
      expect(i.value).to.equal(5);
    });

    it("an unknown container registry mode", () => {
      expectIssue(ws({ containerRegistry: "always" }), "azureml-platform:workspaces[0].containerRegistry", /onDemand \| create \| \{ existingId/);
    });

    it("both create and existingName for the resource group", () => {
      expectIssue(ws({ resourceGroup: { create: true, existingName: "rg" } }), "azureml-platform:workspaces[0].resourceGroup", /not both/);
    });

    it("an unknown key, with the nearest known key suggested", () => {
      expectIssue(ws({ publicNetworkAcess: "Enabled" }), "azureml-platform:workspaces[0].publicNetworkAcess", /did you mean publicNetworkAccess\?/);
      expectIssue(baseConfig({ workspace: [] }), "azureml-platform:workspace", /did you mean workspaces\?/);
    });

    it("duplicate workspace and compute names", () => {
      expectIssue(baseConfig({ workspaces: [{ name: "a1" }, { name: "a1" }] }), "azureml-platform:workspaces[1].name", /unique/);
      const c = { name: "cpu", vmSize: "Standard_DS3_v2", maxNodes: 1 };
      expectIssue(ws({ computes: [c, c] }), "azureml-platform:workspaces[0].computes[1].name", /unique within the workspace/);
    });

    it("a missing required key and a missing location", () => {
      expectIssue({ environment: "dev", workspaces: [{ name: "fraud" }] }, "azureml-platform:project", /is required/);
      expectIssue(baseConfig(), "azure-native:location", /is required/, "");
      expectIssue(baseConfig(), "azure-native:location", /Azure region/, "West Europe");
    });

    it("config that is not a mapping", () => {
      expectIssue(["a"], "azureml-platform", /must be a mapping/);
      expectIssue("text", "azureml-platform", /must be a mapping/);
    });

    it("reports every problem at once", () => {
      const err = rejection(baseConfig({ environment: "qa", project: "X", workspaces: [{ name: "ok", hbi: "yes" }] }));
      expect(err.issues.map((i) => i.path)).to.include.members(["azureml-platform:environment", "azureml-platform:project", "azureml-platform:workspaces[0].hbi"]);
      expect(err.message.split("\n").length).to.be.greaterThan(3);
    });
  });
});
