import { TYPES } from "../lib/azure";
import { resourceRule } from "../lib/define";

export const applicationInsightsWorkspaceBased = resourceRule({
  name: "application-insights-workspace-based",
  description: "Application Insights is workspace-based (classic resources are retired). Mirrors Azure Policy 'Azure Monitor Logs for Application Insights should be linked to a Log Analytics workspace'.",
  severity: "medium",
  remediationSteps: "Set ingestionMode: LogAnalytics and workspaceResourceId to a Log Analytics workspace.",
  types: [TYPES.applicationInsights],
  check: (ctx) => {
    ctx.expect("ingestionMode", (v) => v === "LogAnalytics", 'be "LogAnalytics"');
    ctx.expect<string>("workspaceResourceId", (v) => typeof v === "string" && v.length > 0, "name a Log Analytics workspace");
  },
});
