import { Policy } from "@pulumi/policy";
import { expect } from "chai";
import { check, expectDocumented, expectPass, expectViolation, resource } from "./policy";

export interface RuleCase {
  type: string;
  /** Props of a compliant resource. */
  good: Record<string, any>;
  /** Props of a non-compliant resource and the message expected. */
  bad: Record<string, any>;
  message: RegExp;
  /** Whether the rule only applies to prod (then a dev-tagged bad resource passes). */
  prodOnly?: boolean;
  /** Props with a preview-unknown value: the rule must defer to the update, never pass or block. */
  unknownProps?: Record<string, any>;
}

export const PROD = { tags: { environment: "prod", project: "fraud" } };
export const DEV = { tags: { environment: "dev", project: "fraud" } };

/** The standard proof for a resource rule: passes compliant, flags non-compliant, defers unknowns, ignores other types. */
export function describeResourceRule(policy: Policy, c: RuleCase): void {
  describe(policy.name, () => {
    it("is documented (description with its Checkov / Azure Policy reference, severity, remediation)", () => expectDocumented(policy));
    it("passes a compliant resource", () => expectPass(policy, [resource(c.type, { ...PROD, ...c.good })]));
    it("reports a non-compliant resource", () => expectViolation(policy, [resource(c.type, { ...PROD, ...c.bad })], c.message));
    it("ignores other resource types", () => expectPass(policy, [resource("azure-native:web:WebApp", { ...PROD, ...c.bad })]));
    it("matches versioned type tokens too", () =>
      expectViolation(policy, [resource(c.type.replace(/^(azure-native:[a-z]+):/, "$1/v20240401:"), { ...PROD, ...c.bad })], c.message));
    if (c.prodOnly) it("does not apply to dev resources", () => expectPass(policy, [resource(c.type, { ...c.bad, ...DEV })]));
    if (c.unknownProps)
      it("defers values unknown during preview to the update (advisory \"can't run policy … during preview\")", async () => {
        const v = await check(policy, [resource(c.type, { ...PROD, ...c.unknownProps })]);
        expect(v).to.have.length(1);
        expect(v[0].enforcementLevel).to.equal("advisory");
        expect(v[0].message).to.match(new RegExp(`^can't run policy '${policy.name}' from policy pack 'test-pack@v0\\.0\\.0' during preview: \\w+ value at \\.[\\w.]+ can't be known during preview$`));
      });
  });
}
