import { keyVaultRbacAuthorization } from "../../../policies/security/keyVaultRbacAuthorization";
import { TYPES } from "../../../policies/lib/azure";
import { unknown } from "../../helpers/policy";
import { describeResourceRule } from "../../helpers/securityRule";

describeResourceRule(keyVaultRbacAuthorization, {
  type: TYPES.keyVault,
  good: { properties: { enableRbacAuthorization: true } },
  bad: { properties: { enableRbacAuthorization: false } },
  message: /enableRbacAuthorization must be true/,
  unknownProps: { properties: unknown.object },
});
