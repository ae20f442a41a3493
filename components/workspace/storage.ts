import * as pulumi from "@pulumi/pulumi";
import * as storage from "@pulumi/azure-native/storage";
import { ChildContext } from "./context";

/** Whether the account the stack creates accepts Shared Key authorization: outside prod only. */
export function storageSharedKeyAccess(ctx: Pick<ChildContext, "prod">): boolean {
  return !ctx.prod;
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
      sku: { name: ctx.prod ? "Standard_ZRS" : "Standard_LRS" },
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
