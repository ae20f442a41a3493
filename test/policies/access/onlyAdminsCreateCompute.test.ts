import { expect } from "chai";
import { onlyAdminsCreateCompute } from "../../../policies/access/onlyAdminsCreateCompute";
import { TYPES } from "../../../policies/lib/azure";
import { ADMIN_GROUP, COMPUTE_OPERATOR, CONTRIBUTOR, DATA_SCIENTIST, OTHER, READER, RG, SUB, WS_ID, accessModel, assignment, role, workspace } from "../../helpers/access";
import { check, expectDocumented, expectPass, expectViolation, resource, unknown } from "../../helpers/policy";
import { EngineResource } from "../../../plan/engine";

const P = onlyAdminsCreateCompute;

describe("only-admins-create-compute", () => {
  it("is documented with its configuration schema", () => {
    expectDocumented(P);
    expect(Object.keys(P.configSchema!.properties)).to.deep.equal(["adminPrincipalIds", "adminOnlyOperations", "wildcardReading"]);
  });

  it("passes a non-admin reader and an admin-marked Compute Operator from the AccessModel", () =>
    expectPass(P, [
      workspace(),
      accessModel(),
      assignment({ principalId: OTHER, scope: WS_ID, roleDefinitionId: role(READER) }, { team: "auditors" }),
      assignment({ principalId: ADMIN_GROUP, scope: RG, roleDefinitionId: role(COMPUTE_OPERATOR) }, { team: "ops", admin: true }),
    ]));

  it("reports the built-in AzureML Data Scientist for a non-admin (documented reading): the seed's datastore rule and GA outbound rules, each with the granting pattern", () =>
    expectViolation(
      P,
      [workspace(), accessModel(), assignment({ principalId: OTHER, scope: WS_ID, roleDefinitionId: role(DATA_SCIENTIST) }, { team: "ds" })],
      /^33333333-4444-5555-6666-777777777777 \(team ds\) is not an admin but holds "AzureML Data Scientist" at .*mlw-fraud, which allows createDatastore \(Microsoft\.MachineLearningServices\/workspaces\/datastores\/write, granted by "Microsoft\.MachineLearningServices\/workspaces\/\*\/write"\), writeOutboundRules \(Microsoft\.MachineLearningServices\/workspaces\/outboundRules\/write, granted by "Microsoft\.MachineLearningServices\/workspaces\/\*\/write"\) on workspace mlw-fraud$/,
      { wildcardReading: "documented" },
    ));

  it("reports a custom role assignable at a management group (Azure lets it be assigned anywhere below the group) and an assignment at one", async () => {
    const MG = "/providers/Microsoft.Management/managementGroups/mg-ml";
    const def = resource(TYPES.roleDefinition, { roleName: "Compute Maker", roleDefinitionId: unknown.string, permissions: [{ actions: ["Microsoft.MachineLearningServices/workspaces/computes/*"] }], assignableScopes: [MG] });
    await expectViolation(P, [workspace(), def, assignment({ principalId: OTHER, scope: RG, roleDefinitionId: unknown.string }, { deps: { roleDefinitionId: [def.urn] } })], /is not an admin but holds "Compute Maker" at .*rg-fraud, which allows createCompute/);
    await expectViolation(P, [workspace(), assignment({ principalId: OTHER, scope: MG, roleDefinitionId: role(CONTRIBUTOR) })], /is not an admin but holds "Contributor" at \/providers\/Microsoft\.Management\/managementGroups\/mg-ml, which allows createCompute/);
  });

  it("strict (the default): also reports what AzureML Data Scientist can do only under the literal reading of computes/*/write", async () => {
    const resources = [workspace(), accessModel(), assignment({ principalId: OTHER, scope: WS_ID, roleDefinitionId: role(DATA_SCIENTIST) }, { team: "ds" })];
    const strict = /which allows createCompute \(Microsoft\.MachineLearningServices\/workspaces\/computes\/write, granted by "Microsoft\.MachineLearningServices\/workspaces\/\*\/write", only under the literal reading of a whole-segment "\*"\), deleteCompute \(Microsoft\.MachineLearningServices\/workspaces\/computes\/delete, granted by "Microsoft\.MachineLearningServices\/workspaces\/\*\/delete", only under the literal reading of a whole-segment "\*"\), createDatastore \(Microsoft\.MachineLearningServices\/workspaces\/datastores\/write, granted by "Microsoft\.MachineLearningServices\/workspaces\/\*\/write"\), /;
    await expectViolation(P, resources, strict);
    await expectViolation(P, resources, strict, { wildcardReading: "strict" });
    const [documented] = await check(P, resources, { wildcardReading: "documented" });
    expect(documented.message).to.not.contain("createCompute");
  });

  it("reports the seed role's tamper operations: deleting role assignments and locks, changing workspace settings", () => {
    const seed = resource(TYPES.roleDefinition, { roleName: "Data Scientist", permissions: [{ actions: ["*"], notActions: ["Microsoft.Authorization/*/write", "Microsoft.MachineLearningServices/workspaces/computes/*/write", "Microsoft.MachineLearningServices/workspaces/computes/*/delete", "Microsoft.MachineLearningServices/workspaces/*/delete"] }], assignableScopes: [RG] });
    return expectViolation(P, [workspace(), seed, assignment({ principalId: OTHER, scope: WS_ID, roleDefinitionId: unknown.string }, { deps: { roleDefinitionId: [seed.urn] } })], /deleteRoleAssignments \(Microsoft\.Authorization\/roleAssignments\/delete, granted by "\*"\), deleteLocks \(Microsoft\.Authorization\/locks\/delete, granted by "\*"\), changeWorkspaceSettings \(Microsoft\.MachineLearningServices\/workspaces\/write, granted by "\*"\)/);
  });

  it("keeps the documented default admin-only set", () =>
    expect((P.configSchema!.properties.adminOnlyOperations as any).default).to.deep.equal(["createCompute", "deleteCompute", "createDatastore", "deleteRoleAssignments", "deleteLocks", "changeWorkspaceSettings", "writeOutboundRules"]));

  it("passes an admin listed in the policy config", () =>
    expectPass(P, [workspace(), assignment({ principalId: ADMIN_GROUP, scope: RG, roleDefinitionId: role(CONTRIBUTOR) })], { adminPrincipalIds: [ADMIN_GROUP] }));

  it("reports a non-admin Compute Operator on the workspace's resource group", async () => {
    const [v] = await expectViolation(P, [workspace(), assignment({ principalId: OTHER, scope: RG, roleDefinitionId: role(COMPUTE_OPERATOR) })], /33333333-4444-5555-6666-777777777777 is not an admin but holds "AzureML Compute Operator" at .*rg-fraud, which allows createCompute .* on workspace mlw-fraud/);
    expect(v.enforcementLevel).to.equal("mandatory");
    expect(v.urn).to.match(/RoleAssignment/);
  });

  it("reports a Contributor at subscription scope (inherited by the workspace)", () =>
    expectViolation(P, [workspace(), assignment({ principalId: OTHER, scope: SUB, roleDefinitionId: role(CONTRIBUTOR) })], /Contributor/));

  it("does not trust an admin marker on a hand-written assignment outside the AccessModel", () =>
    expectViolation(P, [workspace(), assignment({ principalId: OTHER, scope: RG, roleDefinitionId: role(COMPUTE_OPERATOR), description: "azureml-platform team=x admin" })], /not an admin/));

  it("ignores assignments on other resource groups and workspaces", () =>
    expectPass(P, [
      workspace(),
      assignment({ principalId: OTHER, scope: `${SUB}/resourceGroups/rg-other`, roleDefinitionId: role(COMPUTE_OPERATOR) }),
      assignment({ principalId: OTHER, scope: `${RG}/providers/Microsoft.MachineLearningServices/workspaces/mlw-other`, roleDefinitionId: role(COMPUTE_OPERATOR) }),
    ]));

  it("narrows to the configured operations", async () => {
    const resources = [workspace(), assignment({ principalId: OTHER, scope: WS_ID, roleDefinitionId: role(DATA_SCIENTIST) })];
    await expectPass(P, resources, { adminOnlyOperations: ["createCompute", "deleteCompute"], wildcardReading: "documented" });
    await expectViolation(P, resources, /which allows createDatastore \(Microsoft\.MachineLearningServices\/workspaces\/datastores\/write, granted by/, { adminOnlyOperations: ["createCompute", "createDatastore"], wildcardReading: "documented" });
  });

  it("resolves a custom role defined in the stack through the role definition dependency", async () => {
    const def = resource(TYPES.roleDefinition, { roleName: "Compute Maker", roleDefinitionId: unknown.string, permissions: [{ actions: ["Microsoft.MachineLearningServices/workspaces/computes/*"] }], assignableScopes: [WS_ID] });
    await expectViolation(P, [workspace(), def, assignment({ principalId: OTHER, scope: WS_ID, roleDefinitionId: unknown.string }, { deps: { roleDefinitionId: [def.urn] } })], /holds "Compute Maker"/);
  });

  it("fails closed on a role definition it cannot resolve", () =>
    expectViolation(P, [workspace(), assignment({ principalId: OTHER, scope: WS_ID, roleDefinitionId: role("0b0b0b0b-0000-4000-8000-000000000000") })], /cannot be resolved.*failing closed/));

  it("fails closed on a scope unknown during preview (assumes it reaches the workspace)", () =>
    expectViolation(P, [workspace(), assignment({ principalId: OTHER, scope: unknown.string, roleDefinitionId: role(COMPUTE_OPERATOR) })], /a scope unknown until deployment/));

  it("ties an unknown scope to its workspace through the dependency", async () => {
    const ws = workspace();
    const other = resource(TYPES.workspace, { workspaceName: "mlw-other", resourceGroupName: "rg-other" }, { name: "other" });
    const v = await check(P, [ws, other, assignment({ principalId: OTHER, scope: unknown.string, roleDefinitionId: role(COMPUTE_OPERATOR) }, { deps: { scope: [other.urn] } })]);
    expect(v).to.have.length(1);
    expect(v[0].message).to.contain("workspace mlw-other").and.not.contain("mlw-fraud");
  });

  it("treats a principal whose id is unknown as non-admin unless the AccessModel marked its team admin", async () => {
    const group = resource(TYPES.group, { displayName: "sg-ops" });
    const deps = { principalId: [group.urn] };
    await expectViolation(P, [workspace(), group, assignment({ principalId: unknown.string, scope: RG, roleDefinitionId: role(COMPUTE_OPERATOR) }, { deps })], /urn:.*sg-ops|not an admin/);
    await expectPass(P, [workspace(), accessModel(), group, assignment({ principalId: unknown.string, scope: RG, roleDefinitionId: role(COMPUTE_OPERATOR) }, { deps, team: "ops", admin: true })]);
  });
});

describe("only-admins-create-compute on output-shaped props (a real preview's stack policies see outputs)", () => {
  it("identifies the workspace by name and its resource group by id", async () => {
    const ws = resource(TYPES.workspace, { name: "mlw-fraud", id: WS_ID, tags: { environment: "prod" } });
    await expectPass(P, [ws, assignment({ principalId: OTHER, scope: `${SUB}/resourceGroups/rg-other`, roleDefinitionId: role(COMPUTE_OPERATOR) })]);
    await expectViolation(P, [ws, assignment({ principalId: OTHER, scope: RG, roleDefinitionId: role(COMPUTE_OPERATOR) })], /on workspace mlw-fraud/);
  });
});

describe("only-admins-create-compute: operations are decided where Azure decides them (issue 21, item 4)", () => {
  const ST = `${RG}/providers/Microsoft.Storage/storageAccounts/stfraud`;
  // Shared Key off, as prod's accounts: data is reached through data actions only (the key route has its own spec below).
  const storage = resource(TYPES.storageAccount, { accountName: "stfraud", resourceGroupName: "rg-fraud", allowSharedKeyAccess: false }, { name: "st" });
  const ws = resource(TYPES.workspace, { workspaceName: "mlw-fraud", resourceGroupName: "rg-fraud", storageAccount: unknown.string }, { name: "fraud-mlw", propertyDependencies: { storageAccount: [storage.urn] } });
  const BLOB_CONTRIBUTOR = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
  const OWNER = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
  const at = (scope: string, guid: string) => assignment({ principalId: OTHER, scope, roleDefinitionId: role(guid) });

  it("checks a data key operation at the storage account: a data role on the workspace reaches no data", async () => {
    await expectPass(P, [storage, ws, at(WS_ID, BLOB_CONTRIBUTOR)], { adminOnlyOperations: ["writeData"] });
    await expectViolation(P, [storage, ws, at(ST, BLOB_CONTRIBUTOR)], /allows writeData \(Microsoft\.Storage\/storageAccounts\/blobServices\/containers\/blobs\/write, granted by "Microsoft\.Storage\/storageAccounts\/blobServices\/containers\/blobs\/write"\) on the storage account of workspace mlw-fraud$/, { adminOnlyOperations: ["writeData"] });
  });

  it("matches a raw data-action string against DataActions: Owner's '*' reaches no data action", async () => {
    const raw = "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/delete";
    await expectPass(P, [storage, ws, at(RG, OWNER)], { adminOnlyOperations: [raw] });
    await expectViolation(P, [storage, ws, at(ST, BLOB_CONTRIBUTOR)], new RegExp(`allows ${raw.replace(/\//g, "\\/")} \\(${raw.replace(/\//g, "\\/")}, granted by "Microsoft\\.Storage\\/storageAccounts\\/blobServices\\/containers\\/blobs\\/delete"\\) on the storage account of workspace mlw-fraud$`), { adminOnlyOperations: [raw] });
  });

  it("checks a raw Microsoft.Storage control action at the storage account, and any other raw action at the workspace", async () => {
    const keys = "Microsoft.Storage/storageAccounts/listKeys/action";
    await expectPass(P, [storage, ws, at(WS_ID, CONTRIBUTOR)], { adminOnlyOperations: [keys] });
    await expectViolation(P, [storage, ws, at(ST, CONTRIBUTOR)], /allows Microsoft\.Storage\/storageAccounts\/listKeys\/action \(Microsoft\.Storage\/storageAccounts\/listKeys\/action, granted by "\*"\) on the storage account of workspace mlw-fraud$/, { adminOnlyOperations: [keys] });
    const mlKeys = "Microsoft.MachineLearningServices/workspaces/listKeys/action";
    await expectPass(P, [storage, ws, at(ST, CONTRIBUTOR)], { adminOnlyOperations: [mlKeys] });
    await expectViolation(P, [storage, ws, at(WS_ID, CONTRIBUTOR)], /on workspace mlw-fraud$/, { adminOnlyOperations: [mlKeys] });
  });

  it("counts data held through the storage account's keys where it takes Shared Key: listed on the account, or through the workspace", async () => {
    const keyed = resource(TYPES.storageAccount, { accountName: "stfraud", resourceGroupName: "rg-fraud" }, { name: "st" });
    const wsKeyed = resource(TYPES.workspace, { workspaceName: "mlw-fraud", resourceGroupName: "rg-fraud", storageAccount: unknown.string }, { name: "fraud-mlw", propertyDependencies: { storageAccount: [keyed.urn] } });
    await expectViolation(P, [keyed, wsKeyed, at(RG, OWNER)], /holds "Owner" at .*rg-fraud, which allows writeData \(Microsoft\.Storage\/storageAccounts\/blobServices\/containers\/blobs\/write with the storage account's keys, listed by Microsoft\.Storage\/storageAccounts\/listKeys\/action, granted by "\*"\) on the storage account of workspace mlw-fraud$/, { adminOnlyOperations: ["writeData"] });
    await expectViolation(P, [keyed, wsKeyed, at(WS_ID, DATA_SCIENTIST)], /which allows readData \(Microsoft\.Storage\/storageAccounts\/blobServices\/containers\/blobs\/read with the storage account's keys, listed by Microsoft\.MachineLearningServices\/workspaces\/listStorageAccountKeys\/action, granted by "Microsoft\.MachineLearningServices\/workspaces\/\*\/action"\) on the storage account of workspace mlw-fraud$/, { adminOnlyOperations: ["readData"] });
    // Through its data actions first, when it has them; Reader lists no key; with Shared Key off, Owner's keys open nothing.
    await expectViolation(P, [keyed, wsKeyed, at(ST, BLOB_CONTRIBUTOR)], /allows writeData \(Microsoft\.Storage\/storageAccounts\/blobServices\/containers\/blobs\/write, granted by/, { adminOnlyOperations: ["writeData"] });
    await expectPass(P, [keyed, wsKeyed, at(RG, READER)], { adminOnlyOperations: ["readData", "writeData"] });
    await expectPass(P, [storage, ws, at(RG, OWNER)], { adminOnlyOperations: ["readData", "writeData"] });
    // Control-plane operations are no data: the keys do not make them reach the account.
    await expectPass(P, [keyed, wsKeyed, at(ST, OWNER)], { adminOnlyOperations: ["Microsoft.MachineLearningServices/workspaces/listKeys/action"] });
    await expectPass(P, [keyed, wsKeyed, at(WS_ID, OWNER)], { adminOnlyOperations: ["Microsoft.Storage/storageAccounts/regenerateKey/action"] });
  });

  it("groups findings by where they apply, one sentence per place", () =>
    expectViolation(P, [storage, ws, at(RG, CONTRIBUTOR), at(RG, BLOB_CONTRIBUTOR)], /allows createCompute \(.*\) on workspace mlw-fraud$/m, { adminOnlyOperations: ["createCompute", "writeData"] }));

  it("a resource group role reaching both reports both places", async () => {
    const all = "/subscriptions/00000000-0000-4000-8000-000000000001";
    const v = await check(P, [storage, ws, assignment({ principalId: OTHER, scope: all, roleDefinitionId: role(BLOB_CONTRIBUTOR) })], { adminOnlyOperations: ["writeData", "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read"] });
    expect(v.map((x) => x.message)).to.have.length(1);
    expect(v[0].message).to.match(/allows writeData \(.*\), Microsoft\.Storage\/storageAccounts\/blobServices\/containers\/blobs\/read \(.*\) on the storage account of workspace mlw-fraud$/);
  });

  it("an assignment outside its custom role's known AssignableScopes grants nothing (Azure refuses it)", async () => {
    const def = resource(TYPES.roleDefinition, { roleName: "Maker", permissions: [{ actions: ["*"] }], assignableScopes: [`${SUB}/resourceGroups/rg-other`] });
    await expectPass(P, [ws, def, assignment({ principalId: OTHER, scope: WS_ID, roleDefinitionId: unknown.string }, { deps: { roleDefinitionId: [def.urn] } })]);
    const inside = resource(TYPES.roleDefinition, { roleName: "Maker", permissions: [{ actions: ["*"] }], assignableScopes: [RG] });
    await expectViolation(P, [ws, inside, assignment({ principalId: OTHER, scope: WS_ID, roleDefinitionId: unknown.string }, { deps: { roleDefinitionId: [inside.urn] } })], /holds "Maker"/);
  });

  it("registerModel counts models/versions/write; writeOutboundRules the preview path", async () => {
    const def = (action: string) => resource(TYPES.roleDefinition, { roleName: "One", permissions: [{ actions: [action] }], assignableScopes: [RG] });
    const versions = def("Microsoft.MachineLearningServices/workspaces/models/versions/write");
    await expectViolation(P, [ws, versions, assignment({ principalId: OTHER, scope: WS_ID, roleDefinitionId: unknown.string }, { deps: { roleDefinitionId: [versions.urn] } })], /allows registerModel \(Microsoft\.MachineLearningServices\/workspaces\/models\/versions\/write, granted by/, { adminOnlyOperations: ["registerModel"] });
    const preview = def("Microsoft.MachineLearningServices/workspaces/managedNetworks/outboundRules/write");
    await expectViolation(P, [ws, preview, assignment({ principalId: OTHER, scope: WS_ID, roleDefinitionId: unknown.string }, { deps: { roleDefinitionId: [preview.urn] } })], /allows writeOutboundRules \(Microsoft\.MachineLearningServices\/workspaces\/managedNetworks\/outboundRules\/write, granted by/);
  });
});

describe("only-admins-create-compute: reach and places, pinned", () => {
  const wsB = resource(TYPES.workspace, { workspaceName: "mlw-b", resourceGroupName: "rg-fraud" }, { name: "b-mlw" });
  it("skips an assignment reaching none of the stack's workspaces before looking at its role (no deferral)", () =>
    expectPass(P, [workspace(), assignment({ principalId: OTHER, scope: `${SUB}/resourceGroups/rg-other`, roleDefinitionId: unknown.string })]));
  it("fails closed on an unknown scope even for a custom role with assignable scopes elsewhere", async () => {
    const def = resource(TYPES.roleDefinition, { roleName: "Maker", permissions: [{ actions: ["*"] }], assignableScopes: [`${SUB}/resourceGroups/rg-other`] });
    await expectViolation(P, [workspace(), def, assignment({ principalId: OTHER, scope: unknown.string, roleDefinitionId: unknown.string }, { deps: { roleDefinitionId: [def.urn] } })], /holds "Maker" at a scope unknown until deployment/);
  });
  it("lists every workspace reached, and each place once per sentence", async () => {
    const storage = resource(TYPES.storageAccount, { accountName: "stfraud", resourceGroupName: "rg-fraud" }, { name: "st" });
    const ws = resource(TYPES.workspace, { workspaceName: "mlw-fraud", resourceGroupName: "rg-fraud", storageAccount: unknown.string }, { name: "fraud-mlw", propertyDependencies: { storageAccount: [storage.urn] } });
    const owner = resource(TYPES.roleDefinition, { roleName: "Both", permissions: [{ actions: ["*"], dataActions: ["Microsoft.Storage/*"] }], assignableScopes: [RG] });
    const [v] = await check(P, [storage, ws, wsB, owner, assignment({ principalId: OTHER, scope: RG, roleDefinitionId: unknown.string }, { deps: { roleDefinitionId: [owner.urn] } })], { adminOnlyOperations: ["createCompute", "writeData"] });
    expect(v.message).to.match(/which allows createCompute \(Microsoft\.MachineLearningServices\/workspaces\/computes\/write, granted by "\*"\) on workspace mlw-fraud, workspace mlw-b; writeData \(Microsoft\.Storage\/storageAccounts\/blobServices\/containers\/blobs\/write, granted by "Microsoft\.Storage\/\*"\) on the storage account of workspace mlw-fraud, the storage account of workspace mlw-b$/);
  });

  describe("a workspace's own identity on that workspace (Azure ML requires its user-assigned identity to hold Contributor there)", () => {
    const STACK = "urn:pulumi:test::proj::azureml-platform:index:WorkspaceStack::fraud";
    const component = (urn = STACK) => resource("azureml-platform:index:WorkspaceStack", {}, { name: urn.split("::").pop(), urn, custom: false });
    const uai = () => resource(TYPES.userAssignedIdentity, { resourceName: "id-fraud", resourceGroupName: "rg-fraud" }, { name: "fraud-id" });
    const ws = (identity: EngineResource) =>
      resource(
        TYPES.workspace,
        { workspaceName: "mlw-fraud", resourceGroupName: "rg-fraud", tags: { environment: "prod" }, identity: { type: "SystemAssigned,UserAssigned", userAssignedIdentities: [unknown.string] }, primaryUserAssignedIdentity: unknown.string },
        { name: "fraud-mlw", parent: STACK, propertyDependencies: { identity: [identity.urn], primaryUserAssignedIdentity: [identity.urn] } as any },
      );

    it("passes Contributor for the workspace's user-assigned identity, traced through the principal and the scope", () => {
      const id = uai();
      const w = ws(id);
      return expectPass(P, [id, w, assignment({ principalId: unknown.string, principalType: "ServicePrincipal", scope: unknown.string, roleDefinitionId: role(CONTRIBUTOR) }, { deps: { principalId: [id.urn], scope: [w.urn] } })]);
    });

    it("passes Contributor for the workspace's system identity on it, the scope given as its id", () => {
      const id = uai();
      const w = ws(id);
      return expectPass(P, [id, w, assignment({ principalId: unknown.string, principalType: "ServicePrincipal", scope: WS_ID, roleDefinitionId: role(CONTRIBUTOR) }, { deps: { principalId: [w.urn] } })]);
    });

    it("passes a grant its WorkspaceStack makes to an adopted identity (known principal, no resource behind it) on its own workspace", () => {
      const id = uai();
      const w = ws(id);
      const grant = assignment({ principalId: OTHER, principalType: "ServicePrincipal", scope: WS_ID, roleDefinitionId: role(CONTRIBUTOR) });
      return expectPass(P, [component(), id, w, { ...grant, parent: STACK }]);
    });

    it("still reports that identity's Contributor on another workspace, or on the resource group", async () => {
      const id = uai();
      const w = ws(id);
      const other = `${RG}/providers/Microsoft.MachineLearningServices/workspaces/mlw-other`;
      await expectViolation(P, [id, w, resource(TYPES.workspace, { workspaceName: "mlw-other", resourceGroupName: "rg-fraud", tags: { environment: "prod" } }), assignment({ principalId: unknown.string, principalType: "ServicePrincipal", scope: other, roleDefinitionId: role(CONTRIBUTOR) }, { deps: { principalId: [id.urn] } })], /holds "Contributor" at .*mlw-other/);
      await expectViolation(P, [id, w, assignment({ principalId: unknown.string, principalType: "ServicePrincipal", scope: RG, roleDefinitionId: role(CONTRIBUTOR) }, { deps: { principalId: [id.urn] } })], /holds "Contributor" at .*rg-fraud, /);
    });

    it("passes that identity's Contributor on the workspace's resource group when the workspace waits for it (granted first, so the managed network is provisioned with the workspace)", async () => {
      const id = uai();
      const grant = assignment({ principalId: unknown.string, principalType: "ServicePrincipal", scope: RG, roleDefinitionId: role(CONTRIBUTOR) }, { deps: { principalId: [id.urn] } });
      const w = { ...ws(id), dependencies: [grant.urn] };
      await expectPass(P, [id, w, grant]);
      // Not when the workspace does not wait for it, nor for another group.
      await expectViolation(P, [id, ws(id), grant], /holds "Contributor" at .*rg-fraud, /);
      const elsewhere = assignment({ principalId: unknown.string, principalType: "ServicePrincipal", scope: `${RG}-other`, roleDefinitionId: role(CONTRIBUTOR) }, { deps: { principalId: [id.urn] } });
      await expectViolation(P, [id, { ...ws(id), dependencies: [elsewhere.urn] }, elsewhere, resource(TYPES.workspace, { workspaceName: "mlw-other", resourceGroupName: "rg-fraud-other", tags: { environment: "prod" } })], /holds "Contributor" at .*rg-fraud-other/);
    });

    it("reads that grant in a first preview: a scope built from the workspace's group, or a group scope while the workspace's group is not visible", async () => {
      const id = uai();
      const group = resource(TYPES.resourceGroup, { resourceGroupName: "rg-fraud" }, { name: "fraud-rg" });
      const storage = resource(TYPES.storageAccount, { accountName: "stfraud" }, { name: "fraud-st" });
      const grantOn = (deps: string[], scope: unknown = unknown.string) => assignment({ principalId: unknown.string, principalType: "ServicePrincipal", scope, roleDefinitionId: role(CONTRIBUTOR) }, { deps: { principalId: [id.urn], scope: deps } });
      const previewWorkspace = (grant: { urn: string }) => {
        const w = ws(id);
        return { ...w, props: { ...w.props, resourceGroupName: unknown.string }, propertyDependencies: { ...w.propertyDependencies, resourceGroupName: [group.urn] }, dependencies: [grant.urn] };
      };
      const fromGroup = grantOn([group.urn]);
      await expectPass(P, [id, group, previewWorkspace(fromGroup), fromGroup]);
      // A scope built from nothing the stack holds may be anywhere: not the workspace's group for sure.
      const fromNothing = grantOn([]);
      await expectViolation(P, [id, group, storage, previewWorkspace(fromNothing), fromNothing], /holds "Contributor" at a scope unknown until deployment/);
      // Known as a group scope, the workspace's own group not visible (an input-only parameter in a first preview).
      const known = grantOn([], RG);
      const hidden = { ...ws(id), props: { ...ws(id).props, resourceGroupName: undefined }, dependencies: [known.urn] };
      await expectPass(P, [id, hidden, known]);
      const subscription = grantOn([], SUB);
      await expectViolation(P, [id, { ...hidden, dependencies: [subscription.urn] }, subscription], /holds "Contributor"/);
    });

    it("still reports a team's service principal on the workspace, and a WorkspaceStack grant to its workspace from another stack", async () => {
      const id = uai();
      const w = ws(id);
      await expectViolation(P, [id, w, assignment({ principalId: OTHER, principalType: "ServicePrincipal", scope: WS_ID, roleDefinitionId: role(CONTRIBUTOR) })], /is not an admin but holds "Contributor"/);
      const elsewhere = assignment({ principalId: OTHER, principalType: "ServicePrincipal", scope: WS_ID, roleDefinitionId: role(CONTRIBUTOR) });
      const scoring = "urn:pulumi:test::proj::azureml-platform:index:WorkspaceStack::scoring";
      await expectViolation(P, [component(), component(scoring), id, w, { ...elsewhere, parent: scoring }], /is not an admin but holds "Contributor"/);
    });
  });
});

describe("only-admins-create-compute: Azure ML registries", () => {
  const REGISTRY_USER = "1823dd4f-9b8c-4ab6-ab4e-7397a3684615";
  const REG_ID = `${SUB}/resourceGroups/rg-reg/providers/Microsoft.MachineLearningServices/registries/fraud-models`;
  const registry = () => resource(TYPES.machineLearningRegistry, { registryName: "fraud-models", resourceGroupName: "rg-reg" }, { name: "models-mlr" });
  const prodConfig = { adminOnlyOperations: ["createCompute", "publishToRegistry", "deleteRegistryAssets"] };

  it("reports a non-admin who can publish to or delete from a registry, when those operations are admin-only (prod)", () =>
    expectViolation(
      P,
      [registry(), accessModel(), assignment({ principalId: OTHER, scope: REG_ID, roleDefinitionId: role(REGISTRY_USER) }, { team: "ds" })],
      /^33333333-4444-5555-6666-777777777777 \(team ds\) is not an admin but holds "AzureML Registry User" at .*registries\/fraud-models, which allows publishToRegistry \(Microsoft\.MachineLearningServices\/registries\/assets\/write, granted by "Microsoft\.MachineLearningServices\/registries\/assets\/\*"\), deleteRegistryAssets \(Microsoft\.MachineLearningServices\/registries\/assets\/delete, granted by "Microsoft\.MachineLearningServices\/registries\/assets\/\*"\) on registry fraud-models$/,
      prodConfig,
    ));

  it("passes readers of a registry, admins that publish, and publishers where publishing is not admin-only (dev)", async () => {
    await expectPass(P, [registry(), accessModel(), assignment({ principalId: OTHER, scope: REG_ID, roleDefinitionId: role(READER) }, { team: "readers" })], prodConfig);
    await expectPass(P, [registry(), accessModel(), assignment({ principalId: ADMIN_GROUP, scope: REG_ID, roleDefinitionId: role(REGISTRY_USER) }, { team: "release", admin: true })], prodConfig);
    await expectPass(P, [registry(), accessModel(), assignment({ principalId: OTHER, scope: REG_ID, roleDefinitionId: role(REGISTRY_USER) }, { team: "ds" })]);
  });

  it("reaches a registry from its resource group, and no workspace operation from a registry grant", async () => {
    await expectViolation(P, [registry(), accessModel(), assignment({ principalId: OTHER, scope: `${SUB}/resourceGroups/rg-reg`, roleDefinitionId: role(CONTRIBUTOR) }, { team: "c" })], /on registry fraud-models$/, prodConfig);
    // A registry grant reaches no workspace: its workspace operations are never reported.
    await expectPass(P, [workspace(), registry(), accessModel(), assignment({ principalId: OTHER, scope: REG_ID, roleDefinitionId: role(CONTRIBUTOR) }, { team: "c" })], { adminOnlyOperations: ["createCompute"] });
  });
});
