import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import * as machinelearningservices from "@pulumi/azure-native/machinelearningservices";
import * as resources from "@pulumi/azure-native/resources";
import { checkRegistryArgs } from "../config/registry";
import { RegistryResourceNames, registryResourceNames } from "../naming";
import { Environment, PublicNetworkAccess } from "./types";
import { ChildContext } from "./workspace/context";
import { createRegistryPrivateAccess, managedResources } from "./registry/privateAccess";
import { markRegistryName } from "./workspace/registries";

/**
 * Inbound private access of a registry: endpoints to the registry (`amlregistry`), to the storage
 * account Azure creates in each region (`blob`) and to its container registry (`registry`), and their
 * DNS zones (how-to-registry-network-isolation).
 */
export interface RegistryPrivateEndpointArgs {
  /** Subnet of the endpoint (the subnet of the workspaces' endpoints, how-to-registry-network-isolation). */
  subnetId: pulumi.Input<string>;
  /**
   * `{ create: true, virtualNetworkId }` creates the three zones and links them; `{ existing: { api, blob, acr } }`
   * uses existing ones; both create the zones `existing` leaves out.
   */
  dnsZones: RegistryDnsZonesArgs;
}

/** The private DNS zones of the registry's endpoints. */
export interface RegistryDnsZonesArgs {
  /**
   * Create the zone and link it to `virtualNetworkId`.
   * @default false
   */
  create?: boolean;
  /**
   * Virtual network the created zone is linked to.
   * @default none
   */
  virtualNetworkId?: pulumi.Input<string>;
  /**
   * Existing zones (a hub network's central ones): all three, or with `create` the ones to use
   * instead of creating them.
   * @default none
   */
  existing?: RegistryExistingDnsZonesArgs;
}

/** Zones that already exist. */
export interface RegistryExistingDnsZonesArgs {
  /**
   * `privatelink.api.azureml.ms` zone id (the registry).
   * @default created with `create`
   */
  api?: pulumi.Input<string>;
  /**
   * `privatelink.blob.core.windows.net` zone id (the registry's storage accounts).
   * @default created with `create`
   */
  blob?: pulumi.Input<string>;
  /**
   * `privatelink.azurecr.io` zone id (the registry's container registry).
   * @default created with `create`
   */
  acr?: pulumi.Input<string>;
}

export interface RegistryArgs {
  /** Project name, in the registry's Azure name (`<project>-<name>`) and tags. */
  project: string;
  /**
   * Environment; drives the secure defaults (public access, protection).
   * @default "dev"
   */
  environment?: Environment;
  /** Regions the registry replicates to; the first is its primary region (fixed once created). */
  locations: string[];
  /**
   * Public network access of the registry.
   * @default "Enabled" in dev, "Disabled" in prod
   */
  publicNetworkAccess?: PublicNetworkAccess;
  /**
   * Inbound private endpoint to the registry.
   * @default none
   */
  privateEndpoint?: RegistryPrivateEndpointArgs;
  /**
   * `protect` the registry (models promoted to prod live here). No lock: workspaces' managed networks
   * reach it through private endpoints, which locks on Azure ML resources may block.
   * @default true in prod, false in dev
   */
  protectData?: boolean;
  /**
   * Extra tags; `project`, `environment`, `registry` and `managed-by` are always added.
   * @default {}
   */
  tags?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
}

/**
 * An Azure Machine Learning registry (how-to-manage-registries): models, environments and components
 * shared across workspaces and regions, the documented way to promote a model from a dev workspace
 * to a prod one. Azure creates its storage account per region and one geo-replicated container
 * registry (Premium) in a managed resource group; existing ones cannot be used ("Using existing
 * Azure resource instances for those when creating the registry is not supported", az ml registry create).
 */
export class Registry extends pulumi.ComponentResource {
  public readonly resourceNames: RegistryResourceNames;
  public readonly resourceGroupName: pulumi.Output<string>;
  public readonly registryName: pulumi.Output<string>;
  public readonly registryId: pulumi.Output<string>;
  /**
   * The registry's id built from its names, known in a first preview (the registry's own id is not),
   * and still waiting for the registry: what workspaces and teams that use it should take, so the
   * managed network's rules to it (and the policies reading them) are known before it exists.
   */
  public readonly registryIdFromNames: pulumi.Output<string>;
  /** Object id of the registry's system-assigned identity. */
  public readonly principalId: pulumi.Output<string>;
  /** The `amlregistry` endpoint, when the registry is private. */
  public readonly privateEndpointId: pulumi.Output<string | undefined>;
  /** The `blob` endpoints to the registry's storage accounts, in region order (empty unless private). */
  public readonly storagePrivateEndpointIds: pulumi.Output<string[]>;
  /** The `registry` endpoint to the registry's container registry, when the registry is private. */
  public readonly containerRegistryPrivateEndpointId: pulumi.Output<string | undefined>;
  /**
   * The storage accounts Azure created for the registry, in region order, in its managed resource
   * group: their public network access is Azure's to set, so check it is disabled (docs/hubs-and-registries.md).
   */
  public readonly managedStorageAccountIds: pulumi.Output<string[]>;
  /** The container registry Azure created for the registry, in its managed resource group. */
  public readonly managedContainerRegistryId: pulumi.Output<string | undefined>;
  /** The `privatelink.api.azureml.ms` zone of its endpoint (created or given), when it has one. */
  public readonly privateDnsZoneId: pulumi.Output<string | undefined>;
  /** The zones of its endpoints by purpose (`api`, `blob`, `acr`), created or given, when private. */
  public readonly privateDnsZoneIds: pulumi.Output<Record<string, string> | undefined>;

