import { registryAdminUserDisabled } from "../../../policies/security/registryAdminUserDisabled";
import { TYPES } from "../../../policies/lib/azure";

import { describeResourceRule } from "../../helpers/securityRule";

describeResourceRule(registryAdminUserDisabled, {
  type: TYPES.containerRegistry,
  good: { adminUserEnabled: false },
  bad: { adminUserEnabled: true },
  message: /adminUserEnabled must be false/,
});
