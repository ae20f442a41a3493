import * as pulumi from "@pulumi/pulumi";
import * as containerregistry from "@pulumi/azure-native/containerregistry";
import { registryZoneRedundancy } from "../../config/regions";
import { ChildContext } from "./context";

/**
 * A hardened registry: admin user and anonymous pull off; Premium, private and zone redundant in prod
 * (private access needs Premium; zone redundancy where the region has zones, config/regions.ts).
 */
export function createRegistry(ctx: ChildContext): containerregistry.Registry {
  return new containerregistry.Registry(
    `${ctx.name}-acr`,
    {
      registryName: ctx.names.containerRegistry,
      resourceGroupName: ctx.resourceGroupName,
      location: ctx.location,
      tags: ctx.tags,
      sku: { name: ctx.prod ? "Premium" : "Basic" },
      adminUserEnabled: false,
      anonymousPullEnabled: false,
      publicNetworkAccess: ctx.prod ? "Disabled" : "Enabled",
      zoneRedundancy: ctx.prod ? pulumi.output(ctx.location).apply((l) => registryZoneRedundancy(l)) : undefined,
    },
    { parent: ctx.parent },
  );
}
