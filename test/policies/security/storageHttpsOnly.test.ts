import { storageHttpsOnly } from "../../../policies/security/storageHttpsOnly";
import { TYPES } from "../../../policies/lib/azure";
import { unknown } from "../../helpers/policy";
import { describeResourceRule } from "../../helpers/securityRule";

describeResourceRule(storageHttpsOnly, {
  type: TYPES.storageAccount,
  good: { enableHttpsTrafficOnly: true },
  bad: { enableHttpsTrafficOnly: false },
  message: /enableHttpsTrafficOnly must be true/,
  unknownProps: { enableHttpsTrafficOnly: unknown.boolean },
});
