import { expect } from "chai";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { AccessModel, AccessModelArgs, AccessTargetArgs, TeamArgs, customRoleFromFile, sharedPolicyError, sharedResourceGroupError } from "../../components/AccessModel";
import { PlatformConfigError } from "../../config/errors";
import { loadRoleDefinitionFile } from "../../rbac/roleFile";
import { deterministicGuid } from "../../rbac/ids";
import { AccessMatrixRow } from "../../rbac/matrix";
import { ProgramRun } from "../../plan/run";
import { ofType, plainInputs, runUnderMocks } from "../helpers/harness";

const SUB = "/subscriptions/00000000-0000-4000-8000-000000000001";
const ws = (name: string, rg: string) => ({
  name,
  resourceGroupName: rg,
  resourceGroupId: `${SUB}/resourceGroups/${rg}`,
  workspaceId: `${SUB}/resourceGroups/${rg}/providers/Microsoft.MachineLearningServices/workspaces/mlw-${name}`,
});
const WORKSPACES = [ws("fraud", "rg-fraud"), ws("scoring", "rg-scoring")];
const seed = loadRoleDefinitionFile("roles/data-scientist.json", path.resolve(__dirname, "../.."), "test");
const seedArgs = {
  name: seed.name,
  description: seed.description,
  actions: seed.permissions[0].actions,
  notActions: seed.permissions[0].notActions,
};
const ASSIGNMENT = "azure-native:authorization:RoleAssignment";

function model(teams: TeamArgs[], extra: Partial<AccessModelArgs> = {}): Promise<ProgramRun> {
  return runUnderMocks(() => {
    const m = new AccessModel("access", { workspaces: WORKSPACES, teams, customRoles: [seedArgs], ...extra });
    return { teams: m.teams, matrix: m.accessMatrix, markdown: m.accessMatrixMarkdown, csv: m.accessMatrixCsv, customRoleIds: m.customRoleIds };
  });
}

const TEAMS: TeamArgs[] = [
  // No storageAccountId on these workspaces: teams whose roles submit jobs say dataAccess: "none" (else refused, see below).
  { name: "ml-admins", admin: true, groupObjectId: "11111111-2222-3333-4444-555555555555", role: "Owner", scope: "resourceGroup", dataAccess: "none" },
  { name: "data-scientists", groupDisplayName: "sg-ml-ds", createGroup: true, members: ["alice@contoso.com", "bob@contoso.com"], role: "Data Scientist", workspaces: ["fraud"], dataAccess: "none" },
  { name: "readers", groupDisplayName: "sg-ml-readers", role: "reader", scope: "subscription" },
  { name: "pipeline", principalObjectId: "99999999-8888-7777-6666-555555555555", principalType: "ServicePrincipal", role: "e503ece1-11d0-4e8e-8e2c-7a6c3bf38815", admin: true, workspaces: ["scoring"], dataAccess: "none" },
];

