// The deployability pack as users meet it: its name and place among the packs, its policies by their
// contract names, the Learn page each cites, its config schemas and the configs shipped per stack.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { deployPolicies } from "../../../policies/deploy/policies";
import { PACKS, deployPack, packDirectory } from "../../../policies/packs";
import * as publicApi from "../../../policies";
import { reconcileConfig } from "../../../plan/engine";

const NAMES = [
  "cmk-needs-cosmos-access-or-service-side",
  "cmk-key-vault-same-subscription",
  "user-assigned-identity-needs-workspace-contributor",
  "private-storage-endpoint-needs-workspace-reader",
  "outbound-rule-type-needs-approved-outbound",
  "fqdn-outbound-rule-not-to-storage",
  "outbound-private-endpoint-rule-needs-approver",
  "role-assignment-unique",
  "role-assignment-within-assignable-scopes",
  // Issue 23: registries, hubs and projects.
  "registry-name-valid",
  "registry-regions-include-primary",
  "project-hub-is-a-hub",
  "project-same-region-as-hub",
  // Issue 33: the managed network must find no scope lock.
  "no-lock-under-managed-network",
  "cmk-key-vault-recoverable",
  "cmk-key-vault-requirements",
  // Issue 33: what a stack's grants need outside it.
  "grant-target-outside-stack",
];

describe("deployability pack: contract", () => {
  it("is azureml-deployability in policies/deploy, registered in PACKS and exported", () => {
    expect(deployPack).to.include({ name: "azureml-deployability", directory: "deploy", enforcementLevel: "mandatory" });
    expect(PACKS.map((p) => p.name)).to.deep.equal(["azureml-access", "azureml-security", "azureml-deployability"]);
    expect(publicApi.deployPolicies).to.equal(deployPolicies);
    expect(publicApi.PACKS).to.include(deployPack);
  });
  it("has the policies named in issues 20 and 23, each a stack policy citing a Learn page", () => {
    expect(deployPolicies.map((p) => p.name)).to.deep.equal(NAMES);
    for (const p of deployPolicies) {
      expect(p.url, p.name).to.match(/^https:\/\/learn\.microsoft\.com\/azure\/(machine-learning|role-based-access-control)\//);
      expect(p.description, p.name).to.match(/Encodes /);
      expect(p.severity, p.name).to.be.oneOf(["medium", "high"]);
      expect("validateStack" in p, p.name).to.equal(true);
    }
  });
  it("has exactly the documented config keys, each described, with defaults", () => {
    const schemas = Object.fromEntries(deployPolicies.filter((p) => p.configSchema).map((p) => [p.name, p.configSchema!.properties]));
    expect(Object.keys(schemas)).to.deep.equal(["cmk-needs-cosmos-access-or-service-side", "cmk-key-vault-same-subscription"]);
    expect(schemas["cmk-needs-cosmos-access-or-service-side"]).to.have.keys(["cosmosDbPrincipalIds"]);
    expect(schemas["cmk-needs-cosmos-access-or-service-side"].cosmosDbPrincipalIds).to.deep.include({ type: "array", items: { type: "string" }, default: [] });
    expect(schemas["cmk-key-vault-same-subscription"]).to.have.keys(["subscriptionId"]);
    expect(schemas["cmk-key-vault-same-subscription"].subscriptionId).to.deep.include({ type: "string", default: "" });
    for (const props of Object.values(schemas)) for (const v of Object.values(props as Record<string, any>)) expect(v.description).to.match(/\w{10,}/);
  });
  // grant-target-outside-stack reports a prerequisite (what must exist, rights there), not a defect.
  const level = (name: string) => (name === "grant-target-outside-stack" ? "advisory" : "mandatory");
  it("ships dev, prod and insecure configs that keep every rule mandatory but the prerequisite report", () => {
    for (const stack of ["dev", "prod", "insecure"]) {
      const file = JSON.parse(fs.readFileSync(path.join(packDirectory(deployPack), "config", `${stack}.json`), "utf8"));
      const reconciled = reconcileConfig(deployPack, file);
      for (const name of NAMES) expect(reconciled[name].enforcementLevel, `${stack}: ${name}`).to.equal(level(name));
    }
  });
  it("defaults every rule to mandatory without a config file, but the prerequisite report", () => {
    const reconciled = reconcileConfig(deployPack);
    expect(NAMES.map((n) => reconciled[n].enforcementLevel)).to.deep.equal(NAMES.map(level));
  });
  it("keeps the pack's package.json version equal to the root's, and its entry in the build (the tarball ships it as a real pack directory)", () => {
    const dir = packDirectory(deployPack);
    expect(JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")).version).to.equal(require("../../../package.json").version);
    expect(fs.readFileSync(path.join(dir, "PulumiPolicy.yaml"), "utf8")).to.match(/^runtime: nodejs$/m);
    const build = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "..", "tsconfig.build.json"), "utf8"));
    expect(build.include).to.include("policies/**/*.ts");
    expect(build.exclude).to.not.include("policies/deploy/index.ts");
  });
});
