import { computeMinNodesZero } from "../../../policies/security/computeMinNodesZero";
import { TYPES } from "../../../policies/lib/azure";

import { describeResourceRule } from "../../helpers/securityRule";

describeResourceRule(computeMinNodesZero, {
  type: TYPES.compute,
  good: { properties: { computeType: "AmlCompute", properties: { scaleSettings: { minNodeCount: 0, maxNodeCount: 4 } } } },
  bad: { properties: { computeType: "AmlCompute", properties: { scaleSettings: { minNodeCount: 2, maxNodeCount: 4 } } } },
  message: /minNodeCount must be 0 \(got 2\)/,
});
