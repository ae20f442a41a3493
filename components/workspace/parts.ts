import * as pulumi from "@pulumi/pulumi";
import * as applicationinsights from "@pulumi/azure-native/applicationinsights";
import { ResolvedWorkspace } from "../../config/workspace";
import { parseResourceId } from "../../naming/resourceIds";
import { ChildContext } from "./context";
import { createComputes } from "./computes";
import { createKeyVault } from "./keyVault";
import { lockAgainstDeletion } from "./locks";
import { createAuditLogs, createDiagnostics, createMonitoring } from "./monitoring";
import { createPrivateAccess } from "./privateAccess";
import { createProject } from "./project";
import { createRegistry } from "./registry";
import { registryUses } from "./registries";
import { createStorage, storageSharedKeyAccess } from "./storage";
import { createWorkspace } from "./workspace";

type Settings = ResolvedWorkspace<pulumi.Input<string>, pulumi.Input<number>>;

/** What a WorkspaceStack exposes, whichever kind of workspace it builds. */
export interface WorkspaceParts {
  storageAccountId: pulumi.Output<string>;
  /** Whether this workspace created `storageAccountId` (no other workspace has that account). */
  storageAccountOwned?: boolean;
  /** Whether the account it created accepts Shared Key authorization (unknown for an adopted one). */
  storageSharedKeyAccess?: boolean;
  keyVaultId: pulumi.Output<string>;
  applicationInsightsId: pulumi.Output<string>;
  logAnalyticsWorkspaceId: pulumi.Output<string | undefined>;
  containerRegistryId: pulumi.Output<string | undefined>;
  workspaceName: pulumi.Output<string>;
  workspaceId: pulumi.Output<string>;
  principalId: pulumi.Output<string>;
  userAssignedIdentityId: pulumi.Output<string | undefined>;
  privateDnsZoneIds: pulumi.Output<Record<string, string> | undefined>;
  privateEndpointId: pulumi.Output<string | undefined>;
  computeIds: pulumi.Output<Record<string, string>>;
  /** Project workspaces only: their data lives in the hub's storage, in containers named after the project's workspace GUID. */
  dataContainerPrefix?: pulumi.Output<string>;
}

/**
 * A default or hub workspace with its own dependencies: storage, key vault, monitoring and registry
 * (created or adopted), the workspace, its private access, diagnostics and compute clusters.
 */
export function standaloneParts(ctx: ChildContext, settings: Settings, opts: { displayName: pulumi.Input<string>; tenantId: pulumi.Output<string>; prod: boolean }): WorkspaceParts {
  const network = storageNetwork(settings, opts.prod);
  const storage = settings.existingIds.storageAccount === undefined ? createStorage(ctx, network?.networkRuleSet, network?.publicNetworkAccess) : undefined;
  const storageAccountId = storage ? storage.id : pulumi.output(settings.existingIds.storageAccount!);
  const keyVault = settings.existingIds.keyVault === undefined ? createKeyVault(ctx, opts.tenantId) : undefined;
  const keyVaultId = keyVault ? keyVault.id : pulumi.output(settings.existingIds.keyVault!);
  // A managed network's internal operations may be blocked by locks on the workspace's resources
  // (how-to-managed-network, Limitations): under one, protect, soft delete and purge protection keep the data.
  if (ctx.protectData && settings.managedNetworkIsolation === "Disabled") {
    if (storage) lockAgainstDeletion(ctx, "storage", storage.id, "the storage account holds the workspace's data, models and run outputs");
    if (keyVault) lockAgainstDeletion(ctx, "kv", keyVault.id, "the key vault holds the workspace's secrets and connection credentials");
  }

  const monitoring = createMonitoring(ctx, { applicationInsightsId: settings.existingIds.applicationInsights, logAnalyticsWorkspaceId: settings.existingIds.logAnalyticsWorkspace });
  const registry = settings.containerRegistry;
  const createdRegistry = registry.mode === "create" ? createRegistry(ctx) : undefined;
  const containerRegistryId = createdRegistry
    ? (createdRegistry.id as pulumi.Output<string | undefined>) // widening the type needs no apply
    : pulumi.output(registry.mode === "existing" ? registry.existingId : undefined);
  // Who read a secret, a key or an image: audit logs of what the stack creates (prod).
  if (ctx.protectData && monitoring.logAnalyticsWorkspaceId !== undefined) {
    if (keyVault) createAuditLogs(ctx, "kv", keyVault.id, monitoring.logAnalyticsWorkspaceId);
    if (createdRegistry) createAuditLogs(ctx, "acr", createdRegistry.id, monitoring.logAnalyticsWorkspaceId);
  }

  const workspace = createWorkspace(ctx, settings, {
    displayName: opts.displayName,
    storageAccountId,
    // The id the created account will have, built from inputs a first preview already knows, for
    // the workspace's own rules to it (the workspace waits for the account through storageAccount).
    storageAccountIdFromNames: storage
      ? pulumi.interpolate`${ctx.subscriptionScope}/resourceGroups/${settings.existingResourceGroupName ?? ctx.names.resourceGroup}/providers/Microsoft.Storage/storageAccounts/${ctx.names.storageAccount}`
      : storageAccountId,
    keyVaultId,
    applicationInsightsId: monitoring.applicationInsightsId,
    registryId: registry.mode === "onDemand" ? undefined : (containerRegistryId as pulumi.Output<string>),
  });
  const access = createPrivateAccess(ctx, settings.privateEndpoint, workspace.id, storage?.id, workspace.identityPrincipalIds);
  if (ctx.protectData && monitoring.logAnalyticsWorkspaceId !== undefined) createDiagnostics(ctx, workspace.id, monitoring.logAnalyticsWorkspaceId);
  // The first compute provisions a managed network not provisioned at creation: it waits for the
  // grants the workspace identity needs on the workspace and on outbound targets.
  const computeIds = pulumi.output(
    createComputes(ctx, workspace.name, settings.computes, { storageAccountId, batchEndpoints: settings.batchEndpoints, dependsOn: workspace.postCreationGrants, registries: registryUses(settings.registries) }),
  );
  return {
    storageAccountId,
    ...(storage ? { storageAccountOwned: true, storageSharedKeyAccess: storageSharedKeyAccess(ctx) } : {}),
    keyVaultId,
    applicationInsightsId: monitoring.applicationInsightsId,
    logAnalyticsWorkspaceId: monitoring.logAnalyticsWorkspaceId ?? pulumi.output(undefined),
    containerRegistryId,
    workspaceName: workspace.name,
    workspaceId: workspace.id,
    principalId: workspace.principalId,
    userAssignedIdentityId: workspace.userAssignedIdentityId,
    privateDnsZoneIds: access.zoneIds,
    privateEndpointId: access.endpointId,
    computeIds,
  };
}

