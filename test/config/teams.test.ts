import { expect } from "chai";
import { baseConfig, rejection, validate } from "../helpers/config";
import { checkCustomRoles, checkTeams, shadowedBuiltIn, teamRoleReferences } from "../../config/access";
import { RoleCatalog } from "../../rbac/catalog";
import { RoleDefinition } from "../../rbac/types";

const team = (t: Record<string, unknown>) => baseConfig({ customRoles: [{ file: "roles/data-scientist.json" }], teams: [t] });
const G = "11111111-2222-3333-4444-555555555555";

function expectIssue(raw: unknown, path: string, rule: RegExp) {
  const err = rejection(raw);
  const found = err.issues.find((i) => i.path === path);
  expect(found, `no issue at ${path}; got:\n${err.message}`).to.not.equal(undefined);
  expect(found!.rule).to.match(rule);
}

describe("config validation: teams and custom roles", () => {
  it("resolves roles and applies team defaults (workspace scope, every workspace, not admin)", () => {
    const cfg = validate(team({ name: "ds", group: { displayName: "sg-ds", create: true, members: ["alice@contoso.com"] }, role: "Data Scientist" }));
    expect(cfg.customRoles.map((r) => r.name)).to.deep.equal(["Data Scientist"]);
    expect(cfg.teams[0]).to.deep.include({ admin: false, scope: "workspace", workspaces: ["fraud"] });
    expect(cfg.teams[0].roleDefinitions.map((r) => r.isCustom)).to.deep.equal([true]);
  });

  it("rejects a group with both objectId and displayName", () => {
    expectIssue(team({ name: "ds", group: { objectId: G, displayName: "x" }, role: "Reader" }), "azureml-platform:teams[0].group", /either objectId/);
  });
  it("rejects members on a group that is only looked up", () => {
    expectIssue(team({ name: "ds", group: { displayName: "x", members: ["a@b.com"] }, role: "Reader" }), "azureml-platform:teams[0].group.members", /create: true/);
  });
  it("rejects a team with neither group nor principal, and one with both", () => {
    expectIssue(team({ name: "ds", role: "Reader" }), "azureml-platform:teams[0]", /needs a group or a principal/);
    expectIssue(team({ name: "ds", role: "Reader", group: { objectId: G }, principal: { objectId: G, type: "User" } }), "azureml-platform:teams[0]", /not both/);
  });
  it("rejects malformed GUIDs and UPNs", () => {
    expectIssue(team({ name: "ds", group: { objectId: "123" }, role: "Reader" }), "azureml-platform:teams[0].group.objectId", /GUID/);
    expectIssue(team({ name: "ds", group: { displayName: "x", create: true, members: ["bob"] }, role: "Reader" }), "azureml-platform:teams[0].group.members[0]", /user principal name/);
    expectIssue(team({ name: "ds", principal: { objectId: G, type: "Robot" }, role: "Reader" }), "azureml-platform:teams[0].principal.type", /User \| Group \| ServicePrincipal/);
  });
  it("rejects unknown roles (closest names suggested), scopes and workspaces", () => {
    expectIssue(team({ name: "ds", group: { objectId: G }, role: "Data Scientst" }), "azureml-platform:teams[0].role", /closest: Data Scientist/);
    expectIssue(team({ name: "ds", group: { objectId: G }, role: "Reader", scope: "tenant" }), "azureml-platform:teams[0].scope", /workspace \| resourceGroup \| subscription/);
    expectIssue(team({ name: "ds", group: { objectId: G }, role: "Reader", workspaces: ["other"] }), "azureml-platform:teams[0].workspaces", /workspaces of this stack/);
  });
  it("enforces the admin-only guard for privileged roles", () => {
    expectIssue(team({ name: "ds", group: { objectId: G }, role: "Owner" }), "azureml-platform:teams[0].role", /admin: true/);
    expect(() => validate(team({ name: "ds", admin: true, group: { objectId: G }, role: "Owner" }))).to.not.throw();
  });
  it("rejects duplicate team names", () => {
    const t = { name: "ds", group: { objectId: G }, role: "Reader" };
    expectIssue(baseConfig({ teams: [t, t] }), "azureml-platform:teams[1].name", /unique/);
  });
  it("rejects a custom role file that is missing or not JSON", () => {
    expectIssue(baseConfig({ customRoles: [{ file: "roles/missing.json" }] }), "azureml-platform:customRoles[0].file", /must exist/);
    expectIssue(baseConfig({ customRoles: [{ file: "test/fixtures/not-json.json" }] }), "azureml-platform:customRoles[0].file", /valid JSON/);
  });
});

