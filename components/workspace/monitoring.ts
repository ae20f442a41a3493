import * as pulumi from "@pulumi/pulumi";
import * as applicationinsights from "@pulumi/azure-native/applicationinsights";
import * as monitor from "@pulumi/azure-native/monitor";
import * as operationalinsights from "@pulumi/azure-native/operationalinsights";
import { ChildContext } from "./context";

export interface Monitoring {
  logAnalyticsWorkspaceId?: pulumi.Output<string>;
  applicationInsightsId: pulumi.Output<string>;
}

/**
 * Log Analytics (created unless adopted, and only when something needs it) and workspace-based
 * Application Insights (created unless adopted): classic Application Insights is retired.
 */
export function createMonitoring(
  ctx: ChildContext,
  adopted: { applicationInsightsId?: pulumi.Input<string>; logAnalyticsWorkspaceId?: pulumi.Input<string> },
): Monitoring {
  let logAnalyticsWorkspaceId = adopted.logAnalyticsWorkspaceId !== undefined ? pulumi.output(adopted.logAnalyticsWorkspaceId) : undefined;
  const needsLogAnalytics = adopted.applicationInsightsId === undefined || ctx.protectData;
  if (logAnalyticsWorkspaceId === undefined && needsLogAnalytics) {
    logAnalyticsWorkspaceId = new operationalinsights.Workspace(
      `${ctx.name}-logs`,
      {
        workspaceName: ctx.names.logAnalytics,
        resourceGroupName: ctx.resourceGroupName,
        location: ctx.location,
        tags: ctx.tags,
        sku: { name: "PerGB2018" },
        retentionInDays: ctx.prod ? 90 : 30,
      },
      { parent: ctx.parent },
    ).id;
  }
  const applicationInsightsId =
    adopted.applicationInsightsId !== undefined
      ? pulumi.output(adopted.applicationInsightsId)
      : new applicationinsights.Component(
          `${ctx.name}-appi`,
          {
            resourceName: ctx.names.applicationInsights,
            resourceGroupName: ctx.resourceGroupName,
            location: ctx.location,
            tags: ctx.tags,
            kind: "web",
            applicationType: "web",
            ingestionMode: "LogAnalytics",
            workspaceResourceId: logAnalyticsWorkspaceId,
            // Local auth stays on, an exception to PSRule's Azure.AppInsights.LocalAuth (docs/policies.md,
            // "Peers' rules"): with it off, "Azure AD authentication must be used for all access"
            // (azure-monitor/app/azure-ad-authentication.md), and Azure ML's own telemetry paths (online
            // deployments' app_insights_enabled, the workspace's connection string handed to jobs and
            // endpoints) send with the connection string; no Azure ML page documents Entra ingestion.
            disableLocalAuth: false,
          },
          { parent: ctx.parent },
        ).id;
  return { logAnalyticsWorkspaceId, applicationInsightsId };
}

/**
 * Audit logs of the key vault or container registry the stack creates, to Log Analytics (prod
 * default): who read a secret, key or image. The `audit` category group covers Key Vault's
 * AuditEvent and the registry's login and repository events (PSRule for Azure Azure.KeyVault.Logs,
 * Azure.ACR.Logs: "enable ... the `audit` category group").
 */
export function createAuditLogs(ctx: ChildContext, label: "kv" | "acr", resourceId: pulumi.Input<string>, logAnalyticsWorkspaceId: pulumi.Input<string>): monitor.DiagnosticSetting {
  return new monitor.DiagnosticSetting(
    `${ctx.name}-${label}-diag`,
    { name: `audit-${label}`, resourceUri: resourceId, workspaceId: logAnalyticsWorkspaceId, logs: [{ categoryGroup: "audit", enabled: true }] },
    { parent: ctx.parent },
  );
}

/** The workspace's logs and metrics to Log Analytics (prod default). */
export function createDiagnostics(ctx: ChildContext, workspaceId: pulumi.Input<string>, logAnalyticsWorkspaceId: pulumi.Input<string>): monitor.DiagnosticSetting {
  return new monitor.DiagnosticSetting(
    `${ctx.name}-diag`,
    {
      name: `diag-${ctx.names.workspace}`,
      resourceUri: workspaceId,
      workspaceId: logAnalyticsWorkspaceId,
      logs: [{ categoryGroup: "allLogs", enabled: true }],
      metrics: [{ category: "AllMetrics", enabled: true }],
    },
    { parent: ctx.parent },
  );
}
