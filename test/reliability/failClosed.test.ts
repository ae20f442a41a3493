import { expect } from "chai";
import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { PACKS } from "../../policies/packs";
import { RULE_TYPES } from "../../policies/lib/define";
import { TYPES } from "../../policies/lib/azure";
import { check, resource, unknown } from "../helpers/policy";

/** Props where every property is unknown, as in a preview before any id exists. */
function allUnknown(): Record<string, any> {
  return new Proxy({}, { get: (_t, key) => (typeof key === "string" ? unknown.string : undefined), has: () => true, ownKeys: () => [], getOwnPropertyDescriptor: () => undefined });
}

// A location left out means "the resource group's region", which the rule checks on the group itself;
// a managed network left out means isolation Disabled, where outbound rules do not apply.
const MISSING_IS_COMPLIANT = new Set(["allowed-locations", "approved-outbound-has-package-rules"]);

describe("policies fail closed", () => {
  const resourceRules = PACKS.flatMap((p) => p.policies).filter((p): p is ResourceValidationPolicy => "validateResource" in p);
  const stackRules = PACKS.flatMap((p) => p.policies).filter((p): p is StackValidationPolicy => "validateStack" in p);

  for (const policy of resourceRules) {
    const types = RULE_TYPES.get(policy) ?? [];
    it(`${policy.name}: unknown values are reported, never a pass or a crash`, async () => {
      expect(types.length).to.be.greaterThan(0);
      for (const type of types) {
        const v = await check(policy, [resource(type, allUnknown())]);
        expect(v.length, `${policy.name} on ${type}`).to.be.greaterThan(0);
      }
    });
    it(`${policy.name}: missing properties are reported, never a pass or a crash`, async () => {
      for (const type of types) {
        const v = await check(policy, [resource(type, {})]);
        if (MISSING_IS_COMPLIANT.has(policy.name)) expect(v).to.deep.equal([]);
        else expect(v.length, `${policy.name} on ${type}`).to.be.greaterThan(0);
      }
    });
  }

  for (const policy of stackRules) {
    it(`${policy.name}: a stack of resources with unknown or missing values does not crash and does not pass silently`, async () => {
      const stack = Object.values(TYPES).flatMap((type) => [resource(type, allUnknown()), resource(type, {})]);
      const v = await check(policy, stack);
      expect(v.length, policy.name).to.be.greaterThan(0);
    });
  }
});