describe("config validation: roles, data access", () => {
  it("accepts roles: [..] and defaults dataAccess from what the roles can do", () => {
    const cfg = validate(
      baseConfig({
        teams: [
          { name: "ds", group: { objectId: G }, roles: ["AzureML Data Scientist", "Reader"] },
          { name: "auditors", group: { objectId: "22222222-3333-4444-5555-666666666666" }, role: "Reader" },
          { name: "analysts", group: { objectId: "33333333-4444-5555-6666-777777777777" }, role: "Reader", dataAccess: "read" },
        ],
      }),
    );
    expect(cfg.teams.map((t) => [t.name, t.roleDefinitions.map((r) => r.name), t.dataAccess])).to.deep.equal([
      ["ds", ["AzureML Data Scientist", "Reader"], "readWrite"],
      ["auditors", ["Reader"], "none"],
      ["analysts", ["Reader"], "read"],
    ]);
  });
  it("rejects both role and roles, an unknown role in roles, and an unknown dataAccess", () => {
    expectIssue(team({ name: "ds", group: { objectId: G }, role: "Reader", roles: ["Reader"] }), "azureml-platform:teams[0]", /needs exactly one of role \(one role\) or roles \(a list\)/);
    expectIssue(team({ name: "ds", group: { objectId: G }, roles: ["Reader", "Ownr"] }), "azureml-platform:teams[0].roles[1]", /closest: Owner/);
    expectIssue(team({ name: "ds", group: { objectId: G }, roles: ["Reader", "Owner"] }), "azureml-platform:teams[0].roles[1]", /only teams marked admin: true/);
    expectIssue(team({ name: "ds", group: { objectId: G }, role: "Reader", dataAccess: "full" }), "azureml-platform:teams[0].dataAccess", /must be one of none \| read \| readWrite/);
  });
});

describe("config validation: custom roles against built-ins and their assignable scopes", () => {
  const withRole = (file: string, t: Record<string, unknown>) => baseConfig({ customRoles: [{ file }], teams: [t] });
  it("refuses a custom role named like a built-in role (any case), naming both", () => {
    const err = rejection(withRole("test/fixtures/roles/owner-shadow.json", { name: "ops", admin: true, group: { objectId: G }, role: "Owner" }));
    const issue = err.issues.find((i) => i.path === "azureml-platform:customRoles[0].file")!;
    expect(issue, err.message).to.not.equal(undefined);
    expect(issue.rule).to.contain('custom role "owner"').and.contain('built-in role "Owner"');
    expect(issue.value).to.equal("owner");
  });
  it("names a built-in through its alias too", () => {
    expect(shadowedBuiltIn("RBAC Administrator")).to.equal("Role Based Access Control Administrator");
    expect(shadowedBuiltIn(" contributor ")).to.equal("Contributor");
    expect(shadowedBuiltIn("Data Scientist")).to.equal(undefined);
  });
  it("refuses a team assignment outside the role file's concrete AssignableScopes (exit 2 in plan)", () => {
    const err = rejection(withRole("test/fixtures/roles/scoped-rg-other.json", { name: "rd", group: { objectId: G }, role: "Scoped Reader", scope: "resourceGroup" }));
    const issue = err.issues.find((i) => i.path === "azureml-platform:teams[0].role")!;
    expect(issue, err.message).to.not.equal(undefined);
    expect(issue.rule).to.match(/custom role "Scoped Reader" at resourceGroup scope of workspace fraud \(resource group rg-fraud-dev-fraud\), outside its AssignableScopes \(\/subscriptions\/.*\/resourceGroups\/rg-elsewhere\)/);
    expect(issue.value).to.equal("Scoped Reader");
  });
  it("accepts assignments inside the assignable resource group, at workspace or resource group scope", () => {
    for (const scope of ["workspace", "resourceGroup"])
      expect(() => validate(withRole("test/fixtures/roles/scoped-rg-fraud.json", { name: "rd", group: { objectId: G }, role: "Fraud Reader", scope })), scope).to.not.throw();
  });
  it("refuses a subscription-scope assignment of a role assignable in one resource group", () => {
    const err = rejection(withRole("test/fixtures/roles/scoped-rg-fraud.json", { name: "rd", group: { objectId: G }, roles: ["Reader", "Fraud Reader"], scope: "subscription" }));
    expect(err.issues.map((i) => i.path)).to.deep.equal(["azureml-platform:teams[0].roles[1]"]);
  });
  it("ignores placeholder scopes copied from the docs (the stack sets them)", () => {
    expect(() => validate(withRole("roles/data-scientist.json", { name: "ds", group: { objectId: G }, role: "Data Scientist", scope: "subscription" }))).to.not.throw();
  });
});

