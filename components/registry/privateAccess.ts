import * as pulumi from "@pulumi/pulumi";
import * as machinelearningservices from "@pulumi/azure-native/machinelearningservices";
import { REGISTRY_PRIVATE_DNS_ZONES, RegistryPrivateDnsZoneKey } from "../../config/network";
import { ChildContext } from "../workspace/context";
import { createPrivateDnsZones, createPrivateEndpoint } from "../workspace/privateAccess";

/** What a registry's private access resolves to. */
export interface RegistryPrivateAccess {
  /** The `amlregistry` endpoint. */
  registryEndpointId: pulumi.Output<string>;
  /** One `blob` endpoint per region, to the storage account Azure creates there, in region order. */
  storageEndpointIds: pulumi.Output<string>[];
  /** The `registry` endpoint to the (geo-replicated) container registry Azure creates. */
  containerRegistryEndpointId: pulumi.Output<string>;
  /** The zones of the endpoints by purpose, created or given. */
  zoneIds: pulumi.Output<Record<RegistryPrivateDnsZoneKey, string>>;
}

/** The system-created storage accounts (in region order) and container registry of a registry. */
export interface RegistryManagedResources {
  storageAccountIds: (string | undefined)[];
  containerRegistryId: string | undefined;
}

/**
 * The ids of the storage accounts and the container registry Azure creates for a registry in its
 * managed resource group (`armResourceId` of regionDetails' systemCreated* accounts, "populated once
 * the ... account is created": azure-rest-api-specs machinelearningservices registries.json). Known
 * only after the registry exists, so it waits for the registry's id (unknown in a first preview).
 * Azure replicates one container registry to every region (how-to-manage-registries), so the first
 * one found is the registry's.
 */
export function managedResources(registry: machinelearningservices.Registry, locations: readonly string[]): pulumi.Output<RegistryManagedResources> {
  return pulumi.all([registry.id, registry.regionDetails]).apply(([, regions]) => ({
    storageAccountIds: locations.map((location) => {
      const region = (regions ?? []).find((r) => r.location?.toLowerCase() === location);
      return region?.storageAccountDetails?.map((s) => s.systemCreatedStorageAccount?.armResourceId?.resourceId).find((id) => id !== undefined);
    }),
    containerRegistryId: (regions ?? [])
      .flatMap((r) => r.acrDetails ?? [])
      .map((a) => a.systemCreatedAcrAccount?.armResourceId?.resourceId)
      .find((id) => id !== undefined),
  }));
}

/** A managed resource's id, or an error that names what Azure left out (an endpoint needs its target). */
function required(id: string | undefined, registryName: string, what: string): string {
  if (id === undefined) throw new Error(`Registry ${registryName}: Azure reported no ${what}, which the private endpoint targets`);
  return id;
}

/**
 * A private registry reachable end to end: endpoints to the registry (`amlregistry`), to each region's
 * storage (`blob`) and to its container registry (`registry`), all in the workspaces' endpoint subnet.
 * how-to-registry-network-isolation: "Create a private endpoint to the registry, storage, and ACR in
 * the same subnet as the private endpoint of the Azure Machine Learning workspace". The endpoints live
 * in the registry's own resource group, not the managed one Azure owns. Each endpoint resolves through
 * its zone (private-endpoint-dns: privatelink.api.azureml.ms, privatelink.blob.core.windows.net,
 * privatelink.azurecr.io; ACR's regional data endpoints are records in the same zone).
 */
export function createRegistryPrivateAccess(
  ctx: ChildContext,
  endpoint: { subnetId: pulumi.Input<string>; dnsZones: { virtualNetworkId?: pulumi.Input<string>; existing?: Partial<Record<RegistryPrivateDnsZoneKey, pulumi.Input<string>>> } },
  names: { registry: string; endpoint: string },
  registry: machinelearningservices.Registry,
  managed: pulumi.Output<RegistryManagedResources>,
  locations: readonly string[],
): RegistryPrivateAccess {
  // The zones not given are created (config/registry.ts allows that only with create and a network).
  const existing = endpoint.dnsZones.existing ?? {};
  const missing = (Object.keys(REGISTRY_PRIVATE_DNS_ZONES) as RegistryPrivateDnsZoneKey[]).filter((k) => existing[k] === undefined);
  const created = missing.length ? createPrivateDnsZones(ctx, endpoint.dnsZones.virtualNetworkId!, missing, `link-${names.registry}`, REGISTRY_PRIVATE_DNS_ZONES) : {};
  const zones = { ...created, ...existing } as Record<RegistryPrivateDnsZoneKey, pulumi.Input<string>>;
  const zone = (key: RegistryPrivateDnsZoneKey) => [{ name: REGISTRY_PRIVATE_DNS_ZONES[key], id: zones[key] }];
  const registryEndpoint = createPrivateEndpoint(ctx, "pe", names.endpoint, endpoint.subnetId, registry.id, "amlregistry", zone("api"));
  const storageEndpointIds = locations.map(
    (location, i) => createPrivateEndpoint(ctx, `pe-blob-${location}`, `${names.endpoint}-blob-${location}`, endpoint.subnetId, managed.apply((m) => required(m.storageAccountIds[i], names.registry, `storage account for ${location} (regionDetails[].storageAccountDetails[].systemCreatedStorageAccount.armResourceId)`)), "blob", zone("blob")).id,
  );
  const acrEndpoint = createPrivateEndpoint(ctx, "pe-acr", `${names.endpoint}-acr`, endpoint.subnetId, managed.apply((m) => required(m.containerRegistryId, names.registry, "container registry (regionDetails[].acrDetails[].systemCreatedAcrAccount.armResourceId)")), "registry", zone("acr"));
  return { registryEndpointId: registryEndpoint.id, storageEndpointIds, containerRegistryEndpointId: acrEndpoint.id, zoneIds: pulumi.output(zones) as pulumi.Output<Record<RegistryPrivateDnsZoneKey, string>> };
}
