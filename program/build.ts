import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import { AccessModel } from "../components/AccessModel";
import { WorkspaceStack, WorkspaceStackArgs } from "../components/WorkspaceStack";
import { PlatformConfig, WorkspaceConfig } from "../config/validate";
import { rawNamespaceConfig } from "../config/raw";
import { unknownNamespaceKeys, validateStackConfig } from "../config/validate";
import { PlatformConfigError } from "../config/errors";

/** Reads and validates the stack's config through Pulumi's runtime (what `pulumi up` and `plan` both use). */
export function readPlatformConfig(baseDir: string = process.cwd()): PlatformConfig {
  const all = pulumi.runtime.allConfig();
  const unknown = unknownNamespaceKeys(Object.keys(all));
  if (unknown.length) throw new PlatformConfigError(unknown);
  return validateStackConfig(rawNamespaceConfig(all), { location: all["azure-native:location"], subscriptionId: all["azure-native:subscriptionId"], baseDir });
}

/** The WorkspaceStack arguments of one configured workspace: its keys as written, plus what the stack config holds once. */
export function workspaceArgs(config: PlatformConfig, w: WorkspaceConfig): WorkspaceStackArgs {
  const { name: _name, settings: _settings, ...keys } = w;
  return { ...keys, project: config.project, environment: config.environment, location: config.location, tags: config.tags };
}

/** Stack outputs of the platform program. */
export interface PlatformOutputs {
  workspaces: Record<string, Record<string, pulumi.Output<unknown>>>;
  accessMatrix?: pulumi.Output<unknown>;
  accessMatrixMarkdown?: pulumi.Output<string>;
}

/** Builds one WorkspaceStack per configured workspace and, when teams are configured, the AccessModel. */
export function buildPlatform(config: PlatformConfig): PlatformOutputs {
  // One look-up of the deploying identity for the whole stack instead of one per component.
  const client = authorization.getClientConfigOutput();
  // A virtual network can be linked to only one private DNS zone of a given name: the first workspace
  // that creates zones for a network creates them; the others on that network use its zones.
  const zonesByNetwork = new Map<string, WorkspaceStack>();
  const stacks = config.workspaces.map((w) => {
    const args = workspaceArgs(config, w);
    const zones = args.privateEndpoint?.dnsZones;
    const network = zones?.create && typeof zones.virtualNetworkId === "string" ? zones.virtualNetworkId.toLowerCase() : undefined;
    const owner = network ? zonesByNetwork.get(network) : undefined;
    if (owner) {
      const ids = owner.privateDnsZoneIds.apply((z) => z!);
      args.privateEndpoint = { ...args.privateEndpoint!, dnsZones: { existing: { api: ids.api, notebooks: ids.notebooks, blob: ids.blob, file: ids.file } } };
    }
    const stack = new WorkspaceStack(w.name, { ...args, tenantId: client.tenantId, subscriptionId: client.subscriptionId });
    if (network && !owner) zonesByNetwork.set(network, stack);
    return { config: w, stack };
  });

  const outputs: PlatformOutputs = { workspaces: {} };
  for (const { config: w, stack } of stacks) {
    outputs.workspaces[w.name] = {
      workspaceName: stack.workspaceName,
      workspaceId: stack.workspaceId,
      resourceGroupName: stack.resourceGroupName,
      storageAccountId: stack.storageAccountId,
      keyVaultId: stack.keyVaultId,
      applicationInsightsId: stack.applicationInsightsId,
      logAnalyticsWorkspaceId: stack.logAnalyticsWorkspaceId,
      containerRegistryId: stack.containerRegistryId,
      principalId: stack.principalId,
      studioUrl: stack.studioUrl,
    };
  }

  if (config.teams.length) {
    const access = new AccessModel("access", {
      subscriptionId: client.subscriptionId,
      project: config.project,
      environment: config.environment,
      workspaces: stacks.map(({ config: w, stack }) => ({ ...stack.accessTarget, resourceGroupName: w.resourceGroup?.existingName ?? stack.resourceNames.resourceGroup })),
      customRoles: config.customRoles.map((r) => ({
        name: r.name,
        description: r.description,
        actions: r.permissions[0].actions,
        notActions: r.permissions[0].notActions,
        dataActions: r.permissions[0].dataActions,
        notDataActions: r.permissions[0].notDataActions,
      })),
      teams: config.teams.map((t) => ({
        name: t.name,
        admin: t.admin,
        groupObjectId: t.group?.objectId,
        groupDisplayName: t.group?.displayName,
        createGroup: t.group?.create,
        members: t.group?.members,
        principalObjectId: t.principal?.objectId,
        principalType: t.principal?.type,
        role: t.role,
        roles: t.roles,
        dataAccess: t.dataAccess,
        scope: t.scope,
        workspaces: t.workspaces,
        activation: t.activation,
        maxActivation: t.maxActivation,
        requireApproval: t.requireApproval,
      })),
    });
    outputs.accessMatrix = access.accessMatrix;
    outputs.accessMatrixMarkdown = access.accessMatrixMarkdown;
  }
  return outputs;
}
