import { workspaceHbiInProd } from "../../../policies/security/workspaceHbiInProd";
import { TYPES } from "../../../policies/lib/azure";
import { unknown } from "../../helpers/policy";
import { describeResourceRule } from "../../helpers/securityRule";

describeResourceRule(workspaceHbiInProd, {
  type: TYPES.workspace,
  good: { hbiWorkspace: true },
  bad: { hbiWorkspace: false },
  message: /hbiWorkspace must be true in prod/,
  prodOnly: true,
  unknownProps: { hbiWorkspace: unknown.boolean },
});
