import { expect } from "chai";
import { checkAccessModelArgs, customRoleDefinition } from "../../config/accessArgs";
import { PlatformConfigError } from "../../config/errors";
import { LOGICAL_NAME_RULE } from "../../naming";

const G = "11111111-2222-3333-4444-555555555555";
const WS = [{ name: "a", storageAccountId: "st-a" }, { name: "b" }];
const AT = 'AccessModel "m" args';

function issues(teams: any[], customRoles: any[] = [], workspaces: any[] = WS) {
  try {
    checkAccessModelArgs("m", teams, customRoles, workspaces);
  } catch (e) {
    if (e instanceof PlatformConfigError) return e.issues;
    throw e;
  }
  return [];
}
const reader = { name: "ds", groupObjectId: G, role: "Reader" };

describe("checkAccessModelArgs (pure)", () => {
  it("names each team-shape problem by path, rule and value", () => {
    expect(issues([{ ...reader, name: "Bad Name" }])).to.deep.equal([{ path: `${AT}.teams[0].name`, rule: `must be 1-40 characters of ${LOGICAL_NAME_RULE}`, value: "Bad Name" }]);
    expect(issues([{ ...reader, name: "x".repeat(41) }])[0].path).to.equal(`${AT}.teams[0].name`);
    expect(issues([{ ...reader, name: "x".repeat(40) }])).to.deep.equal([]);
    expect(issues([{ ...reader, groupDisplayName: "g" }])).to.deep.equal([{ path: `${AT}.teams[0].groupObjectId`, rule: "use either groupObjectId or groupDisplayName, not both", value: G }]);
    expect(issues([{ name: "ds", createGroup: true, principalObjectId: G, principalType: "User", role: "Reader" }])).to.deep.equal([{ path: `${AT}.teams[0].createGroup`, rule: "needs groupDisplayName for the new group" }]);
    expect(issues([{ ...reader, members: ["a@b.com"] }])).to.deep.equal([{ path: `${AT}.teams[0].members`, rule: "can only be set on a group created here (createGroup: true)", value: ["a@b.com"] }]);
    expect(issues([{ name: "ds", groupDisplayName: "g", createGroup: true, members: "a@b.com", role: "Reader" }])).to.deep.equal([{ path: `${AT}.teams[0].members`, rule: "must be a list of user principal names", value: "a@b.com" }]);
    expect(issues([{ ...reader, scope: "tenant" }])).to.deep.equal([{ path: `${AT}.teams[0].scope`, rule: "must be one of workspace | resourceGroup | subscription", value: "tenant" }]);
    expect(issues([{ ...reader, dataAccess: "all" }])[0]).to.deep.include({ path: `${AT}.teams[0].dataAccess`, value: "all" });
  });
  it("names each custom-role problem", () => {
    expect(issues([reader], [{ name: "", actions: ["*/read"] }])).to.deep.include({ path: `${AT}.customRoles[0].name`, rule: "must not be empty", value: "" });
    expect(issues([reader], [{ name: "R", actions: ["*"], notActions: ["x"], permissions: [{ actions: ["*"] }] }])).to.deep.equal([{ path: `${AT}.customRoles[0].permissions`, rule: "use either permissions or actions, notActions, not both", value: "R" }]);
    expect(issues([reader], [{ name: "R", actions: [] }])).to.deep.equal([{ path: `${AT}.customRoles[0].actions`, rule: "must grant something: a custom role with empty Actions and DataActions is refused", value: "R" }]);
    expect(issues([reader], [{ name: "R", permissions: [] }])[0].path).to.equal(`${AT}.customRoles[0].permissions`);
    // One empty block beside a granting one is fine.
    expect(issues([reader], [{ name: "R", permissions: [{ actions: [] }, { actions: ["x/read"] }] }])).to.deep.equal([]);
    expect(issues([reader], [{ name: "contributor", actions: ["x/read"] }])).to.deep.equal([{ path: `${AT}.customRoles[0].name`, rule: 'names custom role "contributor" like built-in role "Contributor" (any case); rename the custom role', value: "contributor" }]);
  });
  it("refuses data access on a workspace without storage, naming the team's workspaces that lack it", () => {
    expect(issues([{ ...reader, dataAccess: "readWrite" }])).to.deep.equal([
      { path: `${AT}.teams[0].dataAccess`, rule: 'is "readWrite", which needs storageAccountId on workspace b; pass it (WorkspaceStack.accessTarget has it) or set dataAccess: "none"', value: "readWrite" },
    ]);
    expect(issues([{ ...reader, dataAccess: "read", workspaces: ["a"] }])).to.deep.equal([]);
    expect(issues([{ ...reader, role: "AzureML Data Scientist" }], [], [{ name: "a" }, { name: "b" }])[0].rule).to.contain("needs storageAccountId on workspace a, b;");
    expect(issues([reader], [], [{ name: "a" }])).to.deep.equal([]);
  });
  it("a custom role from the args is custom, each block kept or the flat lists as one", () => {
    expect(customRoleDefinition({ name: "R", actions: ["a"] })).to.deep.equal({ name: "R", description: undefined, isCustom: true, permissions: [{ actions: ["a"], notActions: [], dataActions: [], notDataActions: [] }], assignableScopes: [] });
    expect(customRoleDefinition({ name: "R", permissions: [{ dataActions: ["d"] }, {}] }).permissions).to.deep.equal([
      { actions: [], notActions: [], dataActions: ["d"], notDataActions: [] },
      { actions: [], notActions: [], dataActions: [], notDataActions: [] },
    ]);
  });
});
