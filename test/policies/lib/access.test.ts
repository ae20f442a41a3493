import { expect } from "chai";
import { policyResources } from "../../../plan/engine";
import {
  StackAssignment,
  StackWorkspace,
  analyzeStackAccess,
  coversWorkspace,
  coversWorkspaceStorage,
  dataLimitAllows,
  describePrincipal,
  operationList,
  principalLabel,
  reachesWorkspaceStorage,
  stackAccessReport,
  stackAccessRows,
  subscriptionOf,
  urnType,
  workspaceReach,
} from "../../../policies/lib/access";
import { TYPES } from "../../../policies/lib/azure";
import { containerPrefixCondition } from "../../../rbac/conditions";
import { resource, unknown } from "../../helpers/policy";
import { accessModel, assignment, role } from "../../helpers/access";

const SUB = "/subscriptions/00000000-0000-4000-8000-000000000001";
const RG = `${SUB}/resourceGroups/rg-fraud`;
const WS = `${RG}/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud`;
const ST = `${RG}/providers/Microsoft.Storage/storageAccounts/stfraud`;
/** The default provider the engine gives every resource, with the stack's azure-native:subscriptionId. */
const PROVIDER = { urn: "urn:pulumi:test::proj::pulumi:providers:azure-native::default_3_28_0", type: "pulumi:providers:azure-native", name: "default_3_28_0", props: { subscriptionId: "00000000-0000-4000-8000-000000000001" } };
const ws: StackWorkspace = { urn: "urn:ws", name: "fraud", azureName: "mlw-fraud", resourceGroupName: "rg-fraud", resourceGroupUrn: "urn:rg", storage: { urn: "urn:st", name: "stfraud", resourceGroupName: "rg-fraud" } };
const at = (scope: string | undefined, scopeDependencies: string[] = []): StackAssignment =>
  ({ urn: "urn:a", principal: "p", scope, scopeDependencies, roleReference: "r", roleUnknown: false, props: {}, platformIdentity: false }) as StackAssignment;
const urn = (type: string, name: string) => `urn:pulumi:s::p::${type}::${name}`;

