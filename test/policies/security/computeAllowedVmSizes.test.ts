import { computeAllowedVmSizes } from "../../../policies/security/computeAllowedVmSizes";
import { TYPES } from "../../../policies/lib/azure";

import { describeResourceRule } from "../../helpers/securityRule";

describeResourceRule(computeAllowedVmSizes, {
  type: TYPES.compute,
  good: { properties: { computeType: "AmlCompute", properties: { vmSize: "standard_ds3_v2" } } },
  bad: { properties: { computeType: "AmlCompute", properties: { vmSize: "Standard_M128s" } } },
  message: /vmSize must be one of \d+ allowed sizes \(got "Standard_M128s"\)/,
});
