import { expect } from "chai";
import { PlanResourceRef, assessPlan, assignedDefinitions, evaluateAssigned } from "../../governance/assess";
import { PINNED_POLICY_DEFINITIONS } from "../../governance/catalog";

const RG = "/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg-a";
const def = (handle: string) => PINNED_POLICY_DEFINITIONS.find((d) => d.handle === handle)!;
const assignment = (handle: string, parameters: Record<string, unknown>, extra: Record<string, unknown> = {}): PlanResourceRef => ({
  urn: `urn:assign:${handle}`,
  type: "azure-native:authorization:PolicyAssignment",
  inputs: { scope: RG, policyDefinitionId: def(handle).id, parameters: Object.fromEntries(Object.entries(parameters).map(([k, v]) => [k, { value: v }])), ...extra },
});
const compute = (name: string, rg: string, properties: Record<string, unknown>): PlanResourceRef => ({
  urn: `urn:compute:${name}`,
  type: "azure-native:machinelearningservices:Compute",
  inputs: { computeName: name, workspaceName: "mlw", resourceGroupName: rg, properties },
});

describe("governance/assess: the plan against its own assignments", () => {
  it("reads assignments: pinned definition, resource group, parameters over defaults, enforcement mode", () => {
    const [a] = assignedDefinitions([assignment("managed-network", { effect: "Deny" }, { enforcementMode: "DoNotEnforce" })]);
    expect(a).to.deep.include({ assignmentUrn: "urn:assign:managed-network", resourceGroup: "rg-a", enforcementMode: "DoNotEnforce" });
    expect(a.definition.handle).to.equal("managed-network");
    expect(a.parameters).to.deep.equal({ isolationMode: "Disabled", effect: "Deny" });
    expect(assignedDefinitions([assignment("local-auth", {})])[0]).to.deep.include({ enforcementMode: "Default", parameters: { effect: "Audit" } });
    const nullValue = { ...assignment("local-auth", {}), inputs: { scope: RG, policyDefinitionId: def("local-auth").id, parameters: { effect: null } } };
    expect(assignedDefinitions([nullValue])[0].parameters).to.deep.equal({ effect: undefined });
  });

  it("refuses an assignment of a definition outside the pinned set, or not at a resource group", () => {
    const other = { ...assignment("local-auth", {}), inputs: { scope: RG, policyDefinitionId: "/providers/Microsoft.Authorization/policyDefinitions/x" } };
    expect(() => assignedDefinitions([other])).to.throw('urn:assign:local-auth assigns "/providers/Microsoft.Authorization/policyDefinitions/x", which is not a pinned definition');
    expect(() => assignedDefinitions([{ ...other, inputs: { scope: RG } }])).to.throw("urn:assign:local-auth assigns undefined, which is not a pinned definition");
    for (const scope of [`/providers/x${RG}`, `${RG}/providers/Microsoft.MachineLearningServices/workspaces/w`])
      expect(() => assignedDefinitions([assignment("local-auth", {}, { scope })]), scope).to.throw("is not scoped to a resource group");
    const sub = assignment("local-auth", {}, { scope: "/subscriptions/00000000-0000-4000-8000-000000000001" });
    expect(() => assignedDefinitions([sub])).to.throw('urn:assign:local-auth is not scoped to a resource group: "/subscriptions/00000000-0000-4000-8000-000000000001"');
    expect(() => assignedDefinitions([{ ...sub, inputs: { policyDefinitionId: def("local-auth").id } }])).to.throw("is not scoped to a resource group: undefined");
  });

  it("in a first preview, finds the resource group through the stack's ResourceGroup resource the unknown scope and group name come from", () => {
    const rg: PlanResourceRef = { urn: "urn:rg", type: "azure-native:resources:ResourceGroup", inputs: { resourceGroupName: "RG-A" } };
    const other: PlanResourceRef = { urn: "urn:other", type: "azure-native:resources:ResourceGroup", inputs: { resourceGroupName: "rg-b" } };
    const a = { ...assignment("local-auth", { effect: "Deny" }, { scope: "[unknown]" }), propertyDependencies: { scope: ["urn:nothing", "urn:ws", "urn:rg-unknown", "urn:rg"] } };
    const ws: PlanResourceRef = { urn: "urn:ws", type: "azure-native:machinelearningservices:Workspace", inputs: { resourceGroupName: "rg-x" } };
    const unknownGroup: PlanResourceRef = { urn: "urn:rg-unknown", type: "azure-native:resources:ResourceGroup", inputs: { resourceGroupName: {} } };
    expect(assignedDefinitions([rg, ws, unknownGroup, a])[0].resourceGroup).to.equal("rg-a");
    const { scope: _scope, ...unscoped } = a.inputs;
    expect(assignedDefinitions([rg, { ...a, inputs: unscoped }])[0].resourceGroup).to.equal("rg-a");
    const bad = { ...compute("bad", "[unknown]", { computeType: "AmlCompute", disableLocalAuth: false }), propertyDependencies: { resourceGroupName: ["urn:rg"] } };
    const elsewhere = { ...compute("elsewhere", "[unknown]", { computeType: "AmlCompute", disableLocalAuth: false }), propertyDependencies: { resourceGroupName: ["urn:other"] } };
    const loose = compute("loose", "[unknown]", { computeType: "AmlCompute", disableLocalAuth: false });
    expect(assessPlan([rg, other, a, bad, elsewhere, loose]).map((v) => [v.resourceUrn, v.denied])).to.deep.equal([
      ["urn:rg", false],
      ["urn:compute:bad", true],
    ]);
    expect(() => assignedDefinitions([{ ...a, propertyDependencies: { scope: ["urn:ws"] } }, ws])).to.throw('is not scoped to a resource group: "[unknown]"');
    expect(() => assignedDefinitions([{ ...a, propertyDependencies: {} }])).to.throw("is not scoped to a resource group");
  });

  it("denies a compute with local auth under Deny, only audits it under Audit or DoNotEnforce, passes a compliant one", () => {
    const bad = compute("bad", "RG-A", { computeType: "AmlCompute", disableLocalAuth: false });
    const good = compute("good", "rg-a", { computeType: "AmlCompute", disableLocalAuth: true });
    const verdicts = assessPlan([assignment("local-auth", { effect: "Deny" }), bad, good]);
    expect(verdicts).to.deep.equal([
      { assignmentUrn: "urn:assign:local-auth", definition: def("local-auth").name, resourceUrn: "urn:compute:bad", outcome: "nonCompliant", effect: "Deny", denied: true },
      { assignmentUrn: "urn:assign:local-auth", definition: def("local-auth").name, resourceUrn: "urn:compute:good", outcome: "compliant", effect: "Deny", denied: false },
    ]);
    expect(assessPlan([assignment("local-auth", { effect: "Audit" }), bad]).map((v) => [v.outcome, v.denied])).to.deep.equal([["nonCompliant", false]]);
    expect(assessPlan([assignment("local-auth", { effect: "Deny" }, { enforcementMode: "DoNotEnforce" }), bad]).map((v) => [v.outcome, v.denied])).to.deep.equal([["nonCompliant", false]]);
  });

  it("evaluates only resources of the assignment's resource group, and skips data-plane definitions", () => {
    const elsewhere = compute("x", "rg-b", { computeType: "AmlCompute", disableLocalAuth: false });
    expect(assessPlan([assignment("local-auth", { effect: "Deny" }), elsewhere])).to.deep.equal([]);
    expect(assessPlan([assignment("pip-channels", { effect: "enforceSetting" }), compute("y", "rg-a", {})])).to.deep.equal([]);
  });

  it("reports unknown values, unmapped types and unmapped aliases instead of passing them", () => {
    const a = assignedDefinitions([assignment("local-auth", { effect: "Deny" })])[0];
    const unknown = evaluateAssigned(a, compute("u", "rg-a", { computeType: "AmlCompute", disableLocalAuth: "[unknown]" }));
    expect(unknown).to.deep.include({ outcome: "unknown", denied: false, effect: "Deny", reason: "Microsoft.MachineLearningServices/workspaces/computes/disableLocalAuth is unknown until the update" });
    const web = evaluateAssigned(a, { urn: "urn:web", type: "azure-native:web:WebApp", inputs: { resourceGroupName: "rg-a" } });
    expect(web).to.deep.include({ outcome: "unmapped", effect: "", reason: "no ARM type is known for azure-native:web:WebApp" });
    const pip = assignedDefinitions([assignment("pip-channels", {})])[0];
    expect(evaluateAssigned(pip, compute("p", "rg-a", {}))).to.deep.include({ outcome: "unmapped", effect: "enforceSetting" });
    expect(evaluateAssigned(a, { urn: "urn:stack", type: "azureml-platform:index:WorkspaceStack", inputs: {} })).to.deep.include({ outcome: "compliant", effect: "", denied: false, reason: "not an Azure resource" });
  });

  it("lets errors that are not about the policy language propagate", () => {
    const a = { ...assignedDefinitions([assignment("local-auth", { effect: "Deny" })])[0] };
    const broken = { ...a, definition: { ...a.definition, policyRule: { if: { field: "type", equals: "x" }, then: { effect: "[parameters('effect')]" } } } };
    const resource = compute("z", "rg-a", {});
    Object.defineProperty(resource.inputs, "properties", { get: () => { throw new TypeError("boom"); }, enumerable: true });
    expect(() => evaluateAssigned(broken, resource)).to.throw(TypeError, "boom");
  });
});
