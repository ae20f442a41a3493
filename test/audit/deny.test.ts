import { expect } from "chai";
import { EVERYONE, LiveDeny, deniedOperations, denyAppliesTo, denyBlocks, denyScopeCovers } from "../../audit/deny";

const RG = "/subscriptions/s/resourceGroups/rg";
const WS = `${RG}/providers/Microsoft.MachineLearningServices/workspaces/w`;
const deny = (over: Partial<LiveDeny> = {}): LiveDeny => ({ id: "d", scope: RG, permissions: [{ actions: ["*"] }], principals: [{ id: EVERYONE }], excludePrincipals: [], ...over });
const noGroups = () => [];

describe("audit/deny: deny assignments over the matrix", () => {
  it("covers its scope and below, on segment boundaries, or only itself when not applied to children", () => {
    expect(denyScopeCovers(RG, WS)).to.equal(true);
    expect(denyScopeCovers(`${RG}/`, RG.toUpperCase())).to.equal(true);
    expect(denyScopeCovers(RG, `${RG}2/providers/x/y/z`)).to.equal(false);
    expect(denyScopeCovers(RG, WS, true)).to.equal(false);
    expect(denyScopeCovers(WS, WS, true)).to.equal(true);
    expect(denyScopeCovers("/", WS)).to.equal(true);
    expect(denyScopeCovers(WS, RG)).to.equal(false);
  });
  it("above the subscriptions, covers what is in the subscriptions it was listed for, unless only itself", () => {
    const MG = "/providers/Microsoft.Management/managementGroups/mg";
    const sub = /^\/subscriptions\/([^/]+)/.exec(RG)![1];
    expect(denyScopeCovers(MG, WS, false, [sub.toUpperCase()])).to.equal(true);
    expect(denyScopeCovers(MG, WS, false, ["other"])).to.equal(false);
    expect(denyScopeCovers(MG, WS)).to.equal(false);
    expect(denyScopeCovers(MG, WS, true, [sub])).to.equal(false);
    expect(denyScopeCovers(MG, "/providers/Microsoft.Management/managementGroups/other", false, [sub])).to.equal(false);
    // A subscription's own scope is read from its path, never from the list.
    expect(denyScopeCovers("/subscriptions/x", WS, false, [sub])).to.equal(false);
  });
  it("compares scopes case- and trailing-slash-blind, the root covering all", () => {
    expect(denyScopeCovers(`${RG.toUpperCase()}//`, `${RG}/providers/a/b/c`)).to.equal(true);
    expect(denyScopeCovers(RG, `${RG.toUpperCase()}/`, true)).to.equal(true);
    expect(denyScopeCovers("", WS)).to.equal(true);
    expect(denyScopeCovers("/subscriptions/s/resourceGroups/r", "/subscriptions/s/resourceGroups/rg")).to.equal(false);
  });
  it("names only the deny assignments that block the operation, sorted, and tells data from control actions", () => {
    const a = deny({ id: "z", permissions: [{ actions: ["Microsoft.MachineLearningServices/workspaces/computes/write"] }] });
    const b = deny({ id: "a", permissions: [{ actions: ["Microsoft.MachineLearningServices/workspaces/computes/*"] }] });
    const other = deny({ id: "m", permissions: [{ actions: ["Microsoft.Storage/*"] }] });
    expect(deniedOperations([a, other, b], "u", WS, ["createCompute"], noGroups)).to.deep.equal({ denied: ["createCompute"], maybe: [], by: ["a", "z"] });
    // readData is a data action: a deny of actions only does not block it, nor a deny of data actions a control operation.
    const controlOnly = deny({ permissions: [{ actions: ["*"] }] });
    expect(deniedOperations([controlOnly], "u", WS, ["readData", "writeData"], noGroups).denied).to.deep.equal([]);
    const dataOnly = deny({ permissions: [{ dataActions: ["*"] }] });
    expect(deniedOperations([dataOnly], "u", WS, ["submitJob", "writeData"], noGroups).denied).to.deep.equal(["writeData"]);
    // One conditional permission block among others makes the whole assignment conditional.
    const mixed = deny({ permissions: [{ actions: ["a/b"] }, { actions: ["*"], condition: "c" }] });
    expect(deniedOperations([mixed], "u", WS, ["createCompute"], noGroups)).to.deep.equal({ denied: [], maybe: ["createCompute"], by: [] });
    // A permission block without lists blocks nothing.
    expect(denyBlocks(deny({ permissions: [{}] }), "x/y", false)).to.equal(false);
    expect(denyBlocks(deny({ permissions: [{}] }), "x/y", true)).to.equal(false);
    // Every principal listed must not be needed: one match applies.
    expect(denyAppliesTo(deny({ principals: [{ id: "other" }, { id: "u" }] }), "U", noGroups)).to.equal(true);
  });
  it("applies to named principals, their groups' members and Everyone, less exclusions direct or by group", () => {
    const groupsOf = (id: string) => (id === "u1" ? ["g1"] : []);
    expect(denyAppliesTo(deny(), "anyone", noGroups)).to.equal(true);
    expect(denyAppliesTo(deny({ principals: [{ id: "U1" }] }), "u1", noGroups)).to.equal(true);
    expect(denyAppliesTo(deny({ principals: [{ id: "g1" }] }), "u1", groupsOf)).to.equal(true);
    expect(denyAppliesTo(deny({ principals: [{ id: "g1" }] }), "u2", groupsOf)).to.equal(false);
    expect(denyAppliesTo(deny({ excludePrincipals: [{ id: "u1" }] }), "u1", noGroups)).to.equal(false);
    expect(denyAppliesTo(deny({ excludePrincipals: [{ id: "G1" }] }), "u1", groupsOf)).to.equal(false);
  });
  it("blocks actions or data actions by pattern, sparing notActions", () => {
    const d = deny({ permissions: [{ actions: ["Microsoft.MachineLearningServices/*"], notActions: ["Microsoft.MachineLearningServices/workspaces/jobs/*"], dataActions: ["Microsoft.Storage/*/read"] }] });
    expect(denyBlocks(d, "Microsoft.MachineLearningServices/workspaces/computes/write", false)).to.equal(true);
    expect(denyBlocks(d, "Microsoft.MachineLearningServices/workspaces/jobs/write", false)).to.equal(false);
    expect(denyBlocks(d, "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read", true)).to.equal(true);
    expect(denyBlocks(d, "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read", false)).to.equal(false);
    expect(denyBlocks(deny({ permissions: [{ dataActions: ["*"], notDataActions: ["Microsoft.Storage/*"] }] }), "Microsoft.Storage/x/read", true)).to.equal(false);
  });
  it("denies an operation only when every string that performs it is blocked; a conditional deny leaves it uncertain", () => {
    const models = deny({ id: "m", permissions: [{ actions: ["Microsoft.MachineLearningServices/workspaces/models/write"] }] });
    expect(deniedOperations([models], "u", WS, ["registerModel"], noGroups)).to.deep.equal({ denied: [], maybe: [], by: [] });
    const both = deny({ id: "b", permissions: [{ actions: ["Microsoft.MachineLearningServices/workspaces/models/*"] }] });
    expect(deniedOperations([both], "u", WS, ["registerModel", "submitJob", "notAnOperation"], noGroups)).to.deep.equal({ denied: ["registerModel"], maybe: [], by: ["b"] });
    const split = [deny({ id: "x", permissions: [{ actions: ["Microsoft.MachineLearningServices/workspaces/models/write"] }] }), deny({ id: "y", permissions: [{ actions: ["Microsoft.MachineLearningServices/workspaces/models/versions/write"] }] })];
    expect(deniedOperations(split, "u", WS, ["registerModel"], noGroups)).to.deep.equal({ denied: ["registerModel"], maybe: [], by: ["x", "y"] });
    const conditional = deny({ id: "c", condition: "@Resource[x] StringEquals 'y'" });
    expect(deniedOperations([conditional], "u", WS, ["createCompute"], noGroups)).to.deep.equal({ denied: [], maybe: ["createCompute"], by: [] });
    const permissionCondition = deny({ id: "p", permissions: [{ actions: ["*"], condition: "x" }] });
    expect(deniedOperations([permissionCondition], "u", WS, ["createCompute"], noGroups).maybe).to.deep.equal(["createCompute"]);
    expect(deniedOperations([deny({ scope: `${RG}/providers/x/y/other` })], "u", WS, ["createCompute"], noGroups).denied).to.deep.equal([]);
    expect(deniedOperations([deny({ principals: [{ id: "v" }] })], "u", WS, ["createCompute"], noGroups).denied).to.deep.equal([]);
    expect(deniedOperations([deny({ permissions: [{ dataActions: ["*"] }] })], "u", `${RG}/providers/Microsoft.Storage/storageAccounts/st`, ["readData", "createCompute"], noGroups).denied).to.deep.equal(["readData"]);
  });
});
