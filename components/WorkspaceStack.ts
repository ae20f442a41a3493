import * as pulumi from "@pulumi/pulumi";
import * as applicationinsights from "@pulumi/azure-native/applicationinsights";
import * as authorization from "@pulumi/azure-native/authorization";
import * as containerregistry from "@pulumi/azure-native/containerregistry";
import * as keyvault from "@pulumi/azure-native/keyvault";
import * as machinelearningservices from "@pulumi/azure-native/machinelearningservices";
import * as monitor from "@pulumi/azure-native/monitor";
import * as operationalinsights from "@pulumi/azure-native/operationalinsights";
import * as resources from "@pulumi/azure-native/resources";
import * as storage from "@pulumi/azure-native/storage";
import { checkWorkspaceStackArgs } from "../config/workspaceArgs";
import { WorkspaceResourceNames, workspaceResourceNames } from "../naming";
import { ContainerRegistryMode, Environment, ManagedNetworkIsolation, PublicNetworkAccess, VmPriority } from "./types";

/** A shared, admin-owned AmlCompute cluster. */
export interface ComputeClusterArgs {
  /** Compute name inside the workspace: 2-16 letters, digits and hyphens, starting with a letter. */
  name: string;
  /** VM size of the nodes, e.g. `Standard_DS3_v2`. */
  vmSize: pulumi.Input<string>;
  /**
   * Nodes kept running when idle.
   * @default 0 (scale to zero, nothing billed when idle)
   */
  minNodes?: pulumi.Input<number>;
  /** Upper bound of the autoscaler. */
  maxNodes: pulumi.Input<number>;
  /**
   * Idle minutes before a node is released.
   * @default 15
   */
  idleMinutesBeforeScaleDown?: pulumi.Input<number>;
  /**
   * `Dedicated` or `LowPriority` nodes.
   * @default "Dedicated"
   */
  vmPriority?: pulumi.Input<VmPriority>;
}

export interface WorkspaceStackArgs {
  /** Project name, used in every Azure name and in tags: 2-12 lowercase letters, digits and hyphens. */
  project: string;
  /**
   * Environment; drives the secure defaults (network, HBI, locks, protection, SKUs).
   * @default "dev"
   */
  environment?: Environment;
  /**
   * Azure region of every resource.
   * @default the provider's `azure-native:location`
   */
  location?: pulumi.Input<string>;
  /**
   * Entra ID tenant of the key vault and the studio URL.
   * @default the tenant of the provider's credentials
   */
  tenantId?: pulumi.Input<string>;
  /**
   * Extra tags; `project`, `environment`, `workspace` and `managed-by` are always added.
   * @default {}
   */
  tags?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
  /**
   * Friendly name shown in Azure ML studio.
   * @default the component name
   */
  displayName?: pulumi.Input<string>;
  /**
   * Workspace description.
   * @default no description
   */
  description?: pulumi.Input<string>;
  /**
   * Name of an existing resource group to deploy into (adopt).
   * @default a new resource group `rg-<project>-<environment>-<name>` is created
   */
  resourceGroupName?: pulumi.Input<string>;
  /**
   * Public network access of the workspace.
   * @default "Enabled" in dev, "Disabled" in prod
   */
  publicNetworkAccess?: PublicNetworkAccess;
  /**
   * Managed virtual network isolation of the workspace.
   * @default "AllowInternetOutbound" in dev, "AllowOnlyApprovedOutbound" in prod
   */
  managedNetworkIsolation?: ManagedNetworkIsolation;
  /**
   * High business impact workspace (reduced diagnostics collected by Microsoft, encrypted local scratch disks).
   * @default false in dev, true in prod
   */
  hbi?: boolean;
  /**
   * Container registry: `onDemand` leaves it to Azure ML to create one on the first image build,
   * `create` makes a hardened one now, `existing` attaches `containerRegistryId`.
   * @default "onDemand"
   */
  containerRegistry?: ContainerRegistryMode;
  /**
   * Resource id of the registry to attach when `containerRegistry` is `existing`.
   * @default none
   */
  containerRegistryId?: pulumi.Input<string>;
  /**
   * Resource id of an existing storage account to adopt.
   * @default a hardened StorageV2 account is created
   */
  storageAccountId?: pulumi.Input<string>;
  /**
   * Resource id of an existing key vault to adopt.
   * @default an RBAC-authorised key vault with purge protection is created
   */
  keyVaultId?: pulumi.Input<string>;
  /**
   * Resource id of an existing Application Insights component to adopt.
   * @default a workspace-based Application Insights component is created
   */
  applicationInsightsId?: pulumi.Input<string>;
  /**
   * Resource id of an existing Log Analytics workspace for Application Insights and diagnostics.
   * @default a Log Analytics workspace is created
   */
  logAnalyticsWorkspaceId?: pulumi.Input<string>;
  /**
   * Admin-owned compute clusters to create in the workspace.
   * @default none
   */
  computes?: ComputeClusterArgs[];
  /**
   * `protect` the storage account and key vault, lock the workspace against deletion and send its
   * diagnostics to Log Analytics.
   * @default true in prod, false in dev
   */
  protectData?: boolean;
}

