import { applicationInsightsWorkspaceBased } from "../../../policies/security/applicationInsightsWorkspaceBased";
import { TYPES } from "../../../policies/lib/azure";
import { unknown } from "../../helpers/policy";
import { describeResourceRule } from "../../helpers/securityRule";

describeResourceRule(applicationInsightsWorkspaceBased, {
  type: TYPES.applicationInsights,
  good: { ingestionMode: "LogAnalytics", workspaceResourceId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/log" },
  bad: { ingestionMode: "ApplicationInsights" },
  message: /ingestionMode must be "LogAnalytics"/,
  unknownProps: { ingestionMode: "LogAnalytics", workspaceResourceId: unknown.string },
});
