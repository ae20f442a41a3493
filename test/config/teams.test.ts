import { expect } from "chai";
import { baseConfig, rejection, validate } from "../helpers/config";

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
