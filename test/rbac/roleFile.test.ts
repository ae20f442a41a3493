import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PlatformConfigError } from "../../core/errors";
import { ROLE_FILE_MAX_BYTES, loadRoleDefinitionFile, parseRoleDefinition } from "../../rbac/roleFile";
import { isPlaceholderScope } from "../../rbac/engine";

const SCOPE = ["/subscriptions/00000000-0000-4000-8000-000000000001"];
const rejectionOf = (fn: () => unknown): PlatformConfigError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof PlatformConfigError) return e;
    throw e;
  }
  throw new Error("expected a PlatformConfigError");
};

describe("role files as az reads them", () => {
  it("reads the create shape whatever the case of each key's first letter, as az does", () => {
    const pascal = parseRoleDefinition({ Name: "R", Actions: ["a/read"], NotActions: ["a/x/read"], DataActions: ["d/read"], NotDataActions: ["d/x/read"], AssignableScopes: SCOPE }, "r.json");
    const camel = parseRoleDefinition({ name: "R", actions: ["a/read"], notActions: ["a/x/read"], dataActions: ["d/read"], notDataActions: ["d/x/read"], assignableScopes: SCOPE }, "r.json");
    expect(camel).to.deep.equal(pascal);
    expect(pascal.permissions).to.deep.equal([{ actions: ["a/read"], notActions: ["a/x/read"], dataActions: ["d/read"], notDataActions: ["d/x/read"] }]);
    expect(pascal.isCustom).to.equal(true);
  });

  it("reads the `az role definition list` shape: roleName is the name, name the GUID, permissions nested", () => {
    const r = parseRoleDefinition(
      [{ roleName: "Listed", name: "5A1D4C1E-0000-4000-8000-00000000E5C1", roleType: "CustomRole", permissions: [{ actions: ["*/read"], notActions: [] }, { actions: [], dataActions: ["d/read"] }], assignableScopes: SCOPE }],
      "list.json",
    );
    expect(r).to.deep.include({ name: "Listed", id: "5a1d4c1e-0000-4000-8000-00000000e5c1", isCustom: true });
    expect(r.permissions).to.deep.equal([
      { actions: ["*/read"], notActions: [], dataActions: [], notDataActions: [] },
      { actions: [], notActions: [], dataActions: ["d/read"], notDataActions: [] },
    ]);
    expect(parseRoleDefinition({ RoleName: "B", RoleType: "BuiltInRole", Permissions: [{ Actions: ["*"] }], AssignableScopes: ["/"] }, "b.json").isCustom).to.equal(false);
  });

  it("refuses an action string with more than one '*', naming the file, the place and the action", () => {
    const e = rejectionOf(() => parseRoleDefinition({ Name: "R", Actions: ["Microsoft.*/*/read"], NotActions: ["ok/*"], AssignableScopes: SCOPE }, "two-stars.json"));
    expect(e.issues).to.deep.equal([{ path: "two-stars.json#permissions.0.actions.0", rule: "must contain at most one '*' (Azure refuses the role: \"Only one is allowed\")", value: "Microsoft.*/*/read" }]);
    expect(() => parseRoleDefinition({ Name: "R", Actions: ["Microsoft.Storage/*"], AssignableScopes: SCOPE }, "one.json")).to.not.throw();
  });

  it("refuses ABAC conditions instead of evaluating a conditional grant as unconditional", () => {
    expect(() => parseRoleDefinition({ roleName: "C", permissions: [{ actions: ["*"], condition: "@Resource[x] == 'y'" }], assignableScopes: SCOPE }, "c.json")).to.throw(/c\.json#permissions: carries an ABAC condition/);
    expect(() => parseRoleDefinition({ Name: "C", Actions: ["*"], Condition: "x", AssignableScopes: SCOPE }, "c.json")).to.throw(/c\.json#condition: carries an ABAC condition/);
  });

  it("recognises placeholder scopes copied from the docs", () => {
    expect(isPlaceholderScope("/subscriptions/<subscription_id>/resourceGroups/x")).to.equal(true);
    expect(isPlaceholderScope("/subscriptions/{subscriptionId}")).to.equal(true);
    expect(isPlaceholderScope(SCOPE[0])).to.equal(false);
  });
});

describe("role files stay inside the project", () => {
  let project: string;
  before(() => {
    project = fs.mkdtempSync(path.join(os.tmpdir(), "azml-roles-"));
    fs.mkdirSync(path.join(project, "roles"));
    fs.writeFileSync(path.join(project, "roles", "ok.json"), JSON.stringify({ Name: "Ok", Actions: ["*/read"], AssignableScopes: SCOPE }));
    fs.writeFileSync(path.join(project, "secret.txt"), "root:*:20210:0:99999:7:::\n");
    fs.symlinkSync(path.join(project, "secret.txt"), path.join(project, "roles", "inside-link.json"));
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), "azml-outside-"));
    fs.writeFileSync(path.join(outside, "role.json"), JSON.stringify({ Name: "Out", Actions: ["*"], AssignableScopes: SCOPE }));
    fs.symlinkSync(path.join(outside, "role.json"), path.join(project, "roles", "escape.json"));
    fs.writeFileSync(path.join(project, "roles", "big.json"), " ".repeat(ROLE_FILE_MAX_BYTES + 1));
  });
  const load = (file: string) => loadRoleDefinitionFile(file, project, "azureml-platform:customRoles[0].file");
  const issue = (file: string) => rejectionOf(() => load(file)).issues[0];

  it("reads a relative file inside the project", () => expect(load("roles/ok.json").name).to.equal("Ok"));
  it("refuses an absolute path", () => expect(issue("/etc/passwd")).to.deep.include({ path: "azureml-platform:customRoles[0].file", rule: "custom role file must be a path relative to the project directory", value: "/etc/passwd" }));
  it("refuses a '..' escape", () => expect(issue("../../etc/passwd").rule).to.match(/must stay inside the project directory|must exist/));
  it("refuses a symlink that leaves the project", () => expect(issue("roles/escape.json").rule).to.equal("custom role file must stay inside the project directory (no '..' or symlink leaving it)"));
  it("refuses a file over 1 MiB without reading it", () => expect(issue("roles/big.json").rule).to.equal(`custom role file must be at most 1 MiB (it has ${ROLE_FILE_MAX_BYTES + 1} bytes)`));
  it("never quotes the content of a file that is not JSON", () => {
    const e = rejectionOf(() => load("roles/inside-link.json"));
    expect(e.message).to.not.contain("root");
    expect(e.message).to.not.contain("20210");
    expect(e.issues[0].rule).to.match(/^custom role file must be valid JSON \(malformed JSON( at line \d+, column \d+)?\)$/);
  });
  it("gives the position of a JSON error, not the text around it", () => {
    fs.writeFileSync(path.join(project, "roles", "broken.json"), '{\n  "Name": "x",\n  "Actions": [secret-token]\n}');
    const e = rejectionOf(() => load("roles/broken.json"));
    expect(e.message).to.not.contain("secret-token");
    expect(e.issues[0].rule).to.match(/^custom role file must be valid JSON \(malformed JSON( at line 3, column \d+)?\)$/);
  });
});

