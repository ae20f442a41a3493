// Issue 32 (access verdict, third pass): the stack's access picture where the evaluator disagreed.
import { expect } from "chai";
import { policyResources } from "../../../plan/engine";
import { StackAssignment, StackWorkspace, analyzeStackAccess, dataLimitReach, stackAccessReport, storageReach, workspaceReach } from "../../../policies/lib/access";
import { TYPES } from "../../../policies/lib/azure";
import { containerPrefixCondition, readContainerCondition } from "../../../rbac/conditions";
import { resource, unknown } from "../../helpers/policy";
import { assignment, role } from "../../helpers/access";

const SUB = "/subscriptions/00000000-0000-4000-8000-000000000001";
const BLOB_READER = "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1";
const BLOB_CONTRIBUTOR = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
const at = (scope: string | undefined, extra: Partial<StackAssignment> = {}): StackAssignment =>
  ({ urn: "urn:a", principal: "p", scope, scopeDependencies: [], roleReference: "r", roleUnknown: false, props: {}, platformIdentity: false, activation: "active", ...extra }) as StackAssignment;
const BLOB = "Microsoft.Storage/storageAccounts/blobServices/containers/blobs";
// The deploying subscription, as the default provider's config says it.
const PROVIDER = { urn: "urn:pulumi:test::proj::pulumi:providers:azure-native::default_3_28_0", type: "pulumi:providers:azure-native", name: "default_3_28_0", props: { subscriptionId: "00000000-0000-4000-8000-000000000001" } };

describe("access picture, third pass: an empty scope reaches nothing (2)", () => {
  const ws: StackWorkspace = { urn: "urn:w", name: "w", azureName: "w", resourceGroupName: "rg", subscriptionId: "00000000-0000-4000-8000-000000000001", storage: { name: "st", resourceGroupName: "rg" } };
  it("is refused by Azure (a role assignment needs a scope), so neither the workspace nor its data is reached, while root '/' reaches both", () => {
    for (const empty of ["", "  "]) expect([workspaceReach(at(empty), ws), storageReach(at(empty), ws)], JSON.stringify(empty)).to.deep.equal(["no", "no"]);
    expect([workspaceReach(at("/"), ws), storageReach(at("/"), ws)]).to.deep.equal(["yes", "yes"]);
  });
  it("grants nothing in the matrix", () => {
    const ws_ = resource(TYPES.workspace, { workspaceName: "w", resourceGroupName: "rg", storageAccount: `${SUB}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st` }, { name: "w" });
    const [row] = stackAccessReport(analyzeStackAccess(policyResources([ws_, assignment({ principalId: "p", scope: "", roleDefinitionId: role(BLOB_READER) }, { team: "t" })]))).rows;
    expect([row.operations.readData, row.uncertain, row.roles]).to.deep.equal([false, [], []]);
  });
});

