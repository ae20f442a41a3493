import { expect } from "chai";
import { mlRegistryPublicNetworkDisabledInProd as P } from "../../../policies/security/mlRegistryPublicNetworkDisabledInProd";
import { TYPES } from "../../../policies/lib/azure";
import { expectPass, expectViolation, resource, unknown } from "../../helpers/policy";
import { describeResourceRule, PROD } from "../../helpers/securityRule";

describeResourceRule(P, {
  type: TYPES.machineLearningRegistry,
  good: { publicNetworkAccess: "Disabled" },
  bad: { publicNetworkAccess: "Enabled" },
  message: /^publicNetworkAccess must be "Disabled" in prod \(got "Enabled"\)$/,
  prodOnly: true,
  unknownProps: { publicNetworkAccess: unknown.string },
});

describe("ml-registry-public-network-disabled-in-prod: which registries", () => {
  it("cites how-to-registry-network-isolation", () => expect(P.url).to.match(/how-to-registry-network-isolation$/));
  it("reports a registry that leaves public access out (Azure's default is Enabled), accepts any case", async () => {
    await expectViolation(P, [resource(TYPES.machineLearningRegistry, { ...PROD })], /^publicNetworkAccess must be "Disabled" in prod \(got not set\)$/);
    await expectPass(P, [resource(TYPES.machineLearningRegistry, { ...PROD, publicNetworkAccess: "disabled" })]);
  });
  it("does not judge container registries (registry-public-network-disabled-in-prod does)", () => expectPass(P, [resource(TYPES.containerRegistry, { ...PROD, publicNetworkAccess: "Enabled" })]));
});
