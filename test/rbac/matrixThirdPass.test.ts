// Issue 32 (access verdict, third pass): what an independent evaluator disagreed on, one spec each.
import { expect } from "chai";
import { RoleCatalog } from "../../rbac/catalog";
import { buildAccess, renderMatrixMarkdown } from "../../rbac/matrix";
import { Assignment, RoleDefinition } from "../../rbac/types";

const cat = new RoleCatalog();
const RG = "/subscriptions/s/resourceGroups/rg-a";
const ST = `${RG}/providers/Microsoft.Storage/storageAccounts/sta`;
const WS = { name: "fraud", id: `${RG}/providers/Microsoft.MachineLearningServices/workspaces/fraud`, storageAccountId: ST, sharedKeyAccess: false as const };
const custom = (name: string, actions: string[], notActions: string[] = []): RoleDefinition => ({ name, isCustom: true, assignableScopes: [], permissions: [{ actions, notActions, dataActions: [], notDataActions: [] }] });
const grant = (principalId: string, role: RoleDefinition, extra: Partial<Assignment> = {}): Assignment => ({ principalId, scope: WS.id, role, label: principalId, ...extra });

describe("access matrix, third pass: eligible against standing under both readings of /*/ (5)", () => {
  // Standing: workspaces/* minus computes/*/write, which removes computes/write only under the documented reading.
  const standing = custom("Almost everything", ["Microsoft.MachineLearningServices/workspaces/*"], ["Microsoft.MachineLearningServices/workspaces/computes/*/write"]);
  const operator = cat.resolve("AzureML Compute Operator")!;
  const report = buildAccess([grant("g", standing), grant("g", operator, { activation: "eligible" })], [WS], { memberships: [{ member: "alice", groups: ["g"] }] });

  it("shows createCompute eligible (documented) and uncertain: under the literal reading the standing role already grants it", () => {
    const [row] = report.rows;
    expect(row.operations.createCompute).to.equal(true);
    expect(row.eligibleOperations).to.include("createCompute");
    expect(row.uncertain).to.include("createCompute");
    // deleteCompute is eligible under both readings (no whole-segment * removes it): certain.
    expect(row.uncertain).not.to.include("deleteCompute");
  });
  it("gives the same answer per member (computed from the group's cells, not from the rendered row)", () => {
    const [alice] = report.members;
    expect([alice.operations.createCompute, alice.eligibleOperations, alice.uncertain.includes("createCompute")]).to.deep.equal([true, report.rows[0].eligibleOperations, true]);
  });
  it("is certain when the readings agree: eligible alone, or standing alone", () => {
    const eligibleOnly = buildAccess([grant("g", operator, { activation: "eligible" })], [WS]).rows[0];
    expect([eligibleOnly.eligibleOperations, eligibleOnly.uncertain]).to.deep.equal([["createCompute", "deleteCompute"], []]);
    const contributor = buildAccess([grant("g", cat.resolve("Contributor")!), grant("g", operator, { activation: "eligible" })], [WS]).rows[0];
    expect([contributor.operations.createCompute, contributor.uncertain!.includes("createCompute")]).to.deep.equal([true, false]);
    expect(contributor.eligibleOperations).to.deep.equal([]);
  });
  it("is uncertain where a reach that rests on an unknown fact would make an eligible operation standing, not where it too is eligible", () => {
    const MG = "/providers/Microsoft.Management/managementGroups/mg";
    const contributor = cat.resolve("Contributor")!;
    const standingMaybe = buildAccess([grant("g", operator, { activation: "eligible" }), grant("g", contributor, { scope: MG })], [WS]).rows[0];
    expect([standingMaybe.eligibleOperations, standingMaybe.uncertain!.includes("createCompute")]).to.deep.equal([["createCompute", "deleteCompute"], true]);
    const eligibleMaybe = buildAccess([grant("g", operator, { activation: "eligible" }), grant("g", contributor, { scope: MG, activation: "eligible" })], [WS]).rows[0];
    expect(eligibleMaybe.uncertain!.includes("createCompute")).to.equal(false);
  });
  it("a member whose two groups settle each other's doubt is certain (union per reading)", () => {
    const both = buildAccess([grant("g1", standing), grant("g2", cat.resolve("Contributor")!)], [WS], { memberships: [{ member: "bob", groups: ["g1", "g2"] }] });
    expect(both.rows.find((r) => r.team === "g1")!.uncertain).to.include("createCompute");
    expect(both.members[0].uncertain).not.to.include("createCompute");
  });
});

