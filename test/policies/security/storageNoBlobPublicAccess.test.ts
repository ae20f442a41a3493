import { storageNoBlobPublicAccess } from "../../../policies/security/storageNoBlobPublicAccess";
import { TYPES } from "../../../policies/lib/azure";
import { unknown } from "../../helpers/policy";
import { describeResourceRule } from "../../helpers/securityRule";

describeResourceRule(storageNoBlobPublicAccess, {
  type: TYPES.storageAccount,
  good: { allowBlobPublicAccess: false },
  bad: {},
  message: /allowBlobPublicAccess must be false \(got not set\)/,
  unknownProps: { allowBlobPublicAccess: unknown.boolean },
});
