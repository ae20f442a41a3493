// AccessModel's data grants for a team's projects on their hub's storage (components/access/assignments.ts).
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { planAssignments } from "../../../components/access/assignments";
import { AccessModelArgs, TeamArgs } from "../../../components/access/args";
import { RoleCatalog } from "../../../rbac/catalog";

const SUB = "/subscriptions/00000000-0000-4000-8000-000000000001";
const HUB_ST = `${SUB}/resourceGroups/rg-hub/providers/Microsoft.Storage/storageAccounts/sthub`;
const cat = new RoleCatalog();
const target = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  workspaceId: `${SUB}/resourceGroups/rg-${name}/providers/Microsoft.MachineLearningServices/workspaces/${name}`,
  resourceGroupName: `rg-${name}`,
  resourceGroupId: `${SUB}/resourceGroups/rg-${name}`,
  ...extra,
});
const project = (name: string) => target(name, { storageAccountId: HUB_ST, dataContainerPrefix: `guid-${name}`, hub: "hub" });
const plan = (team: Partial<TeamArgs>, workspaces = [target("hub", { storageAccountId: HUB_ST }), project("a"), project("b")]) => {
  const t = { name: "ds", groupObjectId: "11111111-2222-4333-8444-555555555555", role: "Reader", ...team } as TeamArgs;
  const args: AccessModelArgs = { workspaces, teams: [t] } as AccessModelArgs;
  return planAssignments("access", args, [[cat.resolve(t.role!)!]], pulumi.output(SUB)).filter((p) => p.resourceName.includes("-data-"));
};

describe("AccessModel: a team's data on its projects' hub storage", () => {
  it("grants the blob role once per hub, limited to the projects' containers, and the file role beside it, unconditioned", () => {
    const read = plan({ workspaces: ["a", "b"], dataAccess: "read" });
    expect(read.map((p) => `${p.resourceName} ${p.role.name} ${p.containerPrefixes ? "conditioned" : "whole account"} ${p.scopeKey}`)).to.deep.equal([
      "access-ds-data-blob-hub-projects Storage Blob Data Reader conditioned storage-hub",
      "access-ds-data-file-hub-projects Storage File Data Privileged Reader whole account storage-hub",
    ]);
    const write = plan({ workspaces: ["a"], dataAccess: "readWrite" });
    expect(write.map((p) => p.role.name)).to.deep.equal(["Storage Blob Data Contributor", "Storage File Data Privileged Contributor"]);
    expect(write.every((p) => p.scopeKind === "storage" && p.scopeDistinct === false)).to.equal(true);
  });
  it("leaves the file shares out with projectFileShares: false, and grants nothing with dataAccess none", () => {
    expect(plan({ workspaces: ["a"], dataAccess: "read", projectFileShares: false }).map((p) => p.resourceName)).to.deep.equal(["access-ds-data-blob-hub-projects"]);
    expect(plan({ workspaces: ["a"], dataAccess: "read", projectFileShares: true }).map((p) => p.resourceName)).to.have.length(2);
    expect(plan({ workspaces: ["a"], dataAccess: "none" })).to.deep.equal([]);
  });
  it("grants nothing more on the projects of a hub whose whole storage the team already has", () => {
    const withHub = plan({ dataAccess: "read" });
    expect(withHub.map((p) => p.resourceName)).to.deep.equal(["access-ds-data-blob-hub", "access-ds-data-file-hub"]);
  });
});