describe("AccessModel", () => {
  let run: ProgramRun;
  before(async () => {
    run = await model(TEAMS);
  });
  const assignments = () => ofType(run, ASSIGNMENT).map((r): Record<string, any> => ({ ...plainInputs(r), name: r.name }));

  it("creates a security group with members looked up by UPN, and only for create: true", () => {
    const groups = ofType(run, "azuread:index/group:Group");
    expect(groups.map((g) => g.name)).to.deep.equal(["access-data-scientists-group"]);
    const g = plainInputs(groups[0]);
    expect(g).to.deep.include({ displayName: "sg-ml-ds", securityEnabled: true, mailEnabled: false });
    expect(g.members).to.deep.equal([deterministicGuid("mock-user", "alice@contoso.com"), deterministicGuid("mock-user", "bob@contoso.com")]);
  });

  it("looks an existing group up by display name, or uses its object id", () => {
    const byTeam = Object.fromEntries(assignments().map((a) => [a.name, a]));
    expect(byTeam["access-readers-subscription"].principalId).to.equal(deterministicGuid("mock-group", "sg-ml-readers"));
    expect(byTeam["access-ml-admins-rg-fraud"].principalId).to.equal("11111111-2222-3333-4444-555555555555");
  });

  it("assigns at workspace, resource group or subscription scope", () => {
    const scopes = Object.fromEntries(assignments().map((a) => [a.name, a.scope]));
    expect(scopes).to.deep.equal({
      "access-ml-admins-rg-fraud": `${SUB}/resourceGroups/rg-fraud`,
      "access-ml-admins-rg-scoring": `${SUB}/resourceGroups/rg-scoring`,
      "access-data-scientists-fraud": WORKSPACES[0].workspaceId,
      "access-readers-subscription": SUB,
      "access-pipeline-scoring": WORKSPACES[1].workspaceId,
    });
  });

  it("resolves built-in roles by name and by GUID to the real role definition ids", () => {
    const byTeam = Object.fromEntries(assignments().map((a) => [a.name, a.roleDefinitionId]));
    expect(byTeam["access-ml-admins-rg-fraud"]).to.equal(`${SUB}/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635`);
    expect(byTeam["access-readers-subscription"]).to.match(/acdd72a7-3385-48ef-bd42-f606fba81ae7$/);
    expect(byTeam["access-pipeline-scoring"]).to.match(/e503ece1-11d0-4e8e-8e2c-7a6c3bf38815$/);
  });

  it("creates the custom role from its file with assignable scopes rewritten to where it is assigned", () => {
    const defs = ofType(run, "azure-native:authorization:RoleDefinition");
    expect(defs).to.have.length(1);
    const d = plainInputs(defs[0]);
    // Role names are unique per tenant: the Azure name carries the stack (here the component name stands in).
    expect(d.roleName).to.equal("Data Scientist (access)");
    // The resource group holding the workspace it is assigned on: narrow, and it exists before the workspace.
    expect(d.assignableScopes).to.deep.equal([WORKSPACES[0].resourceGroupId]);
    expect(JSON.stringify(d)).to.not.contain("<subscription_id>");
    expect(d.permissions[0].notActions).to.deep.equal(seed.permissions[0].notActions);
    expect(d.scope).to.equal(SUB);
    const ds = assignments().find((a) => a.name === "access-data-scientists-fraud")!;
    expect(ds.roleDefinitionId).to.equal(`${SUB}/providers/Microsoft.Authorization/roleDefinitions/${d.roleDefinitionId}`);
  });

  it("always sets principalType and marks the team (and admin) on each assignment", () => {
    for (const a of assignments()) expect(a.principalType, a.name).to.be.oneOf(["Group", "ServicePrincipal"]);
    const admins = assignments().find((a) => a.name === "access-ml-admins-rg-fraud")!;
    expect(admins.description).to.equal("azureml-platform team=ml-admins admin");
  });

  it("names assignments deterministically: identical across two runs", async () => {
    const again = await model(TEAMS);
    const names = (r: ProgramRun) => ofType(r, ASSIGNMENT).map((x) => plainInputs(x).roleAssignmentName).sort();
    expect(names(again)).to.deep.equal(names(run));
    expect(new Set(names(run)).size).to.equal(5);
  });

  it("deduplicates resource-group assignments for workspaces sharing a group", async () => {
    const shared = await runUnderMocks(() => {
      new AccessModel("access", {
        workspaces: [ws("a1", "rg-shared"), ws("b1", "rg-shared")],
        teams: [{ name: "ops", groupObjectId: "11111111-2222-3333-4444-555555555555", role: "Reader", scope: "resourceGroup" }],
      });
    });
    expect(ofType(shared, ASSIGNMENT)).to.have.length(1);
  });

  it("outputs per-team principals, role definitions and assignment ids", () => {
    const teams = (run.outputs as any).teams;
    expect(Object.keys(teams).sort()).to.deep.equal(["data-scientists", "ml-admins", "pipeline", "readers"]);
    expect(teams["ml-admins"].assignmentIds).to.have.length(2);
    expect(teams["pipeline"]).to.deep.include({ principalId: "99999999-8888-7777-6666-555555555555", principalType: "ServicePrincipal" });
  });

  it("reports the access matrix: who can do what in each workspace", () => {
    const rows = (run.outputs as any).matrix as AccessMatrixRow[];
    const cell = (team: string, w: string) => rows.find((r) => r.team === team && r.workspace === w)!;
    expect(rows).to.have.length(8);
    expect(cell("data-scientists", "fraud").operations).to.deep.include({ createCompute: false, deleteCompute: false, deleteWorkspace: false, writeRoleAssignments: false, submitJob: true, registerModel: true });
    expect(cell("data-scientists", "scoring").roles).to.deep.equal([]);
    expect(cell("ml-admins", "scoring").operations.writeRoleAssignments).to.equal(true);
    expect(cell("readers", "fraud").operations.submitJob).to.equal(false);
    expect(cell("pipeline", "scoring").operations.createCompute).to.equal(true);
    expect((run.outputs as any).markdown).to.contain("| data-scientists | fraud | Data Scientist | no | no | yes | yes | yes | no | no | yes |");
    expect((run.outputs as any).csv.split("\n")[0]).to.match(/^team,principalId,workspace,roles,/);
  });

  describe("rejects bad input before registering anything", () => {
    const cases: [string, TeamArgs[], RegExp][] = [
      ["a non-admin team with Owner", [{ name: "ds", groupObjectId: "11111111-2222-3333-4444-555555555555", role: "Owner" }], /teams\[0\]\.role: grants Microsoft\.Authorization\/roleAssignments\/write, which only teams marked admin: true may hold \(got "Owner"\)/],
      ["a non-admin team with User Access Administrator", [{ name: "ds", groupObjectId: "11111111-2222-3333-4444-555555555555", role: "User Access Administrator" }], /only teams marked admin/],
      ["a non-admin team with RBAC Administrator", [{ name: "ds", groupObjectId: "11111111-2222-3333-4444-555555555555", role: "Role Based Access Control Administrator" }], /only teams marked admin/],
      ["duplicate team names", [{ name: "ds", groupObjectId: "11111111-2222-3333-4444-555555555555", role: "Reader" }, { name: "ds", groupObjectId: "11111111-2222-3333-4444-555555555555", role: "Reader" }], /teams\[1\]\.name: must be unique/],
      ["neither group nor principal", [{ name: "ds", role: "Reader" }], /needs exactly one of a group/],
      ["a malformed GUID", [{ name: "ds", groupObjectId: "not-a-guid", role: "Reader" }], /groupObjectId: must be a GUID \(Entra ID object id\) \(got "not-a-guid"\)/],
      ["a malformed UPN", [{ name: "ds", groupDisplayName: "g", createGroup: true, members: ["alice"], role: "Reader" }], /members\[0\]: must be a user principal name/],
      ["an unknown role, with the closest names", [{ name: "ds", groupObjectId: "11111111-2222-3333-4444-555555555555", role: "AzureML Data Scientst" }], /closest: AzureML Data Scientist/],
      ["an unknown workspace", [{ name: "ds", groupObjectId: "11111111-2222-3333-4444-555555555555", role: "Reader", workspaces: ["nope"] }], /workspaces: must name workspaces of this stack/],
      ["a principal without type", [{ name: "ds", principalObjectId: "99999999-8888-7777-6666-555555555555", role: "Reader" }], /principalType: must be one of/],
    ];
    for (const [label, teams, message] of cases) {
      it(label, async () => {
        let error: unknown;
        await model(teams).catch((e) => (error = e));
        expect(error).to.be.instanceOf(PlatformConfigError);
        expect((error as Error).message).to.match(message);
      });
    }

    it("a custom role that can write role assignments is admin-only too", async () => {
      let error: unknown;
      await runUnderMocks(() => new AccessModel("access", {
        workspaces: WORKSPACES,
        customRoles: [{ name: "Escalator", actions: ["Microsoft.Authorization/roleAssignments/*"] }],
        teams: [{ name: "ds", groupObjectId: "11111111-2222-3333-4444-555555555555", role: "escalator" }],
      })).catch((e) => (error = e));
      expect((error as Error).message).to.match(/teams\[0\]\.role: grants Microsoft\.Authorization\/roleAssignments\/write/);
    });
  });
});

