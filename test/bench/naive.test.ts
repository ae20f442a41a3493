import { expect } from "chai";
import { naiveAccessMatrix } from "../../bench/naive";
import { syntheticOrganisation } from "../../bench/synthetic";
import { BUILT_IN_ROLES } from "../../rbac/builtinRoles";
import { WorkspaceScope, buildAccessMatrix } from "../../rbac/matrix";

// The RBAC figure's baseline must compute what the engine computes, or the ratio compares different work.
describe("bench/naive: the RBAC matrix baseline", () => {
  it("computes the same matrix as buildAccessMatrix (rows, roles, control and data flags)", () => {
    const org = syntheticOrganisation(400, 7);
    const engine = buildAccessMatrix(org.assignments, org.workspaces);
    const naive = naiveAccessMatrix(org.assignments, org.workspaces);
    expect(naive).to.deep.equal(engine);
    // Not a vacuous match: some cells grant control-plane and some data-plane operations.
    expect(engine.some((r) => r.operations.submitJob)).to.equal(true);
    expect(engine.some((r) => r.operations.readData)).to.equal(true);
    expect(engine.some((r) => r.roles.length === 0)).to.equal(true);
  });

  it("answers a hand-checked organisation as the engine does: inheritance, NotActions, data roles at the storage account", () => {
    const role = (name: string) => BUILT_IN_ROLES.find((r) => r.name === name)!;
    const rg = "/subscriptions/s/resourceGroups/rg";
    const storage = `${rg}/providers/Microsoft.Storage/storageAccounts/sta`;
    const workspaces: WorkspaceScope[] = [
      { name: "a", id: `${rg}/providers/Microsoft.MachineLearningServices/workspaces/a`, storageAccountId: storage, sharedKeyAccess: false },
      { name: "b", id: `/subscriptions/s/resourceGroups/other/providers/Microsoft.MachineLearningServices/workspaces/b`, sharedKeyAccess: false },
    ];
    const assignments = [
      { principalId: "p1", label: "ops", scope: rg.toUpperCase() + "/", role: role("Contributor") },
      { principalId: "p1", label: "ops", scope: storage, role: role("Storage Blob Data Reader") },
      { principalId: "p2", label: "audit", scope: "/subscriptions/s", role: role("Reader") },
    ];
    const naive = naiveAccessMatrix(assignments, workspaces);
    expect(naive).to.deep.equal(buildAccessMatrix(assignments, workspaces));
    const cell = (team: string, ws: string) => naive.find((r) => r.team === team && r.workspace === ws)!;
    expect(cell("ops", "a").operations).to.include({ createCompute: true, writeRoleAssignments: false, readData: true, writeData: false });
    expect(cell("ops", "a").roles).to.deep.equal(["Contributor", "Storage Blob Data Reader"]);
    expect(cell("ops", "b").roles).to.deep.equal([]);
    expect(cell("audit", "b").operations).to.include({ createCompute: false, readData: false });
    expect(cell("audit", "b").roles).to.deep.equal(["Reader"]);
  });
});
