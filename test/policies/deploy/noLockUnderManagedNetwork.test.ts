import { expect } from "chai";
import { noLockUnderManagedNetwork as P } from "../../../policies/deploy/noLockUnderManagedNetwork";
import { TYPES } from "../../../policies/lib/azure";
import { expectDeferred, expectDocumented, expectPass, expectViolation, resource, unknown } from "../../helpers/policy";

describe("no-lock-under-managed-network", () => {
  const group = resource(TYPES.resourceGroup, { resourceGroupName: "rg-ml" }, { name: "rg" });
  const st = resource(TYPES.storageAccount, { accountName: "stml", resourceGroupName: "rg-ml" }, { name: "st" });
  const kv = resource(TYPES.keyVault, { vaultName: "kv-ml", resourceGroupName: "rg-ml" }, { name: "kv" });
  const ws = (isolationMode: unknown) =>
    resource(TYPES.workspace, { workspaceName: "mlw", resourceGroupName: unknown.string, storageAccount: unknown.string, keyVault: unknown.string, managedNetwork: { isolationMode } }, {
      name: "mlw",
      propertyDependencies: { resourceGroupName: [group.urn], storageAccount: [st.urn], keyVault: [kv.urn] },
    });
  const lock = (scope: unknown, deps: string[] = [], name = "lock") => resource(TYPES.lock, { level: "CanNotDelete", scope }, { name, propertyDependencies: { scope: deps } });

  it("is documented, quoting the managed network's limitation", () => {
    expectDocumented(P);
    expect(P.description).to.contain("Make sure there are no scope locks on the Azure Machine Learning resources and resource group");
  });
  it("reports a lock on a managed network workspace's storage account, key vault or resource group", async () => {
    await expectViolation(P, [group, st, kv, ws("AllowOnlyApprovedOutbound"), lock(unknown.string, [st.urn], "st-lock")], /st-lock locks st, of workspace mlw's managed network/);
    await expectViolation(P, [group, st, kv, ws("AllowInternetOutbound"), lock("/subscriptions/s/resourceGroups/rg-ml/providers/Microsoft.KeyVault/vaults/kv-ml")], /locks kv/);
    await expectViolation(P, [group, st, kv, ws("AllowInternetOutbound"), lock("/subscriptions/s/resourceGroups/RG-ML")], /locks rg, holding workspace mlw/);
  });
  it("reports a lock on an Azure ML registry", () =>
    expectViolation(P, [resource(TYPES.machineLearningRegistry, { registryName: "models" }, { name: "mlr" }), lock("/subscriptions/s/resourceGroups/r/providers/Microsoft.MachineLearningServices/registries/models")], /locks mlr, an Azure ML registry/));
  it("counts a workspace whose isolation mode is unknown as having a managed network (fail closed)", () =>
    expectViolation(P, [group, st, kv, ws(unknown.string), lock(unknown.string, [st.urn])], /locks st/));
  it("passes locks on the data of a workspace without a managed network, and on unrelated resources", () =>
    expectPass(P, [group, st, kv, ws("Disabled"), lock(unknown.string, [st.urn]), lock("/subscriptions/s/resourceGroups/rg-other")]));
  it("defers a lock whose scope is unknown and tied to nothing while a managed network is there", () =>
    expectDeferred(P, [group, st, kv, ws("AllowOnlyApprovedOutbound"), lock(unknown.string)], "scope"));
  it("finds the locked resource by its id for every kind: the workspace, its container registry", async () => {
    const acr = resource(TYPES.containerRegistry, { registryName: "crml", resourceGroupName: "rg-ml" }, { name: "acr" });
    const w = resource(TYPES.workspace, { workspaceName: "mlw", resourceGroupName: "rg-ml", containerRegistry: unknown.string, managedNetwork: { isolationMode: "AllowOnlyApprovedOutbound" } }, { name: "mlw", propertyDependencies: { containerRegistry: [acr.urn] } });
    await expectViolation(P, [acr, w, lock("/subscriptions/s/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/MLW")], /locks mlw, of workspace mlw's managed network/);
    await expectViolation(P, [acr, w, lock("/subscriptions/s/resourceGroups/rg-ml/providers/Microsoft.ContainerRegistry/registries/crml")], /locks acr, of workspace mlw's managed network/);
    await expectPass(P, [acr, w, lock("/subscriptions/s/resourceGroups/rg-ml/providers/Microsoft.ContainerRegistry/registries/crother")]);
  });
  it("reports a lock on the workspace's resource group by dependency, and not on a group the workspace is not in", async () => {
    await expectViolation(P, [group, st, kv, ws("AllowOnlyApprovedOutbound"), lock(unknown.string, [group.urn], "rg-lock")], /rg-lock locks rg, holding workspace mlw/);
    const other = resource(TYPES.resourceGroup, { resourceGroupName: "rg-other" }, { name: "other" });
    await expectPass(P, [group, other, st, kv, ws("AllowOnlyApprovedOutbound"), lock(unknown.string, [other.urn]), lock("/subscriptions/s/resourceGroups/rg-other")]);
  });
  it("compares a group's name exactly (characters a name may hold are not patterns)", async () => {
    const dotted = resource(TYPES.resourceGroup, { resourceGroupName: "rg.ml" }, { name: "dotted" });
    const w = resource(TYPES.workspace, { workspaceName: "mlw", resourceGroupName: unknown.string, managedNetwork: { isolationMode: "AllowInternetOutbound" } }, { name: "mlw", propertyDependencies: { resourceGroupName: [dotted.urn] } });
    await expectViolation(P, [dotted, w, lock("/subscriptions/s/resourceGroups/rg.ml/")], /locks dotted/);
    await expectPass(P, [dotted, w, lock("/subscriptions/s/resourceGroups/rgxml")]);
  });
  it("has nothing to defer when no managed network or registry is in the stack", () => expectPass(P, [group, st, ws("Disabled"), lock(unknown.string)]));
});

