import { workspacePublicNetworkDisabledInProd } from "../../../policies/security/workspacePublicNetworkDisabledInProd";
import { TYPES } from "../../../policies/lib/azure";
import { unknown } from "../../helpers/policy";
import { describeResourceRule } from "../../helpers/securityRule";

describeResourceRule(workspacePublicNetworkDisabledInProd, {
  type: TYPES.workspace,
  good: { publicNetworkAccess: "Disabled" },
  bad: { publicNetworkAccess: "Enabled" },
  message: /publicNetworkAccess must be "Disabled" in prod \(got "Enabled"\)/,
  prodOnly: true,
  unknownProps: { publicNetworkAccess: unknown.string },
});
