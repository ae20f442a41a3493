import { expect } from "chai";
import { activationChanges, activationControls, activationWeaknesses, durationSeconds, plannedActivation } from "../../audit/activation";
import { activationPolicyRules } from "../../rbac/pim";
import { TYPES } from "../../core/types";
import { UNKNOWN_MARKER } from "../../core/markers";

const endUser = { caller: "EndUser", level: "Assignment", operations: ["All"] };
const admin = { caller: "Admin", level: "Assignment", operations: ["All"] };
const RG = "/subscriptions/s/resourceGroups/rg";
const OWNER = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
const READER = "acdd72a7-3385-48ef-bd42-f606fba81ae7";
const written = (maxActivation = "PT8H", approverGroupIds: string[] = []) => activationPolicyRules({ maxActivation, approverGroupIds });

describe("audit/activation: PIM activation as a live role management policy enforces it", () => {
  it("reads AccessModel's own rules back as the controls it writes", () => {
    expect(activationControls(written("PT4H", ["G2", "g1"]))).to.deep.equal({ expirationRequired: true, maxActivation: "PT4H", mfa: true, justification: true, approval: true, approvers: ["g1", "g2"] });
    expect(activationWeaknesses(activationControls(written()))).to.deep.equal([]);
  });

  it("takes the end user's rules by their fixed ids (case-blind), not the admin's rules of the same type", () => {
    const rules = [
      { id: "Expiration_Admin_Assignment", ruleType: "RoleManagementPolicyExpirationRule", isExpirationRequired: false, target: admin },
      { id: "expiration_enduser_assignment", ruleType: "RoleManagementPolicyExpirationRule", isExpirationRequired: true, maximumDuration: "PT2H", target: endUser },
      { id: "Enablement_Admin_Assignment", ruleType: "RoleManagementPolicyEnablementRule", enabledRules: ["MultiFactorAuthentication", "Justification"], target: admin },
      { id: "Enablement_EndUser_Assignment", ruleType: "RoleManagementPolicyEnablementRule", enabledRules: ["JUSTIFICATION"] },
      { id: "Approval_Admin_Assignment", ruleType: "RoleManagementPolicyApprovalRule", setting: { isApprovalRequired: true, approvalStages: [{ primaryApprovers: [{ id: "x" }] }] }, target: admin },
      { id: "AuthenticationContext_Admin_Assignment", ruleType: "RoleManagementPolicyAuthenticationContextRule", isEnabled: true, claimValue: "c9", target: admin },
    ];
    expect(activationControls(rules)).to.deep.equal({ expirationRequired: true, maxActivation: "PT2H", mfa: false, justification: true, approval: false, approvers: [] });
  });

  it("approval without a setting, or without stages, names no approver", () => {
    expect(activationControls([{ id: "Approval_EndUser_Assignment" }])).to.deep.include({ approval: false, approvers: [] });
    expect(activationControls([{ id: "Approval_EndUser_Assignment", setting: { isApprovalRequired: true } }])).to.deep.include({ approval: true, approvers: [] });
    expect(activationControls([{ id: "Approval_EndUser_Assignment", setting: { isApprovalRequired: true, approvalStages: [{}, { primaryApprovers: [{ id: "B" }, { id: "a" }, { id: "b" }] }] } }])).to.deep.include({ approvers: ["a", "b"] });
  });

  it("without an expiration rule PIM's default holds (activation ends); an unreadable or absent rule list gives no control", () => {
    expect(activationControls([])).to.deep.equal({ expirationRequired: true, mfa: false, justification: false, approval: false, approvers: [] });
    expect(activationControls([null, "x", { ruleType: "RoleManagementPolicyApprovalRule", id: "Approval_EndUser_Assignment", setting: { isApprovalRequired: false, approvalStages: [{ primaryApprovers: [{ id: "g" }] }] } }])).to.deep.include({ approval: false, approvers: [] });
  });

  it("an enabled authentication context stands for MFA; a disabled one does not", () => {
    const context = (isEnabled: boolean) => [{ id: "AuthenticationContext_EndUser_Assignment", ruleType: "RoleManagementPolicyAuthenticationContextRule", isEnabled, claimValue: "c1", target: endUser }];
    expect(activationControls(context(true))).to.deep.include({ mfa: true, authenticationContext: "c1" });
    expect(activationControls(context(false))).to.deep.include({ mfa: false }).and.not.have.property("authenticationContext");
    // Enabled without a claim value: MFA by the context, no value to show.
    expect(activationControls([{ id: "AuthenticationContext_EndUser_Assignment", isEnabled: true }])).to.deep.include({ mfa: true }).and.not.have.property("authenticationContext");
  });

  it("names each weakness: an activation that need not end, no MFA, no justification; approval is not one", () => {
    const rules = [
      { id: "Expiration_EndUser_Assignment", ruleType: "RoleManagementPolicyExpirationRule", isExpirationRequired: false, maximumDuration: "PT8H", target: endUser },
      { id: "Enablement_EndUser_Assignment", ruleType: "RoleManagementPolicyEnablementRule", enabledRules: [], target: endUser },
    ];
    const c = activationControls(rules);
    expect(c).to.not.have.property("maxActivation");
    expect(activationWeaknesses(c).map((w) => w.split(" (")[0])).to.deep.equal([
      "an activation need not end",
      "activation needs neither multifactor authentication nor an authentication context",
      "activation needs no justification",
    ]);
  });

  it("says how live controls differ from planned ones, comparing durations by length", () => {
    const planned = activationControls(written("PT8H", ["g1"]));
    expect(activationChanges(activationControls(written("PT480M", ["g1"])), planned)).to.deep.equal([]);
    expect(activationChanges(activationControls(written("P1D", ["g2"])), planned)).to.deep.equal(["maxActivation: P1D (planned PT8H)", "approvers: g2 (planned g1)"]);
    // A duration set on one side only is a change; unset on both is none.
    const unset = { ...planned, maxActivation: undefined };
    delete unset.maxActivation;
    expect(activationChanges(unset, planned)).to.deep.equal(["maxActivation: PIM's default (planned PT8H)"]);
    expect(activationChanges(planned, unset)).to.deep.equal(["maxActivation: PT8H (planned PIM's default)"]);
    expect(activationChanges(unset, unset)).to.deep.equal([]);
    // Approvers: one fewer, or none left while approval stays on.
    expect(activationChanges(activationControls(written("PT8H", ["g1", "g2"])), activationControls(written("PT8H", ["g1"])))).to.deep.equal(["approvers: g1, g2 (planned g1)"]);
    expect(activationChanges({ ...planned, approvers: [] }, planned)).to.deep.equal(["approvers: (none) (planned g1)"]);
    expect(activationChanges(planned, { ...planned, approvers: [] })).to.deep.equal(["approvers: g1 (planned (none))"]);
    const loose = { expirationRequired: false, mfa: false, justification: false, approval: false, approvers: [] };
    expect(activationChanges(loose, planned)).to.deep.equal(["expiration: not required (planned required)", "multifactor authentication: off (planned on)", "justification: off (planned on)", "approval: off (planned on)"]);
    expect(activationChanges(planned, loose)).to.deep.equal(["expiration: required (planned not required)", "multifactor authentication: on (planned off)", "justification: on (planned off)", "approval: on (planned off)"]);
  });

  it("reads durations of days, hours, minutes and seconds; compares what it cannot read as text", () => {
    expect(["PT8H", "PT480M", "PT8H0M0S", "pt28800s", "PT7H60M"].map(durationSeconds)).to.deep.equal([28800, 28800, 28800, 28800, 28800]);
    expect(durationSeconds("P1DT30M")).to.equal(88200);
    expect(durationSeconds("PT1.5S")).to.equal(1.5);
    expect(durationSeconds(" P10DT12H45M30S ")).to.equal(10 * 86400 + 12 * 3600 + 45 * 60 + 30);
    for (const bad of ["P", "PT", "PT8", "8H", "P1Y", "PT-1H", ""]) expect(durationSeconds(bad), bad).to.equal(undefined);
    const planned = activationControls(written("PT8H"));
    expect(activationChanges(activationControls(written("PT8H0M0S")), planned)).to.deep.equal([]);
    // Not durations: one text or not.
    expect(activationChanges({ ...planned, maxActivation: "P1M" }, { ...planned, maxActivation: "p1m" })).to.deep.equal([]);
    expect(activationChanges({ ...planned, maxActivation: "P1M" }, { ...planned, maxActivation: "P2M" })).to.deep.equal(["maxActivation: P1M (planned P2M)"]);
    expect(activationChanges({ ...planned, maxActivation: " p1m" }, { ...planned, maxActivation: "P1M " })).to.deep.equal([]);
    // One a duration, the other not: a change.
    expect(activationChanges({ ...planned, maxActivation: "8 hours" }, planned)).to.deep.equal(["maxActivation: 8 hours (planned PT8H)"]);
    expect(activationChanges(planned, { ...planned, maxActivation: "8 hours" })).to.deep.equal(["maxActivation: PT8H (planned 8 hours)"]);
  });

  describe("plannedActivation: a plan's policies matched to the roles eligible at their scope", () => {
    const policy = (scope: string, rules: unknown) => ({ urn: `urn:p:${scope}`, type: TYPES.roleManagementPolicy, inputs: { scope, roleManagementPolicyName: UNKNOWN_MARKER, rules } });
    const eligibility = (scope: string, role: string) => ({ urn: `urn:e:${scope}:${role}`, type: TYPES.pimRoleEligibilitySchedule, inputs: { scope, principalId: "p", roleDefinitionId: `/providers/Microsoft.Authorization/roleDefinitions/${role}` } });

    it("one role eligible at the scope, or several with alike settings: each role's key", () => {
      const one = plannedActivation({ resources: [policy(`${RG}/`, written()), eligibility(RG.toUpperCase(), OWNER)] });
      expect([...one.byKey.keys()]).to.deep.equal([`${RG.toLowerCase()} ${OWNER}`]);
      expect(one.notComparable).to.equal(0);
      const alike = plannedActivation({ resources: [policy(RG, written()), policy(RG, written()), eligibility(RG, OWNER), eligibility(RG, READER)] });
      expect([...alike.byKey.keys()].sort()).to.deep.equal([`${RG.toLowerCase()} ${OWNER}`, `${RG.toLowerCase()} ${READER}`]);
    });

    it("not compared: a scope known at deploy time only, rules missing, no eligible role there, or differing settings for several roles", () => {
      const r = plannedActivation({
        resources: [
          policy(UNKNOWN_MARKER, written()),
          { ...policy(RG, written()), inputs: { scope: RG } },
          policy(`${RG}/x`, written()),
          policy(`${RG}/y`, written("PT1H")),
          policy(`${RG}/y`, written("PT2H")),
          eligibility(`${RG}/y`, OWNER),
          eligibility(`${RG}/y`, READER),
          eligibility(UNKNOWN_MARKER, OWNER),
          // Scopes that are no scope: absent, or empty.
          { ...policy(RG, written()), inputs: { rules: written() } },
          policy("", written()),
          // Roles that are not known, or no GUID: no eligible role at those scopes.
          policy(`${RG}/z`, written()),
          { ...eligibility(`${RG}/z`, OWNER), inputs: { scope: `${RG}/z`, principalId: "p", roleDefinitionId: UNKNOWN_MARKER } },
          { ...eligibility(`${RG}/z`, OWNER), inputs: { scope: `${RG}/z`, principalId: "p", roleDefinitionId: "Owner" } },
          // An active grant is no eligibility.
          policy(`${RG}/w`, written()),
          { urn: "urn:a", type: TYPES.roleAssignment, inputs: { scope: `${RG}/w`, principalId: "p", roleDefinitionId: `/providers/Microsoft.Authorization/roleDefinitions/${OWNER}` } },
        ],
      });
      expect(r.byKey.size).to.equal(0);
      expect(r.notComparable).to.equal(9);
    });
  });
});