describe("which scopes reach a workspace and its data (policies/lib/access)", () => {
  const reaches: [string, string, boolean, boolean][] = [
    // scope, why, reaches the workspace, reaches its storage
    ["/", "root", true, true],
    ["/providers/Microsoft.Management/managementGroups/mg", "a management group", true, true],
    [SUB, "the subscription", true, true],
    [`${SUB}/`, "the subscription with a trailing slash", true, true],
    [RG, "the resource group", true, true],
    [RG.toUpperCase(), "the resource group, any case", true, true],
    [WS, "the workspace itself", true, false],
    [`${WS}/computes/cpu`, "a compute below the workspace", false, false],
    [ST, "the storage account", false, true],
    [`${SUB}/resourceGroups/rg-other`, "another resource group", false, false],
    [`${RG}/providers/Microsoft.MachineLearningServices/workspaces/mlw-other`, "another workspace", false, false],
    [`${RG}/providers/Microsoft.Storage/storageAccounts/stother`, "another storage account", false, false],
    [`${RG}/providers/Microsoft.KeyVault/vaults/mlw-fraud`, "a key vault that shares the workspace's name", false, false],
    ["/subscriptions/other-sub-but-no-rg/x", "a malformed scope", false, false],
    ["/tenants/t", "something that is not a subscription", false, false],
    ["/providers/Microsoft.Capacity", "a tenant-level provider scope that is not a management group", false, false],
    [`${SUB}/providers/Microsoft.Security/pricings/VirtualMachines`, "a subscription-level resource", false, false],
    [`${RG}//`, "the resource group with doubled trailing slashes", true, true],
    [`${RG}/providers/Microsoft.Databricks/workspaces/mlw-fraud`, "a Databricks workspace that shares the workspace's name", false, false],
    [`${RG}/providers/Microsoft.MachineLearningServices/registries/mlw-fraud`, "an Azure ML registry that shares the workspace's name", false, false],
    [`${RG}/providers/Microsoft.Storage/blobServices/stfraud`, "another Storage type that shares the account's name", false, false],
  ];
  for (const [scope, why, workspace, storage] of reaches) {
    it(`${why}: workspace ${workspace ? "yes" : "no"}, data ${storage ? "yes" : "no"}`, () => {
      expect(coversWorkspace(at(scope), ws), "workspace").to.equal(workspace);
      expect(coversWorkspaceStorage(at(scope), ws), "storage").to.equal(storage);
    });
  }

  it("assumes an unknown name or resource group matches (fail closed), a known one must", () => {
    const vague: StackWorkspace = { ...ws, azureName: undefined, resourceGroupName: undefined, storage: {} };
    expect(coversWorkspace(at(`${SUB}/resourceGroups/rg-any/providers/Microsoft.MachineLearningServices/workspaces/x`), vague)).to.equal(true);
    expect(coversWorkspaceStorage(at(`${SUB}/resourceGroups/rg-any/providers/Microsoft.Storage/storageAccounts/x`), vague)).to.equal(true);
    expect(coversWorkspace(at(`${RG}/providers/Microsoft.MachineLearningServices/workspaces/x`), { ...ws, azureName: undefined })).to.equal(true);
    // A resource at subscription level is below no resource group, whatever the workspace's is.
    expect(coversWorkspace(at(`${SUB}/providers/Microsoft.Security/pricings/x`), vague)).to.equal(false);
    // Storage in another resource group than the workspace.
    const elsewhere: StackWorkspace = { ...ws, storage: { name: "stfraud", resourceGroupName: "rg-data" } };
    expect(coversWorkspaceStorage(at(`${SUB}/resourceGroups/rg-data`), elsewhere)).to.equal(true);
    expect(coversWorkspaceStorage(at(RG), elsewhere)).to.equal(false);
  });

  it("ties a scope unknown in preview through its dependencies; one tied to nothing could be anywhere", () => {
    expect(coversWorkspace(at(undefined, ["urn:ws"]), ws)).to.equal(true);
    expect(coversWorkspace(at(undefined, ["urn:rg"]), ws)).to.equal(true);
    expect(coversWorkspaceStorage(at(undefined, ["urn:st"]), ws)).to.equal(true);
    expect(coversWorkspace(at(undefined, ["urn:st"]), ws)).to.equal(false);
    expect(coversWorkspace(at(undefined, [urn(TYPES.workspace, "other")]), ws)).to.equal(false);
    expect(coversWorkspace(at(undefined, [urn(TYPES.storageAccount, "st")]), ws)).to.equal(false);
    // Components and the stack itself do not pin a scope.
    expect(coversWorkspace(at(undefined, ["urn:pulumi:s::p::pulumi:pulumi:Stack::p-s", urn("azureml-platform:index:WorkspaceStack", "x")]), ws)).to.equal(true);
    expect(coversWorkspace(at(undefined), ws)).to.equal(true);
  });

  it("reads the resource type of a URN, under any parent chain", () => {
    expect(urnType("urn:pulumi:s::p::a:b:C$azure-native:storage:StorageAccount::st")).to.equal("azure-native:storage:StorageAccount");
    expect(urnType("urn:pulumi:s::p::azure-native:storage:StorageAccount::st")).to.equal("azure-native:storage:StorageAccount");
    expect(urnType("not-a-urn")).to.equal("");
  });

  it("resolves configured operations by key name, and raw Azure operations as given", () => {
    expect(operationList(["createCompute", "Microsoft.Foo/bar/write"])).to.deep.equal([
      { label: "createCompute", key: "createCompute", operations: ["Microsoft.MachineLearningServices/workspaces/computes/write"] },
      { label: "Microsoft.Foo/bar/write", operations: ["Microsoft.Foo/bar/write"] },
    ]);
    expect(operationList(["registerModel"])[0].operations).to.deep.equal(["Microsoft.MachineLearningServices/workspaces/models/write", "Microsoft.MachineLearningServices/workspaces/models/versions/write"]);
  });
});

