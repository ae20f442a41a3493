import { expect } from "chai";
import * as path from "path";
import { AccessModel, AccessModelArgs, TeamArgs } from "../../components/AccessModel";
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
  { name: "ml-admins", admin: true, groupObjectId: "11111111-2222-3333-4444-555555555555", role: "Owner", scope: "resourceGroup" },
  { name: "data-scientists", groupDisplayName: "sg-ml-ds", createGroup: true, members: ["alice@contoso.com", "bob@contoso.com"], role: "Data Scientist", workspaces: ["fraud"] },
  { name: "readers", groupDisplayName: "sg-ml-readers", role: "reader", scope: "subscription" },
  { name: "pipeline", principalObjectId: "99999999-8888-7777-6666-555555555555", principalType: "ServicePrincipal", role: "e503ece1-11d0-4e8e-8e2c-7a6c3bf38815", admin: true, workspaces: ["scoring"] },
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
