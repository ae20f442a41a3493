import { expect } from "chai";
import { policyResources } from "../../../plan/engine";
import { StackAssignment, StackWorkspace, analyzeStackAccess, coversRegistry, coversWorkspaceStorage, stackAccessReport } from "../../../policies/lib/access";
import { TYPES } from "../../../policies/lib/azure";
import { containerPrefixCondition } from "../../../rbac/conditions";
import { resource, unknown } from "../../helpers/policy";
import { accessModel, assignment, eligibility, role } from "../../helpers/access";

const SUB = "/subscriptions/00000000-0000-4000-8000-000000000001";
const HUB_RG = `${SUB}/resourceGroups/rg-hub`;
const HUB_ST = `${HUB_RG}/providers/Microsoft.Storage/storageAccounts/sthub`;
const REG = `${SUB}/resourceGroups/rg-reg/providers/Microsoft.MachineLearningServices/registries/fraud-models`;
const BLOB_CONTRIBUTOR = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
const READER = "acdd72a7-3385-48ef-bd42-f606fba81ae7";
const REGISTRY_USER = "1823dd4f-9b8c-4ab6-ab4e-7397a3684615";
const urn = (type: string, name: string) => `urn:pulumi:s::p::${type}::${name}`;

const at = (scope: string | undefined, extra: Partial<StackAssignment> = {}): StackAssignment =>
  ({ urn: "urn:a", principal: "p", scope, scopeDependencies: [], roleReference: "r", roleUnknown: false, props: {}, platformIdentity: false, activation: "active", ...extra }) as StackAssignment;

