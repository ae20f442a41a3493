import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import * as machinelearningservices from "@pulumi/azure-native/machinelearningservices";
import * as resources from "@pulumi/azure-native/resources";
import { checkWorkspaceStackArgs } from "../config/workspaceArgs";
import { WorkspaceResourceNames, workspaceResourceNames } from "../naming";
import { WorkspaceStackArgs } from "./workspace/args";
import { INBOUND_MANAGED_ELSEWHERE, INBOUND_TAG, OutboundRuleSpec, needsFirewall, outboundRulesMap } from "../config/network";
import { createPrivateAccess } from "./workspace/privateAccess";
import { ChildContext } from "./workspace/context";
import { createComputes } from "./workspace/computes";
import { createKeyVault } from "./workspace/keyVault";
import { createDiagnostics, createMonitoring } from "./workspace/monitoring";
import { createRegistry } from "./workspace/registry";
import { createStorage } from "./workspace/storage";
import { UserAssignedIdentity, customerManagedKey, grantWorkspaceIdentity, userAssignedIdentity } from "./workspace/identity";
import { lockAgainstDeletion } from "./workspace/locks";

export type { ComputeClusterArgs } from "./workspace/computes";
export type { PrivateDnsZoneIdsArgs } from "./workspace/privateAccess";
export type { OutboundRuleArgs, WorkspaceStackArgs } from "./workspace/args";

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

  constructor(name: string, args: WorkspaceStackArgs, opts?: pulumi.ComponentResourceOptions) {
    // Validate before super(): a bad argument must not leave a half-registered component behind.
    checkWorkspaceStackArgs(name, args);
    super("azureml-platform:index:WorkspaceStack", name, {}, renamedOptions(name, args.renamedFrom, opts));

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

    let resourceGroupName: pulumi.Output<string>;
    if (args.resourceGroupName !== undefined) {
      const existing = resources.getResourceGroupOutput({ resourceGroupName: args.resourceGroupName }, parent);
      resourceGroupName = pulumi.output(args.resourceGroupName);
      this.resourceGroupId = existing.id;
    } else {
      const rg = new resources.ResourceGroup(`${name}-rg`, { resourceGroupName: names.resourceGroup, location: args.location, tags }, parent);
      resourceGroupName = rg.name;
      this.resourceGroupId = rg.id;
    }
    this.resourceGroupName = resourceGroupName;
    const subscriptionScope = pulumi.interpolate`/subscriptions/${subscriptionId}`;
    const ctx: ChildContext = { name, names, parent: this, resourceGroupName, location: args.location, tags, prod, protectData: args.protectData ?? prod, subscriptionScope };

    // Prod storage is private (trusted Azure services and the managed network's private endpoints
    // still reach it); an ipAllowlist opens it to those ranges only.
    const allowlist = args.ipAllowlist;
    const storage =
      args.storageAccountId === undefined
        ? createStorage(
            ctx,
            allowlist || prod ? { defaultAction: "Deny", bypass: "AzureServices", ipRules: allowlist?.map((value) => ({ iPAddressOrRange: value, action: "Allow" as const })) } : undefined,
            allowlist ? "Enabled" : prod ? "Disabled" : undefined,
          )
        : undefined;
    this.storageAccountId = storage ? storage.id : pulumi.output(args.storageAccountId!);
    const keyVault = args.keyVaultId === undefined ? createKeyVault(ctx, tenantId) : undefined;
    this.keyVaultId = keyVault ? keyVault.id : pulumi.output(args.keyVaultId!);
    if (ctx.protectData) {
      if (storage) lockAgainstDeletion(ctx, "storage", storage.id, "the storage account holds the workspace's data, models and run outputs");
      if (keyVault) lockAgainstDeletion(ctx, "kv", keyVault.id, "the key vault holds the workspace's secrets and connection credentials");
    }

    const monitoring = createMonitoring(ctx, args);
    this.logAnalyticsWorkspaceId = monitoring.logAnalyticsWorkspaceId ?? pulumi.output(undefined);
    this.applicationInsightsId = monitoring.applicationInsightsId;

    const registryMode = args.containerRegistry ?? "onDemand";
    this.containerRegistryId =
      registryMode === "create"
        ? (createRegistry(ctx).id as pulumi.Output<string | undefined>) // widening the type needs no apply
        : pulumi.output(registryMode === "existing" ? args.containerRegistryId : undefined);
    const registryId = registryMode === "onDemand" ? undefined : (this.containerRegistryId as pulumi.Output<string>);
    // A registry created in prod is private and cannot build images itself: a cluster does.
    const imageBuildCompute = args.imageBuildCompute ?? (registryMode === "create" && prod ? args.computes?.[0]?.name : undefined);
    // Presets are strings in the args (checked against the known ones above, before super()).
    const outboundRules = (args.outboundRules ?? []) as OutboundRuleSpec<pulumi.Input<string>>[];

    let identity: UserAssignedIdentity | undefined;
    const workspaceDependsOn: pulumi.Resource[] = [];
    let encryption: machinelearningservices.WorkspaceArgs["encryption"];
    if (args.userAssignedIdentity !== undefined) {
      identity = userAssignedIdentity(ctx, args.userAssignedIdentity, args.userAssignedIdentityId);
      workspaceDependsOn.push(
        ...grantWorkspaceIdentity(ctx, identity, { storageAccountId: this.storageAccountId, keyVaultId: this.keyVaultId, applicationInsightsId: this.applicationInsightsId, registryId }),
      );
      if (args.encryptionKeyVaultId !== undefined && args.encryptionKeyUri !== undefined) {
        const cmk = customerManagedKey(ctx, identity, args.encryptionKeyVaultId, args.encryptionKeyUri);
        workspaceDependsOn.push(cmk.grant);
        encryption = cmk.encryption;
      }
    }
    this.userAssignedIdentityId = identity ? (identity.id as pulumi.Output<string | undefined>) : pulumi.output(undefined);

    // Policies see resources only: the tag is how the inbound-path policy learns of endpoints made elsewhere.
    const workspaceTags = args.privateEndpointsManagedElsewhere ? pulumi.output(tags).apply((t) => ({ ...t, [INBOUND_TAG]: INBOUND_MANAGED_ELSEWHERE })) : tags;
    const workspace = new machinelearningservices.Workspace(
      `${name}-mlw`,
      {
        workspaceName: names.workspace,
        resourceGroupName,
        location: args.location,
        tags: workspaceTags,
        friendlyName: args.displayName ?? name,
        description: args.description,
        sku: { name: "Basic", tier: "Basic" },
        identity: identity ? { type: "SystemAssigned,UserAssigned", userAssignedIdentities: [identity.id] } : { type: "SystemAssigned" },
        primaryUserAssignedIdentity: identity?.id,
        encryption,
        storageAccount: this.storageAccountId,
        keyVault: this.keyVaultId,
        applicationInsights: this.applicationInsightsId,
        containerRegistry: registryId,
        hbiWorkspace: args.hbi ?? prod,
        publicNetworkAccess: args.publicNetworkAccess ?? (prod && !allowlist ? "Disabled" : "Enabled"),
        systemDatastoresAuthMode: "identity",
        imageBuildCompute,
        provisionNetworkNow: args.provisionNetworkNow ?? prod,
        managedNetwork: {
          isolationMode: args.managedNetworkIsolation ?? (prod ? "AllowOnlyApprovedOutbound" : "AllowInternetOutbound"),
          outboundRules: outboundRules.length ? (outboundRulesMap(outboundRules) as Record<string, any>) : undefined,
          firewallSku: needsFirewall(outboundRules) ? (args.firewallSku ?? "Standard") : undefined,
        },
        v1LegacyMode: false,
      },
      // protect, not a lock: a lock on the workspace would also block deleting its computes, role
      // assignments and diagnostic setting, which later updates of this stack must be able to do.
      { parent: this, protect: ctx.protectData, dependsOn: workspaceDependsOn },
    );
    this.workspaceName = workspace.name;
    this.workspaceId = workspace.id;
    this.principalId = workspace.identity.apply((i) => i?.principalId ?? "");
    this.studioUrl = pulumi.interpolate`https://ml.azure.com/home?wsid=${workspace.id}&tid=${tenantId}`;

    const access = createPrivateAccess(ctx, args, workspace.id, storage?.id);
    this.privateDnsZoneIds = access.zoneIds;
    this.privateEndpointId = access.endpointId;

    if (ctx.protectData && monitoring.logAnalyticsWorkspaceId !== undefined) createDiagnostics(ctx, workspace.id, monitoring.logAnalyticsWorkspaceId);
    this.computeIds = pulumi.output(createComputes(ctx, workspace.name, args.computes ?? [], { registryId, storageAccountId: this.storageAccountId }));

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
    });
  }
}


function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !pulumi.Output.isInstance(value) && typeof (value as { then?: unknown }).then !== "function";
}

/**
 * A workspace renamed in config keeps its Pulumi identity: the component and each child (named
 * `<name>-…`) alias their old names, so Pulumi sees the same resources with new Azure names (a
 * replacement of what identifies them, which `plan --diff` reports) rather than unrelated new ones.
 */
function renamedOptions(name: string, renamedFrom: string | undefined, opts: pulumi.ComponentResourceOptions | undefined): pulumi.ComponentResourceOptions | undefined {
  if (renamedFrom === undefined || renamedFrom === name) return opts;
  const childAlias: pulumi.ResourceTransformation = (a) =>
    a.name.startsWith(`${name}-`) ? { props: a.props, opts: pulumi.mergeOptions(a.opts, { aliases: [{ name: `${renamedFrom}-${a.name.slice(name.length + 1)}` }] }) } : undefined;
  return { ...opts, aliases: [...(opts?.aliases ?? []), { name: renamedFrom }], transformations: [...(opts?.transformations ?? []), childAlias] };
}
