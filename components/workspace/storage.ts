import * as pulumi from "@pulumi/pulumi";
import * as storage from "@pulumi/azure-native/storage";
import { hasAvailabilityZones } from "../../config/regions";
import { ChildContext } from "./context";

/** Whether the account the stack creates accepts Shared Key authorization: outside prod only. */
export function storageSharedKeyAccess(ctx: Pick<ChildContext, "prod">): boolean {
  return !ctx.prod;
}

/**
 * Prod data survives a zone and a region: geo-zone-redundant where the region has zones, else
 * geo-redundant (storage-redundancy: GZRS needs a region with availability zones). Azure ML's default
 * storage is a standard general-purpose v2 account, any redundancy. Also what PSRule's
 * Azure.Storage.UseReplication and Checkov's CKV_AZURE_206 check.
 */
function prodStorageSku(location: string | undefined): string {
  return hasAvailabilityZones(location) ? "Standard_GZRS" : "Standard_GRS";
}

/**
 * A hardened StorageV2 account with blob and container soft delete and versioning. Prod keeps no
 * shared keys (Azure ML reaches its system datastores with its managed identity,
 * `systemDatastoresAuthMode: identity`) and is `protect`ed.
 */
export function createStorage(ctx: ChildContext, network?: storage.StorageAccountArgs["networkRuleSet"], publicNetworkAccess?: pulumi.Input<string>): storage.StorageAccount {
  const account = new storage.StorageAccount(
    `${ctx.name}-storage`,
    {
      accountName: ctx.names.storageAccount,
      resourceGroupName: ctx.resourceGroupName,
      location: ctx.location,
      tags: ctx.tags,
      kind: "StorageV2",
      sku: { name: ctx.prod ? pulumi.output(ctx.location).apply(prodStorageSku) : "Standard_LRS" },
      enableHttpsTrafficOnly: true,
      minimumTlsVersion: "TLS1_2",
      allowBlobPublicAccess: false,
      allowSharedKeyAccess: storageSharedKeyAccess(ctx),
      defaultToOAuthAuthentication: true,
      allowCrossTenantReplication: false,
      networkRuleSet: network,
      publicNetworkAccess,
    },
    { parent: ctx.parent, protect: ctx.protectData },
  );
  const retentionDays = ctx.prod ? 30 : 7;
  new storage.BlobServiceProperties(
    `${ctx.name}-blob`,
    {
      accountName: account.name,
      resourceGroupName: ctx.resourceGroupName,
      blobServicesName: "default",
      isVersioningEnabled: true,
      deleteRetentionPolicy: { enabled: true, days: retentionDays },
      containerDeleteRetentionPolicy: { enabled: true, days: retentionDays },
    },
    { parent: ctx.parent },
  );
  return account;
}
