import { expect } from "chai";
import { RoleCatalog } from "../../rbac/catalog";
import { ELIGIBLE_FOOTNOTE, ELIGIBLE_SUFFIX, UNCERTAIN_FOOTNOTE, buildAccess, buildAccessMatrix, renderMatrixCsv, renderMatrixMarkdown } from "../../rbac/matrix";
import { assignmentDescription, parseAssignmentDescription, roleAssignmentGuid } from "../../rbac/ids";
import { Assignment } from "../../rbac/types";
import { KEY_OPERATION_NAMES } from "../../rbac/operations";

const c = new RoleCatalog();
const RG = "/subscriptions/s/resourceGroups/rg-a";
const W1 = { name: "fraud", id: `${RG}/providers/Microsoft.MachineLearningServices/workspaces/w1` };
const W2 = { name: "scoring", id: "/subscriptions/s/resourceGroups/rg-b/providers/Microsoft.MachineLearningServices/workspaces/w2" };

describe("access matrix", () => {
  const assignments: Assignment[] = [
    { principalId: "g-admins", scope: RG, role: c.resolve("Owner")!, label: "ml-admins" },
    { principalId: "g-ds", scope: W1.id, role: c.resolve("AzureML Data Scientist")!, label: "data-scientists" },
    { principalId: "g-ds", scope: W2.id, role: c.resolve("Reader")!, label: "data-scientists" },
  ];
  const rows = buildAccessMatrix(assignments, [W1, W2]);

  it("has a row per team × workspace with the union of the roles that reach it", () => {
    expect(rows.map((r) => `${r.team}/${r.workspace}/${r.roles.join("+")}`)).to.deep.equal([
      "data-scientists/fraud/AzureML Data Scientist",
      "data-scientists/scoring/Reader",
      "ml-admins/fraud/Owner",
      "ml-admins/scoring/",
    ]);
    expect(rows[0].operations).to.deep.include({ submitJob: true, createCompute: false, deleteWorkspace: false });
    expect(rows[2].operations.writeRoleAssignments).to.equal(true);
    expect(Object.values(rows[3].operations).every((v) => v === false)).to.equal(true);
  });

  it("decides data-plane operations at the workspace's storage account, where data roles are assigned", () => {
    const ST1 = `${RG}/providers/Microsoft.Storage/storageAccounts/st1`;
    const ws = [{ ...W1, storageAccountId: ST1 }, { ...W2, storageAccountId: "/subscriptions/s/resourceGroups/rg-b/providers/Microsoft.Storage/storageAccounts/st2" }];
    const data = buildAccessMatrix(
      [
        { principalId: "g-ds", scope: W1.id, role: c.resolve("AzureML Data Scientist")!, label: "ds" },
        { principalId: "g-ds", scope: ST1, role: c.resolve("Storage Blob Data Reader")!, label: "ds" },
        // A data role at the workspace itself reaches no data: blobs live in the storage account.
        { principalId: "g-w", scope: W2.id, role: c.resolve("Storage Blob Data Contributor")!, label: "wrong-scope" },
        // A data role on the resource group reaches every storage account in it.
        { principalId: "g-rg", scope: RG, role: c.resolve("Storage Blob Data Contributor")!, label: "rg" },
      ],
      ws,
    );
    const cell = (team: string, w: string) => data.find((r) => r.team === team && r.workspace === w)!;
    expect(cell("ds", "fraud").operations).to.deep.include({ readData: true, writeData: false, submitJob: true });
    expect(cell("ds", "fraud").roles).to.deep.equal(["AzureML Data Scientist", "Storage Blob Data Reader"]);
    expect(cell("ds", "scoring").operations.readData).to.equal(false);
    expect(cell("wrong-scope", "scoring").operations).to.deep.include({ readData: false, writeData: false });
    expect(cell("rg", "fraud").operations).to.deep.include({ readData: true, writeData: true });
    expect(cell("rg", "scoring").operations.readData).to.equal(false);
    // Control-plane "*" grants no DataActions: Owner cannot read blobs through its role alone.
    expect(buildAccessMatrix([{ principalId: "o", scope: RG, role: c.resolve("Owner")!, label: "o" }], ws)[0].operations).to.deep.include({ readData: false, createCompute: true });
  });

  it("renders Markdown and CSV for auditors", () => {
    const md = renderMatrixMarkdown(rows);
    expect(md.split("\n")[0]).to.equal(
      "| Team | Workspace | Roles | createCompute | deleteCompute | createDatastore | submitJob | registerModel | deleteWorkspace | writeRoleAssignments | readWorkspaceSecrets | changeWorkspaceSettings | deleteRoleAssignments | deleteLocks | writeOutboundRules | createConnection | readConnectionSecrets | readData | writeData | readRegistryAssets | publishToRegistry | deleteRegistryAssets |",
    );
    expect(md).to.contain("| ml-admins | fraud | Owner | yes | yes |");
    const csv = renderMatrixCsv(rows).trim().split("\n");
    expect(csv[0]).to.equal(
      "team,principalId,workspace,roles,createCompute,deleteCompute,createDatastore,submitJob,registerModel,deleteWorkspace,writeRoleAssignments,readWorkspaceSecrets,changeWorkspaceSettings,deleteRoleAssignments,deleteLocks,writeOutboundRules,createConnection,readConnectionSecrets,readData,writeData,readRegistryAssets,publishToRegistry,deleteRegistryAssets,uncertain",
    );
    expect(csv).to.have.length(5);
    expect(renderMatrixCsv([{ ...rows[0], team: 'a,"b"' }])).to.contain('"a,""b"""');
  });

  it("derives role assignment names deterministically from scope, principal and role", () => {
    const a = roleAssignmentGuid(W1.id, "p", "/subscriptions/s/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7");
    expect(a).to.equal(roleAssignmentGuid(W1.id.toUpperCase(), "P", "acdd72a7-3385-48ef-bd42-f606fba81ae7"));
    expect(a).to.not.equal(roleAssignmentGuid(W2.id, "p", "acdd72a7-3385-48ef-bd42-f606fba81ae7"));
    expect(a).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("round-trips the team marker written on assignments", () => {
    expect(parseAssignmentDescription(assignmentDescription("ml-admins", true))).to.deep.equal({ team: "ml-admins", admin: true });
    expect(parseAssignmentDescription(assignmentDescription("ds", false))).to.deep.equal({ team: "ds", admin: false });
    expect(parseAssignmentDescription("hand written")).to.equal(undefined);
  });
});

describe("access matrix: rendering and order", () => {
  const c2 = new RoleCatalog();
  const W = { name: "w", id: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/w" };
  it("renders Markdown rows exactly: yes/no cells, '-' for no role, escaped pipes", () => {
    const rows = buildAccessMatrix(
      [
        { principalId: "p1", scope: W.id, role: c2.resolve("AzureML Compute Operator")!, label: "a|b" },
        { principalId: "p2", scope: "/subscriptions/other", role: c2.resolve("Reader")!, label: "z" },
      ],
      [W],
    );
    const md = renderMatrixMarkdown(rows).split("\n");
    expect(md[1]).to.match(/^\| --- \| --- \| --- (\| --- ){19}\|$/);
    expect(md[2]).to.equal("| a\\|b | w | AzureML Compute Operator | yes | yes | no | no | no | no | no | no | no | no | no | no | no | no | no | no | no | no | no |");
    expect(md[3]).to.equal("| z | w | - | no | no | no | no | no | no | no | no | no | no | no | no | no | no | no | no | no | no | no |");
    expect(md[4]).to.equal("");
    const csv = renderMatrixCsv(rows).split("\n");
    expect(csv[1]).to.equal("a|b,p1,w,AzureML Compute Operator,true,true,false,false,false,false,false,false,false,false,false,false,false,false,false,false,false,false,false,");
    expect(csv[2]).to.equal("z,p2,w,,false,false,false,false,false,false,false,false,false,false,false,false,false,false,false,false,false,false,false,");
    expect(renderMatrixCsv([{ ...rows[0], team: "line\nbreak" }])).to.contain('"line\nbreak"');
    expect(renderMatrixCsv([{ ...rows[0], team: "plain" }]).split("\n")[1].startsWith("plain,")).to.equal(true);
  });
  it("orders teams and workspaces by code unit (stable across locales), and roles within a cell", () => {
    const W2 = { name: "B", id: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/b" };
    const rows = buildAccessMatrix(
      [
        { principalId: "p", scope: "/", role: c2.resolve("Reader")!, label: "beta" },
        { principalId: "p", scope: "/", role: c2.resolve("AzureML Data Scientist")!, label: "beta" },
        { principalId: "q", scope: "/", role: c2.resolve("Reader")!, label: "Alpha" },
      ],
      [W, W2],
    );
    expect(rows.map((r) => `${r.team}/${r.workspace}/${r.roles.join("+")}`)).to.deep.equal([
      "Alpha/B/Reader",
      "Alpha/w/Reader",
      "beta/B/AzureML Data Scientist+Reader",
      "beta/w/AzureML Data Scientist+Reader",
    ]);
  });
  it("keeps two principals of one team apart, in principal-id order whatever order they were assigned in", () => {
    const rows = buildAccessMatrix(
      [
        { principalId: "p2", scope: W.id, role: c2.resolve("Owner")!, label: "t" },
        { principalId: "p1", scope: W.id, role: c2.resolve("Reader")!, label: "t" },
      ],
      [W],
    );
    expect(rows.map((r) => `${r.principalId}:${r.operations.deleteWorkspace}`)).to.deep.equal(["p1:false", "p2:true"]);
  });
});

describe("access matrix: what reaches the data", () => {
  const c3 = new RoleCatalog();
  const RG3 = "/subscriptions/s/resourceGroups/rg";
  const W = { name: "w", id: `${RG3}/providers/Microsoft.MachineLearningServices/workspaces/w`, storageAccountId: `${RG3}/providers/Microsoft.Storage/storageAccounts/st` };
  it("lists a data role where it reaches the data, and not a control-plane role assigned on the storage account", () => {
    const rows = buildAccessMatrix(
      [
        { principalId: "p", scope: W.storageAccountId, role: c3.resolve("Reader")!, label: "st-reader" },
        { principalId: "q", scope: W.storageAccountId, role: c3.resolve("Storage File Data Privileged Reader")!, label: "files" },
      ],
      [W],
    );
    expect(rows.map((r) => `${r.team}:${r.roles.join("+")}:${r.operations.readData}`)).to.deep.equal(["files:Storage File Data Privileged Reader:false", "st-reader::false"]);
  });
  it("gives no data access on a workspace without a known storage account", () => {
    const rows = buildAccessMatrix([{ principalId: "p", scope: RG3, role: c3.resolve("Storage Blob Data Owner")!, label: "t" }], [{ name: "w", id: W.id }]);
    expect(rows[0].operations).to.deep.include({ readData: false, writeData: false });
    // Listed: it reaches the workspace (its container Actions are control plane at the resource group).
    expect(rows[0].roles).to.deep.equal(["Storage Blob Data Owner"]);
  });
});

describe("access matrix: cells, reach and output a reviewer reads", () => {
  const c4 = new RoleCatalog();
  const RG4 = "/subscriptions/s/resourceGroups/rg";
  const ST = `${RG4}/providers/Microsoft.Storage/storageAccounts/st`;
  const WA = { name: "a", id: `${RG4}/providers/Microsoft.MachineLearningServices/workspaces/a`, storageAccountId: ST };
  const WB = { name: "b", id: `${RG4}/providers/Microsoft.MachineLearningServices/workspaces/b`, storageAccountId: `${RG4}/providers/Microsoft.Storage/storageAccounts/st2` };
  const BLOB_READ = "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read";
  const custom = (name: string, permissions: { actions: string[]; dataActions: string[] }[]) => ({
    id: name,
    name,
    isCustom: true,
    permissions: permissions.map((p) => ({ ...p, notActions: [], notDataActions: [] })),
    assignableScopes: [RG4],
  });

  it("lists a role once in a cell, however many scopes or planes reach it", () => {
    const rows = buildAccessMatrix(
      [
        { principalId: "p", scope: RG4, role: c4.resolve("Reader")!, label: "t" },
        { principalId: "p", scope: WA.id, role: c4.resolve("Reader")!, label: "t" },
        // On the resource group it reaches the workspace (control plane) and its storage (data plane).
        { principalId: "p", scope: RG4, role: c4.resolve("Storage Blob Data Contributor")!, label: "t" },
      ],
      [WA],
    );
    expect(rows[0].roles).to.deep.equal(["Reader", "Storage Blob Data Contributor"]);
    expect(rows[0].operations).to.deep.include({ readData: true, writeData: true, submitJob: false });
  });

  it("grants only data operations through an assignment on the storage account, never workspace ones", () => {
    const everything = custom("Everything", [{ actions: ["*"], dataActions: [BLOB_READ] }]);
    const [row] = buildAccessMatrix([{ principalId: "p", scope: ST, role: everything, label: "t" }], [WA]);
    expect(row.roles).to.deep.equal(["Everything"]);
    expect(row.operations).to.deep.include({ readData: true, writeData: false, createCompute: false, deleteWorkspace: false, writeRoleAssignments: false });
  });

  it("counts data actions held in any permission block of a role", () => {
    const split = custom("Split", [{ actions: ["*/read"], dataActions: [] }, { actions: [], dataActions: [BLOB_READ] }]);
    const [row] = buildAccessMatrix([{ principalId: "p", scope: ST, role: split, label: "t" }], [WA]);
    expect(row.operations.readData).to.equal(true);
  });

  it("reaches exactly the workspaces the given covers predicates accept, per plane", () => {
    const rows = buildAccessMatrix(
      [{ principalId: "p", scope: "/elsewhere", role: c4.resolve("Storage Blob Data Contributor")!, label: "t" }],
      [WA, WB],
      (_a, w) => w.name === "b",
      undefined,
      (_a, w) => w.name === "a",
    );
    expect(rows.map((r) => `${r.workspace}:${r.roles.join("+")}:${r.operations.readData}`)).to.deep.equal([
      "a:Storage Blob Data Contributor:true",
      "b:Storage Blob Data Contributor:false",
    ]);
    const none = buildAccessMatrix([{ principalId: "p", scope: RG4, role: c4.resolve("Owner")!, label: "t" }], [WA, WB], () => false, undefined, () => false);
    expect(none.map((r) => r.roles.length)).to.deep.equal([0, 0]);
  });

  it("lists an assignment without a team under its principal id; each team row of one principal shows the principal's union", () => {
    const rows = buildAccessMatrix(
      [
        { principalId: "p-unlabelled", scope: WA.id, role: c4.resolve("Reader")! },
        { principalId: "shared", scope: WA.id, role: c4.resolve("Reader")!, label: "ops" },
        { principalId: "shared", scope: WA.id, role: c4.resolve("Owner")!, label: "admins" },
      ],
      [WA],
    );
    expect(rows.map((r) => `${r.team}:${r.principalId}:${r.roles.join("+")}`)).to.deep.equal([
      "admins:shared:Owner+Reader",
      "ops:shared:Owner+Reader",
      "p-unlabelled:p-unlabelled:Reader",
    ]);
  });

  it("joins a cell's roles with ', ' in Markdown and ';' in CSV, one line per row, newline-terminated", () => {
    const rows = buildAccessMatrix(
      [
        { principalId: "p", scope: WA.id, role: c4.resolve("Reader")!, label: "t" },
        { principalId: "p", scope: WA.id, role: c4.resolve("AzureML Compute Operator")!, label: "t" },
      ],
      [WA],
    );
    expect(renderMatrixMarkdown(rows).split("\n")[2]).to.match(/^\| t \| a \| AzureML Compute Operator, Reader \| yes \| yes \|/);
    const flags = (createCompute: boolean) => [createCompute, createCompute, ...Array(17).fill(false)].join(",");
    expect(renderMatrixCsv(rows)).to.equal(
      "team,principalId,workspace,roles,createCompute,deleteCompute,createDatastore,submitJob,registerModel,deleteWorkspace,writeRoleAssignments,readWorkspaceSecrets,changeWorkspaceSettings,deleteRoleAssignments,deleteLocks,writeOutboundRules,createConnection,readConnectionSecrets,readData,writeData,readRegistryAssets,publishToRegistry,deleteRegistryAssets,uncertain\n" +
        `t,p,a,AzureML Compute Operator;Reader,${flags(true)},\n`,
    );
  });
});

describe("access matrix: sound under either reading of '/*/'", () => {
  const cat = new RoleCatalog();
  const WS = { name: "w", id: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/w", sharedKeyAccess: false as const };
  const seedLike = { name: "Seed", isCustom: true, assignableScopes: [], permissions: [
    { actions: ["*"], notActions: ["Microsoft.MachineLearningServices/workspaces/computes/*/write", "Microsoft.MachineLearningServices/workspaces/*/delete"], dataActions: [], notDataActions: [] },
  ] };
  it("marks the operations whose answer differs between the readings, showing the documented answer", () => {
    const [row] = buildAccessMatrix([{ principalId: "p", scope: WS.id, role: seedLike, label: "t" }], [WS]);
    expect(row.operations).to.deep.include({ createCompute: false, deleteCompute: false, deleteWorkspace: false, submitJob: true });
    // computes/delete stays denied either way: workspaces/*/delete covers it under both readings.
    expect(row.uncertain).to.deep.equal(["createCompute", "deleteWorkspace"]);
  });
  it("is certain where another assignment of the principal grants under both readings (union per reading)", () => {
    const [row] = buildAccessMatrix(
      [
        { principalId: "p", scope: WS.id, role: seedLike, label: "t" },
        { principalId: "p", scope: WS.id, role: cat.resolve("AzureML Compute Operator")!, label: "t" },
      ],
      [WS],
    );
    expect(row.operations.createCompute).to.equal(true);
    expect(row.uncertain).to.deep.equal(["deleteWorkspace"]);
  });
  it("is certain for roles without a whole-segment '*' and for empty cells", () => {
    const rows = buildAccessMatrix(
      [
        { principalId: "p", scope: WS.id, role: cat.resolve("Reader")!, label: "t" },
        { principalId: "q", scope: "/subscriptions/other", role: cat.resolve("Owner")!, label: "u" },
      ],
      [WS],
    );
    expect(rows.map((r) => r.uncertain)).to.deep.equal([[], []]);
  });
  it("daggers uncertain cells in Markdown, with one footnote, and lists them in CSV", () => {
    const rows = buildAccessMatrix([{ principalId: "p", scope: WS.id, role: seedLike, label: "t" }], [WS]);
    const md = renderMatrixMarkdown(rows);
    expect(md.split("\n")[2]).to.equal("| t | w | Seed | no\u2020 | no | yes | yes | yes | no\u2020 | yes | yes | yes | yes | yes | yes | yes | yes | no | no | no | no | no |");
    expect(md).to.contain(UNCERTAIN_FOOTNOTE);
    expect(md.split(UNCERTAIN_FOOTNOTE)).to.have.length(2);
    expect(renderMatrixMarkdown(buildAccessMatrix([{ principalId: "p", scope: WS.id, role: cat.resolve("Reader")!, label: "t" }], [WS]))).not.to.contain("\u2020");
    expect(renderMatrixCsv(rows).split("\n")[1].endsWith(",createCompute;deleteWorkspace")).to.equal(true);
  });
});

describe("access matrix: per principal", () => {
  const cat = new RoleCatalog();
  const WA = { name: "a", id: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/a", sharedKeyAccess: false as const };
  const WB = { name: "b", id: "/subscriptions/s/resourceGroups/rg2/providers/Microsoft.MachineLearningServices/workspaces/b" };
  const assignments: Assignment[] = [
    { principalId: "g1", scope: WA.id, role: cat.resolve("Reader")!, label: "readers" },
    { principalId: "g1", scope: WA.id, role: cat.resolve("Contributor")!, label: "builders" },
    { principalId: "g2", scope: WB.id, role: cat.resolve("AzureML Data Scientist")!, label: "ds" },
  ];
  const report = buildAccess(assignments, [WA, WB]);
  it("gives two teams with one object id the union on each team's row (Reader's row is not empty)", () => {
    const readers = report.rows.find((r) => r.team === "readers" && r.workspace === "a")!;
    expect(readers.roles).to.deep.equal(["Contributor", "Reader"]);
    expect(readers.operations).to.deep.include({ createCompute: true, deleteWorkspace: true, writeRoleAssignments: false });
    expect(report.rows.find((r) => r.team === "builders" && r.workspace === "a")!.operations).to.deep.equal(readers.operations);
  });
  it("lists each principal × workspace once, with the teams it comes through, sorted", () => {
    expect(report.principals.map((p) => `${p.principal}|${p.teams.join(",")}|${p.workspace}|${p.roles.join("+")}`)).to.deep.equal([
      "g1|builders,readers|a|Contributor+Reader",
      "g1|builders,readers|b|",
      "g2|ds|a|",
      "g2|ds|b|AzureML Data Scientist",
    ]);
    expect(report.principals[0].operations.createCompute).to.equal(true);
    expect(report.principals[1].operations.createCompute).to.equal(false);
    expect(report.principals[0].uncertain).to.deep.equal([]);
    expect(report.principals[3].uncertain).to.include("createCompute");
  });
  it("per member of created groups: the union over the member's groups and its own object id", () => {
    const { members } = buildAccess(assignments, [WA, WB], {
      memberships: [
        { member: "bob@contoso.com", groups: ["g2"] },
        { member: "alice@contoso.com", memberId: "g1", groups: ["g2", "nobody"] },
      ],
    });
    expect(members.map((m) => `${m.member}|${m.workspace}|${m.teams.join(",")}|${m.operations.createCompute}|${m.operations.submitJob}`)).to.deep.equal([
      "alice@contoso.com|a|builders,ds,readers|true|true",
      "alice@contoso.com|b|builders,ds,readers|false|true",
      "bob@contoso.com|a|ds|false|false",
      "bob@contoso.com|b|ds|false|true",
    ]);
    // AzureML Data Scientist's compute answer is uncertain; alice's Contributor settles it in workspace a.
    expect(members[0].uncertain).to.not.include("createCompute");
    expect(members[1].uncertain).to.include("createCompute");
    expect(members[1].uncertain).to.deep.equal(report.principals.find((p) => p.principal === "g2" && p.workspace === "b")!.uncertain);
    const md = renderMatrixMarkdown(report.rows, { members });
    expect(md).to.contain("Members of groups this stack creates (union over their groups):");
    expect(md).to.contain("| Member | Workspace | Through | createCompute |");
    expect(md).to.match(/\| bob@contoso\.com \| b \| ds \| no\u2020 \|/);
    expect(md.trim().endsWith(UNCERTAIN_FOOTNOTE)).to.equal(true);
    expect(renderMatrixMarkdown(report.rows, { members: [] })).not.to.contain("Members of groups");
  });
  it("a member whose groups reach nothing shows no team and no access", () => {
    const [m] = buildAccess(assignments, [WA, WB], { memberships: [{ member: "carol@contoso.com", groups: ["none"] }] }).members;
    expect(m.teams).to.deep.equal([]);
    expect(Object.values(m.operations).some(Boolean)).to.equal(false);
    expect(renderMatrixMarkdown(report.rows, { members: [m, { ...m, workspace: "b" }] })).to.contain("| carol@contoso.com | a | - | no |");
  });
});

describe("access matrix: assignable scopes", () => {
  const WS = { name: "w", id: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/w", sharedKeyAccess: false as const };
  const custom = (assignableScopes: string[]) => ({ name: "C", isCustom: true, assignableScopes, permissions: [{ actions: ["*"], notActions: [], dataActions: [], notDataActions: [] }] });
  it("an assignment of a custom role outside its AssignableScopes grants nothing (Azure refuses to create it)", () => {
    const [row] = buildAccessMatrix([{ principalId: "p", scope: WS.id, role: custom(["/subscriptions/s/resourceGroups/other"]), label: "t" }], [WS]);
    expect(row.roles).to.deep.equal([]);
    expect(row.operations.createCompute).to.equal(false);
  });
  it("inside them (or with none, or only placeholders) it grants", () => {
    for (const scopes of [["/subscriptions/s/resourceGroups/rg"], [], ["/subscriptions/<subscription_id>/resourceGroups/<rg>"]]) {
      const [row] = buildAccessMatrix([{ principalId: "p", scope: WS.id, role: custom(scopes), label: "t" }], [WS]);
      expect(row.operations.createCompute, JSON.stringify(scopes)).to.equal(true);
    }
  });
  it("counts an assignment at a management group on every workspace as uncertain (the group's subscriptions are not visible), and a custom role assignable at one", () => {
    const MG = "/providers/Microsoft.Management/managementGroups/mg-ml";
    const W2 = { name: "v", id: "/subscriptions/s2/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/v", storageAccountId: "/subscriptions/s2/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/stv" };
    const report = buildAccess(
      [
        { principalId: "p", scope: MG, role: c.resolve("Owner")!, label: "owners" },
        { principalId: "q", scope: "/subscriptions/s/resourceGroups/rg", role: custom([MG]), label: "custom" },
        { principalId: "d", scope: `${MG.toUpperCase()}/`, role: c.resolve("Storage Blob Data Reader")!, label: "readers" },
      ],
      [WS, W2],
    );
    const cell = (team: string, w: string) => report.rows.find((r) => r.team === team && r.workspace === w)!;
    // Not a certain yes: uncertain (†), which prod's strict policies count as granted.
    expect([cell("owners", "w"), cell("owners", "v")].map((r) => [r.operations.createCompute, r.uncertain!.includes("createCompute")])).to.deep.equal([
      [false, true],
      [false, true],
    ]);
    expect(cell("owners", "v").roles).to.deep.equal(["Owner"]);
    expect([cell("custom", "w"), cell("custom", "v")].map((r) => r.operations.createCompute)).to.deep.equal([true, false]);
    expect(cell("custom", "w").uncertain).to.deep.equal([]);
    expect([cell("readers", "v").operations.readData, cell("readers", "v").uncertain]).to.deep.equal([false, ["readData"]]);
  });
  it("takes the caller's assignable predicate when given", () => {
    const report = buildAccess([{ principalId: "p", scope: WS.id, role: custom([]), label: "t" }], [WS], { assignable: () => false });
    expect(report.rows[0].operations.createCompute).to.equal(false);
    expect(report.principals[0].teams).to.deep.equal(["t"]);
  });
});

describe("access matrix: exact output pinned", () => {
  const cat = new RoleCatalog();
  const WA = { name: "a", id: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/a" };
  const WB = { name: "b", id: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/b" };
  const none = Object.fromEntries(KEY_OPERATION_NAMES.map((op) => [op, false])) as any;
  it("renders the member table and footnote line by line", () => {
    const members = [
      { member: "m1", teams: ["t1", "t2"], workspace: "a", kind: "workspace", operations: { ...none, createCompute: true }, uncertain: ["createCompute"] },
      { member: "m2", teams: [], workspace: "a", kind: "workspace", operations: none, uncertain: [] },
    ];
    const lines = renderMatrixMarkdown([], { members }).split("\n");
    expect(lines.slice(2, 6)).to.deep.equal(["", "Members of groups this stack creates (union over their groups):", "", `| Member | Workspace | Through | ${KEY_OPERATION_NAMES.join(" | ")} |`]);
    expect(lines[6]).to.equal(`| ${["---", "---", "---", ...KEY_OPERATION_NAMES.map(() => "---")].join(" | ")} |`);
    expect(lines[7]).to.equal(`| m1 | a | t1, t2 | yes\u2020 | ${KEY_OPERATION_NAMES.slice(1).map(() => "no").join(" | ")} |`);
    expect(lines[8]).to.equal(`| m2 | a | - | ${KEY_OPERATION_NAMES.map(() => "no").join(" | ")} |`);
    expect(lines.slice(9)).to.deep.equal(["", UNCERTAIN_FOOTNOTE, ""]);
    expect(renderMatrixMarkdown([], { members: [members[1]] })).to.not.contain("\u2020");
    expect(UNCERTAIN_FOOTNOTE).to.match(/^\u2020 The answer rests on a fact the plan cannot see: how Azure reads a `\/\*\/` wildcard segment \(does `computes\/\*\/write` cover `computes\/write`\?\), .*Shared Key setting.*prod's strict policies count it as granted/);
  });
  it("renders rows that carry no uncertain list (an older plan --json) as certain", () => {
    const row = { team: "t", principalId: "p", workspace: "a", roles: [], operations: none };
    expect(renderMatrixMarkdown([row])).to.not.contain("\u2020");
    expect(renderMatrixCsv([row]).split("\n")[1]).to.equal(`t,p,a,,${KEY_OPERATION_NAMES.map(() => "false").join(",")},`);
  });
  it("orders members' workspaces by name whatever order the principals come in", () => {
    const grants = [{ principalId: "g", scope: WA.id, role: cat.resolve("AzureML Data Scientist")!, label: "t" }];
    const members = (memberships: { member: string; memberId?: string; groups: string[] }[]) => buildAccess(grants, [WB, WA], { memberships }).members;
    expect(members([{ member: "m", groups: ["g"] }]).map((m) => `${m.workspace}:${m.operations.submitJob}`)).to.deep.equal(["a:true", "b:false"]);
    // Without memberId, nothing else counts.
    expect(members([{ member: "g", groups: [] }]).map((m) => m.teams.length)).to.deep.equal([0, 0]);
    expect(members([{ member: "x", memberId: "g", groups: [] }]).map((m) => m.teams)).to.deep.equal([["t"], ["t"]]);
  });
  it("keeps a team's first assignment for its row, and lists principals by id", () => {
    const report = buildAccess(
      [
        { principalId: "z", principalType: "Group", scope: WA.id, role: cat.resolve("Reader")!, label: "t" },
        { principalId: "z", scope: WA.id, role: cat.resolve("Contributor")!, label: "t" },
        { principalId: "b", scope: WA.id, role: cat.resolve("Reader")!, label: "u" },
      ],
      [WB, WA],
    );
    expect(report.rows.filter((r) => r.team === "t").map((r) => r.principalType)).to.deep.equal(["Group", "Group"]);
    expect(report.principals.map((p) => `${p.principal}:${p.workspace}`)).to.deep.equal(["b:a", "b:b", "z:a", "z:b"]);
  });
});

describe("access matrix: data through the storage account's keys (Shared Key)", () => {
  const cat = new RoleCatalog();
  const RG_K = "/subscriptions/s/resourceGroups/rg-k";
  const ST = `${RG_K}/providers/Microsoft.Storage/storageAccounts/stk`;
  const WS = { name: "w", id: `${RG_K}/providers/Microsoft.MachineLearningServices/workspaces/w`, storageAccountId: ST };
  const data = (sharedKeyAccess: boolean | undefined, assignments: Assignment[]) =>
    buildAccess(assignments, [{ ...WS, ...(sharedKeyAccess === undefined ? {} : { sharedKeyAccess }) }]).rows.map((r) => `${r.team} ${r.operations.readData} ${r.operations.writeData} ${r.roles.join("+")}`);
  const team = (label: string, scope: string, role: string, extra: Partial<Assignment> = {}): Assignment => ({ principalId: label, scope, role: cat.resolve(role)!, label, ...extra });

  it("gives readData and writeData to whoever lists the keys: Storage's listKeys on the account (or above), Azure ML's listStorageAccountKeys on the workspace (or above)", () => {
    const assignments = [
      team("contributor-rg", RG_K, "Contributor"),
      team("contributor-account", ST, "Contributor"),
      { principalId: "key-operator", scope: ST, label: "key-operator", role: { name: "Key Lister", isCustom: true, assignableScopes: [], permissions: [{ actions: ["Microsoft.Storage/storageAccounts/listkeys/action"], notActions: [], dataActions: [], notDataActions: [] }] } },
      team("data-scientist", WS.id, "AzureML Data Scientist"),
      team("reader", RG_K, "Reader"),
      team("reader-account", ST, "Reader"),
      team("compute-operator", WS.id, "AzureML Compute Operator"),
    ];
    expect(data(true, assignments)).to.deep.equal([
      "compute-operator false false AzureML Compute Operator",
      "contributor-account true true Contributor",
      "contributor-rg true true Contributor",
      "data-scientist true true AzureML Data Scientist",
      "key-operator true true Key Lister",
      "reader false false Reader",
      // A role that lists no keys shows no data cell on the account.
      "reader-account false false ",
    ]);
    // Shared Key not known (an adopted account): the same roles, each key's data uncertain (†), not a certain no.
    const unknown = buildAccess(assignments, [WS]).rows;
    expect(unknown.map((r) => `${r.team} ${r.operations.readData} ${r.uncertain!.filter((op) => op.endsWith("Data")).join("+")}`)).to.deep.equal([
      "compute-operator false ",
      "contributor-account false readData+writeData",
      "contributor-rg false readData+writeData",
      "data-scientist false readData+writeData",
      "key-operator false readData+writeData",
      "reader false ",
      "reader-account false ",
    ]);
    // Shared Key off: the keys open nothing, and a control-plane role on the account shows no cell.
    for (const off of [false])
      expect(data(off, assignments), String(off)).to.deep.equal([
        "compute-operator false false AzureML Compute Operator",
        "contributor-account false false ",
        "contributor-rg false false Contributor",
        "data-scientist false false AzureML Data Scientist",
        "key-operator false false ",
        "reader false false Reader",
        "reader-account false false ",
      ]);
  });

  it("ignores a container condition for a key (it opens the whole account), and keeps eligibility and the reading's doubt", () => {
    const PROJECT = { ...WS, dataContainerPrefix: "guid-a", sharedKeyAccess: true };
    const conditioned = buildAccess([{ ...team("ds", RG_K, "Contributor"), containerPrefixes: ["guid-other"] }], [PROJECT]).rows[0];
    expect(conditioned.operations.readData).to.equal(true);
    const [eligible] = buildAccess([team("admins", RG_K, "Owner", { activation: "eligible" })], [PROJECT]).rows;
    expect(eligible.eligibleOperations).to.include.members(["readData", "writeData"]);
    // NotActions "storageAccounts/*/listKeys/action" removes listKeys only under the documented reading of "/*/": the key's data is in doubt.
    const literalOnly = { name: "KeyLister", isCustom: true, assignableScopes: [], permissions: [{ actions: ["Microsoft.Storage/storageAccounts/*/action"], notActions: ["Microsoft.Storage/storageAccounts/*/listKeys/action"], dataActions: [], notDataActions: [] }] };
    const [doubt] = buildAccess([{ principalId: "p", scope: ST, role: literalOnly, label: "doubt" }], [PROJECT]).rows;
    expect([doubt.operations.readData, doubt.uncertain]).to.deep.equal([false, ["readData", "writeData"]]);
    // And the other way round: listKeys only under the documented reading of "storageAccounts/*/listKeys/action".
    const documentedOnly = { ...literalOnly, permissions: [{ actions: ["Microsoft.Storage/storageAccounts/*/listKeys/action"], notActions: [], dataActions: [], notDataActions: [] }] };
    const [doubt2] = buildAccess([{ principalId: "p", scope: ST, role: documentedOnly, label: "doubt" }], [PROJECT]).rows;
    expect([doubt2.operations.readData, doubt2.uncertain]).to.deep.equal([true, ["readData", "writeData"]]);
  });
});

describe("access matrix: eligible (PIM) access", () => {
  const cat = new RoleCatalog();
  const RG_A = "/subscriptions/s/resourceGroups/rg-a";
  const WS = { name: "fraud", id: `${RG_A}/providers/Microsoft.MachineLearningServices/workspaces/w1` };

  it("marks a row whose roles are only eligible, with the operations and roles an activation grants", () => {
    const [row] = buildAccess([{ principalId: "g", scope: RG_A, role: cat.resolve("AzureML Compute Operator")!, label: "ops", activation: "eligible" }], [WS]).rows;
    expect(row.operations.createCompute).to.equal(true);
    expect(row.activation).to.equal("eligible");
    expect(row.eligibleOperations).to.deep.equal(["createCompute", "deleteCompute"]);
    expect(row.eligibleRoles).to.deep.equal(["AzureML Compute Operator"]);
  });

  it("leaves fully active rows as they were (no activation fields)", () => {
    const [row] = buildAccess([{ principalId: "g", scope: RG_A, role: cat.resolve("Reader")!, label: "auditors", activation: "active" }], [WS]).rows;
    expect(row).to.not.have.any.keys("activation", "eligibleOperations", "eligibleRoles");
    const [none] = buildAccess([{ principalId: "g", scope: "/subscriptions/s/resourceGroups/other", role: cat.resolve("Owner")!, label: "x", activation: "eligible" }], [WS]).rows;
    expect(none).to.not.have.any.keys("activation", "eligibleOperations", "eligibleRoles");
  });

  it("counts an operation also granted actively as standing, and a role held both ways as active", () => {
    const rows = buildAccess(
      [
        { principalId: "g", scope: WS.id, role: cat.resolve("AzureML Data Scientist")!, label: "mixed" },
        { principalId: "g", scope: RG_A, role: cat.resolve("Owner")!, label: "mixed", activation: "eligible" },
        { principalId: "h", scope: RG_A, role: cat.resolve("Reader")!, label: "both", activation: "eligible" },
        { principalId: "h", scope: RG_A, role: cat.resolve("Reader")!, label: "both" },
      ],
      [WS],
    ).rows;
    const mixed = rows.find((r) => r.team === "mixed")!;
    expect(mixed.activation).to.equal("eligible");
    expect(mixed.eligibleRoles).to.deep.equal(["Owner"]);
    expect(mixed.eligibleOperations).to.include("writeRoleAssignments");
    expect(mixed.eligibleOperations).to.not.include("submitJob");
    expect(mixed.operations.submitJob).to.equal(true);
    const both = rows.find((r) => r.team === "both")!;
    expect(both).to.not.have.any.keys("activation", "eligibleOperations", "eligibleRoles");
  });

  it("lists eligible-only roles sorted", () => {
    const [row] = buildAccess(
      [
        { principalId: "g", scope: RG_A, role: cat.resolve("Reader")!, label: "x", activation: "eligible" },
        { principalId: "g", scope: RG_A, role: cat.resolve("AzureML Compute Operator")!, label: "x", activation: "eligible" },
      ],
      [WS],
    ).rows;
    expect(row.eligibleRoles).to.deep.equal(["AzureML Compute Operator", "Reader"]);
  });

  it("shows data-plane operations as eligible when the data role is eligible", () => {
    const ST = `${RG_A}/providers/Microsoft.Storage/storageAccounts/st1`;
    const [row] = buildAccess([{ principalId: "g", scope: ST, role: cat.resolve("Storage Blob Data Contributor")!, label: "admins", activation: "eligible" }], [{ ...WS, storageAccountId: ST }]).rows;
    expect(row.eligibleOperations).to.deep.equal(["readData", "writeData"]);
  });

  it("marks eligible cells and roles in Markdown, with a footnote only when some row is eligible", () => {
    const rows = buildAccess(
      [
        { principalId: "g", scope: RG_A, role: cat.resolve("AzureML Compute Operator")!, label: "ops", activation: "eligible" },
        { principalId: "g", scope: WS.id, role: cat.resolve("Reader")!, label: "ops" },
      ],
      [WS],
    ).rows;
    const md = renderMatrixMarkdown(rows);
    expect(md).to.contain("| ops | fraud | AzureML Compute Operator (eligible), Reader | eligible | eligible | no |");
    expect(md.endsWith(`|\n\n${ELIGIBLE_FOOTNOTE}\n`)).to.equal(true);
    expect(ELIGIBLE_SUFFIX).to.equal(" (eligible)");
    expect(ELIGIBLE_FOOTNOTE).to.match(/^eligible: granted only once a member activates the role in Privileged Identity Management \(just in time, for at most the team's maxActivation, with justification and MFA\)/);
    const active = renderMatrixMarkdown(buildAccess([{ principalId: "g", scope: RG_A, role: cat.resolve("AzureML Compute Operator")!, label: "ops" }], [WS]).rows);
    expect(active).to.contain("| ops | fraud | AzureML Compute Operator | yes | yes | no |");
    expect(active).to.not.contain("eligible");
  });

  it("carries eligibility to the per-principal rows and to members: an operation only an activation grants is not standing", () => {
    const report = buildAccess(
      [
        { principalId: "g-ops", scope: RG_A, role: cat.resolve("AzureML Compute Operator")!, label: "ops", activation: "eligible" },
        { principalId: "g-ds", scope: WS.id, role: cat.resolve("AzureML Data Scientist")!, label: "ds" },
        { principalId: "g-read", scope: WS.id, role: cat.resolve("Reader")!, label: "auditors" },
      ],
      [WS],
      {
        memberships: [
          { member: "alice@x", groups: ["g-ops"] },
          { member: "bob@x", groups: ["g-ops", "g-ds"] },
          { member: "carol@x", groups: ["g-read"] },
        ],
      },
    );
    const ops = report.principals.find((p) => p.principal === "g-ops")!;
    expect(ops).to.deep.include({ activation: "eligible", eligibleOperations: ["createCompute", "deleteCompute"], eligibleRoles: ["AzureML Compute Operator"] });
    expect(report.principals.find((p) => p.principal === "g-read")!).to.not.have.any.keys("activation", "eligibleOperations", "eligibleRoles");
    const [alice, bob, carol] = report.members;
    expect(alice).to.deep.include({ activation: "eligible", eligibleOperations: ["createCompute", "deleteCompute"] });
    expect(alice.operations.createCompute).to.equal(true);
    // AzureML Data Scientist (standing) submits jobs but creates no compute: only the compute operations wait for an activation.
    expect(bob.eligibleOperations).to.deep.equal(["createCompute", "deleteCompute"]);
    expect(bob.operations.submitJob).to.equal(true);
    // A standing grant of the same operation through another group makes it standing.
    const [dave] = buildAccess(
      [
        { principalId: "g-ops", scope: RG_A, role: cat.resolve("AzureML Compute Operator")!, label: "ops", activation: "eligible" },
        { principalId: "g-build", scope: WS.id, role: cat.resolve("Contributor")!, label: "builders" },
      ],
      [WS],
      { memberships: [{ member: "dave@x", groups: ["g-ops", "g-build"] }] },
    ).members;
    expect(dave.operations.createCompute).to.equal(true);
    expect(dave).to.not.have.any.keys("activation", "eligibleOperations");
    expect(carol).to.not.have.any.keys("activation", "eligibleOperations");
    const md = renderMatrixMarkdown(report.rows, { members: report.members });
    expect(md).to.contain(`| alice@x | fraud | ops | eligible | eligible | ${KEY_OPERATION_NAMES.slice(2).map(() => "no").join(" | ")} |`);
    expect(md).to.match(/\| carol@x \| fraud \| auditors \| no \| no \|/);
    expect(md.endsWith(`\n\n${ELIGIBLE_FOOTNOTE}\n`)).to.equal(true);
    // Only a member row that is eligible brings the footnote.
    const standing = renderMatrixMarkdown([], { members: [carol] });
    expect(standing).to.not.contain("eligible");
    expect(renderMatrixMarkdown([], { members: [alice] }).endsWith(`${ELIGIBLE_FOOTNOTE}\n`)).to.equal(true);
  });

  it("keeps the uncertainty dagger on an eligible cell", () => {
    const [row] = buildAccess([{ principalId: "g", scope: WS.id, role: cat.resolve("AzureML Data Scientist")!, label: "ds", activation: "eligible" }], [WS]).rows;
    const md = renderMatrixMarkdown([{ ...row, uncertain: ["submitJob"] }]);
    expect(md).to.match(/\| ds \| fraud \| AzureML Data Scientist \(eligible\) \| [^|]+ \| [^|]+ \| [^|]+ \| eligible\u2020 \|/);
  });
});
