import * as pulumi from "@pulumi/pulumi";
import * as machinelearningservices from "@pulumi/azure-native/machinelearningservices";
import { parseResourceId } from "../../naming/resourceIds";
import { ChildContext } from "./context";
import { RegistryUse, grantRegistryReaders } from "./registries";

/** A project workspace and what it takes from its hub. */
export interface CreatedProject {
  workspace: machinelearningservices.Workspace;
  principalId: pulumi.Output<string>;
  /** The hub's dependencies, which the project shares (concept-hub-workspace). */
  hub: { location: pulumi.Output<string>; storageAccountId: pulumi.Output<string>; keyVaultId: pulumi.Output<string>; applicationInsightsId: pulumi.Output<string>; containerRegistryId: pulumi.Output<string | undefined> };
}

/**
 * A project workspace (kind Project) under `hubId`. It creates nothing else: storage, key vault,
 * registry, Application Insights, managed network, private endpoint and encryption are the hub's
 * ("Project workspaces that are created using a hub obtain the hub's security settings and shared
 * resource configuration", concept-hub-workspace), read back from the hub so its outputs name them.
 * It lives in its hub's region unless told otherwise.
 */
export function createProject(
  ctx: ChildContext,
  hubId: pulumi.Input<string>,
  settings: { displayName: pulumi.Input<string>; description?: pulumi.Input<string>; registries: readonly RegistryUse[] },
): CreatedProject {
  const hubRef = pulumi.output(hubId).apply((id) => parseResourceId(id));
  const hub = machinelearningservices.getWorkspaceOutput(
    { resourceGroupName: hubRef.apply((r) => r?.resourceGroup ?? ""), workspaceName: hubRef.apply((r) => r?.name ?? "") },
    { parent: ctx.parent },
  );
  const workspace = new machinelearningservices.Workspace(
    `${ctx.name}-mlw`,
    {
      workspaceName: ctx.names.workspace,
      resourceGroupName: ctx.resourceGroupName,
      location: ctx.location ?? hub.apply((h) => h.location ?? ""),
      tags: ctx.tags,
      kind: "Project",
      hubResourceId: hubId,
      friendlyName: settings.displayName,
      description: settings.description,
      sku: { name: "Basic", tier: "Basic" },
      identity: { type: "SystemAssigned" },
    },
    // A project belongs to the hub it was created in (concept-hub-workspace): a new hub is a new project.
    { parent: ctx.parent, protect: ctx.protectData, replaceOnChanges: ["hubResourceId", "kind"] },
  );
  // Tied to the id: the system-assigned identity exists only once the project does, so a first
  // preview shows its grants' principal (and their names) as unknown rather than empty.
  const principalId = pulumi.all([workspace.id, workspace.identity]).apply(([, i]) => i?.principalId ?? "");
  grantRegistryReaders(ctx, settings.registries, [{ label: "mlw", id: principalId }]);
  return {
    workspace,
    principalId,
    hub: {
      location: hub.apply((h) => h.location ?? ""),
      storageAccountId: hub.apply((h) => h.storageAccount ?? ""),
      keyVaultId: hub.apply((h) => h.keyVault ?? ""),
      applicationInsightsId: hub.apply((h) => h.applicationInsights ?? ""),
      containerRegistryId: hub.apply((h) => h.containerRegistry),
    },
  };
}
