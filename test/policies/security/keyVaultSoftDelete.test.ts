import { keyVaultSoftDelete } from "../../../policies/security/keyVaultSoftDelete";
import { TYPES } from "../../../policies/lib/azure";

import { describeResourceRule } from "../../helpers/securityRule";

describeResourceRule(keyVaultSoftDelete, {
  type: TYPES.keyVault,
  good: { properties: { enableSoftDelete: true } },
  bad: { properties: { enableSoftDelete: false } },
  message: /enableSoftDelete must be true/,
});