describe("access matrix, third pass: routes to the storage keys (8, adopted Shared Key)", () => {
  const listKeys = custom("Workspace keys", ["Microsoft.MachineLearningServices/workspaces/listKeys/action"]);
  const row = (sharedKeyAccess: boolean | "maybe" | undefined) =>
    buildAccess([grant("p", listKeys)], [{ ...WS, ...(sharedKeyAccess === undefined ? { sharedKeyAccess: undefined } : { sharedKeyAccess }) }]).rows[0];

  it("counts workspaces/listKeys/action as a possible route where Shared Key is on (the response may carry the storage key, or null): uncertain", () => {
    expect([row(true).operations.readData, row(true).uncertain]).to.deep.equal([false, ["readData", "writeData"]]);
    expect(row(true).roles).to.deep.equal(["Workspace keys"]);
  });
  it("is no route where Shared Key is off", () => {
    expect([row(false).operations.readData, row(false).uncertain]).to.deep.equal([false, []]);
  });
  it("takes an account whose Shared Key setting is not known as possibly on: listStorageAccountKeys' data is uncertain, not no", () => {
    const lister = custom("Lister", ["Microsoft.MachineLearningServices/workspaces/listStorageAccountKeys/action"]);
    for (const unknown of ["maybe", undefined] as const) {
      const [r] = buildAccess([grant("p", lister)], [{ ...WS, sharedKeyAccess: unknown }]).rows;
      expect([r.operations.readData, r.uncertain], String(unknown)).to.deep.equal([false, ["readData", "writeData"]]);
    }
    const [on] = buildAccess([grant("p", lister)], [{ ...WS, sharedKeyAccess: true }]).rows;
    expect([on.operations.readData, on.uncertain]).to.deep.equal([true, []]);
  });
});

describe("access matrix, third pass: a workspace and a registry of one name (4)", () => {
  const REG = `${RG}/providers/Microsoft.MachineLearningServices/registries/fraud`;
  const targets = [WS, { name: "fraud", id: REG, kind: "registry" as const }, { name: "hub", id: `${RG}/providers/Microsoft.MachineLearningServices/workspaces/hub`, kind: "hub" as const, sharedKeyAccess: false as const }];
  const report = buildAccess([{ principalId: "g", scope: RG, role: cat.resolve("AzureML Registry User")!, label: "t" }, { principalId: "g", scope: WS.id, role: cat.resolve("AzureML Data Scientist")!, label: "t" }], targets, {
    memberships: [{ member: "alice", groups: ["g"] }],
  });

  it("gives every row its kind, so the two rows named fraud are told apart (by name, then kind)", () => {
    const order = ["fraud/registry", "fraud/workspace", "hub/hub"];
    expect(report.rows.map((r) => `${r.workspace}/${r.kind}`)).to.deep.equal(order);
    expect(report.principals.map((p) => `${p.workspace}/${p.kind}`)).to.deep.equal(order);
    expect(report.members.map((m) => `${m.workspace}/${m.kind}`)).to.deep.equal(order);
  });
  it("keeps registry operations on the registry's member row and workspace operations on the workspace's", () => {
    const [reg, ws] = report.members;
    expect([ws.operations.submitJob, ws.operations.readRegistryAssets]).to.deep.equal([true, false]);
    expect([reg.operations.submitJob, reg.operations.readRegistryAssets]).to.deep.equal([false, true]);
    const md = renderMatrixMarkdown(report.rows, { members: report.members });
    expect(md).to.contain("| alice | fraud (registry) |");
    expect(md).to.contain("| t | fraud (registry) |");
  });
});

describe("access matrix, third pass: a condition the caller cannot compare is uncertain (7)", () => {
  it("grants the data operation for sure, not at all, or uncertainly, as the dataCondition says per operation", () => {
    const reader = cat.resolve("Storage Blob Data Contributor")!;
    const [row] = buildAccess([{ principalId: "p", scope: ST, role: reader, label: "t" }], [WS], {
      dataCondition: (_a, _w, op) => (op === "readData" ? "maybe" : true),
    }).rows;
    expect([row.operations.readData, row.operations.writeData, row.uncertain]).to.deep.equal([false, true, ["readData"]]);
  });
});

describe("access matrix, third pass: a role held actively is not eligible, however surely it reaches", () => {
  it("shows an active grant that only may reach the target (a management group) as uncertain, not as eligible", () => {
    const MG = "/providers/Microsoft.Management/managementGroups/mg";
    const [row] = buildAccess([grant("g", cat.resolve("Reader")!, { scope: MG })], [WS]).rows;
    expect(row.roles).to.deep.equal(["Reader"]);
    expect(row).not.to.have.any.keys("activation", "eligibleRoles", "eligibleOperations");
    const [eligible] = buildAccess([grant("g", cat.resolve("Reader")!, { scope: MG, activation: "eligible" })], [WS]).rows;
    expect(eligible).to.deep.include({ activation: "eligible", eligibleRoles: ["Reader"] });
  });
});

