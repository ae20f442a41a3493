import { expect } from "chai";
import * as path from "path";
import { PlanResult, plan } from "../../plan/plan";
import { ownPolicyVerdicts } from "../helpers/azurePolicy";

const ROOT = path.resolve(__dirname, "..", "..");

/**
 * The proof the issue asks for: the prod and dev stacks, planned as stacks whose resources exist and
 * as a first preview (scopes and group names unknown, found through the ResourceGroup resources they
 * come from), pass every control-plane definition they assign —
 * Azure would not deny any of their own requests — and a compute with local auth would be denied.
 * The scenario stacks get the same check in test/scenarios/matrix.test.ts.
 */
describe("the stacks against their own Azure Policy assignments", function () {
  this.timeout(300_000);
  const plans: Record<string, PlanResult> = {};
  before(async () => {
    for (const stack of ["prod", "dev"]) plans[stack] = await plan({ projectDir: ROOT, stack, knownOutputs: true });
    plans.prodFirst = await plan({ projectDir: ROOT, stack: "prod" });
  });

  it("prod, first preview: the same verdicts as with known outputs", () => {
    const first = ownPolicyVerdicts(plans.prodFirst.resources);
    const known = ownPolicyVerdicts(plans.prod.resources);
    expect(first.denied).to.deep.equal([]);
    expect(first.undecided).to.deep.equal([]);
    expect(first.vacuous).to.deep.equal([]);
    const key = (v: { assignmentUrn: string; resourceUrn: string; outcome: string }) => `${v.assignmentUrn} ${v.resourceUrn} ${v.outcome}`;
    expect(first.verdicts.map(key).sort()).to.deep.equal(known.verdicts.map(key).sort());
  });

  it("prod: every assigned control-plane definition evaluated the stack's ML resources; none is denied or undecided", () => {
    const own = ownPolicyVerdicts(plans.prod.resources);
    // 4 control-plane definitions on the hub's group, and the 2 that judge computes on each project's group
    // (a project's network and public access are its hub's).
    expect(own.assignments).to.equal(8);
    expect(own.denied).to.deep.equal([]);
    expect(own.undecided).to.deep.equal([]);
    expect(own.vacuous).to.deep.equal([]);
    expect(own.verdicts.every((v) => v.effect === "Deny")).to.equal(true);
    expect(own.verdicts.filter((v) => v.outcome === "nonCompliant")).to.deep.equal([]);
  });

  it("dev: Audit only reports — the public workspace with internet outbound is non-compliant but not denied", () => {
    const own = ownPolicyVerdicts(plans.dev.resources);
    expect(own.assignments).to.equal(4);
    expect(own.denied).to.deep.equal([]);
    expect(own.undecided).to.deep.equal([]);
    expect(own.vacuous).to.deep.equal([]);
    const nonCompliant = own.verdicts.filter((v) => v.outcome === "nonCompliant");
    expect(nonCompliant.map((v) => [v.definition, v.effect, v.resourceUrn.split("::").pop()])).to.have.deep.members([
      ["438c38d2-3772-465a-a9cc-7a6666a275ce", "Audit", "fraud-mlw"],
      ["6ddb1705-c8cf-450e-aa4b-19ad6703c440", "Audit", "fraud-mlw"],
    ]);
  });

  it("a compute with local auth enabled in a prod resource group would be denied by the stack's own assignment", () => {
    // Prod's hub and projects have no clusters (serverless compute): someone adds one to the hub's group.
    const hub = plans.prod.resources.find((r) => r.name === "platform-mlw")!;
    const urn = hub.urn.replace("azure-native:machinelearningservices:Workspace::platform-mlw", "azure-native:machinelearningservices:Compute::platform-cpu");
    const compute = {
      ...hub,
      urn,
      type: "azure-native:machinelearningservices:Compute",
      name: "platform-cpu",
      protect: false,
      inputs: { computeName: "cpu", workspaceName: hub.inputs.workspaceName, resourceGroupName: hub.inputs.resourceGroupName, location: "westeurope", properties: { computeType: "AmlCompute", disableLocalAuth: false } },
      dependencies: [],
      propertyDependencies: {},
    };
    expect(ownPolicyVerdicts([...plans.prod.resources, compute]).denied).to.deep.equal([`e96a9a5f-07ca-471b-9bc5-6a0f33cbd68f on ${urn}: nonCompliant`]);
    expect(ownPolicyVerdicts([...plans.prod.resources, { ...compute, inputs: { ...compute.inputs, properties: { computeType: "AmlCompute", disableLocalAuth: true } } }]).denied).to.deep.equal([]);
  });
});
