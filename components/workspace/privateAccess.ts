import * as pulumi from "@pulumi/pulumi";
import * as network from "@pulumi/azure-native/network";
import * as privatedns from "@pulumi/azure-native/privatedns";
import { PRIVATE_DNS_ZONES, PrivateDnsZoneKey } from "../../config/network";
import { ChildContext } from "./context";
import { ResolvedWorkspace } from "../../config/workspace";
import { ROLE, grant } from "./grants";

/** Private DNS zone ids by purpose (`api`, `notebooks`, `blob`, `file`). */
export interface PrivateDnsZoneIdsArgs {
  /** `privatelink.api.azureml.ms` zone id. */
  api: pulumi.Input<string>;
  /** `privatelink.notebooks.azure.net` zone id. */
  notebooks: pulumi.Input<string>;
  /**
   * `privatelink.blob.core.windows.net` zone id (needed when the stack creates the storage account).
   * @default none
   */
  blob?: pulumi.Input<string>;
  /**
   * `privatelink.file.core.windows.net` zone id (needed when the stack creates the storage account).
   * @default none
   */
  file?: pulumi.Input<string>;
}

/**
 * The private DNS zones of the workspace's endpoints, each linked to the client virtual network
 * (without auto-registration). A virtual network can be linked to only one zone of a given name, so
 * a stack with several workspaces on one network creates them once (the program shares them).
 */
export function createPrivateDnsZones<K extends string = PrivateDnsZoneKey>(
  ctx: ChildContext,
  virtualNetworkId: pulumi.Input<string>,
  keys: readonly K[],
  linkName = `link-${ctx.names.workspace}`,
  zoneNames: Readonly<Record<K, string>> = PRIVATE_DNS_ZONES as unknown as Record<K, string>,
): Record<K, pulumi.Output<string>> {
  const ids = {} as Record<K, pulumi.Output<string>>;
  for (const key of keys) {
    const zone = new privatedns.PrivateZone(
      `${ctx.name}-dns-${key}`,
      { privateZoneName: zoneNames[key], resourceGroupName: ctx.resourceGroupName, location: "Global", tags: ctx.tags },
      { parent: ctx.parent },
    );
    new privatedns.VirtualNetworkLink(
      `${ctx.name}-dns-${key}-link`,
      {
        privateZoneName: zone.name,
        resourceGroupName: ctx.resourceGroupName,
        virtualNetworkLinkName: linkName,
        location: "Global",
        registrationEnabled: false,
        virtualNetwork: { id: virtualNetworkId },
        tags: ctx.tags,
      },
      { parent: ctx.parent },
    );
    ids[key] = zone.id;
  }
  return ids;
}

/**
 * A private endpoint into `subnetId` for one sub-resource of `targetId` (`amlworkspace`, `blob`,
 * `file`), with a DNS zone group so the zones resolve it (how-to-configure-private-link).
 */
export function createPrivateEndpoint(
  ctx: ChildContext,
  label: string,
  endpointName: string,
  subnetId: pulumi.Input<string>,
  targetId: pulumi.Input<string>,
  groupId: string,
  zones: { name: string; id: pulumi.Input<string> }[],
): network.PrivateEndpoint {
  const endpoint = new network.PrivateEndpoint(
    `${ctx.name}-${label}`,
    {
      privateEndpointName: endpointName,
      resourceGroupName: ctx.resourceGroupName,
      location: ctx.location,
      tags: ctx.tags,
      subnet: { id: subnetId },
      privateLinkServiceConnections: [{ name: endpointName, privateLinkServiceId: targetId, groupIds: [groupId] }],
    },
    { parent: ctx.parent },
  );
  new network.PrivateDnsZoneGroup(
    `${ctx.name}-${label}-dns`,
    {
      privateEndpointName: endpoint.name,
      resourceGroupName: ctx.resourceGroupName,
      privateDnsZoneGroupName: "default",
      privateDnsZoneConfigs: zones.map((z) => ({ name: z.name.replace(/\./g, "-"), privateDnsZoneId: z.id })),
    },
    { parent: ctx.parent },
  );
  return endpoint;
}

/**
 * Inbound private access of a workspace: the DNS zones (created and linked, or given), an
 * `amlworkspace` endpoint to the workspace, and blob and file endpoints to the storage account the
 * stack creates, so the studio can browse data from the client network. how-to-managed-network
 * ("Azure Machine Learning studio"): when that storage's public access is disabled, each of those
 * client endpoints must grant the workspace managed identity Reader, so every identity of the
 * workspace gets it on both.
 */
export function createPrivateAccess(
  ctx: ChildContext,
  privateEndpoint: ResolvedWorkspace<pulumi.Input<string>>["privateEndpoint"],
  workspaceId: pulumi.Input<string>,
  storageAccountId: pulumi.Input<string> | undefined,
  workspacePrincipalIds: pulumi.Input<string>[],
): { zoneIds: pulumi.Output<Record<string, string> | undefined>; endpointId: pulumi.Output<string | undefined> } {
  if (privateEndpoint === undefined) return { zoneIds: pulumi.output(undefined), endpointId: pulumi.output(undefined) };
  const { subnetId, dnsZones } = privateEndpoint;
  // All four, even when storage is adopted: other workspaces of the stack on this network share them.
  const zones: PrivateDnsZoneIdsArgs =
    dnsZones.existing ?? (createPrivateDnsZones(ctx, dnsZones.virtualNetworkId!, Object.keys(PRIVATE_DNS_ZONES) as PrivateDnsZoneKey[]) as unknown as PrivateDnsZoneIdsArgs);
  const endpoint = createPrivateEndpoint(ctx, "pe", ctx.names.workspaceEndpoint, subnetId, workspaceId, "amlworkspace", [
    { name: PRIVATE_DNS_ZONES.api, id: zones.api },
    { name: PRIVATE_DNS_ZONES.notebooks, id: zones.notebooks },
  ]);
  if (storageAccountId !== undefined && zones.blob !== undefined && zones.file !== undefined) {
    const storageEndpoints = [
      createPrivateEndpoint(ctx, "pe-blob", ctx.names.storageBlobEndpoint, subnetId, storageAccountId, "blob", [{ name: PRIVATE_DNS_ZONES.blob, id: zones.blob }]),
      createPrivateEndpoint(ctx, "pe-file", ctx.names.storageFileEndpoint, subnetId, storageAccountId, "file", [{ name: PRIVATE_DNS_ZONES.file, id: zones.file }]),
    ];
    for (const [e, label] of [[storageEndpoints[0], "pe-blob"], [storageEndpoints[1], "pe-file"]] as const)
      workspacePrincipalIds.forEach((pid, i) => grant(ctx, `${i ? "id" : "mlw"}-${label}-reader`, e.id, pid, ROLE.reader));
  }
  return { zoneIds: pulumi.output(zones as unknown as Record<string, pulumi.Input<string>>) as pulumi.Output<Record<string, string> | undefined>, endpointId: endpoint.id as pulumi.Output<string | undefined> };
}
