import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import * as resources from "@pulumi/azure-native/resources";
import { checkWorkspaceStackArgs } from "../config/workspaceArgs";
import { WorkspaceResourceNames, workspaceResourceNames } from "../naming";
import { WorkspaceStackArgs } from "./workspace/args";
import { WorkspaceKind } from "./types";
import { ChildContext } from "./workspace/context";
import { projectParts, standaloneParts } from "./workspace/parts";
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
  /** Data roles are assigned here (the workspace's storage account; a project's hub's). */
  storageAccountId: pulumi.Output<string>;
  /**
   * A project's data sits in its hub's storage in containers whose names start with the project's
   * workspace GUID (concept-hub-workspace, "Storage"): data roles there carry that condition.
   */
  dataContainerPrefix?: pulumi.Output<string>;
  /** Set when the workspace created its storage account: no other target has that account. */
  storageAccountOwned?: boolean;
  /** Set when the workspace created its storage account: whether that account accepts Shared Key (outside prod). */
  storageSharedKeyAccess?: boolean;
  /** A project's hub (its resource id, lower-cased, when known as a string; the program sets the hub's logical name). */
  hub?: string;
  /** What the workspace is: its rows in the access report say so. */
  kind: WorkspaceKind;
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
  /** `default`, `hub` or `project`. */
  public readonly kind: pulumi.Output<WorkspaceKind>;
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

    const parts =
      settings.kind === "project"
        ? projectParts(ctx, settings, { displayName: args.displayName ?? name, tenantId })
        : standaloneParts(ctx, settings, { displayName: args.displayName ?? name, tenantId, prod });
    this.storageAccountId = parts.storageAccountId;
    this.keyVaultId = parts.keyVaultId;
    this.applicationInsightsId = parts.applicationInsightsId;
    this.logAnalyticsWorkspaceId = parts.logAnalyticsWorkspaceId;
    this.containerRegistryId = parts.containerRegistryId;
    this.workspaceName = parts.workspaceName;
    this.workspaceId = parts.workspaceId;
    this.principalId = parts.principalId;
    this.userAssignedIdentityId = parts.userAssignedIdentityId;
    this.studioUrl = pulumi.interpolate`https://ml.azure.com/home?wsid=${parts.workspaceId}&tid=${tenantId}`;
    this.privateDnsZoneIds = parts.privateDnsZoneIds;
    this.privateEndpointId = parts.privateEndpointId;
    this.computeIds = parts.computeIds;
    this.kind = pulumi.output(settings.kind);
    // The group's scope from names a first preview already knows (as storageAccountIdFromNames), so
    // the budget-in-prod policy can tie the budget to the group before either exists. A project in a
    // group it does not create (its hub's, typically) counts only its own costs, by the `workspace`
    // tag this component puts on what it creates (Cost Management filters budgets by tag).
    const sharedGroup = settings.kind === "project" && settings.existingResourceGroupName !== undefined;
    this.budgetId = pulumi.output(
      settings.budget
        ? createBudget(
            {
              name: `${name}-budget`,
              budgetName: `budget-${name}`,
              scope: pulumi.interpolate`${ctx.subscriptionScope}/resourceGroups/${settings.existingResourceGroupName ?? names.resourceGroup}`,
              ...(sharedGroup ? { tag: { tagName: "workspace", tagValues: [name] } } : {}),
              opts: { parent: this, dependsOn: createdGroup ? [createdGroup] : [] },
            },
            settings.budget,
          ).id
        : undefined,
    );
    this.accessTarget = {
      name,
      kind: settings.kind,
      workspaceId: this.workspaceId,
      resourceGroupName: this.resourceGroupName,
      resourceGroupId: this.resourceGroupId,
      storageAccountId: this.storageAccountId,
      ...(parts.dataContainerPrefix ? { dataContainerPrefix: parts.dataContainerPrefix } : {}),
      ...(parts.storageAccountOwned ? { storageAccountOwned: true } : {}),
      ...(parts.storageSharedKeyAccess !== undefined ? { storageSharedKeyAccess: parts.storageSharedKeyAccess } : {}),
      // Known when the hub's id is a plain string; AccessModel groups a team's projects of one hub by it.
      ...(settings.kind === "project" && typeof settings.hub?.existingId === "string" ? { hub: settings.hub.existingId.toLowerCase() } : {}),
    };

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
      kind: this.kind,
      budgetId: this.budgetId,
    });
  }
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
