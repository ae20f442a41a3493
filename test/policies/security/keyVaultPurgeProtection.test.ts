import { keyVaultPurgeProtection } from "../../../policies/security/keyVaultPurgeProtection";
import { TYPES } from "../../../policies/lib/azure";
import { unknown } from "../../helpers/policy";
import { describeResourceRule } from "../../helpers/securityRule";

describeResourceRule(keyVaultPurgeProtection, {
  type: TYPES.keyVault,
  good: { properties: { enablePurgeProtection: true } },
  bad: { properties: {} },
  message: /enablePurgeProtection must be true \(got not set\)/,
  unknownProps: { properties: { enablePurgeProtection: unknown.boolean } },
});