describe("the stack's access picture (analyzeStackAccess, stackAccessRows)", () => {
  const storage = resource(TYPES.storageAccount, { accountName: "stfraud", resourceGroupName: "rg-fraud" }, { name: "fraud-storage" });
  const workspace = resource(TYPES.workspace, { workspaceName: "mlw-fraud", resourceGroupName: "rg-fraud", storageAccount: unknown.string }, { name: "fraud-mlw", propertyDependencies: { storageAccount: [storage.urn] }, provider: PROVIDER });
  const adopted = resource(TYPES.workspace, { workspaceName: "mlw-b", resourceGroupName: "rg-b", storageAccount: `${SUB}/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/stshared` }, { name: "b-mlw" });

  it("finds each workspace's storage account: the one it depends on, or the one its id names", () => {
    const access = analyzeStackAccess(policyResources([storage, workspace, adopted]));
    expect(access.workspaces.map((w) => w.storage)).to.deep.equal([
      // Shared Key left unset is allowed (Azure's default); an adopted account's setting is not visible.
      { urn: storage.urn, name: "stfraud", resourceGroupName: "rg-fraud", sharedKeyAccess: true },
      { name: "stshared", resourceGroupName: "rg-data", subscriptionId: "00000000-0000-4000-8000-000000000001", sharedKeyAccess: "maybe" },
    ]);
  });

  it("reads whether the stack's storage account takes Shared Key: only an explicit false turns it off (an unknown may be true)", () => {
    const of = (allowSharedKeyAccess: unknown) =>
      analyzeStackAccess(policyResources([resource(TYPES.storageAccount, { accountName: "stfraud", resourceGroupName: "rg-fraud", allowSharedKeyAccess }, { name: "fraud-storage" }), workspace])).workspaces[0].storage.sharedKeyAccess;
    expect([of(false), of(true), of(undefined), of(unknown.boolean)]).to.deep.equal([false, true, true, true]);
  });

  it("lets a container condition limit a role's data actions, not the keys the same role lists (the plan's picture as the engine's)", () => {
    const KEYS = "11111111-1111-4111-8111-111111111111";
    const custom = resource(TYPES.roleDefinition, { roleName: "Keys and blobs", roleDefinitionId: KEYS, permissions: [{ actions: ["Microsoft.Storage/storageAccounts/listKeys/action"], dataActions: ["Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read"] }], assignableScopes: [SUB] }, { name: "keys" });
    const ST = `${RG}/providers/Microsoft.Storage/storageAccounts/stfraud`;
    const report = (allowSharedKeyAccess: boolean) =>
      stackAccessReport(
        analyzeStackAccess(
          policyResources([
            custom,
            resource(TYPES.storageAccount, { accountName: "stfraud", resourceGroupName: "rg-fraud", allowSharedKeyAccess }, { name: "fraud-storage" }),
            workspace,
            assignment(
              { principalId: "c0000000-0000-4000-8000-000000000001", scope: ST, roleDefinitionId: `${SUB}/providers/Microsoft.Authorization/roleDefinitions/${KEYS}`, condition: containerPrefixCondition(["guid-other"]), conditionVersion: "2.0" },
              { deps: { roleDefinitionId: [custom.urn] } },
            ),
          ]),
        ),
      ).rows;
    const rows = (allowSharedKeyAccess: boolean) => report(allowSharedKeyAccess).map((r) => `${r.operations.readData} ${r.operations.writeData} ${r.roles.join("+")}`);
    // Its keys open everything; without them, a written condition's prefix cannot be compared with the
    // containers of a workspace that is not a project (their names are the service's): uncertain, not no.
    expect(rows(true)).to.deep.equal(["true true Keys and blobs"]);
    expect(rows(false)).to.deep.equal(["false false Keys and blobs"]);
    expect(report(false)[0].uncertain).to.deep.equal(["readData"]);
  });

  it("limits data by a condition's prefixes once the project's prefix is known, else by the projects it is built from", () => {
    const project = { ...ws, project: true };
    const limited = (prefixes: string[] | undefined, workspaceUrns: string[]) => ({ ...at(RG), dataLimit: { prefixes, workspaceUrns } }) as StackAssignment;
    expect(dataLimitAllows(limited(["guid-a"], []), { ...project, dataContainerPrefix: "guid-a" })).to.equal(true);
    expect(dataLimitAllows(limited(["guid-a"], [ws.urn]), { ...project, dataContainerPrefix: "guid-b" })).to.equal(false);
    // The project's own prefix unknown yet (a first preview): the projects the condition is built from decide.
    expect(dataLimitAllows(limited(["guid-a"], [ws.urn]), project)).to.equal(true);
    // A written condition (built from nothing) and a prefix not known yet: it may name the project.
    expect(dataLimitAllows(limited(["guid-a"], []), project)).to.equal(true);
    expect(dataLimitAllows(limited(undefined, [ws.urn]), project)).to.equal(true);
    expect(dataLimitAllows(limited(["guid-a"], [ws.urn]), ws)).to.equal(false);
    expect(dataLimitAllows(at(RG), ws)).to.equal(true);
  });

  it("reads a storage account in the workspace's subscription when the account's own is not known", () => {
    const inSub = { ...ws, subscriptionId: "00000000-0000-4000-8000-000000000001" };
    const account = (sub: string) => at(`/subscriptions/${sub}/resourceGroups/rg-fraud/providers/Microsoft.Storage/storageAccounts/stfraud`);
    expect(reachesWorkspaceStorage(account("00000000-0000-4000-8000-000000000001"), inSub)).to.equal(true);
    expect(reachesWorkspaceStorage(account("00000000-0000-4000-8000-0000000000ff"), inSub)).to.equal(false);
    expect(reachesWorkspaceStorage(account("00000000-0000-4000-8000-0000000000ff"), { ...inSub, storage: { ...inSub.storage, subscriptionId: "00000000-0000-4000-8000-0000000000ff" } })).to.equal(true);
  });

  it("answers maybe, never a certain yes, where the workspace's subscription is not known (issue 31), and no for another subscription once it is", () => {
    const inSub = { ...ws, subscriptionId: "00000000-0000-4000-8000-000000000001" };
    const other = "/subscriptions/00000000-0000-4000-8000-0000000000ff";
    expect([workspaceReach(at(`${SUB}/resourceGroups/rg-fraud`), ws), workspaceReach(at(SUB), ws), workspaceReach(at(`${other}/resourceGroups/rg-fraud`), ws)]).to.deep.equal(["maybe", "maybe", "maybe"]);
    expect([workspaceReach(at(`${SUB}/resourceGroups/rg-fraud`), inSub), workspaceReach(at(`${other}/resourceGroups/rg-fraud`), inSub), workspaceReach(at(other), inSub)]).to.deep.equal(["yes", "no", "no"]);
    // A resource of another type in the group never reaches the workspace, whatever is unknown.
    expect(workspaceReach(at(`${SUB}/resourceGroups/rg-fraud/providers/Microsoft.Insights/components/appi`), { ...ws, resourceGroupName: undefined })).to.equal("no");
    expect(workspaceReach(at(`${SUB}/resourceGroups/rg-x/providers/Microsoft.MachineLearningServices/workspaces/w`), { ...inSub, resourceGroupName: undefined, azureName: undefined })).to.equal("maybe");
    expect(workspaceReach(at("/"), inSub)).to.equal("yes");
    expect(workspaceReach(at("/providers/Microsoft.Management/managementGroups/mg"), inSub)).to.equal("maybe");
  });

  it("takes a management group scope with doubled slashes for one", () => {
    expect(coversWorkspace(at("//providers/Microsoft.Management/managementGroups/mg"), ws)).to.equal(true);
    expect(coversWorkspaceStorage(at("/providers/Microsoft.Management//managementGroups/mg/"), ws)).to.equal(true);
  });

  it("gives the data to whoever may list the keys of a storage account that takes Shared Key, and only then", () => {
    const ST = `${RG}/providers/Microsoft.Storage/storageAccounts/stfraud`;
    const report = (allowSharedKeyAccess: boolean) =>
      stackAccessReport(
        analyzeStackAccess(
          policyResources([
            resource(TYPES.storageAccount, { accountName: "stfraud", resourceGroupName: "rg-fraud", allowSharedKeyAccess }, { name: "fraud-storage" }),
            workspace,
            assignment({ principalId: "c0000000-0000-4000-8000-000000000001", scope: RG, roleDefinitionId: role("b24988ac-6180-42a0-ab88-20f7382dd24c") }),
            assignment({ principalId: "c0000000-0000-4000-8000-000000000002", scope: ST, roleDefinitionId: role("b24988ac-6180-42a0-ab88-20f7382dd24c") }),
            assignment({ principalId: "c0000000-0000-4000-8000-000000000003", scope: RG, roleDefinitionId: role("acdd72a7-3385-48ef-bd42-f606fba81ae7") }),
          ]),
        ),
      ).rows.map((r) => `${r.team} ${r.operations.readData} ${r.operations.writeData}`);
    // Contributor lists the keys (Microsoft.Storage/*/listKeys through "*"), at the group or on the account itself; Reader does not.
    const ids = [1, 2, 3].map((n) => `c0000000-0000-4000-8000-00000000000${n}`);
    expect(report(true)).to.deep.equal([`${ids[0]} true true`, `${ids[1]} true true`, `${ids[2]} false false`]);
    expect(report(false)).to.deep.equal([`${ids[0]} false false`, `${ids[1]} false false`, `${ids[2]} false false`]);
  });

  it("reads principals, types, roles and markers from assignments", () => {
    const group = resource(TYPES.group, { displayName: "g" }, { name: "g" });
    const a = assignment({ principalId: "AB-CD", scope: RG, roleDefinitionId: role("acdd72a7-3385-48ef-bd42-f606fba81ae7"), principalType: "Group" }, { team: "auditors" });
    const b = assignment({ principalId: unknown.string, scope: unknown.string, roleDefinitionId: unknown.string }, { deps: { principalId: [group.urn], scope: [storage.urn] } });
    const c = assignment({ principalId: "x", scope: RG, roleDefinitionId: role("00000000-0000-4000-8000-00000000dead"), principalType: 7 as any });
    const access = analyzeStackAccess(policyResources([accessModel(), group, storage, a, b, c]));
    const [ra, rb, rc] = access.assignments;
    expect(ra).to.deep.include({ principal: "ab-cd", principalType: "Group", scope: RG, roleReference: role("acdd72a7-3385-48ef-bd42-f606fba81ae7"), roleUnknown: false, platformIdentity: false });
    expect(ra.role?.name).to.equal("Reader");
    expect(ra.team).to.deep.equal({ team: "auditors", admin: false });
    expect(rb).to.deep.include({ principal: `urn:${group.urn}`, scope: undefined, roleReference: "(unknown until deployment)", roleUnknown: true });
    expect(rb.scopeDependencies).to.deep.equal([storage.urn]);
    expect(rb.team).to.equal(undefined);
    expect(rc).to.deep.include({ principalType: undefined, roleUnknown: false, role: undefined });
  });

  it("leaves the platform's own identity grants out of the team matrix, and counts an unresolved role as no access", () => {
    const platformGrant = resource(TYPES.roleAssignment, { principalId: "id", scope: ST, roleDefinitionId: role("ba92f5b4-2d11-453d-a403-e96b0029c9fe"), principalType: "ServicePrincipal" }, { name: "fraud-cpu-blob-data", parent: urn("azureml-platform:index:WorkspaceStack", "fraud") });
    const stack = resource("azureml-platform:index:WorkspaceStack", {}, { name: "fraud", urn: urn("azureml-platform:index:WorkspaceStack", "fraud"), custom: false });
    const team = assignment({ principalId: "p1", scope: ST, roleDefinitionId: role("2a2b9908-6ea1-4ae2-8e65-a410df84e7d1") }, { team: "readers" });
    const ghost = assignment({ principalId: "p2", scope: WS, roleDefinitionId: role("00000000-0000-4000-8000-00000000dead") }, { team: "ghosts" });
    const rows = stackAccessRows(analyzeStackAccess(policyResources([stack, accessModel(), storage, workspace, platformGrant, team, ghost])));
    expect(rows.map((r) => `${r.team}:${r.roles.join("+")}:${r.operations.readData}`)).to.deep.equal([
      "ghosts:unresolved /subscriptions/00000000-0000-4000-8000-000000000001/providers/Microsoft.Authorization/roleDefinitions/00000000-0000-4000-8000-00000000dead:false",
      "readers:Storage Blob Data Reader:true",
    ]);
    expect(Object.values(rows[0].operations).every((v) => v === false)).to.equal(true);
  });

  it("reads a custom role the stack defines, data actions and assignable scopes included", () => {
    const BLOB = "Microsoft.Storage/storageAccounts/blobServices/containers/blobs";
    const def = resource(
      TYPES.roleDefinition,
      {
        roleName: "Data Reader (fraud-dev)",
        roleDefinitionId: "AAAAAAAA-0000-5000-8000-000000000001",
        assignableScopes: [RG],
        permissions: [{ actions: ["*/read"], notActions: ["Microsoft.Authorization/*/read"], dataActions: [`${BLOB}/*`], notDataActions: [`${BLOB}/write`] }],
      },
      { name: "dev-data-reader" },
    );
    const a = assignment({ principalId: "p", scope: ST, roleDefinitionId: role("aaaaaaaa-0000-5000-8000-000000000001") }, { team: "t" });
    const access = analyzeStackAccess(policyResources([accessModel(), storage, workspace, def, a]));
    expect(access.assignments[0].role).to.deep.equal({
      id: "aaaaaaaa-0000-5000-8000-000000000001",
      name: "Data Reader (fraud-dev)",
      isCustom: true,
      permissions: [{ actions: ["*/read"], notActions: ["Microsoft.Authorization/*/read"], dataActions: [`${BLOB}/*`], notDataActions: [`${BLOB}/write`] }],
      assignableScopes: [RG],
    });
    const [row] = stackAccessRows(access);
    expect(row.operations).to.deep.include({ readData: true, writeData: false });
  });

  it("names a workspace by its WorkspaceStack, ties it to the resource group it depends on", () => {
    const rg = resource(TYPES.resourceGroup, { resourceGroupName: "rg-fraud" }, { name: "fraud-rg" });
    const config = resource("pulumi:providers:azure-native", {}, { name: "default" });
    const stackUrn = urn("azureml-platform:index:WorkspaceStack", "fraud");
    const child = resource(TYPES.workspace, { workspaceName: "mlw-fraud-x1", resourceGroupName: "rg-fraud" }, { name: "fraud-mlw", parent: stackUrn, propertyDependencies: { resourceGroupName: [config.urn, rg.urn] } as any });
    const bare = resource(TYPES.workspace, { workspaceName: "mlw-bare", resourceGroupName: "rg-fraud" }, { name: "bare" });
    const stack = resource("azureml-platform:index:WorkspaceStack", {}, { name: "fraud", urn: stackUrn, custom: false });
    const [w1, w2] = analyzeStackAccess(policyResources([stack, rg, config, child, bare])).workspaces;
    expect([w1.name, w1.azureName, w1.resourceGroupUrn]).to.deep.equal(["fraud", "mlw-fraud-x1", rg.urn]);
    expect([w2.name, w2.azureName, w2.resourceGroupUrn]).to.deep.equal(["mlw-bare", "mlw-bare", undefined]);
  });

  it("keeps principals created in the stack apart while their ids are unknown", () => {
    const g1 = resource(TYPES.group, { displayName: "g1" }, { name: "g1" });
    const g2 = resource(TYPES.group, { displayName: "g2" }, { name: "g2" });
    const a1 = assignment({ principalId: unknown.string, scope: RG, roleDefinitionId: role("acdd72a7-3385-48ef-bd42-f606fba81ae7") }, { deps: { principalId: [g1.urn] } });
    const a2 = assignment({ principalId: unknown.string, scope: RG, roleDefinitionId: role("acdd72a7-3385-48ef-bd42-f606fba81ae7") }, { deps: { principalId: [g2.urn] } });
    const a3 = assignment({ principalId: unknown.string, scope: RG, roleDefinitionId: role("acdd72a7-3385-48ef-bd42-f606fba81ae7") });
    const principals = analyzeStackAccess(policyResources([g1, g2, a1, a2, a3])).assignments.map((a) => a.principal);
    expect(principals.slice(0, 2)).to.deep.equal([`urn:${g1.urn}`, `urn:${g2.urn}`]);
    expect(principals[2]).to.match(/^unknown:urn:pulumi:/);
  });

  it("says in findings why a role could not be resolved", () => {
    const unset = assignment({ principalId: "p", scope: RG });
    expect(analyzeStackAccess(policyResources([unset])).assignments[0]).to.deep.include({ roleReference: "(not set)", roleUnknown: false, role: undefined });
  });
});

