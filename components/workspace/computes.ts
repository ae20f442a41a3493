import * as pulumi from "@pulumi/pulumi";
import * as machinelearningservices from "@pulumi/azure-native/machinelearningservices";
import { VmPriority } from "../types";
import { ChildContext } from "./context";
import { ROLE, grant } from "./grants";

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

/**
 * The clusters, each with a system-assigned identity that can do what a job needs without keys:
 * AcrPull on the registry (its admin user is off, so computes pull images with their identity) and
 * Storage Blob Data Contributor on the workspace storage (identity-based datastores fall back to the
 * compute identity; jobs read inputs and write outputs). Docs: how-to-identity-based-service-authentication.
 */
export function createComputes(
  ctx: ChildContext,
  workspaceName: pulumi.Input<string>,
  computes: readonly ComputeClusterArgs[],
  access: { registryId?: pulumi.Input<string>; storageAccountId: pulumi.Input<string> },
): Record<string, pulumi.Output<string>> {
  const ids: Record<string, pulumi.Output<string>> = {};
  for (const c of computes) {
    const compute = new machinelearningservices.Compute(
      `${ctx.name}-${c.name}`,
      {
        computeName: c.name,
        workspaceName,
        resourceGroupName: ctx.resourceGroupName,
        location: ctx.location,
        tags: ctx.tags,
        identity: { type: "SystemAssigned" },
        properties: {
          computeType: "AmlCompute",
          disableLocalAuth: true,
          properties: {
            vmSize: c.vmSize,
            vmPriority: c.vmPriority ?? "Dedicated",
            osType: "Linux",
            enableNodePublicIp: !ctx.prod,
            remoteLoginPortPublicAccess: "Disabled",
            scaleSettings: {
              minNodeCount: c.minNodes ?? 0,
              maxNodeCount: c.maxNodes,
              nodeIdleTimeBeforeScaleDown: pulumi.output(c.idleMinutesBeforeScaleDown ?? 15).apply((m) => `PT${m}M`),
            },
          },
        },
      },
      { parent: ctx.parent },
    );
    ids[c.name] = compute.id;
    const principalId = compute.identity.apply((i) => i?.principalId ?? "");
    if (access.registryId !== undefined) grant(ctx, `${c.name}-acrpull`, access.registryId, principalId, ROLE.acrPull);
    grant(ctx, `${c.name}-blob-data`, access.storageAccountId, principalId, ROLE.storageBlobDataContributor);
  }
  return ids;
}