/** A project workspace: the workspace alone, sharing its hub's dependencies, network and key. */
export function projectParts(ctx: ChildContext, settings: Settings, opts: { displayName: pulumi.Input<string>; tenantId: pulumi.Output<string> }): WorkspaceParts {
  const project = createProject(ctx, settings.hub!.existingId!, { displayName: opts.displayName, description: settings.description, registries: registryUses(settings.registries) });
  // A project is where jobs and deployments run: its logs go where its hub's do, the Log Analytics
  // workspace behind the hub's (workspace-based) Application Insights.
  if (ctx.protectData) createDiagnostics(ctx, project.workspace.id, settings.hub?.logAnalyticsWorkspaceId ?? hubLogAnalytics(ctx, project.hub.applicationInsightsId));
  return {
    ...project.hub,
    logAnalyticsWorkspaceId: pulumi.output(undefined),
    workspaceName: project.workspace.name,
    workspaceId: project.workspace.id,
    principalId: project.principalId,
    userAssignedIdentityId: pulumi.output(undefined),
    privateDnsZoneIds: pulumi.output(undefined),
    privateEndpointId: pulumi.output(undefined),
    computeIds: pulumi.output({} as Record<string, string>),
    dataContainerPrefix: project.workspace.workspaceId,
  };
}

/**
 * Network rules of the storage account the stack creates: prod storage is private (trusted Azure
 * services and the managed network's private endpoints still reach it); an ipAllowlist opens it to
 * those ranges only.
 */
function storageNetwork(settings: Settings, prod: boolean) {
  const allowlist = settings.ipAllowlist;
  if (!allowlist && !prod) return undefined;
  return {
    networkRuleSet: { defaultAction: "Deny" as const, bypass: "AzureServices" as const, ipRules: allowlist?.map((value) => ({ iPAddressOrRange: value, action: "Allow" as const })) },
    publicNetworkAccess: allowlist ? "Enabled" : "Disabled",
  };
}

/** The Log Analytics workspace of the hub's Application Insights (a workspace-based component's `workspaceResourceId`). */
function hubLogAnalytics(ctx: ChildContext, applicationInsightsId: pulumi.Output<string>): pulumi.Output<string> {
  const ref = applicationInsightsId.apply((id) => parseResourceId(id));
  const component = applicationinsights.getComponentOutput(
    { resourceGroupName: ref.apply((r) => r?.resourceGroup ?? ""), resourceName: ref.apply((r) => r?.name ?? "") },
    { parent: ctx.parent },
  );
  return component.apply((c) => c.workspaceResourceId ?? "");
}