describe("role files: shapes at the edges", () => {
  const S = ["/subscriptions/00000000-0000-4000-8000-000000000001"];
  it("unwraps a one-element list (what az role definition list prints for one role), refuses a longer one", () => {
    expect(parseRoleDefinition([{ roleName: "A", permissions: [{ actions: ["*/read"] }], assignableScopes: S }], "l.json").name).to.equal("A");
    expect(() => parseRoleDefinition([{ Name: "A", AssignableScopes: S }, { Name: "B", AssignableScopes: S }], "two.json")).to.throw(PlatformConfigError);
  });
  it("keeps a role GUID only when it is one, lower-cased, in both shapes", () => {
    expect(parseRoleDefinition({ Name: "A", Id: "ABCDEF01-0000-4000-8000-00000000E5C1", AssignableScopes: S }, "a.json").id).to.equal("abcdef01-0000-4000-8000-00000000e5c1");
    expect(parseRoleDefinition({ Name: "A", Id: "not-a-guid", AssignableScopes: S }, "a.json").id).to.equal(undefined);
    expect(parseRoleDefinition({ roleName: "A", name: "Reader", permissions: [{}], assignableScopes: S }, "a.json").id).to.equal(undefined);
  });
  it("fills missing permission lists with [] and keeps IsCustom as written", () => {
    const r = parseRoleDefinition({ Name: "A", IsCustom: false, AssignableScopes: S }, "a.json");
    expect(r.permissions).to.deep.equal([{ actions: [], notActions: [], dataActions: [], notDataActions: [] }]);
    expect(r.isCustom).to.equal(false);
    expect(parseRoleDefinition({ roleName: "A", permissions: [{}], assignableScopes: S }, "a.json").permissions).to.deep.equal([{ actions: [], notActions: [], dataActions: [], notDataActions: [] }]);
  });
  it("accepts an empty or null condition (no ABAC), refuses a real one", () => {
    expect(parseRoleDefinition({ roleName: "A", permissions: [{ actions: ["*/read"], condition: null, conditionVersion: null }], assignableScopes: S }, "a.json").name).to.equal("A");
    expect(parseRoleDefinition({ roleName: "A", permissions: [{ actions: ["*/read"], condition: "" }], assignableScopes: S }, "a.json").name).to.equal("A");
    expect(parseRoleDefinition({ Name: "A", Condition: null, AssignableScopes: S }, "a.json").name).to.equal("A");
    expect(() => parseRoleDefinition({ roleName: "A", permissions: [{ actions: ["*/read"] }, { actions: [], condition: "x" }], assignableScopes: S }, "a.json")).to.throw(/ABAC/);
  });
  it("needs at least one assignable scope, and names the field in az's spelling without zod's prefix", () => {
    const e = rejectionOf(() => parseRoleDefinition({ Name: "A", AssignableScopes: [] }, "a.json"));
    expect(e.issues.map((i) => i.path)).to.deep.equal(["a.json#assignableScopes"]);
    expect(e.issues[0].rule).to.not.match(/^Invalid input/);
    const whole = rejectionOf(() => parseRoleDefinition("just a string", "s.json"));
    expect(whole.issues[0].path).to.equal("s.json");
  });
  it("reads the list shape's several assignable scopes and its roleType", () => {
    const two = [...S, "/subscriptions/00000000-0000-4000-8000-000000000002"];
    const listed = parseRoleDefinition({ roleName: "A", roleType: "CustomRole", permissions: [{ actions: ["*/read"] }], assignableScopes: two }, "a.json");
    expect(listed.assignableScopes).to.deep.equal(two);
    expect(listed.isCustom).to.equal(true);
    expect(parseRoleDefinition({ roleName: "A", permissions: [{}], assignableScopes: S }, "a.json").isCustom, "no roleType: a custom role").to.equal(true);
    expect(parseRoleDefinition({ roleName: "Reader", roleType: "BuiltInRole", permissions: [{ actions: ["*/read"] }], assignableScopes: ["/"] }, "r.json").isCustom).to.equal(false);
  });
  it("accepts an empty Condition in the create shape too", () =>
    expect(parseRoleDefinition({ Name: "A", Condition: "", Actions: ["*/read"], AssignableScopes: S }, "a.json").permissions[0].actions).to.deep.equal(["*/read"]));
  it("names what the list shape misses instead of failing on it", () => {
    const e = rejectionOf(() => parseRoleDefinition({ roleName: "A", assignableScopes: S }, "a.json"));
    expect(e.issues.map((i) => i.path)).to.deep.equal(["a.json#permissions"]);
  });
  it("counts stars per action string: one is fine anywhere, two are refused in every list", () => {
    for (const field of ["Actions", "NotActions", "DataActions", "NotDataActions"]) {
      expect(() => parseRoleDefinition({ Name: "A", [field]: ["a/*"], AssignableScopes: S }, "a.json"), field).to.not.throw();
      expect(() => parseRoleDefinition({ Name: "A", [field]: ["*/*"], AssignableScopes: S }, "a.json"), field).to.throw(/at most one '\*'/);
    }
  });
});