describe("issue 21: scopes the access picture must tell apart", () => {
  const OTHER_SUB = "/subscriptions/99999999-0000-4000-8000-000000000009";
  const CONTRIBUTOR = role("b24988ac-6180-42a0-ab88-20f7382dd24c");
  const stackParent = resource("azureml-platform:index:WorkspaceStack", {}, { name: "fraud", custom: false });
  const inStack = (r: ReturnType<typeof resource>) => ({ ...r, parent: stackParent.urn });
  const mlw = inStack(resource(TYPES.workspace, { workspaceName: "mlw-fraud", resourceGroupName: "rg-fraud" }, { name: "fraud-mlw", provider: PROVIDER }));
  // What WorkspaceStack builds from the deploying subscription: its platform grants' role definition ids.
  const platformGrant = inStack(resource(TYPES.roleAssignment, { principalId: "x", principalType: "ServicePrincipal", scope: unknown.string, roleDefinitionId: role("acdd72a7-3385-48ef-bd42-f606fba81ae7") }, { name: "grant" }));
  const contributorAt = (scope: string) => assignment({ principalId: "33333333-4444-5555-6666-777777777777", scope, roleDefinitionId: CONTRIBUTOR }, { name: "c" });
  const rows = (resources: ReturnType<typeof resource>[]) => stackAccessRows(analyzeStackAccess(policyResources(resources)));

  it("2: Contributor at another subscription's resource group of the same name has no access to the workspace", () => {
    const [row] = rows([stackParent, mlw, platformGrant, contributorAt(`${OTHER_SUB}/resourceGroups/rg-fraud`)]);
    expect(row.roles).to.deep.equal([]);
    expect(row.operations.createCompute).to.equal(false);
    const [same] = rows([stackParent, mlw, platformGrant, contributorAt(`${SUB}/resourceGroups/RG-FRAUD`)]);
    expect(same.operations.createCompute).to.equal(true);
    // Another subscription's scope at subscription level reaches nothing either.
    expect(rows([stackParent, mlw, platformGrant, contributorAt(OTHER_SUB)])[0].roles).to.deep.equal([]);
  });

  it("2: the workspace's subscription comes from its provider, its id, its WorkspaceStack, or the stack's one subscription; else every subscription (fail closed)", () => {
    const subOf = (resources: ReturnType<typeof resource>[], provider?: Record<string, unknown>) => {
      const graph = policyResources(resources);
      if (provider) for (const r of graph) if (r.type === TYPES.workspace) (r as any).provider = { type: "pulumi:providers:azure-native", props: provider, urn: "urn:p", name: "p" };
      return analyzeStackAccess(graph).workspaces[0].subscriptionId;
    };
    expect(subOf([stackParent, mlw, platformGrant])).to.equal("00000000-0000-4000-8000-000000000001");
    expect(subOf([stackParent, mlw, platformGrant], { subscriptionId: "AAAA" })).to.equal("aaaa");
    expect(subOf([resource(TYPES.workspace, { workspaceName: "w", resourceGroupName: "rg", id: `${OTHER_SUB}/resourceGroups/rg/providers/x/y/w` })])).to.equal("99999999-0000-4000-8000-000000000009");
    expect(subOf([stackParent, { ...mlw, provider: undefined }])).to.equal(undefined);
    // An AccessModel's assignments name the subscription for every workspace when they agree...
    const am = accessModel();
    const viaModel = assignment({ principalId: "p", scope: RG, roleDefinitionId: role("acdd72a7-3385-48ef-bd42-f606fba81ae7") }, { team: "t" });
    expect(subOf([am, resource(TYPES.workspace, { workspaceName: "w", resourceGroupName: "rg" }), viaModel])).to.equal("00000000-0000-4000-8000-000000000001");
    // ...and not when two subscriptions appear, nor from a hand-written assignment.
    const elsewhere = assignment({ principalId: "p", scope: RG, roleDefinitionId: `${OTHER_SUB}/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7` }, { team: "t" });
    expect(subOf([am, resource(TYPES.workspace, { workspaceName: "w", resourceGroupName: "rg" }), viaModel, elsewhere])).to.equal(undefined);
    expect(subOf([resource(TYPES.workspace, { workspaceName: "w", resourceGroupName: "rg" }), contributorAt(RG)])).to.equal(undefined);
    const customRole = { ...resource(TYPES.roleDefinition, { roleName: "R", scope: SUB, permissions: [] }), parent: am.urn };
    expect(subOf([am, resource(TYPES.workspace, { workspaceName: "w", resourceGroupName: "rg" }), customRole])).to.equal("00000000-0000-4000-8000-000000000001");
    expect(subOf([resource(TYPES.workspace, { workspaceName: "w", resourceGroupName: "rg" })], { subscriptionId: "" })).to.equal(undefined);
  });

  it("3: a created resource group's name is its known input, so an existing group's assignment does not reach a workspace there in a first preview", () => {
    const existing = resource(TYPES.workspace, { workspaceName: "mlw-a", resourceGroupName: "rg-existing" }, { name: "a", provider: PROVIDER });
    const group = resource(TYPES.resourceGroup, { resourceGroupName: "rg-created" }, { name: "b-rg" });
    const created = resource(TYPES.workspace, { workspaceName: "mlw-b", resourceGroupName: unknown.string }, { name: "b", propertyDependencies: { resourceGroupName: [group.urn] } });
    const access = analyzeStackAccess(policyResources([existing, group, created]));
    expect(access.workspaces.map((w) => [w.resourceGroupName, w.resourceGroupUrn])).to.deep.equal([["rg-existing", undefined], ["rg-created", group.urn]]);
    const result = rows([existing, group, created, contributorAt(`${SUB}/resourceGroups/rg-existing`)]);
    expect(result.map((r) => `${r.workspace}:${r.operations.createCompute}`)).to.deep.equal(["mlw-a:true", "mlw-b:false"]);
    // The storage account's group is read the same way.
    const st = resource(TYPES.storageAccount, { accountName: "stb", resourceGroupName: unknown.string }, { name: "stb", propertyDependencies: { resourceGroupName: [group.urn] } });
    const withStorage = resource(TYPES.workspace, { workspaceName: "mlw-b", resourceGroupName: unknown.string, storageAccount: unknown.string }, { name: "b", propertyDependencies: { resourceGroupName: [group.urn], storageAccount: [st.urn] } });
    expect(analyzeStackAccess(policyResources([group, st, withStorage])).workspaces[0].storage).to.deep.equal({ urn: st.urn, name: "stb", resourceGroupName: "rg-created", resourceGroupUrn: group.urn, sharedKeyAccess: true });
  });

  it("5: an assignment of a custom role outside its known AssignableScopes grants nothing; unknown assignable scopes grant (fail closed)", () => {
    const def = (assignableScopes: unknown) => resource(TYPES.roleDefinition, { roleName: "Maker", permissions: [{ actions: ["*"] }], assignableScopes }, { name: "maker" });
    const use = (d: ReturnType<typeof resource>, scope: string | typeof unknown.string = WS) =>
      assignment({ principalId: "p", scope, roleDefinitionId: unknown.string }, { deps: { roleDefinitionId: [d.urn] } });
    const outside = def([`${SUB}/resourceGroups/rg-other`]);
    expect(rows([mlw, outside, use(outside)])[0].operations.createCompute).to.equal(false);
    const inside = def([RG]);
    expect(rows([mlw, inside, use(inside)])[0].operations.createCompute).to.equal(true);
    const unknownScopes = def(unknown.array);
    expect(rows([mlw, unknownScopes, use(unknownScopes)])[0].operations.createCompute).to.equal(true);
    const unknownElement = def([RG, unknown.string]);
    expect(rows([mlw, unknownElement, use(unknownElement)])[0].operations.createCompute).to.equal(true);
    // An unknown assignment scope is assumed assignable too; tied to nothing, it may reach the workspace: uncertain, not a certain yes.
    const unknownScope = rows([mlw, outside, use(outside, unknown.string)])[0];
    expect([unknownScope.operations.createCompute, unknownScope.uncertain]).to.deep.include.members([false]);
    expect(unknownScope.uncertain).to.include("createCompute");
  });

  it("6: per principal and per member of a created group (plan's principals and members)", () => {
    const group = resource(TYPES.group, { displayName: "sg", members: ["u-1", "U-2"], objectId: unknown.string }, { name: "sg" });
    const viaGroup = assignment({ principalId: unknown.string, scope: WS, roleDefinitionId: role("acdd72a7-3385-48ef-bd42-f606fba81ae7") }, { team: "readers", deps: { principalId: [group.urn] } });
    const direct = assignment({ principalId: "u-1", scope: WS, roleDefinitionId: CONTRIBUTOR }, { team: "builders" });
    const report = stackAccessReport(analyzeStackAccess(policyResources([accessModel(), mlw, group, viaGroup, direct])));
    expect(report.principals.map((p) => `${p.principal}|${p.teams.join(",")}`)).to.deep.equal([`u-1|builders`, `urn:${group.urn}|readers`]);
    expect(report.members.map((m) => `${m.member}|${m.teams.join(",")}|${m.operations.createCompute}`)).to.deep.equal(["u-1|builders,readers|true", "u-2|readers|false"]);
    // A group without members adds no member rows.
    const empty = resource(TYPES.group, { displayName: "e" }, { name: "e" });
    expect(analyzeStackAccess(policyResources([empty])).groups).to.deep.equal([]);
  });
});

