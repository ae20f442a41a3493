import { storageSharedKeyDisabledInProd } from "../../../policies/security/storageSharedKeyDisabledInProd";
import { TYPES } from "../../../policies/lib/azure";

import { describeResourceRule } from "../../helpers/securityRule";

describeResourceRule(storageSharedKeyDisabledInProd, {
  type: TYPES.storageAccount,
  good: { allowSharedKeyAccess: false },
  bad: { allowSharedKeyAccess: true },
  message: /allowSharedKeyAccess must be false in prod/,
  prodOnly: true,
});
