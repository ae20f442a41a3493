import { expect } from "chai";
import { ACTIVATIONS, DEFAULT_MAX_ACTIVATION, MAX_ACTIVATION_MINUTES, PIM_PRINCIPAL_TYPES, activationIssues, durationMinutes } from "../../config/activation";
import { checkAccessModelArgs } from "../../config/accessArgs";
import { PlatformConfigError } from "../../config/errors";
import { baseConfig, rejection, validate } from "../helpers/config";

const G = "11111111-2222-3333-4444-555555555555";
const A1 = "aaaaaaaa-5555-6666-7777-888888888888";
const A2 = "bbbbbbbb-6666-7777-8888-999999999999";
const team = (t: Record<string, unknown>) => baseConfig({ environment: "prod", teams: [{ name: "ml-admins", admin: true, group: { objectId: G }, role: "Owner", scope: "resourceGroup", ...t }] });
const issues = (t: Record<string, unknown>) => rejection(team(t)).issues.map((i) => ({ ...i }));

describe("config: just-in-time activation (PIM)", () => {
  describe("durationMinutes", () => {
    it("reads days, hours and minutes", () => {
      expect(durationMinutes("PT8H")).to.equal(480);
      expect(durationMinutes("PT30M")).to.equal(30);
      expect(durationMinutes("PT1H30M")).to.equal(90);
      expect(durationMinutes("P1D")).to.equal(1440);
      expect(durationMinutes("P1DT2H3M")).to.equal(1440 + 123);
      expect(durationMinutes("PT0H")).to.equal(0);
      expect(durationMinutes("P10D")).to.equal(14400);
      expect(durationMinutes("PT12H45M")).to.equal(765);
    });
    it("refuses what is not a days/hours/minutes ISO 8601 duration", () => {
      for (const bad of ["", "P", "PT", "P1DT", "8H", "PT8", "PT8S", "P1M", "P1Y", "PT1.5H", "pt8h", "PT8H ", " PT8H", "PTH", "PT-1H"]) expect(durationMinutes(bad), bad).to.equal(undefined);
    });
  });

  it("has the contract's choices and defaults", () => {
    expect(ACTIVATIONS).to.deep.equal(["active", "eligible"]);
    expect(DEFAULT_MAX_ACTIVATION).to.equal("PT8H");
    expect(MAX_ACTIVATION_MINUTES).to.equal(1440);
    expect(PIM_PRINCIPAL_TYPES).to.deep.equal(["User", "Group"]);
  });

  describe("activationIssues", () => {
    it("accepts active (or nothing) without the eligible-only keys, and eligible users and groups with them", () => {
      expect(activationIssues({}, "t", "ServicePrincipal")).to.deep.equal([]);
      expect(activationIssues({ activation: "active" }, "t", "ServicePrincipal")).to.deep.equal([]);
      expect(activationIssues({ activation: "eligible" }, "t", "Group")).to.deep.equal([]);
      expect(activationIssues({ activation: "eligible", maxActivation: "PT24H", requireApproval: [A1, A2] }, "t", "User")).to.deep.equal([]);
      expect(activationIssues({ activation: "eligible", maxActivation: "PT1M" }, "t", undefined)).to.deep.equal([]);
    });
    it("refuses an unknown activation (and stops there)", () => {
      expect(activationIssues({ activation: "jit", maxActivation: "nope" }, "t", "Group")).to.deep.equal([{ path: "t.activation", rule: "must be one of active | eligible", value: "jit" }]);
    });
    it("refuses eligible for service principals and other non-user/group principals, naming the type", () => {
      for (const type of ["ServicePrincipal", "ForeignGroup", "Device"])
        expect(activationIssues({ activation: "eligible" }, "t", type)).to.deep.equal([
          {
            path: "t.activation",
            rule: `eligible (Privileged Identity Management) takes users and groups only, and the team's principal is a ${type}; use activation: active for it`,
            value: "eligible",
          },
        ]);
    });
    it("refuses maxActivation and requireApproval without activation: eligible", () => {
      const rule = "only applies with activation: eligible (an active assignment is never activated)";
      expect(activationIssues({ maxActivation: "PT8H", requireApproval: [A1] }, "t", "Group")).to.deep.equal([
        { path: "t.maxActivation", rule, value: "PT8H" },
        { path: "t.requireApproval", rule, value: [A1] },
      ]);
      expect(activationIssues({ activation: "active", maxActivation: "PT8H" }, "t", "Group")).to.deep.equal([{ path: "t.maxActivation", rule, value: "PT8H" }]);
    });
    it("refuses a malformed, zero or longer-than-a-day maxActivation (PT24H and P1D are the limit)", () => {
      const at = (maxActivation: unknown) => activationIssues({ activation: "eligible", maxActivation }, "t", "Group");
      expect(at("8 hours")).to.deep.equal([{ path: "t.maxActivation", rule: "must be an ISO 8601 duration of hours and minutes such as PT8H or PT1H30M", value: "8 hours" }]);
      expect(at(8)).to.deep.equal([{ path: "t.maxActivation", rule: "must be an ISO 8601 duration of hours and minutes such as PT8H or PT1H30M", value: 8 }]);
      // Not a string, even one that would read as PT8H.
      expect(at(["PT8H"]).map((i) => i.path)).to.deep.equal(["t.maxActivation"]);
      const tooLong = "must be longer than zero and at most PT24H (PIM's longest activation)";
      expect(at("PT0M")).to.deep.equal([{ path: "t.maxActivation", rule: tooLong, value: "PT0M" }]);
      expect(at("PT24H1M")).to.deep.equal([{ path: "t.maxActivation", rule: tooLong, value: "PT24H1M" }]);
      expect(at("P2D")).to.deep.equal([{ path: "t.maxActivation", rule: tooLong, value: "P2D" }]);
      expect(at("PT24H")).to.deep.equal([]);
      expect(at("P1D")).to.deep.equal([]);
    });
    it("refuses requireApproval that is not a non-empty list of distinct group GUIDs", () => {
      const at = (requireApproval: unknown) => activationIssues({ activation: "eligible", requireApproval }, "t", "Group");
      const list = "must be a non-empty list of approver group object ids (GUIDs)";
      expect(at([])).to.deep.equal([{ path: "t.requireApproval", rule: list, value: [] }]);
      expect(at(A1)).to.deep.equal([{ path: "t.requireApproval", rule: list, value: A1 }]);
      expect(at([A1, "sg-approvers", 7])).to.deep.equal([
        { path: "t.requireApproval[1]", rule: "must be a GUID (the object id of an Entra ID group of approvers)", value: "sg-approvers" },
        { path: "t.requireApproval[2]", rule: "must be a GUID (the object id of an Entra ID group of approvers)", value: 7 },
      ]);
      expect(at([A1, A2, A1.toUpperCase()])).to.deep.equal([{ path: "t.requireApproval[2]", rule: "lists an approver group a second time", value: A1.toUpperCase() }]);
      expect(at([A1.toUpperCase(), A1])).to.deep.equal([{ path: "t.requireApproval[1]", rule: "lists an approver group a second time", value: A1 }]);
      // A non-string entry is its own issue, and never a duplicate of another.
      expect(at([7, A1]).map((i) => i.path)).to.deep.equal(["t.requireApproval[0]"]);
      expect(at([[A1]])).to.deep.equal([{ path: "t.requireApproval[0]", rule: "must be a GUID (the object id of an Entra ID group of approvers)", value: [A1] }]);
    });
  });

  describe("stack config", () => {
    it("defaults to active, and an eligible team's maxActivation to PT8H", () => {
      const active = validate(team({})).teams[0];
      expect(active.activation).to.equal("active");
      expect(active.maxActivation).to.equal(undefined);
      const eligible = validate(team({ activation: "eligible" })).teams[0];
      expect(eligible).to.deep.include({ activation: "eligible", maxActivation: "PT8H" });
      expect(eligible.requireApproval).to.equal(undefined);
      const set = validate(team({ activation: "eligible", maxActivation: "PT2H", requireApproval: [A1] })).teams[0];
      expect(set).to.deep.include({ activation: "eligible", maxActivation: "PT2H", requireApproval: [A1] });
    });
    it("accepts an eligible user principal", () => {
      expect(validate(baseConfig({ teams: [{ name: "on-call", principal: { objectId: G, type: "User" }, role: "Reader", activation: "eligible" }] })).teams[0].activation).to.equal("eligible");
    });
    it("names path, rule and value for a service principal made eligible", () => {
      const err = rejection(baseConfig({ teams: [{ name: "pipeline", principal: { objectId: G, type: "ServicePrincipal" }, role: "Reader", activation: "eligible" }] }));
      expect(err).to.be.instanceOf(PlatformConfigError);
      expect(err.issues).to.deep.equal([
        {
          path: "azureml-platform:teams[0].activation",
          rule: "eligible (Privileged Identity Management) takes users and groups only, and the team's principal is a ServicePrincipal; use activation: active for it",
          value: "eligible",
        },
      ]);
      expect(err.message).to.contain('azureml-platform:teams[0].activation: eligible (Privileged Identity Management) takes users and groups only');
      expect(err.message).to.contain('(got "eligible")');
    });
    it("refuses an unknown activation through the schema, with the choices", () => {
      expect(issues({ activation: "standing" })).to.deep.equal([{ path: "azureml-platform:teams[0].activation", rule: "must be one of active | eligible", value: "standing" }]);
    });
    it("refuses the eligible-only keys on an active team, a bad duration and bad approvers, with their paths", () => {
      expect(issues({ maxActivation: "PT8H" }).map((i) => i.path)).to.deep.equal(["azureml-platform:teams[0].maxActivation"]);
      expect(issues({ activation: "eligible", maxActivation: "PT25H" })).to.deep.equal([
        { path: "azureml-platform:teams[0].maxActivation", rule: "must be longer than zero and at most PT24H (PIM's longest activation)", value: "PT25H" },
      ]);
      expect(issues({ activation: "eligible", requireApproval: ["approvers"] }).map((i) => i.path)).to.deep.equal(["azureml-platform:teams[0].requireApproval[0]"]);
      expect(issues({ activation: "eligible", maxActivation: 8 }).map((i) => i.path)).to.deep.equal(["azureml-platform:teams[0].maxActivation"]);
      expect(issues({ activation: "eligible", requireApproval: A1 }).map((i) => i.path)).to.deep.equal(["azureml-platform:teams[0].requireApproval"]);
    });
  });

  describe("AccessModel args", () => {
    const ws = [{ name: "fraud", storageAccountId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st" }];
    const args = (t: Record<string, unknown>) => () => checkAccessModelArgs("access", [{ name: "ops", role: "Reader", ...t }], [], ws);
    const issuesOf = (t: Record<string, unknown>) => {
      try {
        args(t)();
      } catch (e) {
        return (e as PlatformConfigError).issues;
      }
      return [];
    };
    it("takes eligible groups (by object id or display name) and users", () => {
      expect(args({ groupObjectId: G, activation: "eligible", maxActivation: "PT4H", requireApproval: [A1] })).to.not.throw();
      expect(args({ groupDisplayName: "sg-ops", activation: "eligible" })).to.not.throw();
      expect(args({ principalObjectId: G, principalType: "User", activation: "eligible" })).to.not.throw();
    });
    it("refuses an eligible service principal, naming the args path", () => {
      expect(issuesOf({ principalObjectId: G, principalType: "ServicePrincipal", activation: "eligible" })).to.deep.equal([
        {
          path: 'AccessModel "access" args.teams[0].activation',
          rule: "eligible (Privileged Identity Management) takes users and groups only, and the team's principal is a ServicePrincipal; use activation: active for it",
          value: "eligible",
        },
      ]);
    });
    it("refuses an unknown activation and the eligible-only keys on an active team", () => {
      expect(issuesOf({ groupObjectId: G, activation: "sometimes" }).map((i) => [i.path, i.rule])).to.deep.equal([['AccessModel "access" args.teams[0].activation', "must be one of active | eligible"]]);
      expect(issuesOf({ groupObjectId: G, requireApproval: [A1] }).map((i) => i.path)).to.deep.equal(['AccessModel "access" args.teams[0].requireApproval']);
      expect(issuesOf({ groupObjectId: G, activation: "eligible", maxActivation: "PT48H" }).map((i) => i.path)).to.deep.equal(['AccessModel "access" args.teams[0].maxActivation']);
    });
  });
});
