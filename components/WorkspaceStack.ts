import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import * as resources from "@pulumi/azure-native/resources";
import { checkWorkspaceStackArgs } from "../config/workspaceArgs";
import { ResolvedWorkspace } from "../config/workspace";
import { WorkspaceResourceNames, workspaceResourceNames } from "../naming";
import { WorkspaceStackArgs } from "./workspace/args";
import { ChildContext } from "./workspace/context";
import { createComputes } from "./workspace/computes";
import { createKeyVault } from "./workspace/keyVault";
import { createDiagnostics, createMonitoring } from "./workspace/monitoring";
import { createPrivateAccess } from "./workspace/privateAccess";
import { createRegistry } from "./workspace/registry";
import { createStorage } from "./workspace/storage";
import { createWorkspace } from "./workspace/workspace";
import { lockAgainstDeletion } from "./workspace/locks";
import { createBudget } from "./workspace/budget";

export type { ComputeClusterArgs } from "./workspace/computes";
export type { PrivateDnsZoneIdsArgs } from "./workspace/privateAccess";
export type * from "./workspace/args";

/** What AccessModel needs of a workspace (`new AccessModel(..., { workspaces: [ws.accessTarget] })`). */
export interface WorkspaceAccessTarget {
  /** The workspace's logical name (teams' `workspaces` list it). */
  name: string;
  workspaceId: pulumi.Output<string>;
  resourceGroupName: pulumi.Output<string>;
  resourceGroupId: pulumi.Output<string>;
  /** Data roles are assigned here (the workspace's storage account). */
  storageAccountId: pulumi.Output<string>;
}

/**
 * An Azure Machine Learning workspace with the resources Azure would otherwise auto-create —
 * storage, key vault, workspace-based Application Insights, and a container registry when asked —
 * each created secure by default or adopted from an existing id. Each family of children lives in
 * its own module under `./workspace/`; this class orchestrates them.
 */
export class WorkspaceStack extends pulumi.ComponentResource {
  /** Azure names this component derives (stable across runs; see naming rules). */
  public readonly resourceNames: WorkspaceResourceNames;
  public readonly resourceGroupName: pulumi.Output<string>;
  public readonly resourceGroupId: pulumi.Output<string>;
  public readonly workspaceName: pulumi.Output<string>;
  public readonly workspaceId: pulumi.Output<string>;
  /** Object id of the workspace's system-assigned identity. */
  public readonly principalId: pulumi.Output<string>;
  /** Resource id of the workspace's user-assigned identity (undefined when it has none). */
  public readonly userAssignedIdentityId: pulumi.Output<string | undefined>;
  public readonly storageAccountId: pulumi.Output<string>;
  public readonly keyVaultId: pulumi.Output<string>;
  public readonly applicationInsightsId: pulumi.Output<string>;
  /** Log Analytics workspace behind Application Insights and diagnostics (undefined when an existing Application Insights is adopted without one). */
  public readonly logAnalyticsWorkspaceId: pulumi.Output<string | undefined>;
  /** Undefined in `onDemand` mode: Azure ML creates the registry on first image build. */
  public readonly containerRegistryId: pulumi.Output<string | undefined>;
  /** Azure ML studio URL of the workspace. */
  public readonly studioUrl: pulumi.Output<string>;
  /** Compute cluster ids by compute name. */
  public readonly computeIds: pulumi.Output<Record<string, string>>;
  /** Private DNS zone ids by purpose (`api`, `notebooks`, `blob`, `file`) when the workspace has a private endpoint. */
  public readonly privateDnsZoneIds: pulumi.Output<Record<string, string> | undefined>;
  /** Resource id of the workspace's private endpoint (undefined without one). */
  public readonly privateEndpointId: pulumi.Output<string | undefined>;
  /** Resource id of the workspace's Cost Management budget (undefined without `budget`). */
  public readonly budgetId: pulumi.Output<string | undefined>;
  /** Everything AccessModel needs to grant teams on this workspace, as one value. */
  public readonly accessTarget: WorkspaceAccessTarget;

