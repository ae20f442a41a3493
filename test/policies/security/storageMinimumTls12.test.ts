import { storageMinimumTls12 } from "../../../policies/security/storageMinimumTls12";
import { TYPES } from "../../../policies/lib/azure";
import { unknown } from "../../helpers/policy";
import { describeResourceRule } from "../../helpers/securityRule";

describeResourceRule(storageMinimumTls12, {
  type: TYPES.storageAccount,
  good: { minimumTlsVersion: "TLS1_2" },
  bad: { minimumTlsVersion: "TLS1_0" },
  message: /minimumTlsVersion must be TLS1_2 or newer \(got "TLS1_0"\)/,
  unknownProps: { minimumTlsVersion: unknown.string },
});