describe("projects, conditions and registries in the stack's access picture (policies/lib/access)", () => {
  const storage = resource(TYPES.storageAccount, { accountName: "sthub", resourceGroupName: "rg-hub" }, { name: "hub-storage" });
  const hub = resource(TYPES.workspace, { workspaceName: "mlw-hub", resourceGroupName: "rg-hub", kind: "Hub", storageAccount: unknown.string }, { name: "hub-mlw", propertyDependencies: { storageAccount: [storage.urn] } });
  const projectA = resource(TYPES.workspace, { workspaceName: "mlw-a", resourceGroupName: "rg-a", kind: "Project", hubResourceId: unknown.string, workspaceId: "GUID-A" }, { name: "a-mlw", propertyDependencies: { hubResourceId: [hub.urn] } });
  const projectB = resource(TYPES.workspace, { workspaceName: "mlw-b", resourceGroupName: "rg-b", kind: "Project", hubResourceId: unknown.string }, { name: "b-mlw", propertyDependencies: { hubResourceId: [hub.urn] } });
  const orphan = resource(TYPES.workspace, { workspaceName: "mlw-c", resourceGroupName: "rg-c", kind: "Project", hubResourceId: `${SUB}/resourceGroups/x/providers/Microsoft.MachineLearningServices/workspaces/elsewhere` }, { name: "c-mlw" });
  const registryStack = resource("azureml-platform:index:Registry", {}, { name: "models", urn: urn("azureml-platform:index:Registry", "models"), custom: false });
  const registry = resource(TYPES.machineLearningRegistry, { registryName: "fraud-models", resourceGroupName: "rg-reg", id: REG }, { name: "models-mlr", parent: registryStack.urn });
  const bare = resource(TYPES.machineLearningRegistry, { registryName: "other-models", resourceGroupName: "rg-o" }, { name: "other-mlr" });

  it("reads a project's data as its containers in its hub's storage, and knows its container prefix once known", () => {
    const access = analyzeStackAccess(policyResources([storage, hub, projectA, projectB, orphan]));
    const w = (name: string) => access.workspaces.find((x) => x.name === name)!;
    expect(w("mlw-hub")).not.to.have.property("project");
    expect(w("mlw-hub").storage).to.deep.equal({ urn: storage.urn, name: "sthub", resourceGroupName: "rg-hub", sharedKeyAccess: true });
    expect(w("mlw-a")).to.deep.include({ project: true, dataContainerPrefix: "guid-a", storage: w("mlw-hub").storage });
    expect(w("mlw-b")).to.deep.include({ project: true, storage: w("mlw-hub").storage });
    expect(w("mlw-b")).not.to.have.property("dataContainerPrefix");
    // A hub outside the stack: its storage, and whether it takes Shared Key, are unknown (reaches resting on them are uncertain).
    expect(w("mlw-c").storage).to.deep.equal({ sharedKeyAccess: "maybe", elsewhere: true });
  });

  it("lists the stack's Azure ML registries with the Registry component's name, else the Azure name", () => {
    const access = analyzeStackAccess(policyResources([registryStack, registry, bare]));
    expect(access.registries).to.deep.equal([
      { urn: registry.urn, name: "models", azureName: "fraud-models", resourceGroupName: "rg-reg", resourceGroupUrn: undefined, subscriptionId: "00000000-0000-4000-8000-000000000001" },
      { urn: bare.urn, name: "other-models", azureName: "other-models", resourceGroupName: "rg-o", resourceGroupUrn: undefined, subscriptionId: undefined },
    ]);
    expect(analyzeStackAccess(policyResources([storage])).registries).to.deep.equal([]);
  });

  it("reads a container condition into the prefixes it names, or the projects it is built from while unknown", () => {
    const known = assignment({ principalId: "p", scope: HUB_ST, roleDefinitionId: role(BLOB_CONTRIBUTOR), condition: containerPrefixCondition(["GUID-A", "guid-b"]), conditionVersion: "2.0" }, { team: "t", deps: { condition: [projectA.urn] } });
    const pending = assignment({ principalId: "p", scope: HUB_ST, roleDefinitionId: role(BLOB_CONTRIBUTOR), condition: unknown.string }, { team: "t", deps: { condition: [projectA.urn, projectB.urn] } });
    const other = assignment({ principalId: "p", scope: HUB_ST, roleDefinitionId: role(BLOB_CONTRIBUTOR), condition: "@Resource[x] StringEquals 'y'" }, { team: "t" });
    const none = [undefined, null, ""].map((condition) => assignment({ principalId: "p", scope: HUB_ST, roleDefinitionId: role(BLOB_CONTRIBUTOR), condition }, { team: "t" }));
    const nonString = assignment({ principalId: "p", scope: HUB_ST, roleDefinitionId: role(BLOB_CONTRIBUTOR), condition: 7 }, { team: "t" });
    const access = analyzeStackAccess(policyResources([accessModel(), projectA, projectB, known, pending, other, ...none, nonString]));
    const limits = access.assignments.map((a) => a.dataLimit);
    const blobActions = ["microsoft.storage/storageaccounts/blobservices/containers/blobs/read", "microsoft.storage/storageaccounts/blobservices/containers/blobs/write", "microsoft.storage/storageaccounts/blobservices/containers/blobs/delete", "microsoft.storage/storageaccounts/blobservices/containers/blobs/add/action", "microsoft.storage/storageaccounts/blobservices/containers/blobs/move/action"];
    expect(limits[0]).to.deep.equal({ prefixes: ["guid-a", "guid-b"], actions: blobActions, workspaceUrns: [projectA.urn] });
    expect(analyzeStackAccess(policyResources([accessModel(), assignment({ principalId: "p", scope: HUB_ST, roleDefinitionId: role(BLOB_CONTRIBUTOR), condition: containerPrefixCondition(["g"]) }, { team: "t" })])).assignments[0].dataLimit).to.deep.equal({ prefixes: ["g"], actions: blobActions, workspaceUrns: [] });
    expect(limits[1]).to.deep.equal({ workspaceUrns: [projectA.urn, projectB.urn] });
    // A condition this cannot read limits nothing here (fail closed: it counts as granting).
    // A condition on anything else, or not a string, cannot be evaluated here: what it limits is uncertain.
    expect(limits.slice(2)).to.deep.equal([{ workspaceUrns: [], unreadable: true }, undefined, undefined, undefined, { workspaceUrns: [], unreadable: true }]);
  });

  it("lets a limited data grant reach only the projects it names: by prefix when known, else by the projects it is built from", () => {
    const project = (extra: Partial<StackWorkspace>): StackWorkspace => ({ urn: "urn:p", name: "p", storage: { name: "sthub", resourceGroupName: "rg-hub" }, project: true, ...extra });
    const byPrefix = at(HUB_ST, { dataLimit: { prefixes: ["guid-a"], workspaceUrns: [] } });
    expect(coversWorkspaceStorage(byPrefix, project({ dataContainerPrefix: "guid-a" }))).to.equal(true);
    expect(coversWorkspaceStorage(byPrefix, project({ dataContainerPrefix: "guid-b" }))).to.equal(false);
    // The prefix not known yet and a condition built from no project (written by hand): it may name this one.
    expect(coversWorkspaceStorage(byPrefix, project({ urn: "urn:x" }))).to.equal(true);
    expect(coversWorkspaceStorage(at(HUB_ST, { dataLimit: { prefixes: ["guid-a"], workspaceUrns: ["urn:p"] } }), project({ urn: "urn:x" }))).to.equal(false);
    const byUrn = at(HUB_ST, { dataLimit: { workspaceUrns: ["urn:p"] } });
    expect(coversWorkspaceStorage(byUrn, project({}))).to.equal(true);
    expect(coversWorkspaceStorage(byUrn, project({ urn: "urn:q" }))).to.equal(false);
    expect(coversWorkspaceStorage(byUrn, project({ dataContainerPrefix: "guid-p" }))).to.equal(true);
    // Not the hub's own containers, and only where the scope reaches at all.
    expect(coversWorkspaceStorage(byUrn, { ...project({}), project: undefined })).to.equal(false);
    expect(coversWorkspaceStorage(at(`${SUB}/resourceGroups/rg-x/providers/Microsoft.Storage/storageAccounts/sthub`, { dataLimit: { workspaceUrns: ["urn:p"] } }), project({}))).to.equal(false);
    // Without a limit, the whole account.
    expect(coversWorkspaceStorage(at(HUB_ST), project({ dataContainerPrefix: "guid-b" }))).to.equal(true);
  });

  it("finds which assignments reach a registry: its scope, group or subscription, or an unknown scope built from it", () => {
    const reg = { urn: "urn:reg", name: "models", azureName: "fraud-models", resourceGroupName: "rg-reg", resourceGroupUrn: "urn:rg", subscriptionId: "00000000-0000-4000-8000-000000000001" };
    expect(coversRegistry(at(REG), reg)).to.equal(true);
    expect(coversRegistry(at(`${SUB}/resourceGroups/rg-reg`), reg)).to.equal(true);
    expect(coversRegistry(at(SUB), reg)).to.equal(true);
    expect(coversRegistry(at(`${SUB}/resourceGroups/rg-reg/providers/Microsoft.MachineLearningServices/workspaces/fraud-models`), reg)).to.equal(false);
    expect(coversRegistry(at(`${SUB}/resourceGroups/rg-reg/providers/Microsoft.MachineLearningServices/registries/other`), reg)).to.equal(false);
    expect(coversRegistry(at(undefined, { scopeDependencies: ["urn:reg"] }), reg)).to.equal(true);
    expect(coversRegistry(at(undefined, { scopeDependencies: ["urn:rg"] }), reg)).to.equal(true);
    expect(coversRegistry(at(undefined, { scopeDependencies: [urn("azure-native:storage:StorageAccount", "st")] }), reg)).to.equal(false);
  });

  it("reports registries as their own rows, where only registry operations are decided and no data reaches", () => {
    const reader = assignment({ principalId: "p1", scope: REG, roleDefinitionId: role(READER), principalType: "Group" }, { team: "readers" });
    const publisher = assignment({ principalId: "p2", scope: REG, roleDefinitionId: role(REGISTRY_USER), principalType: "ServicePrincipal" }, { team: "release", admin: true });
    const blob = assignment({ principalId: "p3", scope: SUB, roleDefinitionId: role(BLOB_CONTRIBUTOR) }, { team: "data" });
    const eligible = eligibility({ principalId: "p4", scope: REG, roleDefinitionId: role(REGISTRY_USER) }, { team: "jit", admin: true });
    const report = stackAccessReport(analyzeStackAccess(policyResources([accessModel(), storage, hub, registryStack, registry, reader, publisher, blob, eligible])));
    const row = (team: string, target: string) => report.rows.find((r) => r.team === team && r.workspace === target)!;
    expect(row("readers", "models")).to.deep.include({ kind: "registry", roles: ["Reader"] });
    expect(row("readers", "models").operations).to.deep.include({ readRegistryAssets: true, publishToRegistry: false });
    expect(row("release", "models").operations).to.deep.include({ readRegistryAssets: true, publishToRegistry: true, deleteRegistryAssets: true });
    expect(row("readers", "mlw-hub").operations.readRegistryAssets).to.equal(false);
    expect(row("readers", "mlw-hub")).to.deep.include({ kind: "hub" });
    // A subscription-wide data role reaches the hub's storage, never a registry's rows.
    expect(row("data", "mlw-hub").operations.readData).to.equal(true);
    expect(row("data", "models").operations.readData).to.equal(false);
    expect(row("jit", "models")).to.deep.include({ activation: "eligible" });
  });
});
