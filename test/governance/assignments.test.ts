import { expect } from "chai";
import { PINNED_POLICY_DEFINITIONS, PinnedPolicyDefinition } from "../../governance/catalog";
import { PYTHON_PACKAGE_CHANNELS, definitionVersionFor, effectFor, plannedAssignments } from "../../governance/assignments";

const def = (handle: string) => PINNED_POLICY_DEFINITIONS.find((d) => d.handle === handle)!;

describe("governance/assignments: effect mapping and parameters", () => {
  it("passes Audit and Deny through to control-plane definitions (their allowedValues), enforced", () => {
    for (const d of PINNED_POLICY_DEFINITIONS.filter((x) => x.plane === "control")) {
      expect(effectFor(d, "Deny"), d.handle).to.deep.equal({ value: "Deny", enforcementMode: "Default" });
      expect(effectFor(d, "Audit"), d.handle).to.deep.equal({ value: "Audit", enforcementMode: "Default" });
    }
  });

  it("maps an EnforceSetting definition to enforceSetting: enforced for Deny, DoNotEnforce for Audit", () => {
    expect(def("pip-channels").parameters.effect.allowedValues).to.deep.equal(["enforceSetting", "disabled"]);
    expect(effectFor(def("pip-channels"), "Deny")).to.deep.equal({ value: "enforceSetting", enforcementMode: "Default" });
    expect(effectFor(def("pip-channels"), "Audit")).to.deep.equal({ value: "enforceSetting", enforcementMode: "DoNotEnforce" });
  });

  it("refuses a definition whose effect cannot follow the choice (e.g. Modify only), naming it", () => {
    const modify = { ...def("local-auth"), name: "a6f9a2d0", file: "DisableLocalAuth_Modify.json", parameters: { effect: { type: "String", allowedValues: ["Modify", "Disabled"] } } } as PinnedPolicyDefinition;
    expect(() => effectFor(modify, "Deny")).to.throw("policy definition a6f9a2d0 (DisableLocalAuth_Modify.json) allows effects Modify, Disabled: it cannot follow azurePolicy.effect Deny");
    const none = { ...modify, parameters: {} } as PinnedPolicyDefinition;
    expect(() => effectFor(none, "Audit")).to.throw("allows effects : it cannot follow azurePolicy.effect Audit");
  });

  it("assigns every pinned definition by default, named aml-<handle>, with pinned major versions (none for a preview)", () => {
    const planned = plannedAssignments("Deny");
    expect(planned.map((a) => [a.name, a.definitionVersion, a.enforcementMode])).to.deep.equal([
      ["aml-local-auth", "2.*.*", "Default"],
      ["aml-idle-shutdown", "1.*.*", "Default"],
      ["aml-public-access", "2.*.*", "Default"],
      ["aml-managed-network", "1.*.*", "Default"],
      ["aml-pip-channels", undefined, "Default"],
    ]);
    expect(planned.map((a) => a.parameters)).to.deep.equal([
      { effect: "Deny" },
      { effect: "Deny" },
      { effect: "Deny" },
      { isolationMode: "AllowOnlyApprovedOutbound", effect: "Deny" },
      { allowedPythonPackageChannels: [...PYTHON_PACKAGE_CHANNELS], effect: "enforceSetting" },
    ]);
  });

  it("leaves out excluded definitions (by name) and follows Audit", () => {
    const planned = plannedAssignments("Audit", [def("public-access").name, def("pip-channels").name]);
    expect(planned.map((a) => a.definition.handle)).to.deep.equal(["local-auth", "idle-shutdown", "managed-network"]);
    expect(planned.map((a) => a.parameters.effect)).to.deep.equal(["Audit", "Audit", "Audit"]);
    expect(plannedAssignments("Audit", PINNED_POLICY_DEFINITIONS.map((d) => d.name))).to.deep.equal([]);
  });

  it("pins the major version of a released definition, none of a preview", () => {
    expect(definitionVersionFor("2.1.0")).to.equal("2.*.*");
    expect(definitionVersionFor("10.20.30")).to.equal("10.*.*");
    expect(definitionVersionFor("5.4.0-preview")).to.equal(undefined);
    expect(definitionVersionFor("v2.1.0")).to.equal(undefined);
  });

  it("allows pip's default index and conda's default channels", () => {
    expect(PYTHON_PACKAGE_CHANNELS).to.deep.equal(["https://pypi.org/simple", "https://conda.anaconda.org", "https://repo.anaconda.com/pkgs"]);
  });
});