/**
 * An Azure Machine Learning workspace with the resources Azure would otherwise auto-create —
 * storage, key vault, workspace-based Application Insights, and a container registry when asked —
 * each created secure by default or adopted from an existing id.
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

  constructor(name: string, args: WorkspaceStackArgs, opts?: pulumi.ComponentResourceOptions) {
    // Validate before super(): a bad argument must not leave a half-registered component behind.
    checkWorkspaceStackArgs(name, args);
    super("azureml-platform:index:WorkspaceStack", name, {}, opts);

    const environment = args.environment ?? "dev";
    const prod = environment === "prod";
    const protectData = args.protectData ?? prod;
    const names = workspaceResourceNames(args.project, environment, name);
    this.resourceNames = names;
    const parent = { parent: this };
    const fixedTags = { project: args.project, environment, workspace: name, "managed-by": "azureml-platform" };
    // Plain tags stay plain: an Output per resource input costs the runtime work on every child.
    const tags: pulumi.Input<Record<string, pulumi.Input<string>>> =
      args.tags === undefined || isPlainRecord(args.tags)
        ? { ...(args.tags as Record<string, pulumi.Input<string>> | undefined), ...fixedTags }
        : pulumi.output(args.tags).apply((extra): Record<string, string> => ({ ...extra, ...fixedTags }));
    const location = args.location;
    const tenantId = args.tenantId !== undefined ? pulumi.output(args.tenantId) : authorization.getClientConfigOutput(parent).tenantId;

    let resourceGroupName: pulumi.Output<string>;
    if (args.resourceGroupName !== undefined) {
      const existing = resources.getResourceGroupOutput({ resourceGroupName: args.resourceGroupName }, parent);
      resourceGroupName = pulumi.output(args.resourceGroupName);
      this.resourceGroupId = existing.id;
    } else {
      const rg = new resources.ResourceGroup(`${name}-rg`, { resourceGroupName: names.resourceGroup, location, tags }, parent);
      resourceGroupName = rg.name;
      this.resourceGroupId = rg.id;
    }
    this.resourceGroupName = resourceGroupName;

    this.storageAccountId =
      args.storageAccountId !== undefined
        ? pulumi.output(args.storageAccountId)
        : this.createStorage(name, names, resourceGroupName, location, tags, prod, protectData);

    this.keyVaultId =
      args.keyVaultId !== undefined
        ? pulumi.output(args.keyVaultId)
        : new keyvault.Vault(
            `${name}-kv`,
            {
              vaultName: names.keyVault,
              resourceGroupName,
              location,
              tags,
              properties: {
                tenantId,
                sku: { family: "A", name: "standard" },
                enableRbacAuthorization: true,
                enableSoftDelete: true,
                softDeleteRetentionInDays: 90,
                enablePurgeProtection: true,
                publicNetworkAccess: prod ? "Disabled" : "Enabled",
                networkAcls: prod ? { defaultAction: "Deny", bypass: "AzureServices" } : undefined,
              },
            },
            { parent: this, protect: protectData },
          ).id;

    let logAnalyticsId: pulumi.Output<string> | undefined =
      args.logAnalyticsWorkspaceId !== undefined ? pulumi.output(args.logAnalyticsWorkspaceId) : undefined;
    const needsLogAnalytics = args.applicationInsightsId === undefined || protectData;
    if (logAnalyticsId === undefined && needsLogAnalytics) {
      logAnalyticsId = new operationalinsights.Workspace(
        `${name}-logs`,
        {
          workspaceName: names.logAnalytics,
          resourceGroupName,
          location,
          tags,
          sku: { name: "PerGB2018" },
          retentionInDays: prod ? 90 : 30,
        },
        parent,
      ).id;
    }
    this.logAnalyticsWorkspaceId = logAnalyticsId ?? pulumi.output(undefined);

    this.applicationInsightsId =
      args.applicationInsightsId !== undefined
        ? pulumi.output(args.applicationInsightsId)
        : new applicationinsights.Component(
            `${name}-appi`,
            {
              resourceName: names.applicationInsights,
              resourceGroupName,
              location,
              tags,
              kind: "web",
              applicationType: "web",
              ingestionMode: "LogAnalytics",
              workspaceResourceId: logAnalyticsId,
            },
            parent,
          ).id;

    const registryMode = args.containerRegistry ?? "onDemand";
    if (registryMode === "create") {
      this.containerRegistryId = new containerregistry.Registry(
        `${name}-acr`,
        {
          registryName: names.containerRegistry,
          resourceGroupName,
          location,
          tags,
          // Private access needs Premium; dev keeps the cheaper Basic SKU.
          sku: { name: prod ? "Premium" : "Basic" },
          adminUserEnabled: false,
          anonymousPullEnabled: false,
          publicNetworkAccess: prod ? "Disabled" : "Enabled",
        },
        parent,
      ).id as pulumi.Output<string | undefined>; // widening the type needs no apply
    } else if (registryMode === "existing") {
      this.containerRegistryId = pulumi.output(args.containerRegistryId) as pulumi.Output<string | undefined>;
    } else {
      this.containerRegistryId = pulumi.output(undefined);
    }

    const workspace = new machinelearningservices.Workspace(
      `${name}-mlw`,
      {
        workspaceName: names.workspace,
        resourceGroupName,
        location,
        tags,
        friendlyName: args.displayName ?? name,
        description: args.description,
        sku: { name: "Basic", tier: "Basic" },
        identity: { type: "SystemAssigned" },
        storageAccount: this.storageAccountId,
        keyVault: this.keyVaultId,
        applicationInsights: this.applicationInsightsId,
        containerRegistry: registryMode === "onDemand" ? undefined : this.containerRegistryId,
        hbiWorkspace: args.hbi ?? prod,
        publicNetworkAccess: args.publicNetworkAccess ?? (prod ? "Disabled" : "Enabled"),
        systemDatastoresAuthMode: "identity",
        managedNetwork: { isolationMode: args.managedNetworkIsolation ?? (prod ? "AllowOnlyApprovedOutbound" : "AllowInternetOutbound") },
        v1LegacyMode: false,
      },
      parent,
    );
    this.workspaceName = workspace.name;
    this.workspaceId = workspace.id;
    this.principalId = workspace.identity.apply((identity) => identity?.principalId ?? "");
    this.studioUrl = pulumi.interpolate`https://ml.azure.com/home?wsid=${workspace.id}&tid=${tenantId}`;

    if (protectData) {
      if (logAnalyticsId !== undefined) {
        new monitor.DiagnosticSetting(
          `${name}-diag`,
          {
            name: `diag-${names.workspace}`,
            resourceUri: workspace.id,
            workspaceId: logAnalyticsId,
            logs: [{ categoryGroup: "allLogs", enabled: true }],
            metrics: [{ category: "AllMetrics", enabled: true }],
          },
          parent,
        );
      }
      new authorization.ManagementLockByScope(
        `${name}-lock`,
        {
          lockName: "do-not-delete",
          scope: workspace.id,
          level: "CanNotDelete",
          notes: "Managed by azureml-platform: the workspace holds run history, models and data references.",
        },
        parent,
      );
    }

    const computeIds: Record<string, pulumi.Output<string>> = {};
    for (const c of args.computes ?? []) {
      computeIds[c.name] = new machinelearningservices.Compute(
        `${name}-${c.name}`,
        {
          computeName: c.name,
          workspaceName: workspace.name,
          resourceGroupName,
          location,
          tags,
          identity: { type: "SystemAssigned" },
          properties: {
            computeType: "AmlCompute",
            disableLocalAuth: true,
            properties: {
              vmSize: c.vmSize,
              vmPriority: c.vmPriority ?? "Dedicated",
              osType: "Linux",
              enableNodePublicIp: !prod,
              remoteLoginPortPublicAccess: "Disabled",
              scaleSettings: {
                minNodeCount: c.minNodes ?? 0,
                maxNodeCount: c.maxNodes,
                nodeIdleTimeBeforeScaleDown: pulumi.output(c.idleMinutesBeforeScaleDown ?? 15).apply((m) => `PT${m}M`),
              },
            },
          },
        },
        parent,
      ).id;
    }
    this.computeIds = pulumi.output(computeIds);

    this.registerOutputs({
      resourceGroupName: this.resourceGroupName,
      resourceGroupId: this.resourceGroupId,
      workspaceName: this.workspaceName,
      workspaceId: this.workspaceId,
      principalId: this.principalId,
      storageAccountId: this.storageAccountId,
      keyVaultId: this.keyVaultId,
      applicationInsightsId: this.applicationInsightsId,
      logAnalyticsWorkspaceId: this.logAnalyticsWorkspaceId,
      containerRegistryId: this.containerRegistryId,
      studioUrl: this.studioUrl,
      computeIds: this.computeIds,
    });
  }

  private createStorage(
    name: string,
    names: WorkspaceResourceNames,
    resourceGroupName: pulumi.Output<string>,
    location: pulumi.Input<string> | undefined,
    tags: pulumi.Input<Record<string, pulumi.Input<string>>>,
    prod: boolean,
    protectData: boolean,
  ): pulumi.Output<string> {
    const account = new storage.StorageAccount(
      `${name}-storage`,
      {
        accountName: names.storageAccount,
        resourceGroupName,
        location,
        tags,
        kind: "StorageV2",
        sku: { name: prod ? "Standard_ZRS" : "Standard_LRS" },
        enableHttpsTrafficOnly: true,
        minimumTlsVersion: "TLS1_2",
        allowBlobPublicAccess: false,
        // Azure ML reaches its system datastores with its managed identity (systemDatastoresAuthMode), so prod needs no keys.
        allowSharedKeyAccess: !prod,
        defaultToOAuthAuthentication: true,
        allowCrossTenantReplication: false,
      },
      { parent: this, protect: protectData },
    );
    const retentionDays = prod ? 30 : 7;
    new storage.BlobServiceProperties(
      `${name}-blob`,
      {
        accountName: account.name,
        resourceGroupName,
        blobServicesName: "default",
        isVersioningEnabled: true,
        deleteRetentionPolicy: { enabled: true, days: retentionDays },
        containerDeleteRetentionPolicy: { enabled: true, days: retentionDays },
      },
      { parent: this },
    );
    return account.id;
  }
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !pulumi.Output.isInstance(value) && typeof (value as { then?: unknown }).then !== "function";
}
