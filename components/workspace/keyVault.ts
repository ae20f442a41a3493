import * as pulumi from "@pulumi/pulumi";
import * as keyvault from "@pulumi/azure-native/keyvault";
import { ChildContext } from "./context";

/** An RBAC-authorised key vault with soft delete and purge protection; private and `protect`ed in prod. */
export function createKeyVault(ctx: ChildContext, tenantId: pulumi.Input<string>): keyvault.Vault {
  return new keyvault.Vault(
    `${ctx.name}-kv`,
    {
      vaultName: ctx.names.keyVault,
      resourceGroupName: ctx.resourceGroupName,
      location: ctx.location,
      tags: ctx.tags,
      properties: {
        tenantId,
        sku: { family: "A", name: "standard" },
        enableRbacAuthorization: true,
        enableSoftDelete: true,
        softDeleteRetentionInDays: 90,
        enablePurgeProtection: true,
        publicNetworkAccess: ctx.prod ? "Disabled" : "Enabled",
        networkAcls: ctx.prod ? { defaultAction: "Deny", bypass: "AzureServices" } : undefined,
      },
    },
    { parent: ctx.parent, protect: ctx.protectData },
  );
}