describe("checkCustomRoles (pure)", () => {
  const role = (name: string, assignableScopes: string[]): RoleDefinition => ({ name, isCustom: true, assignableScopes, permissions: [] });
  const WS = [
    { name: "a", resourceGroupName: "rg-a", azureName: "mlw-a" },
    { name: "b", resourceGroupName: "rg-b", azureName: "mlw-b" },
  ];
  const at = (i: number) => `teams[${i}]`;
  it("compares resource group and workspace names, case-insensitively, for each of the team's workspaces", () => {
    const r = role("R", ["/subscriptions/s/resourceGroups/RG-A/providers/Microsoft.MachineLearningServices/workspaces/MLW-A"]);
    const src = [{ role: r, path: "customRoles[0]" }];
    expect(checkCustomRoles(src, [{ name: "t", role: "R" }], [[r]], WS, at).map((i) => i.rule)).to.have.length(1);
    expect(checkCustomRoles(src, [{ name: "t", role: "R", workspaces: ["a"] }], [[r]], WS, at)).to.deep.equal([]);
    expect(checkCustomRoles(src, [{ name: "t", role: "R", workspaces: ["a"], scope: "resourceGroup" }], [[r]], WS, at)).to.have.length(1);
    const other = role("O", ["/subscriptions/s/resourceGroups/rg-a/providers/Microsoft.MachineLearningServices/workspaces/mlw-b"]);
    expect(checkCustomRoles([{ role: other, path: "p" }], [{ name: "t", role: "O", workspaces: ["a"] }], [[other]], WS, at)).to.have.length(1);
  });
  it("gives subscription and management-group (or unreadable) scopes the benefit of the doubt", () => {
    for (const scope of ["/subscriptions/s", "/providers/Microsoft.Management/managementGroups/mg", "/subscriptions/s/providers/x"]) {
      const r = role("R", [scope]);
      expect(checkCustomRoles([{ role: r, path: "p" }], [{ name: "t", role: "R", scope: "subscription" }], [[r]], WS, at), scope).to.deep.equal(
        scope === "/subscriptions/s" || scope.includes("managementGroups") || scope.endsWith("/x") ? [] : ["x"],
      );
    }
  });
  it("a resource-group assignable scope never covers a subscription assignment; built-in roles are not checked", () => {
    const r = role("R", ["/subscriptions/s/resourceGroups/rg-a"]);
    expect(checkCustomRoles([{ role: r, path: "p" }], [{ name: "t", role: "R", scope: "subscription", workspaces: ["a"] }], [[r]], WS, at)).to.have.length(1);
    const builtIn = { ...r, isCustom: false };
    expect(checkCustomRoles([], [{ name: "t", role: "R", scope: "subscription" }], [[builtIn]], WS, at)).to.deep.equal([]);
  });
});