describe("access picture, third pass: a project's data is where its hub's storage is (6, unknown hub storage)", () => {
  const hubGroup = resource(TYPES.resourceGroup, { resourceGroupName: "rg-hub" }, { name: "hub-rg" });
  const projectGroup = resource(TYPES.resourceGroup, { resourceGroupName: "rg-proj" }, { name: "proj-rg" });
  const storage = resource(TYPES.storageAccount, { accountName: "sthub", resourceGroupName: unknown.string }, { name: "hub-st", propertyDependencies: { resourceGroupName: [hubGroup.urn] } });
  const hub = resource(TYPES.workspace, { workspaceName: "hub", resourceGroupName: unknown.string, kind: "Hub", storageAccount: unknown.string }, { name: "hub-mlw", propertyDependencies: { resourceGroupName: [hubGroup.urn], storageAccount: [storage.urn] } });
  const project = resource(TYPES.workspace, { workspaceName: "proj", resourceGroupName: unknown.string, kind: "Project", hubResourceId: unknown.string }, { name: "proj-mlw", propertyDependencies: { resourceGroupName: [projectGroup.urn], hubResourceId: [hub.urn] } });
  // Storage Blob Data Reader at the hub's resource group, whose id is unknown in a first preview.
  const reader = assignment({ principalId: "p", scope: unknown.string, roleDefinitionId: role(BLOB_READER) }, { team: "readers", deps: { scope: [hubGroup.urn] } });

  it("reaches the project's data through the hub storage's resource group, in a first preview as with known outputs", () => {
    const report = stackAccessReport(analyzeStackAccess(policyResources([hubGroup, projectGroup, storage, hub, project, reader])));
    const cell = (w: string) => report.rows.find((r) => r.workspace === w)!;
    expect([cell("proj").operations.readData, cell("proj").kind]).to.deep.equal([true, "project"]);
    expect([cell("hub").operations.readData, cell("hub").kind]).to.deep.equal([true, "hub"]);
  });
  it("is uncertain, not yes, for a project whose hub is not the stack's (its storage could be anywhere)", () => {
    const adoptedHub = `${SUB}/resourceGroups/rg-x/providers/Microsoft.MachineLearningServices/workspaces/hub-x`;
    const orphan = resource(TYPES.workspace, { workspaceName: "orphan", resourceGroupName: "rg-proj", kind: "Project", hubResourceId: adoptedHub }, { name: "orphan-mlw" });
    for (const scope of [SUB, `${SUB}/resourceGroups/rg-proj`, `${SUB}/resourceGroups/rg-x/providers/Microsoft.Storage/storageAccounts/sthubx`]) {
      const grant = assignment({ principalId: "p", scope, roleDefinitionId: role(BLOB_READER) }, { team: "readers" });
      const [row] = stackAccessReport(analyzeStackAccess(policyResources([orphan, grant]))).rows;
      expect([row.operations.readData, row.uncertain], scope).to.deep.equal([false, ["readData"]]);
    }
    // Root still reaches everything for sure; another resource type nothing.
    const root = stackAccessReport(analyzeStackAccess(policyResources([orphan, assignment({ principalId: "p", scope: "/", roleDefinitionId: role(BLOB_READER) }, { team: "t" })]))).rows[0];
    expect([root.operations.readData, root.uncertain]).to.deep.equal([true, []]);
    const vault = stackAccessReport(analyzeStackAccess(policyResources([orphan, assignment({ principalId: "p", scope: `${SUB}/resourceGroups/rg-x/providers/Microsoft.KeyVault/vaults/kv`, roleDefinitionId: role(BLOB_READER) }, { team: "t" })]))).rows[0];
    expect([vault.operations.readData, vault.uncertain]).to.deep.equal([false, []]);
  });
});

