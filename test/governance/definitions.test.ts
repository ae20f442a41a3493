import { expect } from "chai";
import { ArmResource } from "../../governance/arm";
import { PINNED_POLICY_DEFINITIONS, PinnedPolicyDefinition } from "../../governance/catalog";
import { evaluateCondition, resolveValue } from "../../governance/evaluate";
import { plannedAssignments } from "../../governance/assignments";
import { UnmappedAliasError } from "../../governance/aliases";

const WS = "Microsoft.MachineLearningServices/workspaces";
const COMPUTES = `${WS}/computes`;
const def = (handle: string): PinnedPolicyDefinition => PINNED_POLICY_DEFINITIONS.find((d) => d.handle === handle)!;
/** The parameters the stack assigns (Deny), defaults filled in from the definition. */
function parameters(d: PinnedPolicyDefinition): Record<string, unknown> {
  const assigned = plannedAssignments("Deny").find((a) => a.definition === d)!.parameters;
  const defaults = Object.fromEntries(Object.entries(d.parameters).filter(([, p]) => "defaultValue" in p).map(([k, p]) => [k, p.defaultValue]));
  return { ...defaults, ...assigned };
}
const nonCompliant = (handle: string, resource: ArmResource) => evaluateCondition(def(handle).policyRule.if, { resource, parameters: parameters(def(handle)) });
const compute = (properties: Record<string, unknown>): ArmResource => ({ type: COMPUTES, name: "c", location: "westeurope", properties });
const workspace = (properties: Record<string, unknown>): ArmResource => ({ type: WS, name: "w", location: "westeurope", kind: "Default", properties });

describe("governance: the real pinned definitions over compliant and non-compliant resources", () => {
  it("every control-plane definition's effect is its `effect` parameter, Deny as the stack assigns it", () => {
    for (const d of PINNED_POLICY_DEFINITIONS.filter((x) => x.plane === "control"))
      expect(resolveValue(d.policyRule.then.effect, { resource: workspace({}), parameters: parameters(d) }), d.handle).to.equal("Deny");
  });

  it("local auth: a cluster or instance with disableLocalAuth true passes; false or absent is non-compliant; other compute types are out of scope", () => {
    expect(nonCompliant("local-auth", compute({ computeType: "AmlCompute", disableLocalAuth: true }))).to.equal(false);
    expect(nonCompliant("local-auth", compute({ computeType: "ComputeInstance", disableLocalAuth: true }))).to.equal(false);
    expect(nonCompliant("local-auth", compute({ computeType: "AmlCompute", disableLocalAuth: false }))).to.equal(true);
    expect(nonCompliant("local-auth", compute({ computeType: "ComputeInstance" }))).to.equal(true);
    expect(nonCompliant("local-auth", compute({ computeType: "Kubernetes", disableLocalAuth: false }))).to.equal(false);
    expect(nonCompliant("local-auth", workspace({ disableLocalAuth: false }))).to.equal(false);
  });

  it("idle shutdown: a compute instance needs a non-empty idleTimeBeforeShutdown; clusters are out of scope", () => {
    expect(nonCompliant("idle-shutdown", compute({ computeType: "ComputeInstance", properties: { idleTimeBeforeShutdown: "PT60M" } }))).to.equal(false);
    expect(nonCompliant("idle-shutdown", compute({ computeType: "ComputeInstance", properties: { idleTimeBeforeShutdown: "" } }))).to.equal(true);
    expect(nonCompliant("idle-shutdown", compute({ computeType: "ComputeInstance", properties: {} }))).to.equal(true);
    expect(nonCompliant("idle-shutdown", compute({ computeType: "AmlCompute", properties: {} }))).to.equal(false);
  });

  it("public network access: only Disabled passes; absent is non-compliant; computes are out of scope", () => {
    expect(nonCompliant("public-access", workspace({ publicNetworkAccess: "Disabled" }))).to.equal(false);
    expect(nonCompliant("public-access", workspace({ publicNetworkAccess: "Enabled" }))).to.equal(true);
    expect(nonCompliant("public-access", workspace({}))).to.equal(true);
    expect(nonCompliant("public-access", compute({ computeType: "AmlCompute" }))).to.equal(false);
  });

  it("managed network: with the assigned isolationMode AllowOnlyApprovedOutbound, anything else (or none) is non-compliant", () => {
    expect(parameters(def("managed-network")).isolationMode).to.equal("AllowOnlyApprovedOutbound");
    expect(nonCompliant("managed-network", workspace({ managedNetwork: { isolationMode: "AllowOnlyApprovedOutbound" } }))).to.equal(false);
    expect(nonCompliant("managed-network", workspace({ managedNetwork: { isolationMode: "AllowInternetOutbound" } }))).to.equal(true);
    expect(nonCompliant("managed-network", workspace({}))).to.equal(true);
  });

  it("the data-plane EnforceSetting definition reads data-plane aliases the control-plane evaluator does not map", () => {
    const d = def("pip-channels");
    expect(() => evaluateCondition(d.policyRule.if, { resource: workspace({}), parameters: parameters(d) })).to.throw(UnmappedAliasError, "Microsoft.MachineLearningServices.Data/workspaces/computeName");
  });
});
