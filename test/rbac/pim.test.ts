import { expect } from "chai";
import { activationPolicyRules, collisionCandidates, mergeActivationSettings, policyNameFromAssignments, sameRole, sameScope, sameScopeIndex } from "../../rbac/pim";
import { durationMinutes } from "../../config/activation";

const A1 = "aaaaaaaa-5555-6666-7777-888888888888";
const A2 = "bbbbbbbb-6666-7777-8888-999999999999";
const minutes = (d: string) => durationMinutes(d)!;
const RG = "/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg-fraud";
const OWNER = "/subscriptions/00000000-0000-4000-8000-000000000001/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635";

describe("rbac/pim: role management policy rules", () => {
  describe("mergeActivationSettings", () => {
    it("keeps one team's settings", () => {
      expect(mergeActivationSettings([{ maxActivation: "PT8H", approverGroupIds: [A2, A1] }], minutes)).to.deep.equal({ maxActivation: "PT8H", approverGroupIds: [A1, A2] });
    });
    it("takes the shortest activation and every team's approvers once (first spelling kept), sorted", () => {
      const merged = mergeActivationSettings(
        [
          { maxActivation: "PT8H", approverGroupIds: [A2] },
          { maxActivation: "PT2H", approverGroupIds: [A1.toUpperCase()] },
          { maxActivation: "PT4H", approverGroupIds: [A1, A2] },
        ],
        minutes,
      );
      expect(merged).to.deep.equal({ maxActivation: "PT2H", approverGroupIds: [A1.toUpperCase(), A2] });
    });
    it("keeps the first of equal durations", () => {
      expect(mergeActivationSettings([{ maxActivation: "PT60M", approverGroupIds: [] }, { maxActivation: "PT1H", approverGroupIds: [] }], minutes).maxActivation).to.equal("PT60M");
      expect(mergeActivationSettings([{ maxActivation: "PT9H", approverGroupIds: [] }, { maxActivation: "PT10H", approverGroupIds: [] }], minutes).maxActivation).to.equal("PT9H");
    });
    it("needs at least one team", () => {
      expect(() => mergeActivationSettings([], minutes)).to.throw(/at least one/);
    });
  });

  describe("activationPolicyRules", () => {
    const endUser = { caller: "EndUser", level: "Assignment", operations: ["All"] };
    it("writes the documented rule ids, types and targets: max duration, justification + MFA, approval by groups, permanent eligibility", () => {
      expect(activationPolicyRules({ maxActivation: "PT4H", approverGroupIds: [A1, A2] })).to.deep.equal([
        { id: "Expiration_EndUser_Assignment", ruleType: "RoleManagementPolicyExpirationRule", isExpirationRequired: true, maximumDuration: "PT4H", target: endUser },
        { id: "Enablement_EndUser_Assignment", ruleType: "RoleManagementPolicyEnablementRule", enabledRules: ["Justification", "MultiFactorAuthentication"], target: endUser },
        {
          id: "Approval_EndUser_Assignment",
          ruleType: "RoleManagementPolicyApprovalRule",
          setting: {
            isApprovalRequired: true,
            isApprovalRequiredForExtension: false,
            isRequestorJustificationRequired: true,
            approvalMode: "SingleStage",
            approvalStages: [
              {
                approvalStageTimeOutInDays: 1,
                isApproverJustificationRequired: true,
                escalationTimeInMinutes: 0,
                isEscalationEnabled: false,
                primaryApprovers: [
                  { id: A1, userType: "Group", isBackup: false },
                  { id: A2, userType: "Group", isBackup: false },
                ],
              },
            ],
          },
          target: endUser,
        },
        { id: "Expiration_Admin_Eligibility", ruleType: "RoleManagementPolicyExpirationRule", isExpirationRequired: false, target: { caller: "Admin", level: "Eligibility", operations: ["All"] } },
      ]);
    });
    it("turns approval off (explicitly) without approvers", () => {
      const approval = activationPolicyRules({ maxActivation: "PT8H", approverGroupIds: [] })[2] as any;
      expect(approval.id).to.equal("Approval_EndUser_Assignment");
      expect(approval.setting.isApprovalRequired).to.equal(false);
      expect(approval.setting.approvalStages[0].primaryApprovers).to.deep.equal([]);
    });
  });

  describe("policyNameFromAssignments", () => {
    const item = (scope: string, roleDefinitionId: string, policy: string) => ({
      name: `${policy}_${roleDefinitionId.split("/").pop()}`,
      properties: { scope, roleDefinitionId, policyId: `${scope}/providers/Microsoft.Authorization/roleManagementPolicies/${policy}` },
    });
    it("finds the policy of the role at exactly that scope (case and trailing slash aside)", () => {
      const body = {
        value: [
          item("/subscriptions/00000000-0000-4000-8000-000000000001", OWNER, "parent-policy"),
          item(RG, OWNER.replace("8e3af657", "acdd72a7"), "reader-policy"),
          item(`${RG.toUpperCase()}/`, OWNER.toUpperCase(), "owner-policy"),
        ],
      };
      expect(policyNameFromAssignments(body, RG, OWNER)).to.equal("owner-policy");
      expect(policyNameFromAssignments(body, `${RG}/`, "8e3af657-a8ff-443c-a75c-2fe8c4bcb635")).to.equal("owner-policy");
      expect(policyNameFromAssignments(body, `${RG}//`, OWNER)).to.equal("owner-policy");
      expect(policyNameFromAssignments({ value: [item(RG.toLowerCase(), OWNER.toLowerCase(), "p")] }, RG.toUpperCase(), OWNER.toUpperCase())).to.equal("p");
      expect(policyNameFromAssignments({ value: [item(`${RG}//`, OWNER, "p")] }, RG, OWNER)).to.equal("p");
    });
    it("answers undefined for no match, malformed items or bodies", () => {
      expect(policyNameFromAssignments({ value: [item("/subscriptions/x", OWNER, "p")] }, RG, OWNER)).to.equal(undefined);
      expect(policyNameFromAssignments({ value: [null, {}, { properties: { scope: RG, roleDefinitionId: OWNER } }, { properties: { scope: RG, policyId: "x/p" } }, { properties: { roleDefinitionId: OWNER, policyId: "x/p" } }] }, RG, OWNER)).to.equal(undefined);
      expect(policyNameFromAssignments({ value: "nope" }, RG, OWNER)).to.equal(undefined);
      expect(policyNameFromAssignments(undefined, RG, OWNER)).to.equal(undefined);
    });
  });

  describe("sameScopeIndex", () => {
    it("finds the same scope and role GUID (any case, trailing slash), else -1", () => {
      const others: [string, string][] = [
        [`${RG}/providers/x`, OWNER],
        [RG, OWNER.replace("8e3af657", "acdd72a7")],
        [`${RG.toUpperCase()}/`, "8E3AF657-A8FF-443C-A75C-2FE8C4BCB635"],
      ];
      expect(sameScopeIndex([RG, OWNER], others)).to.equal(2);
      expect(sameScopeIndex([`${RG}/`, "8e3af657-a8ff-443c-a75c-2fe8c4bcb635"], others)).to.equal(2);
      expect(sameScopeIndex([RG, OWNER], others.slice(0, 2))).to.equal(-1);
      expect(sameScopeIndex([RG, OWNER], [])).to.equal(-1);
      expect(sameScopeIndex([`${RG}//`, OWNER], [[RG, OWNER]])).to.equal(0);
      expect(sameScopeIndex([RG.toLowerCase(), OWNER.toLowerCase()], [[RG.toUpperCase(), OWNER.toUpperCase()]])).to.equal(0);
      expect(sameScopeIndex([RG.toUpperCase(), OWNER.toUpperCase()], [[`${RG.toLowerCase()}//`, OWNER.toLowerCase()]])).to.equal(0);
    });
  });

  describe("sameScope / sameRole", () => {
    it("compare ARM ids without case or trailing slashes, roles by GUID", () => {
      expect(sameScope("/subscriptions/S/resourceGroups/RG//", "/subscriptions/s/resourcegroups/rg")).to.equal(true);
      expect(sameScope("/subscriptions/s/resourcegroups/rg", "/subscriptions/S/resourceGroups/RG/")).to.equal(true);
      expect(sameScope("/subscriptions/s/resourceGroups/rg", "/subscriptions/s/resourceGroups/rg2")).to.equal(false);
      expect(sameRole(OWNER.toUpperCase(), "8e3af657-a8ff-443c-a75c-2fe8c4bcb635")).to.equal(true);
      expect(sameRole("8e3af657-a8ff-443c-a75c-2fe8c4bcb635", OWNER.toUpperCase())).to.equal(true);
      expect(sameRole(OWNER, OWNER.replace("8e3af657", "acdd72a7"))).to.equal(false);
    });
  });

  describe("collisionCandidates", () => {
    it("lists earlier policies of the same role and kind when one of the two keys cannot tell the scopes apart", () => {
      const policies = [
        { role: "owner", kind: "storage", distinct: false },
        { role: "owner", kind: "storage", distinct: false },
        { role: "reader", kind: "storage", distinct: false },
        { role: "owner", kind: "workspace", distinct: true },
        { role: "owner", kind: "workspace", distinct: true },
        { role: "owner", kind: "resourceGroup", distinct: true },
        { role: "owner", kind: "resourceGroup", distinct: false },
        { role: "owner", kind: "storage", distinct: false },
      ];
      expect(policies.map((_, k) => collisionCandidates(policies, k))).to.deep.equal([[], [0], [], [], [], [], [5], [0, 1]]);
    });
  });
});