describe("AccessModel: several roles, data access and tenant-safe custom roles", () => {
  const STORAGE = (name: string) => `${SUB}/resourceGroups/rg-${name}/providers/Microsoft.Storage/storageAccounts/st${name}`;
  const WITH_STORAGE = WORKSPACES.map((w) => ({ ...w, storageAccountId: STORAGE(w.name) }));
  const BLOB_CONTRIBUTOR = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
  const FILE_PRIVILEGED_CONTRIBUTOR = "69566ab7-960f-475b-8e7c-b3118f30c6bd";
  const BLOB_READER = "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1";
  const FILE_PRIVILEGED_READER = "b8eda974-7b85-4f76-af95-65846b26df6d";
  const G = "11111111-2222-3333-4444-555555555555";

  const build = (teams: TeamArgs[], extra: Partial<AccessModelArgs> = {}) => model(teams, { workspaces: WITH_STORAGE, ...extra });
  const grants = (run: ProgramRun) =>
    ofType(run, ASSIGNMENT)
      .map((r) => plainInputs(r))
      .map((a) => `${String(a.roleDefinitionId).split("/").pop()} @ ${String(a.scope).split("/").pop()}`)
      .sort();

  it("assigns every role of `roles`, and data roles on the storage of each of the team's workspaces (readWrite when it can submit jobs)", async () => {
    const run = await build([{ name: "ds", groupObjectId: G, roles: ["AzureML Data Scientist", "Reader"], workspaces: ["fraud"] }]);
    expect(grants(run)).to.deep.equal(
      [
        "f6c7c914-8db3-469d-8ca1-694a8f32e121 @ mlw-fraud",
        "acdd72a7-3385-48ef-bd42-f606fba81ae7 @ mlw-fraud",
        `${BLOB_CONTRIBUTOR} @ stfraud`,
        `${FILE_PRIVILEGED_CONTRIBUTOR} @ stfraud`,
      ].sort(),
    );
    const names = ofType(run, ASSIGNMENT).map((r) => r.name).sort();
    // The first role keeps the single-role name (no replacement when a second role is added).
    expect(names).to.deep.equal(["access-ds-data-blob-fraud", "access-ds-data-file-fraud", "access-ds-fraud", "access-ds-reader-fraud"]);
    const row = ((run.outputs as any).matrix as AccessMatrixRow[]).find((r) => r.team === "ds" && r.workspace === "fraud")!;
    expect(row.roles).to.deep.equal(["AzureML Data Scientist", "Reader", "Storage Blob Data Contributor", "Storage File Data Privileged Contributor"]);
    expect(row.operations).to.deep.include({ submitJob: true, readData: true, writeData: true, createCompute: false });
    expect((run.outputs as any).teams.ds.roleDefinitionIds.map((id: string) => id.split("/").pop())).to.deep.equal(["f6c7c914-8db3-469d-8ca1-694a8f32e121", "acdd72a7-3385-48ef-bd42-f606fba81ae7"]);
  });

  it("shows the data a team reaches through the storage account's keys where the target says the account takes Shared Key", async () => {
    const teams: TeamArgs[] = [{ name: "builders", groupObjectId: G, role: "Contributor", dataAccess: "none", workspaces: ["fraud"] }];
    const row = async (storageSharedKeyAccess?: boolean) =>
      ((await build(teams, { workspaces: WITH_STORAGE.map((w) => ({ ...w, ...(storageSharedKeyAccess === undefined ? {} : { storageSharedKeyAccess: pulumi.output(storageSharedKeyAccess) }) })) })).outputs as any).matrix.find(
        (r: AccessMatrixRow) => r.workspace === "fraud",
      ).operations;
    expect(await row(true)).to.deep.include({ readData: true, writeData: true });
    expect(await row(false)).to.deep.include({ readData: false, writeData: false });
    expect(await row()).to.deep.include({ readData: false, writeData: false });
  });

  it("gives read-only data roles for dataAccess: read, and none by default to a role that cannot submit jobs", async () => {
    const run = await build([
      { name: "analysts", groupObjectId: G, role: "Reader", dataAccess: "read", workspaces: ["scoring"] },
      { name: "auditors", groupObjectId: "22222222-3333-4444-5555-666666666666", role: "Reader" },
    ]);
    expect(grants(run)).to.deep.equal(
      [
        "acdd72a7-3385-48ef-bd42-f606fba81ae7 @ mlw-scoring",
        "acdd72a7-3385-48ef-bd42-f606fba81ae7 @ mlw-fraud",
        "acdd72a7-3385-48ef-bd42-f606fba81ae7 @ mlw-scoring",
        `${BLOB_READER} @ stscoring`,
        `${FILE_PRIVILEGED_READER} @ stscoring`,
      ].sort(),
    );
    const matrix = (run.outputs as any).matrix as AccessMatrixRow[];
    const cell = (team: string, w: string) => matrix.find((r) => r.team === team && r.workspace === w)!.operations;
    expect(cell("analysts", "scoring")).to.deep.include({ readData: true, writeData: false });
    expect(cell("auditors", "fraud")).to.deep.include({ readData: false, writeData: false });
  });

  it("grants no data role with dataAccess: none, even to a team that submits jobs", async () => {
    const run = await build([{ name: "ds", groupObjectId: G, role: "AzureML Data Scientist", dataAccess: "none" }]);
    expect(grants(run).filter((g) => g.includes(" @ st"))).to.deep.equal([]);
  });

  it("names custom roles after the stack and derives their GUID from subscription, project, environment and name", async () => {
    const dev = await build([{ name: "ds", groupObjectId: G, role: "Data Scientist" }], { project: "fraud", environment: "dev" });
    const prod = await build([{ name: "ds", groupObjectId: G, role: "Data Scientist" }], { project: "fraud", environment: "prod" });
    const def = (run: ProgramRun) => plainInputs(ofType(run, "azure-native:authorization:RoleDefinition")[0]);
    expect(def(dev).roleName).to.equal("Data Scientist (fraud-dev)");
    expect(def(prod).roleName).to.equal("Data Scientist (fraud-prod)");
    expect(def(dev).roleDefinitionId).to.equal(deterministicGuid("custom-role", "00000000-0000-4000-8000-000000000001", "fraud", "dev", "Data Scientist"));
    expect(def(dev).roleDefinitionId).to.not.equal(def(prod).roleDefinitionId);
  });

  it("refuses a team with both role and roles, or neither, and an unknown dataAccess", async () => {
    for (const [t, message] of [
      [{ name: "ds", groupObjectId: G, role: "Reader", roles: ["Reader"] }, /args\.teams\[0\]: needs exactly one of role \(one role\) or roles \(a list\)/],
      [{ name: "ds", groupObjectId: G }, /needs exactly one of role/],
      [{ name: "ds", groupObjectId: G, role: "Reader", dataAccess: "all" as any }, /args\.teams\[0\]\.dataAccess: must be one of none \| read \| readWrite \(got "all"\)/],
      [{ name: "ds", groupObjectId: G, roles: ["Reader", "reader"] }, /args\.teams\[0\]\.roles\[1\]: names a role the team already holds/],
    ] as [TeamArgs, RegExp][]) {
      let error: unknown;
      await build([t]).catch((e) => (error = e));
      expect(error, JSON.stringify(t)).to.be.instanceOf(PlatformConfigError);
      expect((error as Error).message).to.match(message);
    }
  });
});