  constructor(name: string, args: RegistryArgs, opts?: pulumi.ComponentResourceOptions) {
    const settings = checkRegistryArgs(name, args);
    super("azureml-platform:index:Registry", name, {}, opts);
    const names = registryResourceNames(settings.project, settings.environment, name);
    this.resourceNames = names;
    const parent = { parent: this };
    const fixedTags = { project: settings.project, environment: settings.environment, registry: name, "managed-by": "azureml-platform" };
    const tags = pulumi.output(args.tags ?? {}).apply((extra): Record<string, string> => ({ ...extra, ...fixedTags }));
    const primary = settings.locations[0];
    const rg = new resources.ResourceGroup(`${name}-rg`, { resourceGroupName: names.resourceGroup, location: primary, tags }, parent);
    this.resourceGroupName = rg.name;

    const registry = new machinelearningservices.Registry(
      `${name}-mlr`,
      {
        registryName: names.machineLearningRegistry,
        resourceGroupName: rg.name,
        location: primary,
        tags,
        identity: { type: "SystemAssigned" },
        publicNetworkAccess: settings.publicNetworkAccess,
        // One entry per region, the primary included (reference-yaml-registry). Blob storage without
        // anonymous access; a Premium ACR, the tier geo-replication needs.
        regionDetails: settings.locations.map((location) => ({
          location,
          acrDetails: [{ systemCreatedAcrAccount: { acrAccountSku: "Premium" } }],
          storageAccountDetails: [{ systemCreatedStorageAccount: { storageAccountType: "Standard_LRS", storageAccountHnsEnabled: false, allowBlobPublicAccess: false } }],
        })),
      },
      { parent: this, protect: settings.protectData },
    );
    this.registryName = registry.name;
    this.registryId = registry.id;
    this.principalId = registry.identity.apply((i) => i?.principalId ?? "");

    const client = authorization.getClientConfigOutput(parent);
    // The URN is known in a preview and carries the dependency on the registry: the id below is known
    // early and is still used only after the registry exists (ARM ids are the resource's path).
    this.registryIdFromNames = markRegistryName(
      pulumi
        .all([pulumi.interpolate`/subscriptions/${client.subscriptionId}/resourceGroups/${names.resourceGroup}/providers/Microsoft.MachineLearningServices/registries/${names.machineLearningRegistry}`, registry.urn])
        .apply(([id]) => id),
      names.machineLearningRegistry,
    );
    const ctx: ChildContext = {
      name,
      // The shared child builders name only endpoints and links, which get the registry's names here.
      names: {} as ChildContext["names"],
      parent: this,
      resourceGroupName: rg.name,
      location: primary,
      tags,
      prod: settings.environment === "prod",
      protectData: settings.protectData,
      subscriptionScope: pulumi.interpolate`/subscriptions/${client.subscriptionId}`,
    };
    // No lock: workspaces' managed networks reach the registry through private endpoints, and locks on
    // Azure ML resources may block the managed network's internal operations (how-to-managed-network,
    // Limitations). `protect` keeps Pulumi from deleting it (Registry's protectData).

    const managed = managedResources(registry, settings.locations);
    this.managedStorageAccountIds = managed.apply((m) => m.storageAccountIds.filter((id): id is string => id !== undefined));
    this.managedContainerRegistryId = managed.apply((m) => m.containerRegistryId);
    const pe = settings.privateEndpoint;
    if (pe) {
      const access = createRegistryPrivateAccess(ctx, pe, { registry: names.machineLearningRegistry, endpoint: names.privateEndpoint }, registry, managed, settings.locations);
      this.privateEndpointId = access.registryEndpointId as pulumi.Output<string | undefined>;
      this.storagePrivateEndpointIds = pulumi.all(access.storageEndpointIds);
      this.containerRegistryPrivateEndpointId = access.containerRegistryEndpointId as pulumi.Output<string | undefined>;
      this.privateDnsZoneIds = access.zoneIds as pulumi.Output<Record<string, string> | undefined>;
      this.privateDnsZoneId = access.zoneIds.apply((z) => z.api) as pulumi.Output<string | undefined>;
    } else {
      this.privateEndpointId = pulumi.output(undefined);
      this.storagePrivateEndpointIds = pulumi.output([]);
      this.containerRegistryPrivateEndpointId = pulumi.output(undefined);
      this.privateDnsZoneId = pulumi.output(undefined);
      this.privateDnsZoneIds = pulumi.output(undefined);
    }

    this.registerOutputs({ resourceGroupName: this.resourceGroupName, registryName: this.registryName, registryId: this.registryId, registryIdFromNames: this.registryIdFromNames, principalId: this.principalId, privateEndpointId: this.privateEndpointId, storagePrivateEndpointIds: this.storagePrivateEndpointIds, containerRegistryPrivateEndpointId: this.containerRegistryPrivateEndpointId, managedStorageAccountIds: this.managedStorageAccountIds, managedContainerRegistryId: this.managedContainerRegistryId, privateDnsZoneId: this.privateDnsZoneId, privateDnsZoneIds: this.privateDnsZoneIds });
  }
}