describe("checkCustomRoles and the privilege guard: edges", () => {
  const role = (name: string, assignableScopes: string[]): RoleDefinition => ({ name, isCustom: true, assignableScopes, permissions: [] });
  const WS = [
    { name: "a", resourceGroupName: "rg-a", azureName: "mlw-a" },
    { name: "b", resourceGroupName: "rg-a", azureName: "mlw-b" },
  ];
  const at = (i: number) => `teams[${i}]`;
  const check = (scopes: string[], team: Record<string, unknown>) => {
    const r = role("R", scopes);
    return checkCustomRoles([{ role: r, path: "p" }], [{ name: "t", role: "R", ...team }], [[r]], WS, at);
  };
  it("gives scopes it cannot read the benefit of the doubt", () => {
    for (const scope of ["/subscriptions", "/x/y", "/subscriptions/s/resourceGroups", "/subscriptions/s/providers/p"]) expect(check([scope], { scope: "subscription" }), scope).to.deep.equal([]);
  });
  it("a subscription scope covers everything; a resource group covers its workspaces, not the subscription", () => {
    expect(check(["/subscriptions/s"], { scope: "subscription" })).to.deep.equal([]);
    expect(check(["/subscriptions/s/resourceGroups/rg-a"], { scope: "resourceGroup" })).to.deep.equal([]);
    expect(check(["/subscriptions/s/resourceGroups/rg-a"], { scope: "subscription" })).to.have.length(1);
  });
  it("a workspace scope covers that workspace at workspace scope only, and any of several scopes suffices", () => {
    const wsA = "/subscriptions/s/resourceGroups/rg-a/providers/Microsoft.MachineLearningServices/workspaces/mlw-a";
    const wsB = "/subscriptions/s/resourceGroups/rg-a/providers/Microsoft.MachineLearningServices/workspaces/mlw-b";
    expect(check([wsA, wsB], {})).to.deep.equal([]);
    expect(check([wsA], { workspaces: ["a"], scope: "resourceGroup" })).to.have.length(1);
    const [issue] = check([wsA, "/subscriptions/s/resourceGroups/rg-z"], {});
    expect(issue).to.deep.equal({
      path: "teams[0].role",
      rule: `assigns custom role "R" at workspace scope of workspace b (resource group rg-a), outside its AssignableScopes (${wsA}, /subscriptions/s/resourceGroups/rg-z); Azure refuses such an assignment`,
      value: "R",
    });
    const [both] = check(["/subscriptions/s/resourceGroups/rg-z"], { role: " r " });
    expect(both.rule).to.contain("of workspace a (resource group rg-a), workspace b (resource group rg-a), outside");
    expect(both.value).to.equal(" r ");
  });
  it("finds the roles[] index of the role, trimmed and case-insensitive", () => {
    const r = role("R", ["/subscriptions/s/resourceGroups/rg-z"]);
    const [issue] = checkCustomRoles([{ role: r, path: "p" }], [{ name: "t", roles: ["Reader", " r "] }], [[r]], WS, at);
    expect(issue.path).to.equal("teams[0].roles[1]");
    expect(issue.value).to.equal(" r ");
  });
  it("the admin-only guard is strict: a role writing role assignments only under the literal reading is refused for a non-admin", () => {
    const sneaky = { name: "Sneaky", isCustom: true, assignableScopes: [], permissions: [{ actions: ["Microsoft.Authorization/*/write"], notActions: ["Microsoft.Authorization/roleAssignments/*/write"], dataActions: [], notDataActions: [] }] };
    const checked = checkTeams([{ name: "t", role: "Sneaky" }], new RoleCatalog([sneaky]), ["a"], at);
    expect(checked.issues).to.deep.equal([{ path: "teams[0].role", rule: "grants Microsoft.Authorization/roleAssignments/write, which only teams marked admin: true may hold", value: "Sneaky" }]);
    expect(checkTeams([{ name: "t", admin: true, role: "Sneaky" }], new RoleCatalog([sneaky]), ["a"], at).issues).to.deep.equal([]);
  });
  it("pins the messages that list workspaces and suggestions, and a team without role references", () => {
    const checked = checkTeams([{ name: "t", role: "Readr", workspaces: ["z"] }], new RoleCatalog(), ["a", "b"], at);
    expect(checked.issues.map((i) => i.rule)).to.deep.equal(["must name workspaces of this stack (a, b)", `must be a built-in or custom role; closest: ${new RoleCatalog().suggestions("Readr").join(", ")}`]);
    expect(new RoleCatalog().suggestions("Readr").length).to.be.greaterThan(1);
    expect(teamRoleReferences({})).to.deep.equal([]);
    expect(shadowedBuiltIn("unknown role")).to.equal(undefined);
  });
});
