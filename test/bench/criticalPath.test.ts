import * as path from "path";
import * as authorization from "@pulumi/azure-native/authorization";
import * as keyvault from "@pulumi/azure-native/keyvault";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import * as resources from "@pulumi/azure-native/resources";
import * as storage from "@pulumi/azure-native/storage";
import { expect } from "chai";
import { recordProgram } from "../../bench/baseline";
import { criticalPath, dependencyEdges, describe as label } from "../../bench/criticalPath";
import { loadStackFiles } from "../../plan/stackFiles";

const ROOT = path.resolve(__dirname, "..", "..");
const files = (stack: string) => ({ project: "azureml-platform", stack, config: { "azure-native:location": "westeurope" } });

describe("bench/criticalPath: measured depth next to the physical minimum", () => {
  it("prod: the minimum follows the documented prerequisites, and the program adds no level to it", async () => {
    const recording = await recordProgram(require(path.join(ROOT, "index")), loadStackFiles(ROOT, "prod"));
    const cp = criticalPath(recording);
    expect(cp.measured.length).to.equal(cp.minimum.length);
    const chain = cp.minimum.map(label).join(" → ");
    // The hub's user-assigned identity granted before the hub, the hub before its projects (a project
    // names its hub's id), a just-in-time team's role policy on a project before its eligibility there.
    expect(chain).to.match(/RoleAssignment\(platform-id-[\w-]+\) → Workspace\(platform-mlw\) → Workspace\((fraud|scoring)-mlw\) → RoleManagementPolicy\(access-pim-[\w-]+\) → PimRoleEligibilitySchedule\(access-[\w-]+\)$/);
    const kinds = new Set(dependencyEdges(recording).flatMap((e) => e.kinds));
    for (const k of ["contained", "references", "principal", "grantBeforeUse", "policyBeforeEligibility"]) expect(kinds, k).to.include(k);
  });

  it("classifies each kind of dependency, and a needless one lengthens the measured path only", async () => {
    const recording = await recordProgram(() => {
      const rg = new resources.ResourceGroup("rg", { resourceGroupName: "rg-x" });
      const id = new managedidentity.UserAssignedIdentity("id", { resourceName: "id-x", resourceGroupName: rg.name });
      const sa = new storage.StorageAccount("sa", { accountName: "stx", resourceGroupName: rg.name, kind: "StorageV2", sku: { name: "Standard_LRS" } });
      const grant = new authorization.RoleAssignment("grant", { scope: sa.id, principalId: id.principalId, principalType: "ServicePrincipal", roleDefinitionId: "/providers/Microsoft.Authorization/roleDefinitions/r" });
      // Physical: waits for the identity's grant on the storage account it references.
      const blob = new storage.BlobServiceProperties("blob", { accountName: sa.name, resourceGroupName: rg.name, blobServicesName: "default" }, { dependsOn: [grant] });
      // Needless: a vault that waits for the blob service (nothing it uses) and takes a tag from the account's name.
      new keyvault.Vault("kv", { vaultName: "kv-x", resourceGroupName: "rg-x", tags: { account: sa.name }, properties: { tenantId: "t", sku: { family: "A", name: "standard" } } }, { dependsOn: [blob] });
      return {};
    }, files("cp"));
    const edges = dependencyEdges(recording);
    const kindsOf = (from: string, to: string) => edges.find((e) => label(e.from) === from && label(e.to) === to)?.kinds;
    expect(kindsOf("ResourceGroup(rg)", "StorageAccount(sa)")).to.deep.equal(["contained"]);
    expect(kindsOf("StorageAccount(sa)", "RoleAssignment(grant)")).to.have.members(["contained", "references"]);
    expect(kindsOf("UserAssignedIdentity(id)", "RoleAssignment(grant)")).to.deep.equal(["principal"]);
    expect(kindsOf("RoleAssignment(grant)", "BlobServiceProperties(blob)")).to.deep.equal(["grantBeforeUse"]);
    expect(kindsOf("BlobServiceProperties(blob)", "Vault(kv)")).to.deep.equal(["ordering"]);
    expect(kindsOf("StorageAccount(sa)", "Vault(kv)")).to.deep.equal(["value"]);
    const cp = criticalPath(recording);
    // The vault's needless wait puts it after the longest physical chain: one level no Azure rule asks for.
    // (The identity and the storage account are both one level below the resource group.)
    expect(cp.measured.map(label).slice(2)).to.deep.equal(["RoleAssignment(grant)", "BlobServiceProperties(blob)", "Vault(kv)"]);
    expect(cp.measured).to.have.length(5);
    expect(cp.minimum.map(label).slice(2)).to.deep.equal(["RoleAssignment(grant)", "BlobServiceProperties(blob)"]);
    expect(cp.minimum).to.have.length(4);
    expect(cp.needless.map((e) => `${label(e.from)} → ${label(e.to)}`)).to.have.members(["BlobServiceProperties(blob) → Vault(kv)", "StorageAccount(sa) → Vault(kv)"]);
  });
});
