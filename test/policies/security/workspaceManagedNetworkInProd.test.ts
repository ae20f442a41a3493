import { workspaceManagedNetworkInProd } from "../../../policies/security/workspaceManagedNetworkInProd";
import { TYPES } from "../../../policies/lib/azure";
import { unknown } from "../../helpers/policy";
import { describeResourceRule } from "../../helpers/securityRule";

describeResourceRule(workspaceManagedNetworkInProd, {
  type: TYPES.workspace,
  good: { managedNetwork: { isolationMode: "AllowOnlyApprovedOutbound" } },
  bad: { managedNetwork: { isolationMode: "Disabled" } },
  message: /isolationMode must be/,
  prodOnly: true,
  unknownProps: { managedNetwork: unknown.object },
});