describe("subscriptionOf", () => {
  it("reads the subscription an ARM id or scope starts with, lower-cased", () => {
    expect(subscriptionOf(" /Subscriptions/ABC/resourceGroups/x")).to.equal("abc");
    expect(subscriptionOf("/subscriptions/abc")).to.equal("abc");
    expect(subscriptionOf("/providers/Microsoft.Management/managementGroups/m")).to.equal(undefined);
    expect(subscriptionOf("x/subscriptions/abc")).to.equal(undefined);
    expect(subscriptionOf(7)).to.equal(undefined);
  });
});

describe("the stack's groups and provider, pinned", () => {
  it("reads a created group's known object id lower-cased, its members, and only Entra groups", () => {
    const g = resource(TYPES.group, { displayName: "sg", objectId: "AB-CD", members: ["M1"] }, { name: "sg" });
    const notGroup = resource(TYPES.workspace, { workspaceName: "w", resourceGroupName: "rg", members: ["x"] }, { name: "w" });
    expect(analyzeStackAccess(policyResources([g, notGroup])).groups).to.deep.equal([{ principal: "ab-cd", name: "sg", members: ["M1"] }]);
    const named = resource(TYPES.group, { members: ["m"] }, { name: "fallback" });
    expect(analyzeStackAccess(policyResources([named])).groups![0].name).to.equal("fallback");
  });
  it("a stack picture without groups has no member rows", () => {
    const report = stackAccessReport({ workspaces: [], assignments: [] });
    expect(report.members).to.deep.equal([]);
  });
  it("ignores a provider subscription that is not a string", () => {
    const graph = policyResources([resource(TYPES.workspace, { workspaceName: "w", resourceGroupName: "rg" })]);
    (graph[0] as any).provider = { type: "pulumi:providers:azure-native", props: { subscriptionId: 5 }, urn: "urn:p", name: "p" };
    expect(analyzeStackAccess(graph).workspaces[0].subscriptionId).to.equal(undefined);
  });
});

describe("principals as a reader knows them (violation messages)", () => {
  it("names a principal the stack creates by its resource, not by the internal URN key", () => {
    const group = "urn:pulumi:prod::azureml-platform::azureml-platform:index:AccessModel$azuread:index/group:Group::access-data-scientists-group";
    expect(principalLabel(`urn:${group}`)).to.equal("Group access-data-scientists-group (object id known once created)");
    expect(principalLabel("unknown:urn:pulumi:s::p::azure-native:authorization:RoleAssignment::a")).to.equal("a principal unknown until deployment");
    expect(principalLabel("33333333-4444-5555-6666-777777777777")).to.equal("33333333-4444-5555-6666-777777777777");
    const a = { ...at(RG), principal: `urn:${group}`, team: { team: "data-scientists", admin: false } } as StackAssignment;
    expect(describePrincipal(a)).to.equal("Group access-data-scientists-group (object id known once created) (team data-scientists)");
    expect(describePrincipal({ ...a, team: undefined })).to.equal("Group access-data-scientists-group (object id known once created)");
  });
});