describe("AccessModel: wiring to WorkspaceStack outputs, loaded role files, per-principal report", () => {
  const STORAGE = (name: string) => `${SUB}/resourceGroups/rg-${name}/providers/Microsoft.Storage/storageAccounts/st${name}`;
  const G = "11111111-2222-3333-4444-555555555555";
  const target = (name: string, rg: string): AccessTargetArgs => ({
    name,
    workspaceId: pulumi.output(ws(name, rg).workspaceId),
    resourceGroupName: pulumi.output(rg),
    resourceGroupId: pulumi.output(`${SUB}/resourceGroups/${rg}`),
    storageAccountId: pulumi.output(STORAGE(name)),
  });
  const fail = async (f: () => unknown): Promise<Error> => {
    let error: unknown;
    await runUnderMocks(f).catch((e) => (error = e));
    expect(error, "expected the program to fail").to.not.equal(undefined);
    return error as Error;
  };

  it("takes every field of a workspace as an Output (WorkspaceStack.accessTarget), with one resource-group assignment per workspace", async () => {
    const run = await runUnderMocks(() => {
      const m = new AccessModel("access", {
        workspaces: [target("fraud", "rg-fraud"), target("scoring", "rg-scoring")],
        teams: [{ name: "ops", groupObjectId: G, role: "Reader", scope: "resourceGroup", dataAccess: "read" }],
      });
      return { matrix: m.accessMatrix };
    });
    const byName = Object.fromEntries(ofType(run, ASSIGNMENT).map((r) => [r.name, plainInputs(r).scope]));
    expect(byName).to.deep.include({ "access-ops-rg-fraud": `${SUB}/resourceGroups/rg-fraud`, "access-ops-rg-scoring": `${SUB}/resourceGroups/rg-scoring` });
    expect(byName["access-ops-data-blob-fraud"]).to.equal(STORAGE("fraud"));
    const rows = (run.outputs as any).matrix as AccessMatrixRow[];
    expect(rows.find((r) => r.workspace === "scoring")!.operations).to.deep.include({ readData: true, createCompute: false });
  });

  it("refuses two Output-named workspaces that turn out to share a resource group (one Azure assignment, two owners)", () => {
    // Decided when the ids resolve (an error in the scope's apply fails the deployment); the decision itself:
    const ids = [`${SUB}/resourceGroups/rg-shared`, `${SUB}/resourceGroups/RG-other`, `${SUB}/resourceGroups/RG-SHARED`];
    expect(sharedResourceGroupError("access", "ops", ["a1", "b1", "c1"], ids, 0)).to.equal(undefined);
    expect(sharedResourceGroupError("access", "ops", ["a1", "b1", "c1"], ids, 1)).to.equal(undefined);
    const error = sharedResourceGroupError("access", "ops", ["a1", "b1", "c1"], ids, 2)!;
    expect(error).to.be.instanceOf(PlatformConfigError);
    expect(error.issues).to.deep.equal([
      { path: 'AccessModel "access" args.workspaces', rule: `workspaces a1 and c1 share resource group ${ids[2]}; pass resourceGroupName as a plain string so team ops gets one resource-group assignment`, value: ids[2] },
    ]);
  });

  it("refuses data access on a workspace without storageAccountId instead of silently dropping it", async () => {
    const error = await fail(() => new AccessModel("access", {
      workspaces: WORKSPACES,
      teams: [{ name: "ds", groupObjectId: G, role: "AzureML Data Scientist", workspaces: ["scoring"] }],
    }));
    expect(error).to.be.instanceOf(PlatformConfigError);
    expect(error.message).to.contain('args.teams[0].dataAccess: is "readWrite" (the default for a role that submits jobs), which needs storageAccountId on workspace scoring');
    const explicit = await fail(() => new AccessModel("access", {
      workspaces: [{ ...WORKSPACES[0], storageAccountId: STORAGE("fraud") }, WORKSPACES[1]],
      teams: [{ name: "ds", groupObjectId: G, role: "Reader", dataAccess: "read" }],
    }));
    expect(explicit.message).to.contain('args.teams[0].dataAccess: is "read", which needs storageAccountId on workspace scoring;');
  });

  it("keeps every permission block of a loaded role file (customRoles: [loadRoleDefinitionFile(...)] and customRoleFromFile)", async () => {
    const root = path.resolve(__dirname, "../..");
    for (const custom of [loadRoleDefinitionFile("roles/data-scientist-restricted.json", root, "t"), customRoleFromFile("roles/data-scientist-restricted.json", root)]) {
      const run = await runUnderMocks(() => {
        const m = new AccessModel("access", {
          workspaces: WORKSPACES,
          customRoles: [custom],
          teams: [{ name: "ds", groupObjectId: G, role: "Data Scientist", dataAccess: "none" }],
        });
        return { matrix: m.accessMatrix };
      });
      const d = plainInputs(ofType(run, "azure-native:authorization:RoleDefinition")[0]);
      expect(d.permissions).to.have.length(1);
      expect(d.permissions[0].actions).to.deep.equal(["*"]);
      expect(d.permissions[0].notActions).to.include("Microsoft.MachineLearningServices/workspaces/computes/write");
      const row = ((run.outputs as any).matrix as AccessMatrixRow[])[0];
      expect(row.operations).to.deep.include({ submitJob: true, createCompute: false, createDatastore: false });
      expect(row.uncertain).to.deep.equal([]);
    }
  });

  it("keeps several permission blocks as they are", async () => {
    const run = await runUnderMocks(() => new AccessModel("access", {
      workspaces: WORKSPACES,
      customRoles: [{ name: "Two", permissions: [{ actions: ["Microsoft.MachineLearningServices/workspaces/jobs/*"] }, { actions: ["Microsoft.MachineLearningServices/workspaces/models/*"], notActions: ["Microsoft.MachineLearningServices/workspaces/models/delete"] }] }],
      teams: [{ name: "ds", groupObjectId: G, role: "Two", dataAccess: "none" }],
    }));
    const d = plainInputs(ofType(run, "azure-native:authorization:RoleDefinition")[0]);
    expect(d.permissions).to.deep.equal([
      { actions: ["Microsoft.MachineLearningServices/workspaces/jobs/*"], notActions: [], dataActions: [], notDataActions: [] },
      { actions: ["Microsoft.MachineLearningServices/workspaces/models/*"], notActions: ["Microsoft.MachineLearningServices/workspaces/models/delete"], dataActions: [], notDataActions: [] },
    ]);
  });

  const refused: [string, AccessModelArgs["customRoles"], RegExp][] = [
    ["a custom role with empty Actions", [{ name: "Empty" }], /customRoles\[0\]\.actions: must grant something: a custom role with empty Actions and DataActions is refused/],
    ["a role file object whose permissions are empty", [{ name: "Empty", permissions: [{ actions: [], notActions: ["x"] }] }], /customRoles\[0\]\.permissions: must grant something/],
    ["no permission block at all", [{ name: "Empty", permissions: [] }], /customRoles\[0\]\.permissions: must grant something/],
    ["both permissions and the flat lists", [{ name: "Both", actions: ["*"], permissions: [{ actions: ["*"] }] }], /customRoles\[0\]\.permissions: use either permissions or actions, not both/],
    ["a custom role named like a built-in (any case)", [{ name: "OWNER", actions: ["Microsoft.MachineLearningServices/workspaces/*/read"] }], /customRoles\[0\]\.name: names custom role "OWNER" like built-in role "Owner"/],
  ];
  for (const [label, customRoles, message] of refused) {
    it(`refuses ${label}`, async () => {
      const error = await fail(() => new AccessModel("access", { workspaces: WORKSPACES, customRoles, teams: [{ name: "ds", groupObjectId: G, role: "Reader" }] }));
      expect(error).to.be.instanceOf(PlatformConfigError);
      expect(error.message).to.match(message);
    });
  }
  it("accepts a data-only custom role", async () => {
    await runUnderMocks(() => new AccessModel("access", {
      workspaces: WORKSPACES,
      customRoles: [{ name: "Blob Peeker", dataActions: ["Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read"] }],
      teams: [{ name: "ds", groupObjectId: G, role: "Blob Peeker" }],
    }));
  });

  it("shows each principal's union on every team row, lists principals, and per member of created groups in Markdown", async () => {
    const run = await runUnderMocks(() => {
      const m = new AccessModel("access", {
        workspaces: WORKSPACES,
        teams: [
          { name: "readers", groupObjectId: G, role: "Reader" },
          { name: "builders", groupObjectId: G, role: "Contributor", dataAccess: "none" },
          { name: "ds", groupDisplayName: "sg-ds", createGroup: true, members: ["alice@contoso.com"], role: "AzureML Data Scientist", dataAccess: "none", workspaces: ["fraud"] },
        ],
      });
      return { matrix: m.accessMatrix, principals: m.accessPrincipals, markdown: m.accessMatrixMarkdown };
    });
    const rows = (run.outputs as any).matrix as AccessMatrixRow[];
    expect(rows.find((r) => r.team === "readers" && r.workspace === "fraud")!.operations.createCompute).to.equal(true);
    const principals = (run.outputs as any).principals as { principal: string; teams: string[]; workspace: string }[];
    expect(principals.filter((p) => p.principal === G).map((p) => `${p.workspace}:${p.teams.join(",")}`)).to.deep.equal(["fraud:builders,readers", "scoring:builders,readers"]);
    const md = (run.outputs as any).markdown as string;
    expect(md).to.contain("Members of groups this stack creates");
    expect(md).to.match(/\| alice@contoso\.com \| fraud \| ds \| no\u2020 \|/);
    expect(md).to.contain("\u2020 The answer rests on a fact the plan cannot see");
  });
});

