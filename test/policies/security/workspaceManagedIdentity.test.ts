import { workspaceManagedIdentity } from "../../../policies/security/workspaceManagedIdentity";
import { TYPES } from "../../../policies/lib/azure";
import { unknown } from "../../helpers/policy";
import { describeResourceRule } from "../../helpers/securityRule";

describeResourceRule(workspaceManagedIdentity, {
  type: TYPES.workspace,
  good: { identity: { type: "SystemAssigned" } },
  bad: { identity: { type: "None" } },
  message: /identity\.type must be SystemAssigned or UserAssigned/,
  unknownProps: { identity: { type: unknown.string } },
});
