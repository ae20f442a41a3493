import { registryPublicNetworkDisabledInProd } from "../../../policies/security/registryPublicNetworkDisabledInProd";
import { TYPES } from "../../../policies/lib/azure";

import { describeResourceRule } from "../../helpers/securityRule";

describeResourceRule(registryPublicNetworkDisabledInProd, {
  type: TYPES.containerRegistry,
  good: { publicNetworkAccess: "Disabled" },
  bad: { publicNetworkAccess: "Enabled" },
  message: /publicNetworkAccess must be "Disabled" in prod/,
  prodOnly: true,
});
