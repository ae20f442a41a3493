import * as containerregistry from "@pulumi/azure-native/containerregistry";
import { ChildContext } from "./context";

/** A hardened registry: admin user and anonymous pull off; Premium and private in prod (private access needs Premium). */
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
    },
    { parent: ctx.parent },
  );
}
