import { computeLocalAuthDisabled } from "../../../policies/security/computeLocalAuthDisabled";
import { TYPES } from "../../../policies/lib/azure";

import { describeResourceRule } from "../../helpers/securityRule";

describeResourceRule(computeLocalAuthDisabled, {
  type: TYPES.compute,
  good: { properties: { computeType: "AmlCompute", disableLocalAuth: true } },
  bad: { properties: { computeType: "AmlCompute", disableLocalAuth: false } },
  message: /disableLocalAuth must be true/,
});