describe("AccessModel: just-in-time (PIM) teams", () => {
  const PIM = "azure-native:authorization:PimRoleEligibilitySchedule";
  const POLICY = "azure-native:authorization:RoleManagementPolicy";
  const OWNER_ID = `${SUB}/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635`;
  const OPERATOR_ID = `${SUB}/providers/Microsoft.Authorization/roleDefinitions/e503ece1-11d0-4e8e-8e2c-7a6c3bf38815`;
  const ADMINS = "11111111-2222-3333-4444-555555555555";
  const APPROVERS = "44444444-5555-6666-7777-888888888888";
  const byName = (run: ProgramRun, type: string): Record<string, Record<string, any>> =>
    Object.fromEntries(ofType(run, type).map((r) => [r.name, { ...plainInputs(r), dependencies: r.dependencies, parent: r.parent }]));
  const TEAMS_PIM: TeamArgs[] = [
    { name: "ml-admins", admin: true, groupObjectId: ADMINS, role: "Owner", scope: "resourceGroup", dataAccess: "none", activation: "eligible", maxActivation: "PT8H", requireApproval: [APPROVERS] },
    { name: "operators", admin: true, groupDisplayName: "sg-ops", role: "AzureML Compute Operator", activation: "eligible", maxActivation: "PT4H" },
    { name: "night-ops", admin: true, principalObjectId: "66666666-7777-8888-9999-000000000000", principalType: "User", role: "AzureML Compute Operator", workspaces: ["fraud"], activation: "eligible", maxActivation: "PT2H", requireApproval: [APPROVERS.replace("4444", "5555")] },
    { name: "auditors", groupObjectId: "22222222-3333-4444-5555-666666666666", role: "Reader", scope: "resourceGroup", activation: "active" },
  ];
  let run: ProgramRun;
  before(async () => {
    run = await model(TEAMS_PIM);
  });

  it("gives eligible teams PIM eligibility schedules instead of role assignments, with the same deterministic names and scopes", () => {
    expect(Object.keys(byName(run, ASSIGNMENT))).to.have.members(["access-auditors-rg-fraud", "access-auditors-rg-scoring"]);
    const pim = byName(run, PIM);
    expect(Object.keys(pim)).to.have.members(["access-ml-admins-rg-fraud", "access-ml-admins-rg-scoring", "access-operators-fraud", "access-operators-scoring", "access-night-ops-fraud"]);
    expect(pim["access-ml-admins-rg-fraud"]).to.deep.include({
      scope: `${SUB}/resourceGroups/rg-fraud`,
      principalId: ADMINS,
      roleDefinitionId: OWNER_ID,
      justification: "azureml-platform team=ml-admins admin",
      scheduleInfo: { expiration: { type: "NoExpiration" } },
    });
    expect(pim["access-operators-scoring"]).to.deep.include({ scope: WORKSPACES[1].workspaceId, principalId: deterministicGuid("mock-group", "sg-ops"), roleDefinitionId: OPERATOR_ID });
    expect(pim["access-night-ops-fraud"].principalId).to.equal("66666666-7777-8888-9999-000000000000");
    for (const p of Object.values(pim)) expect(p.parent).to.match(/AccessModel::access$/);
  });

  it("updates one role management policy per (scope, role), named by Azure's policy GUID, with the merged activation rules", () => {
    const policies = byName(run, POLICY);
    expect(Object.keys(policies)).to.have.members([
      "access-pim-owner-rg-rg-fraud",
      "access-pim-owner-rg-rg-scoring",
      "access-pim-azureml-compute-operator-workspace-fraud",
      "access-pim-azureml-compute-operator-workspace-scoring",
    ]);
    const owner = policies["access-pim-owner-rg-rg-fraud"];
    expect(owner.scope).to.equal(`${SUB}/resourceGroups/rg-fraud`);
    expect(owner.roleManagementPolicyName).to.equal(deterministicGuid("mock-role-management-policy", `${SUB}/resourceGroups/rg-fraud`, OWNER_ID));
    expect(owner.rules.map((r: any) => r.id)).to.deep.equal(["Expiration_EndUser_Assignment", "Enablement_EndUser_Assignment", "Approval_EndUser_Assignment", "Expiration_Admin_Eligibility"]);
    expect(owner.rules[0].maximumDuration).to.equal("PT8H");
    expect(owner.rules[2].setting.approvalStages[0].primaryApprovers).to.deep.equal([{ id: APPROVERS, userType: "Group", isBackup: false }]);
    // Two teams eligible for Compute Operator on fraud share its one policy: the shorter activation, both teams' approvers.
    const shared = policies["access-pim-azureml-compute-operator-workspace-fraud"];
    expect(shared.rules[0].maximumDuration).to.equal("PT2H");
    expect(shared.rules[2].setting.isApprovalRequired).to.equal(true);
    expect(shared.rules[2].setting.approvalStages[0].primaryApprovers.map((a: any) => a.id)).to.deep.equal([APPROVERS.replace("4444", "5555")]);
    const alone = policies["access-pim-azureml-compute-operator-workspace-scoring"];
    expect(alone.rules[0].maximumDuration).to.equal("PT4H");
    expect(alone.rules[2].setting.isApprovalRequired).to.equal(false);
  });

  it("creates each eligibility after its role's policy (the default policy refuses a permanent eligibility)", () => {
    const policyUrns = Object.fromEntries(ofType(run, POLICY).map((r) => [r.name, r.urn]));
    const pim = byName(run, PIM);
    expect(pim["access-ml-admins-rg-scoring"].dependencies).to.include(policyUrns["access-pim-owner-rg-rg-scoring"]);
    expect(pim["access-night-ops-fraud"].dependencies).to.include(policyUrns["access-pim-azureml-compute-operator-workspace-fraud"]);
    expect(pim["access-operators-fraud"].dependencies).to.include(policyUrns["access-pim-azureml-compute-operator-workspace-fraud"]);
  });

  it("reports eligible access in the matrix, the team outputs and the Markdown", () => {
    const matrix = run.outputs.matrix as AccessMatrixRow[];
    const admins = matrix.find((r) => r.team === "ml-admins" && r.workspace === "fraud")!;
    expect(admins).to.deep.include({ activation: "eligible", eligibleRoles: ["Owner"] });
    expect(admins.eligibleOperations).to.include("writeRoleAssignments");
    expect(matrix.find((r) => r.team === "auditors")).to.not.have.property("activation");
    const teams = run.outputs.teams as Record<string, any>;
    expect(teams["ml-admins"].activation).to.equal("eligible");
    expect(teams["auditors"].activation).to.equal("active");
    expect(teams["ml-admins"].assignmentIds).to.have.length(2);
    expect(teams["ml-admins"].assignmentIds[0]).to.match(/\/providers\/Microsoft\.Authorization\/roleEligibilitySchedules\//);
    expect(run.outputs.markdown).to.contain("| operators | scoring | AzureML Compute Operator (eligible) | eligible | eligible |");
  });

  it("refuses, before registering anything, an eligible service principal", async () => {
    let error: unknown;
    await model([{ name: "pipeline", principalObjectId: "99999999-8888-7777-6666-555555555555", principalType: "ServicePrincipal", role: "Reader", activation: "eligible" }]).catch((e) => (error = e));
    expect(error).to.be.instanceOf(PlatformConfigError);
    expect((error as Error).message).to.contain('AccessModel "access" args.teams[0].activation: eligible (Privileged Identity Management) takes users and groups only');
  });

  it("words the refusal of two policy resources for one Azure policy (workspaces sharing a storage account)", () => {
    const error = sharedPolicyError("access", "Storage Blob Data Reader", "storage-fraud", "storage-scoring", "/subscriptions/s/st");
    expect(error).to.be.instanceOf(PlatformConfigError);
    expect(error.issues).to.deep.equal([
      {
        path: 'AccessModel "access" args.teams',
        rule: 'eligible grants of role "Storage Blob Data Reader" on storage-fraud and storage-scoring are on one scope, whose one role management policy two resources would overwrite; grant the role there once',
        value: "/subscriptions/s/st",
      },
    ]);
  });
});