  constructor(name: string, args: WorkspaceStackArgs, opts?: pulumi.ComponentResourceOptions) {
    // Validate (and apply the environment's defaults) before super(): a bad argument must not leave
    // a half-registered component behind.
    const settings = checkWorkspaceStackArgs<pulumi.Input<string>, pulumi.Input<number>>(name, args);
    super("azureml-platform:index:WorkspaceStack", name, {}, renamedOptions(name, settings.renamedFrom, opts));

    const environment = args.environment ?? "dev";
    const prod = environment === "prod";
    const names = workspaceResourceNames(args.project, environment, name);
    this.resourceNames = names;
    const parent = { parent: this };
    const fixedTags = { project: args.project, environment, workspace: name, "managed-by": "azureml-platform" };
    // Plain tags stay plain: an Output per resource input costs the runtime work on every child.
    const tags: pulumi.Input<Record<string, pulumi.Input<string>>> =
      args.tags === undefined || isPlainRecord(args.tags)
        ? { ...(args.tags as Record<string, pulumi.Input<string>> | undefined), ...fixedTags }
        : pulumi.output(args.tags).apply((extra): Record<string, string> => ({ ...extra, ...fixedTags }));
    // One look-up of the deploying identity, and none when the caller passes both (the program does).
    const client = args.tenantId === undefined || args.subscriptionId === undefined ? authorization.getClientConfigOutput(parent) : undefined;
    const tenantId = args.tenantId !== undefined ? pulumi.output(args.tenantId) : client!.tenantId;
    const subscriptionId = args.subscriptionId !== undefined ? pulumi.output(args.subscriptionId) : client!.subscriptionId;

    let createdGroup: resources.ResourceGroup | undefined;
    if (settings.existingResourceGroupName !== undefined) {
      this.resourceGroupName = pulumi.output(settings.existingResourceGroupName);
      this.resourceGroupId = resources.getResourceGroupOutput({ resourceGroupName: settings.existingResourceGroupName }, parent).id;
    } else {
      createdGroup = new resources.ResourceGroup(`${name}-rg`, { resourceGroupName: names.resourceGroup, location: args.location, tags }, parent);
      this.resourceGroupName = createdGroup.name;
      this.resourceGroupId = createdGroup.id;
    }
    const ctx: ChildContext = {
      name,
      names,
      parent: this,
      resourceGroupName: this.resourceGroupName,
      location: args.location,
      tags,
      prod,
      protectData: settings.protectData,
      subscriptionScope: pulumi.interpolate`/subscriptions/${subscriptionId}`,
    };

    const network = storageNetwork(settings, prod);
    const storage = settings.existingIds.storageAccount === undefined ? createStorage(ctx, network?.networkRuleSet, network?.publicNetworkAccess) : undefined;
    this.storageAccountId = storage ? storage.id : pulumi.output(settings.existingIds.storageAccount!);
    const keyVault = settings.existingIds.keyVault === undefined ? createKeyVault(ctx, tenantId) : undefined;
    this.keyVaultId = keyVault ? keyVault.id : pulumi.output(settings.existingIds.keyVault!);
    if (ctx.protectData) {
      if (storage) lockAgainstDeletion(ctx, "storage", storage.id, "the storage account holds the workspace's data, models and run outputs");
      if (keyVault) lockAgainstDeletion(ctx, "kv", keyVault.id, "the key vault holds the workspace's secrets and connection credentials");
    }

    const monitoring = createMonitoring(ctx, { applicationInsightsId: settings.existingIds.applicationInsights, logAnalyticsWorkspaceId: settings.existingIds.logAnalyticsWorkspace });
    this.logAnalyticsWorkspaceId = monitoring.logAnalyticsWorkspaceId ?? pulumi.output(undefined);
    this.applicationInsightsId = monitoring.applicationInsightsId;

    const registry = settings.containerRegistry;
    this.containerRegistryId =
      registry.mode === "create"
        ? (createRegistry(ctx).id as pulumi.Output<string | undefined>) // widening the type needs no apply
        : pulumi.output(registry.mode === "existing" ? registry.existingId : undefined);
    const registryId = registry.mode === "onDemand" ? undefined : (this.containerRegistryId as pulumi.Output<string>);

    const workspace = createWorkspace(ctx, settings, {
      displayName: args.displayName ?? name,
      storageAccountId: this.storageAccountId,
      // The id the created account will have, built from inputs a first preview already knows, for
      // the workspace's own rules to it (the workspace waits for the account through storageAccount).
      storageAccountIdFromNames: storage
        ? pulumi.interpolate`${ctx.subscriptionScope}/resourceGroups/${settings.existingResourceGroupName ?? names.resourceGroup}/providers/Microsoft.Storage/storageAccounts/${names.storageAccount}`
        : this.storageAccountId,
      keyVaultId: this.keyVaultId,
      applicationInsightsId: this.applicationInsightsId,
      registryId,
    });
    this.workspaceName = workspace.name;
    this.workspaceId = workspace.id;
    this.principalId = workspace.principalId;
    this.userAssignedIdentityId = workspace.userAssignedIdentityId;
    this.studioUrl = pulumi.interpolate`https://ml.azure.com/home?wsid=${workspace.id}&tid=${tenantId}`;

    const access = createPrivateAccess(ctx, settings.privateEndpoint, workspace.id, storage?.id, workspace.identityPrincipalIds);
    this.privateDnsZoneIds = access.zoneIds;
    this.privateEndpointId = access.endpointId;

    if (ctx.protectData && monitoring.logAnalyticsWorkspaceId !== undefined) createDiagnostics(ctx, workspace.id, monitoring.logAnalyticsWorkspaceId);
    // The first compute provisions a managed network not provisioned at creation: it waits for the
    // grants the workspace identity needs on the workspace and on outbound targets.
    this.computeIds = pulumi.output(
      createComputes(ctx, workspace.name, settings.computes, { storageAccountId: this.storageAccountId, batchEndpoints: settings.batchEndpoints, dependsOn: workspace.postCreationGrants }),
    );
    // The group's scope from names a first preview already knows (as storageAccountIdFromNames), so
    // the budget-in-prod policy can tie the budget to the group before either exists.
    this.budgetId = pulumi.output(
      settings.budget
        ? createBudget(
            {
              name: `${name}-budget`,
              budgetName: `budget-${name}`,
              scope: pulumi.interpolate`${ctx.subscriptionScope}/resourceGroups/${settings.existingResourceGroupName ?? names.resourceGroup}`,
              opts: { parent: this, dependsOn: createdGroup ? [createdGroup] : [] },
            },
            settings.budget,
          ).id
        : undefined,
    );
    this.accessTarget = { name, workspaceId: this.workspaceId, resourceGroupName: this.resourceGroupName, resourceGroupId: this.resourceGroupId, storageAccountId: this.storageAccountId };

    this.registerOutputs({
      resourceGroupName: this.resourceGroupName,
      resourceGroupId: this.resourceGroupId,
      workspaceName: this.workspaceName,
      workspaceId: this.workspaceId,
      principalId: this.principalId,
      userAssignedIdentityId: this.userAssignedIdentityId,
      storageAccountId: this.storageAccountId,
      keyVaultId: this.keyVaultId,
      applicationInsightsId: this.applicationInsightsId,
      logAnalyticsWorkspaceId: this.logAnalyticsWorkspaceId,
      containerRegistryId: this.containerRegistryId,
      studioUrl: this.studioUrl,
      computeIds: this.computeIds,
      privateDnsZoneIds: this.privateDnsZoneIds,
      privateEndpointId: this.privateEndpointId,
      budgetId: this.budgetId,
    });
  }
}

