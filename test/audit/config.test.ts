import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { accessConfigFor, withAdmins } from "../../audit/config";

const ROOT = path.join(__dirname, "..", "..");
const PROD_ADMINS = "11111111-2222-3333-4444-555555555555";

describe("audit/config: how the audit judges", () => {
  it("takes a stack's environment's access config and adds its admin teams to the configured admins, naming its teams", () => {
    const j = accessConfigFor({ stack: "prod", projectDir: ROOT, policyConfigs: [] });
    expect(j.source).to.equal("stack");
    expect((j.config!["only-admins-create-compute"] as any).adminPrincipalIds).to.include(PROD_ADMINS);
    expect((j.config!["no-privileged-roles-for-non-admins"] as any).adminPrincipalIds).to.include(PROD_ADMINS);
    expect(j.config!.all).to.equal("mandatory");
    expect(j.principalNames.get(PROD_ADMINS)).to.equal("ml-admins");
  });
  it("with --project-dir alone, judges by every stack: the strictest environment's config, every stack's admins", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "audit-config-"));
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: p\nruntime: nodejs\n");
    const team = (name: string, id: string, admin: boolean) => `    - name: ${name}\n      admin: ${admin}\n      group: { objectId: ${id} }\n      role: Reader\n      scope: workspace\n`;
    fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), `config:\n  azureml-platform:environment: dev\n  azureml-platform:teams:\n${team("dev-admins", "aaaaaaaa-0000-4000-8000-000000000001", true)}`);
    fs.writeFileSync(path.join(dir, "Pulumi.prod.yaml"), `config:\n  azureml-platform:environment: prod\n  azureml-platform:teams:\n${team("prod-admins", "aaaaaaaa-0000-4000-8000-000000000002", true)}${team("readers", "aaaaaaaa-0000-4000-8000-000000000003", false)}`);
    const j = accessConfigFor({ projectDir: dir, policyConfigs: [] });
    expect(j.config!.all).to.equal("mandatory");
    const admins = (j.config!["only-admins-create-compute"] as any).adminPrincipalIds;
    expect(admins).to.include.members(["aaaaaaaa-0000-4000-8000-000000000001", "aaaaaaaa-0000-4000-8000-000000000002"]);
    expect(admins).not.to.include("aaaaaaaa-0000-4000-8000-000000000003");
    expect([...j.principalNames.values()].sort()).to.deep.equal(["dev-admins", "prod-admins", "readers"]);
    fs.writeFileSync(path.join(dir, "Pulumi.prod.yaml"), "config:\n  azureml-platform:environment: prod\n  azureml-platform:teams: not a list\n");
    expect(() => accessConfigFor({ stack: "prod", projectDir: dir, policyConfigs: [] })).to.throw("Pulumi.prod.yaml: azureml-platform:teams is not a list of teams");
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), "audit-empty-"));
    expect(() => accessConfigFor({ projectDir: empty, policyConfigs: [] })).to.throw("no Pulumi.<stack>.yaml there");
  });
  it("adds admins beside the configured ones, lower-cased and once, to an object entry, a bare level or none", () => {
    const config = { all: "mandatory", "only-admins-create-compute": { adminPrincipalIds: ["AA"], wildcardReading: "strict" }, "no-privileged-roles-for-non-admins": "advisory" } as any;
    const out = withAdmins(config, ["aa", "BB"]);
    expect(out).to.deep.equal({
      all: "mandatory",
      "only-admins-create-compute": { adminPrincipalIds: ["aa", "bb"], wildcardReading: "strict" },
      "no-privileged-roles-for-non-admins": { enforcementLevel: "advisory", adminPrincipalIds: ["aa", "bb"] },
    });
    expect(config["only-admins-create-compute"].adminPrincipalIds).to.deep.equal(["AA"]);
    expect(withAdmins({}, [])).to.deep.equal({ "only-admins-create-compute": { adminPrincipalIds: [] }, "no-privileged-roles-for-non-admins": { adminPrincipalIds: [] } });
  });

  it("finds a project's stacks by their Pulumi.<stack>.yaml files, names teams by lower-cased object id, and refuses a file as a project directory", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "audit-stacks-"));
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: p\nruntime: nodejs\n");
    fs.writeFileSync(path.join(dir, "Pulumi.a.yaml"), "config:\n  azureml-platform:environment: dev\n  azureml-platform:teams:\n    - admin: true\n      group: { objectId: AAAAAAAA-0000-4000-8000-000000000009 }\n    - name: named\n      principal: { objectId: BBBBBBBB-0000-4000-8000-000000000009 }\n    - name: no-id\n      group: { displayName: x }\n");
    fs.writeFileSync(path.join(dir, "Pulumi.b.yaml"), "config:\n  azureml-platform:environment: dev\n  azureml-platform:teams: { not: a list }\n");
    fs.writeFileSync(path.join(dir, "notes.yaml"), "x: 1\n");
    fs.writeFileSync(path.join(dir, "Pulumi.c.yml"), "not: read\n");
    const j = accessConfigFor({ projectDir: dir, policyConfigs: [] });
    expect(j.config!.all).to.equal("advisory");
    expect((j.config!["only-admins-create-compute"] as any).adminPrincipalIds).to.deep.equal(["aaaaaaaa-0000-4000-8000-000000000009"]);
    expect([...j.principalNames]).to.deep.equal([["bbbbbbbb-0000-4000-8000-000000000009", "named"]]);
    expect(() => accessConfigFor({ projectDir: path.join(dir, "Pulumi.yaml"), policyConfigs: [] })).to.throw("not a directory");
  });

  it("takes --policy-config for the access pack only, and nothing without a stack or a config", () => {
    const file = path.join(ROOT, "policies", "access", "config", "dev.json");
    expect(accessConfigFor({ policyConfigs: [`access=${file}`] })).to.deep.include({ source: "flag", config: JSON.parse(fs.readFileSync(file, "utf8")) });
    expect(accessConfigFor({ policyConfigs: [`azureml-access=${file}`] }).source).to.equal("flag");
    expect(() => accessConfigFor({ policyConfigs: [`security=${file}`] })).to.throw("the audit runs the access pack only");
    expect(accessConfigFor({ policyConfigs: [] })).to.deep.equal({ principalNames: new Map(), source: "none" });
  });
});
