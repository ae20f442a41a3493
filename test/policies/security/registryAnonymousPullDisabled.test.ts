import { registryAnonymousPullDisabled } from "../../../policies/security/registryAnonymousPullDisabled";
import { TYPES } from "../../../policies/lib/azure";

import { describeResourceRule } from "../../helpers/securityRule";

describeResourceRule(registryAnonymousPullDisabled, {
  type: TYPES.containerRegistry,
  good: { anonymousPullEnabled: false },
  bad: { anonymousPullEnabled: true },
  message: /anonymousPullEnabled must be false/,
});
