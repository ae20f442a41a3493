import { keyVaultPublicNetworkDisabledInProd } from "../../../policies/security/keyVaultPublicNetworkDisabledInProd";
import { TYPES } from "../../../policies/lib/azure";

import { describeResourceRule } from "../../helpers/securityRule";

describeResourceRule(keyVaultPublicNetworkDisabledInProd, {
  type: TYPES.keyVault,
  good: { properties: { publicNetworkAccess: "Disabled" } },
  bad: { properties: { publicNetworkAccess: "Enabled" } },
  message: /publicNetworkAccess must be "Disabled" in prod/,
  prodOnly: true,
});
