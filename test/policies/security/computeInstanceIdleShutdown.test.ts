import { computeInstanceIdleShutdown } from "../../../policies/security/computeInstanceIdleShutdown";
import { TYPES } from "../../../policies/lib/azure";

import { describeResourceRule } from "../../helpers/securityRule";

describeResourceRule(computeInstanceIdleShutdown, {
  type: TYPES.compute,
  good: { properties: { computeType: "ComputeInstance", properties: { idleTimeBeforeShutdown: "PT60M" } } },
  bad: { properties: { computeType: "ComputeInstance", properties: {} } },
  message: /idleTimeBeforeShutdown must be an ISO 8601 duration/,
});