describe("role files: reading them on the stack's behalf", () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "azml-rf-"));
    fs.mkdirSync(path.join(dir, "roles"));
    fs.mkdirSync(path.join(dir, "roles", "a-directory.json"));
  });
  const load = (file: string) => loadRoleDefinitionFile(file, dir, "p");
  it("refuses a Windows absolute path too", () => expect(rejectionOf(() => load("C:\\roles\\r.json")).issues[0].rule).to.equal("custom role file must be a path relative to the project directory"));
  it("refuses the project directory itself and a directory", () => {
    expect(rejectionOf(() => load(".")).issues[0].rule).to.match(/must stay inside the project directory/);
    expect(rejectionOf(() => load("roles/a-directory.json")).issues[0].rule).to.equal("custom role file must be a regular file");
  });
  it("reads a file of exactly 1 MiB", () => {
    const json = JSON.stringify({ Name: "Big", AssignableScopes: ["/subscriptions/00000000-0000-4000-8000-000000000001"] });
    fs.writeFileSync(path.join(dir, "roles", "exact.json"), json + " ".repeat(ROLE_FILE_MAX_BYTES - json.length));
    expect(load("roles/exact.json").name).to.equal("Big");
  });
  it("gives the line and column of a JSON error in the middle of a file", () => {
    fs.writeFileSync(path.join(dir, "roles", "middle.json"), '{\n  "a": 1 2,\n  "b": 3\n}');
    expect(rejectionOf(() => load("roles/middle.json")).issues[0].rule).to.equal("custom role file must be valid JSON (malformed JSON at line 2, column 10)");
  });
  it("gives a JSON error's line and column from its position", () => {
    fs.writeFileSync(path.join(dir, "roles", "comma.json"), '{\n  "a": 1,\n}');
    expect(rejectionOf(() => load("roles/comma.json")).issues[0].rule).to.equal("custom role file must be valid JSON (malformed JSON at line 3, column 1)");
  });
});
