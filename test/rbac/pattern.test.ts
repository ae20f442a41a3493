import { expect } from "chai";
import { compilePattern, matchesAny, matchesPattern } from "../../rbac/pattern";
import { allowsUnder, grantUnder, grantsRoleAssignmentWrite, verdict } from "../../rbac/engine";
import { RoleDefinition } from "../../rbac/types";

const role = (actions: string[], notActions: string[] = []): RoleDefinition => ({
  name: "r",
  isCustom: true,
  assignableScopes: [],
  permissions: [{ actions, notActions, dataActions: [], notDataActions: [] }],
});

describe("wildcard readings of a whole '/*/' segment", () => {
  it("documented: '/*/' also matches a single '/', and any deeper path", () => {
    expect(matchesPattern("a/*/write", "a/write")).to.equal(true);
    expect(matchesPattern("a/*/write", "a/write", "documented")).to.equal(true);
    expect(matchesPattern("a/*/write", "a/b/write", "documented")).to.equal(true);
    expect(matchesPattern("a/*/write", "a/b/c/write", "documented")).to.equal(true);
    expect(matchesPattern("a/*/write", "a/bwrite", "documented")).to.equal(false);
    expect(matchesPattern("a/*/write", "ab/write", "documented")).to.equal(false);
  });
  it("literal: '*' is any run of characters and nothing more, so 'a/*/write' needs something between the slashes", () => {
    expect(matchesPattern("a/*/write", "a/write", "literal")).to.equal(false);
    expect(matchesPattern("a/*/write", "a/b/write", "literal")).to.equal(true);
    expect(matchesPattern("a/*/write", "a/b/c/write", "literal")).to.equal(true);
    expect(matchesPattern("a/*/write", "a//write", "literal")).to.equal(true);
    expect(matchesPattern("a/*/write", "ab/write", "literal")).to.equal(false);
  });
  it("agrees on patterns without a whole-segment '*': trailing '*', '*' inside a segment, case, surrounding space", () => {
    for (const reading of ["documented", "literal"] as const) {
      expect(matchesPattern("Microsoft.Storage/*", "microsoft.storage/storageAccounts/read", reading)).to.equal(true);
      expect(matchesPattern("*", "anything/at/all", reading)).to.equal(true);
      expect(matchesPattern("a/list*/action", "a/listKeys/action", reading)).to.equal(true);
      expect(matchesPattern(" A/B/Read ", "a/b/read", reading)).to.equal(true);
      expect(matchesPattern("a/b.c/read", "a/bxc/read", reading)).to.equal(false);
      expect(matchesPattern("a/b", "a/b/c", reading)).to.equal(false);
      expect(matchesPattern("a/b", "x/a/b", reading)).to.equal(false);
    }
  });
  it("caches each reading apart: compiling under one reading never answers for the other", () => {
    expect(compilePattern("q/*/w", "documented").test("q/w")).to.equal(true);
    expect(compilePattern("q/*/w", "literal").test("q/w")).to.equal(false);
    expect(compilePattern("q/*/w", "documented").test("q/w")).to.equal(true);
    expect(compilePattern("q/*/w")).to.equal(compilePattern("q/*/w", "documented"));
  });
  it("matchesAny passes the reading on", () => {
    expect(matchesAny(["x", "a/*/write"], "a/write", "literal")).to.equal(false);
    expect(matchesAny(["x", "a/*/write"], "a/write", "documented")).to.equal(true);
    expect(matchesAny([], "a/write")).to.equal(false);
  });
});

