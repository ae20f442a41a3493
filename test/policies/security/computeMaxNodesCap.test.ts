import { computeMaxNodesCap } from "../../../policies/security/computeMaxNodesCap";
import { TYPES } from "../../../policies/lib/azure";

import { describeResourceRule } from "../../helpers/securityRule";

describeResourceRule(computeMaxNodesCap, {
  type: TYPES.compute,
  good: { properties: { computeType: "AmlCompute", properties: { scaleSettings: { minNodeCount: 0, maxNodeCount: 10 } } } },
  bad: { properties: { computeType: "AmlCompute", properties: { scaleSettings: { minNodeCount: 0, maxNodeCount: 11 } } } },
  message: /maxNodeCount must be at most 10 \(got 11\)/,
});
