import * as pulumi from "@pulumi/pulumi";
import * as machinelearningservices from "@pulumi/azure-native/machinelearningservices";
import { VmPriority } from "../types";
import { ChildContext } from "./context";
import { ROLE, grant } from "./grants";
import { ResolvedWorkspace } from "../../config/workspace";
import { RegistryUse, grantRegistryReaders } from "./registries";

type ResolvedCompute = ResolvedWorkspace<pulumi.Input<string>, pulumi.Input<number>>["computes"][number];

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
 * Storage Blob Data Contributor on the workspace storage (identity-based datastores fall back to the
 * compute identity; jobs read inputs and write outputs) and, for batch endpoints, Storage Queue and
 * Table Data Contributor there (how-to-disable-local-auth-storage, "Parallel Run Step"), and Reader on
 * the registries the workspace uses (how-to-manage-registries). No AcrPull:
 * Azure ML grants a compute's system-assigned identity AcrPull on the workspace registry itself when
 * the compute is created after it (how-to-identity-based-service-authentication, "Create compute with
 * managed identity to access Docker images for training"), so a second assignment would be refused
 * with RoleAssignmentExists. Docs: how-to-identity-based-service-authentication.
 */
export function createComputes(
  ctx: ChildContext,
  workspaceName: pulumi.Input<string>,
  computes: readonly ResolvedCompute[],
  access: { storageAccountId: pulumi.Input<string>; batchEndpoints: boolean; dependsOn: pulumi.Resource[]; registries?: readonly RegistryUse[] },
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
            vmPriority: c.vmPriority,
            osType: "Linux",
            enableNodePublicIp: !ctx.prod,
            remoteLoginPortPublicAccess: "Disabled",
            scaleSettings: {
              minNodeCount: c.minNodes,
              maxNodeCount: c.maxNodes,
              nodeIdleTimeBeforeScaleDown: pulumi.output(c.idleMinutesBeforeScaleDown).apply((m) => `PT${m}M`),
            },
          },
        },
      },
      { parent: ctx.parent, dependsOn: access.dependsOn },
    );
    ids[c.name] = compute.id;
    const principalId = compute.identity.apply((i) => i?.principalId ?? "");
    grant(ctx, `${c.name}-blob-data`, access.storageAccountId, principalId, ROLE.storageBlobDataContributor);
    if (access.batchEndpoints) {
      grant(ctx, `${c.name}-queue-data`, access.storageAccountId, principalId, ROLE.storageQueueDataContributor);
      grant(ctx, `${c.name}-table-data`, access.storageAccountId, principalId, ROLE.storageTableDataContributor);
    }
    // Jobs on the cluster run as its identity and read the registries' models, environments and components.
    grantRegistryReaders(ctx, access.registries ?? [], [{ label: c.name, id: principalId }]);
  }
  return ids;
}