describe("access picture, third pass: conditions limit the actions they name, for any workspace (7)", () => {
  const hubStorage = `${SUB}/resourceGroups/rg-hub/providers/Microsoft.Storage/storageAccounts/sthub`;
  const project = (extra: Partial<StackWorkspace> = {}): StackWorkspace => ({ urn: "urn:p", name: "p", project: true, storage: { name: "sthub", resourceGroupName: "rg-hub" }, ...extra });
  const plain: StackWorkspace = { urn: "urn:w", name: "w", storage: { name: "stw", resourceGroupName: "rg" } };

  it("reads a condition's action clause: limiting blobs/read leaves blobs/write to the role", () => {
    const condition = `((!(ActionMatches{'${BLOB}/read'})) OR (@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringStartsWith 'guid-a'))`;
    expect(readContainerCondition(condition)).to.deep.equal({ actions: [`${BLOB}/read`.toLowerCase()], prefixes: ["guid-a"] });
    const limit = at(hubStorage, { dataLimit: { prefixes: ["guid-a"], actions: [`${BLOB}/read`.toLowerCase()], workspaceUrns: [] } });
    expect([dataLimitReach(limit, project({ dataContainerPrefix: "guid-b" }), "readData"), dataLimitReach(limit, project({ dataContainerPrefix: "guid-b" }), "writeData")]).to.deep.equal(["no", "yes"]);
    expect(dataLimitReach(limit, project({ dataContainerPrefix: "guid-a" }), "readData")).to.equal("yes");
  });
  it("what AccessModel writes names every blob data action", () => {
    const read = readContainerCondition(containerPrefixCondition(["g1", "g2"]))!;
    expect(read.prefixes).to.deep.equal(["g1", "g2"]);
    expect(read.actions).to.include.members([`${BLOB}/read`.toLowerCase(), `${BLOB}/write`.toLowerCase()]);
  });
  it("cannot be evaluated for anything else: other attributes, sub-operations, no action clause", () => {
    for (const c of [
      "@Resource[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:path] StringLike 'x*'",
      `((!(ActionMatches{'${BLOB}/read'} AND NOT SubOperationMatches{'Blob.List'})) OR (@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringStartsWith 'a'))`,
      "@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringStartsWith 'a'",
      `((!(ActionMatches{'${BLOB}/read'})) OR (@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringStartsWith 'a' AND @Request[x] StringEquals 'y'))`,
    ])
      expect(readContainerCondition(c), c).to.equal(undefined);
  });
  it("is uncertain where the containers cannot be compared: a written condition on a workspace that is not a project, an unreadable one", () => {
    const written = at(hubStorage, { dataLimit: { prefixes: ["guid-a"], actions: [`${BLOB}/read`.toLowerCase()], workspaceUrns: [] } });
    expect(dataLimitReach(written, plain, "readData")).to.equal("maybe");
    expect(dataLimitReach(at(hubStorage, { dataLimit: { workspaceUrns: [], unreadable: true } }), project({ dataContainerPrefix: "x" }), "writeData")).to.equal("maybe");
    // What AccessModel builds from the stack's projects names project containers only: no hub data.
    expect(dataLimitReach(at(hubStorage, { dataLimit: { workspaceUrns: ["urn:p"] } }), plain, "readData")).to.equal("no");
  });
  it("shows a written condition on a default workspace's storage as uncertain in the matrix, and unlimited for the actions it does not name", () => {
    const st = resource(TYPES.storageAccount, { accountName: "stw", resourceGroupName: "rg", allowSharedKeyAccess: false }, { name: "st", provider: PROVIDER });
    const ws = resource(TYPES.workspace, { workspaceName: "w", resourceGroupName: "rg", storageAccount: unknown.string }, { name: "w", propertyDependencies: { storageAccount: [st.urn] }, provider: PROVIDER });
    const condition = `((!(ActionMatches{'${BLOB}/read'})) OR (@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringStartsWith 'raw-'))`;
    const grant = assignment({ principalId: "p", scope: `${SUB}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/stw`, roleDefinitionId: role(BLOB_CONTRIBUTOR), condition, conditionVersion: "2.0" }, { team: "t" });
    const [row] = stackAccessReport(analyzeStackAccess(policyResources([st, ws, grant]))).rows;
    expect([row.operations.readData, row.operations.writeData, row.uncertain]).to.deep.equal([false, true, ["readData"]]);
  });
});

describe("access picture, third pass: an adopted storage account's Shared Key setting is not visible", () => {
  it("shows the keys' data as uncertain (no certain no) for a role that lists them", () => {
    const ws = resource(TYPES.workspace, { workspaceName: "w", resourceGroupName: "rg", storageAccount: `${SUB}/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/stshared` }, { name: "w", provider: PROVIDER });
    const contributor = assignment({ principalId: "p", scope: `${SUB}/resourceGroups/rg`, roleDefinitionId: role("b24988ac-6180-42a0-ab88-20f7382dd24c") }, { team: "t" });
    const [row] = stackAccessReport(analyzeStackAccess(policyResources([ws, contributor]))).rows;
    expect([row.operations.readData, row.uncertain]).to.deep.equal([false, ["readData", "writeData"]]);
  });
  it("reads a created account's setting: false off, left out or a placeholder on, one still to come from a resource uncertain", () => {
    const group = resource(TYPES.resourceGroup, { resourceGroupName: "rg" }, { name: "rg" });
    const of = (allowSharedKeyAccess: unknown, deps: string[] = []) =>
      analyzeStackAccess(
        policyResources([
          group,
          resource(TYPES.storageAccount, { accountName: "st", resourceGroupName: "rg", allowSharedKeyAccess }, { name: "st", propertyDependencies: { allowSharedKeyAccess: deps } }),
          resource(TYPES.workspace, { workspaceName: "w", resourceGroupName: "rg", storageAccount: unknown.string }, { name: "w", propertyDependencies: { storageAccount: ["urn:pulumi:test::proj::azure-native:storage:StorageAccount::st"] } }),
        ]),
      ).workspaces[0].storage.sharedKeyAccess;
    expect([of(false), of(true), of(undefined), of(unknown.boolean), of(unknown.boolean, [group.urn])]).to.deep.equal([false, true, true, true, "maybe"]);
  });
});