/**
 * Network rules of the storage account the stack creates: prod storage is private (trusted Azure
 * services and the managed network's private endpoints still reach it); an ipAllowlist opens it to
 * those ranges only.
 */
function storageNetwork(settings: ResolvedWorkspace<pulumi.Input<string>, unknown>, prod: boolean) {
  const allowlist = settings.ipAllowlist;
  if (!allowlist && !prod) return undefined;
  return {
    networkRuleSet: { defaultAction: "Deny" as const, bypass: "AzureServices" as const, ipRules: allowlist?.map((value) => ({ iPAddressOrRange: value, action: "Allow" as const })) },
    publicNetworkAccess: allowlist ? "Enabled" : "Disabled",
  };
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !pulumi.Output.isInstance(value) && typeof (value as { then?: unknown }).then !== "function";
}

/**
 * A workspace renamed in config keeps its Pulumi identity: the component aliases its old name, and
 * the engine gives each child (named `<name>-…`) the alias with the old name as prefix
 * (pulumi/pulumi pkg/resource/deploy/step_generator.go, generateAliases → inheritedChildAlias), so
 * Pulumi sees the same resources with new Azure names rather than unrelated new ones.
 */
function renamedOptions(name: string, renamedFrom: string | undefined, opts: pulumi.ComponentResourceOptions | undefined): pulumi.ComponentResourceOptions | undefined {
  if (renamedFrom === undefined || renamedFrom === name) return opts;
  return { ...opts, aliases: [...(opts?.aliases ?? []), { name: renamedFrom }] };
}
