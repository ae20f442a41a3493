import { expect } from "chai";
import { formatIssue } from "../../config/errors";
import { unknownNamespaceKeys } from "../../config/validate";
import { defaultPolicyEffect } from "../../config/azurePolicy";
import { baseConfig, rejection, validate } from "../helpers/config";

const LOCAL_AUTH = "e96a9a5f-07ca-471b-9bc5-6a0f33cbd68f";
const PUBLIC_ACCESS = "438c38d2-3772-465a-a9cc-7a6666a275ce";
const MANAGED_NETWORK = "6ddb1705-c8cf-450e-aa4b-19ad6703c440";
const issues = (raw: unknown) => rejection(raw).issues.map(formatIssue);

describe("config: azureml-platform:azurePolicy", () => {
  it("absent: no assignments (stacks that do not set it do not change)", () => {
    expect(validate(baseConfig())).to.not.have.property("azurePolicy");
    expect(validate(baseConfig({ environment: "prod" }))).to.not.have.property("azurePolicy");
  });

  it("present: effect Deny in prod, Audit in dev by default; exclude empty", () => {
    expect(validate(baseConfig({ azurePolicy: {} })).azurePolicy).to.deep.equal({ effect: "Audit", exclude: [] });
    expect(validate(baseConfig({ environment: "prod", azurePolicy: {} })).azurePolicy).to.deep.equal({ effect: "Deny", exclude: [] });
    expect(defaultPolicyEffect("prod")).to.equal("Deny");
    expect(defaultPolicyEffect("dev")).to.equal("Audit");
  });

  it("takes an explicit effect either way", () => {
    expect(validate(baseConfig({ environment: "prod", azurePolicy: { effect: "Audit" } })).azurePolicy!.effect).to.equal("Audit");
    expect(validate(baseConfig({ azurePolicy: { effect: "Deny", exclude: [PUBLIC_ACCESS, MANAGED_NETWORK] } })).azurePolicy!.effect).to.equal("Deny");
  });

  it("exclude takes definition names or display names (any case) and resolves them to names", () => {
    const cfg = validate(baseConfig({ azurePolicy: { exclude: [LOCAL_AUTH.toUpperCase(), "azure machine learning workspaces should disable public network access"] } }));
    expect(cfg.azurePolicy!.exclude).to.deep.equal([LOCAL_AUTH, PUBLIC_ACCESS]);
  });

  it("exclude takes the README's handles too (local-auth), which a near miss is pointed to", () => {
    expect(validate(baseConfig({ azurePolicy: { exclude: ["local-auth", " Public-Access "] } })).azurePolicy!.exclude).to.deep.equal([LOCAL_AUTH, PUBLIC_ACCESS]);
    expect(issues(baseConfig({ azurePolicy: { exclude: ["local-auths"] } }))[0]).to.contain('did you mean "local-auth"?');
  });

  it("rejects an unknown effect, naming path, rule and value", () => {
    expect(issues(baseConfig({ azurePolicy: { effect: "Disabled" } }))).to.deep.equal(['azureml-platform:azurePolicy.effect: must be one of Audit | Deny (got "Disabled")']);
  });

  it("rejects an exclude entry outside the pinned set, suggesting the closest definition", () => {
    expect(issues(baseConfig({ azurePolicy: { exclude: ["Azure Machine Learning Workspaces should disable public access"] } }))).to.deep.equal([
      'azureml-platform:azurePolicy.exclude[0]: must name a policy definition of the pinned set (handle, name or display name); did you mean "Azure Machine Learning Workspaces should disable public network access"? (got "Azure Machine Learning Workspaces should disable public access")',
    ]);
    expect(issues(baseConfig({ azurePolicy: { exclude: ["e96a9a5f-07ca-471b-9bc5-6a0f33cbd68e"] } }))[0]).to.contain(`did you mean "${LOCAL_AUTH}"?`);
  });

  it("rejects the same definition excluded twice (by name and display name)", () => {
    const display = "Azure Machine Learning Computes should have local authentication methods disabled";
    expect(rejection(baseConfig({ azurePolicy: { exclude: [LOCAL_AUTH, display] } })).issues).to.deep.equal([
      { path: "azureml-platform:azurePolicy.exclude[1]", rule: `excludes ${LOCAL_AUTH} (${display}) a second time`, value: display },
    ]);
  });

  it("rejects malformed values and unknown keys", () => {
    expect(issues(baseConfig({ azurePolicy: "Deny" }))[0]).to.match(/^azureml-platform:azurePolicy: /);
    expect(issues(baseConfig({ azurePolicy: { exclude: "x" } }))).to.deep.equal(['azureml-platform:azurePolicy.exclude: must be a list of policy definition names (got "x")']);
    expect(issues(baseConfig({ azurePolicy: { exclude: [""] } }))).to.deep.equal(['azureml-platform:azurePolicy.exclude[0]: must not be empty (got "")']);
    expect(issues(baseConfig({ azurePolicy: { exclude: [3] } }))).to.deep.equal(["azureml-platform:azurePolicy.exclude[0]: must be a policy definition name (got 3)"]);
    expect(issues(baseConfig({ azurePolicy: { effects: "Deny" } }))).to.deep.equal(["azureml-platform:azurePolicy.effects: is not a known setting; did you mean effect?"]);
    expect(unknownNamespaceKeys(["azureml-platform:azurePolicies"])).to.deep.equal([{ path: "azureml-platform:azurePolicies", rule: "is not a known setting; did you mean azureml-platform:azurePolicy?" }]);
    expect(unknownNamespaceKeys(["azureml-platform:azurePolicy"])).to.deep.equal([]);
  });

  describe("a Deny assignment that would refuse the stack's own workspace", () => {
    it("rejects public network access and managed network isolation the assigned definitions deny", () => {
      expect(issues(baseConfig({ azurePolicy: { effect: "Deny" } }))).to.deep.equal([
        `azureml-platform:workspaces[0].publicNetworkAccess: must be Disabled: azurePolicy (effect Deny) assigns "Azure Machine Learning Workspaces should disable public network access" to the workspace's resource group, which would refuse this workspace (set Disabled, exclude ${PUBLIC_ACCESS}, or use effect Audit) (got "Enabled")`,
        `azureml-platform:workspaces[0].managedNetworkIsolation: must be AllowOnlyApprovedOutbound: azurePolicy (effect Deny) assigns "Azure Machine Learning and Ai Studio should use Allow Only Approved Outbound Managed Vnet mode" to the workspace's resource group, which would refuse this workspace (set AllowOnlyApprovedOutbound, exclude ${MANAGED_NETWORK}, or use effect Audit) (got "AllowInternetOutbound")`,
      ]);
      expect(issues(baseConfig({ environment: "prod", azurePolicy: {}, workspaces: [{ name: "fraud", publicNetworkAccess: "Enabled" }] }))).to.have.length(1);
    });
    it("accepts them when compliant, excluded, audited, or in a resource group the stack does not create", () => {
      expect(() => validate(baseConfig({ environment: "prod", azurePolicy: {} }))).to.not.throw();
      expect(() => validate(baseConfig({ azurePolicy: { effect: "Deny", exclude: [PUBLIC_ACCESS, MANAGED_NETWORK] } }))).to.not.throw();
      expect(() => validate(baseConfig({ azurePolicy: { effect: "Deny" }, workspaces: [{ name: "fraud", publicNetworkAccess: "Disabled", managedNetworkIsolation: "AllowOnlyApprovedOutbound" }] }))).to.not.throw();
      expect(() => validate(baseConfig({ azurePolicy: { effect: "Audit" } }))).to.not.throw();
      expect(() => validate(baseConfig({ azurePolicy: { effect: "Deny" }, workspaces: [{ name: "fraud", resourceGroup: { existingName: "rg-shared" } }] }))).to.not.throw();
    });
  });
});