describe("access picture, third pass: reaches resting on what the plan cannot see (mutation-pinned)", () => {
  const group = resource(TYPES.resourceGroup, { resourceGroupName: "rg-data" }, { name: "data-rg" });
  const otherGroup = resource(TYPES.resourceGroup, { resourceGroupName: "rg-other" }, { name: "other-rg" });
  const adoptedInCreatedGroup = resource(TYPES.workspace, { workspaceName: "w", resourceGroupName: "rg-w", storageAccount: `${SUB}/resourceGroups/RG-DATA/providers/Microsoft.Storage/storageAccounts/stdata` }, { name: "w", provider: PROVIDER });

  it("ties an adopted account to the resource group of that name the stack creates, so an unknown scope built from that group reaches it", () => {
    const access = analyzeStackAccess(policyResources([otherGroup, group, adoptedInCreatedGroup]));
    expect(access.workspaces[0].storage.resourceGroupUrn).to.equal(group.urn);
    const fromGroup = at(undefined, { scopeDependencies: [group.urn] });
    const fromOther = at(undefined, { scopeDependencies: [otherGroup.urn] });
    expect([storageReach(fromGroup, access.workspaces[0]), storageReach(fromOther, access.workspaces[0])]).to.deep.equal(["yes", "no"]);
    expect(analyzeStackAccess(policyResources([otherGroup, adoptedInCreatedGroup])).workspaces[0].storage).not.to.have.property("resourceGroupUrn");
  });
  it("lets an unknown scope built from a resource group of the stack maybe reach an adopted hub's storage, but not one built from another resource", () => {
    const orphan: StackWorkspace = { urn: "urn:p", name: "p", project: true, storage: { sharedKeyAccess: "maybe", elsewhere: true } };
    const storageAccount = "urn:pulumi:test::proj::azure-native:storage:StorageAccount::st";
    expect(storageReach(at(undefined, { scopeDependencies: [group.urn] }), orphan)).to.equal("maybe");
    expect(storageReach(at(undefined, { scopeDependencies: [storageAccount] }), orphan)).to.equal("no");
    expect(storageReach(at(undefined, { scopeDependencies: [storageAccount, group.urn] }), orphan)).to.equal("maybe");
  });
  it("judges a custom role held to concrete scopes: refused outside them, uncertain at a scope not known yet, granted where it is assignable anywhere", () => {
    const ws = resource(TYPES.workspace, { workspaceName: "w", resourceGroupName: "rg", storageAccount: `${SUB}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st` }, { name: "w", provider: PROVIDER });
    const held = (assignableScopes: string[]) =>
      resource(TYPES.roleDefinition, { roleName: "Jobs", roleDefinitionId: "33333333-3333-4333-8333-333333333333", permissions: [{ actions: ["Microsoft.MachineLearningServices/workspaces/jobs/*"] }], assignableScopes }, { name: "jobs" });
    const row = (assignableScopes: string[], scope: unknown, deps: string[] = []) => {
      const def = held(assignableScopes);
      const grant = assignment({ principalId: "p", scope, roleDefinitionId: unknown.string }, { team: "t", deps: { roleDefinitionId: [def.urn], scope: deps } });
      const [r] = stackAccessReport(analyzeStackAccess(policyResources([ws, def, grant]))).rows;
      return [r.operations.submitJob, r.uncertain!.includes("submitJob")];
    };
    const elsewhere = [`/subscriptions/99999999-0000-4000-8000-000000000009/resourceGroups/rg`];
    expect(row(elsewhere, `${SUB}/resourceGroups/rg`)).to.deep.equal([false, false]);
    // A scope unknown yet, built from the workspace (so it reaches it for sure).
    expect(row(elsewhere, unknown.string, [ws.urn])).to.deep.equal([false, true]);
    expect(row([...elsewhere, "/"], unknown.string, [ws.urn])).to.deep.equal([true, false]);
    expect(row([], unknown.string, [ws.urn])).to.deep.equal([true, false]);
    expect(row([`${SUB}/resourceGroups/rg`], `${SUB}/resourceGroups/rg`)).to.deep.equal([true, false]);
  });
});
