import { requiredTags } from "../../../policies/security/requiredTags";
import { expectPass, expectViolation, resource } from "../../helpers/policy";
import { allowedLocations } from "../../../policies/security/allowedLocations";
import { TYPES } from "../../../policies/lib/azure";
import { unknown } from "../../helpers/policy";
import { describeResourceRule } from "../../helpers/securityRule";

describeResourceRule(allowedLocations, {
  type: TYPES.storageAccount,
  good: { location: "westeurope" },
  bad: { location: "eastus" },
  message: /location "eastus" is not one of westeurope, northeurope/,
  unknownProps: { location: unknown.string },
});

describe("allowed-locations and required-tags: Azure ML registries are tracked resources too", () => {
  it("checks a registry's location and tags", async () => {
    const mlr = (props: Record<string, unknown>) => resource(TYPES.machineLearningRegistry, { tags: { environment: "prod", project: "p" }, location: "westeurope", ...props });
    await expectPass(allowedLocations, [mlr({})]);
    await expectViolation(allowedLocations, [mlr({ location: "eastus" })], /^location "eastus" is not one of westeurope, northeurope$/);
    await expectPass(requiredTags, [mlr({})]);
    await expectViolation(requiredTags, [mlr({ tags: { environment: "prod" } })], /^missing required tags: project$/);
  });
});