describe("verdicts under both readings", () => {
  const seedLike = role(["*"], ["Microsoft.MachineLearningServices/workspaces/computes/*/write"]);
  const COMPUTE_WRITE = "Microsoft.MachineLearningServices/workspaces/computes/write";
  it("a NotActions '/*/' subtracts computes/write only under the documented reading", () => {
    expect(allowsUnder(seedLike, COMPUTE_WRITE)).to.deep.equal({ documented: false, literal: true });
    expect(verdict({ documented: false, literal: true }, "documented")).to.equal(false);
    expect(verdict({ documented: false, literal: true }, "strict")).to.equal(true);
    expect(verdict({ documented: true, literal: false }, "strict")).to.equal(true);
    expect(verdict({ documented: true, literal: false }, "documented")).to.equal(true);
    expect(verdict({ documented: false, literal: false }, "strict")).to.equal(false);
  });
  it("an Actions '/*/' grants workspaces/delete only under the documented reading", () => {
    expect(allowsUnder(role(["Microsoft.MachineLearningServices/workspaces/*/delete"]), "Microsoft.MachineLearningServices/workspaces/delete")).to.deep.equal({ documented: true, literal: false });
  });
  it("takes a list of operation strings: any of them granted counts", () => {
    expect(allowsUnder(role(["a/b/write"]), ["a/c/write", "a/b/write"])).to.deep.equal({ documented: true, literal: true });
    expect(allowsUnder(role(["a/b/write"]), ["a/c/write"])).to.deep.equal({ documented: false, literal: false });
  });
  it("grantUnder names the pattern, and marks a grant only the literal reading makes", () => {
    expect(grantUnder(seedLike, COMPUTE_WRITE, "documented")).to.equal(undefined);
    expect(grantUnder(seedLike, COMPUTE_WRITE, "strict")).to.deep.equal({ pattern: "*", literalOnly: true });
    expect(grantUnder(role(["x/*"]), "x/y", "strict")).to.deep.equal({ pattern: "x/*", literalOnly: false });
    expect(grantUnder(role(["x/*"]), "z/y", "strict")).to.equal(undefined);
    expect(grantUnder(role([], []), "z/y", "documented")).to.equal(undefined);
  });
  it("privilege escalation: Authorization/*/write minus roleAssignments/*/write still writes role assignments under the literal reading", () => {
    const sneaky = role(["Microsoft.Authorization/*/write"], ["Microsoft.Authorization/roleAssignments/*/write"]);
    expect(grantsRoleAssignmentWrite(sneaky, "documented")).to.equal(false);
    expect(grantsRoleAssignmentWrite(sneaky, "strict")).to.equal(true);
    expect(grantsRoleAssignmentWrite(sneaky)).to.equal(true);
    const explicit = role(["Microsoft.Authorization/*/write"], ["Microsoft.Authorization/roleAssignments/write"]);
    expect(grantsRoleAssignmentWrite(explicit)).to.equal(false);
  });
});

describe("granting pattern across blocks and planes", () => {
  it("looks past a block that neither grants nor denies", () => {
    const two: RoleDefinition = { name: "t", isCustom: true, assignableScopes: [], permissions: [
      { actions: ["y/*"], notActions: [], dataActions: [], notDataActions: [] },
      { actions: ["x/*"], notActions: [], dataActions: [], notDataActions: [] },
    ] };
    expect(grantUnder(two, "x/a", "documented")).to.deep.equal({ pattern: "x/*", literalOnly: false });
  });
  it("grantUnder keeps the data plane under both readings", () => {
    const data: RoleDefinition = { name: "d", isCustom: true, assignableScopes: [], permissions: [{ actions: [], notActions: [], dataActions: ["s/blobs/*"], notDataActions: [] }] };
    expect(grantUnder(data, "s/blobs/read", "documented", { dataAction: true })).to.deep.equal({ pattern: "s/blobs/*", literalOnly: false });
    expect(grantUnder(data, "s/blobs/read", "strict")).to.equal(undefined);
    const dataSegment: RoleDefinition = { ...data, permissions: [{ actions: [], notActions: [], dataActions: ["s/*/read"], notDataActions: [] }] };
    expect(grantUnder(dataSegment, "s/read", "strict", { dataAction: true })).to.deep.equal({ pattern: "s/*/read", literalOnly: false });
  });
});
