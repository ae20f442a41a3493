import { expect } from "chai";
import { policyResources } from "../../../plan/engine";
import { TYPES } from "../../../policies/lib/azure";
import { hasManagedNetwork, managedNetworkDependencies, underManagedNetwork } from "../../../policies/lib/managedNetwork";
import { resource, unknown } from "../../helpers/policy";

const RG = "/subscriptions/s/resourceGroups/rg-ml/providers";

describe("what a workspace's managed network works on (policies/lib/managedNetwork)", () => {
  const st = resource(TYPES.storageAccount, { accountName: "stml" }, { name: "st" });
  const kv = resource(TYPES.keyVault, { vaultName: "kv-ml" }, { name: "kv" });
  const acr = resource(TYPES.containerRegistry, { registryName: "crml" }, { name: "acr" });
  const other = resource(TYPES.storageAccount, { accountName: "stother" }, { name: "other" });
  const ws = (isolationMode: unknown) =>
    resource(TYPES.workspace, { workspaceName: "mlw", storageAccount: `${RG}/Microsoft.Storage/storageAccounts/STML`, keyVault: `${RG}/Microsoft.KeyVault/vaults/kv-ml`, containerRegistry: `${RG}/Microsoft.ContainerRegistry/registries/crml`, managedNetwork: { isolationMode } }, { name: "mlw" });

  it("has a managed network unless its isolation mode is Disabled (any case); unknown counts as one", () => {
    const [a, b, c, d, e] = policyResources([ws("AllowOnlyApprovedOutbound"), ws("disabled"), ws(unknown.string), ws(undefined), ws("AllowInternetOutbound")]);
    expect([a, b, c, d, e].map(hasManagedNetwork)).to.deep.equal([true, false, true, false, true]);
  });
  it("finds the workspace's storage account, key vault and container registry by the ids it names", () => {
    const resources = policyResources([st, kv, acr, other, ws("AllowOnlyApprovedOutbound")]);
    expect(managedNetworkDependencies(resources[4], resources).map((r) => r.name)).to.deep.equal(["st", "kv", "acr"]);
    expect(resources.slice(0, 4).map((r) => underManagedNetwork(r, resources))).to.deep.equal([true, true, true, false]);
  });
  it("leaves the data of a workspace without a managed network alone", () => {
    const resources = policyResources([st, kv, ws("Disabled")]);
    expect(resources.slice(0, 2).map((r) => underManagedNetwork(r, resources))).to.deep.equal([false, false]);
  });
});
