import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import { AccessModel } from "../components/AccessModel";
import { WorkspaceStack, WorkspaceStackArgs } from "../components/WorkspaceStack";
import { Registry } from "../components/Registry";
import { PlatformConfig, WorkspaceConfig } from "../config/validate";
import { isRegistryId } from "../config/common";
import { rawNamespaceConfig } from "../config/raw";
import { unknownNamespaceKeys, validateStackConfig } from "../config/validate";
import { PlatformConfigError, isPlatformConfigError } from "../config/errors";
import { createStackBudget } from "./budget";
import { assignAzurePolicy } from "./azurePolicy";

/** Reads and validates the stack's config through Pulumi's runtime (what `pulumi up` and `plan` both use). */
export function readPlatformConfig(baseDir: string = process.cwd()): PlatformConfig {
  const all = pulumi.runtime.allConfig();
  // Every problem of the stack file at once: unknown keys beside what the known ones break.
  const unknown = unknownNamespaceKeys(Object.keys(all));
  let config: PlatformConfig;
  try {
    config = validateStackConfig(rawNamespaceConfig(all), { location: all["azure-native:location"], subscriptionId: all["azure-native:subscriptionId"], baseDir });
  } catch (e) {
    if (unknown.length && isPlatformConfigError(e)) throw new PlatformConfigError([...unknown, ...e.issues]);
    throw e;
  }
  if (unknown.length) throw new PlatformConfigError(unknown);
  return config;
}

/** What the program resolves from names in the config: hubs' and registries' ids. */
export interface NamedIds {
  hubs: ReadonlyMap<string, pulumi.Input<string>>;
  registries: ReadonlyMap<string, pulumi.Input<string>>;
  /** Hubs' Log Analytics workspaces by name, where their projects' diagnostics go. @default none (looked up) */
  hubLogs?: ReadonlyMap<string, pulumi.Input<string>>;
}

/**
 * The WorkspaceStack arguments of one configured workspace: its keys as written, plus what the stack
 * config holds once, with a hub and registries named in the config given by their ids. A hub's
 * managed network also reaches the registries its projects use (a project has no network of its own).
 */
export function workspaceArgs(config: PlatformConfig, w: WorkspaceConfig, ids: NamedIds = { hubs: new Map(), registries: new Map() }): WorkspaceStackArgs {
  const { name: _name, settings: _settings, hub, registries, ...keys } = w;
  const used = [...(registries ?? [])];
  if (w.kind === "hub")
    for (const p of config.workspaces) if (p.kind === "project" && p.hub?.name === w.name) for (const r of p.registries ?? []) if (!used.includes(r)) used.push(r);
  used.sort();
  const registryId = (r: string) => (isRegistryId(r) ? r : ids.registries.get(r)!);
  return {
    ...keys,
    ...(hub
      ? { hub: { existingId: hub.existingId ?? ids.hubs.get(hub.name!)!, ...(hub.name !== undefined && ids.hubLogs?.get(hub.name) !== undefined ? { logAnalyticsWorkspaceId: ids.hubLogs.get(hub.name)! } : {}) } }
      : {}),
    ...(used.length ? { registries: used.map(registryId) } : {}),
    project: config.project,
    environment: config.environment,
    location: config.location,
    tags: config.tags,
  };
}

/** Stack outputs of the platform program. */
export interface PlatformOutputs {
  workspaces: Record<string, Record<string, pulumi.Output<unknown>>>;
  registries?: Record<string, Record<string, pulumi.Output<unknown>>>;
  accessMatrix?: pulumi.Output<unknown>;
  accessMatrixMarkdown?: pulumi.Output<string>;
  /** Resource id of the `azureml-platform:budget` budget, when configured. */
  budgetId?: pulumi.Output<string>;
}

/** Builds one WorkspaceStack per configured workspace and, when teams are configured, the AccessModel. */
export function buildPlatform(config: PlatformConfig): PlatformOutputs {
  const steps = declarePlatform(config);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * `buildPlatform`, handing the event loop a turn after each registry and workspace: what the program
 * runs. Declared in one synchronous burst, every registration of a large stack has its promise chains
 * in flight at once (the runtime makes an Output per output property of each resource), so nothing
 * they allocate dies young: under the offline runner's in-process monitor, 2 000 role assignments
 * declared at once cost 2.4× the time of the same declared twenty per turn, most of it the garbage
 * collector copying survivors (bench/README.md, "Scale"). With a turn between workspaces each one's
 * registrations complete before the next is declared. Under the engine the turn lets the first
 * workspace's registrations go out while the rest is declared; what is registered, and every
 * dependency, is the same.
 */
export async function buildPlatformInTurns(config: PlatformConfig): Promise<PlatformOutputs> {
  const steps = declarePlatform(config);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** The platform's declarations, yielding after each registry and each workspace. */
function* declarePlatform(config: PlatformConfig): Generator<void, PlatformOutputs, void> {
  // One look-up of the deploying identity for the whole stack instead of one per component.
  const client = authorization.getClientConfigOutput();
  // A virtual network can be linked to only one private DNS zone of a given name: the first workspace
  // that creates zones for a network creates them; the others on that network use its zones.
  const zonesByNetwork = new Map<string, WorkspaceStack>();
  // A registry on a network a workspace creates zones for takes that workspace's api and blob zones,
  // known once the workspace is built (a virtual network links to one zone of a name).
  const workspaceNetworks = new Set(config.workspaces.map((w) => zoneNetwork(w.privateEndpoint?.dnsZones)).filter((n): n is string => n !== undefined));
  const zoneWaits = new Map<string, Record<"api" | "blob", (zone: pulumi.Output<string>) => void>[]>();
  const registryZones = new Map<string, SharedZones>();
  const registries = new Map<string, Registry>();
  for (const r of config.registries) {
    const network = zoneNetwork(r.privateEndpoint?.dnsZones);
    if (network === undefined) registries.set(r.name, buildRegistry(config, r));
    else {
      // The first registry on a network creates the zones no workspace of the stack creates there
      // (privatelink.azurecr.io always), the others use them.
      const shared = registryZones.get(network);
      let zones: SharedZones | undefined = shared;
      if (!shared && workspaceNetworks.has(network)) {
        const [api, resolveApi] = pulumi.deferredOutput<string>();
        const [blob, resolveBlob] = pulumi.deferredOutput<string>();
        zoneWaits.set(network, [...(zoneWaits.get(network) ?? []), { api: resolveApi, blob: resolveBlob }]);
        zones = { api, blob };
      }
      const registry = buildRegistry(config, r, zones);
      if (!shared) registryZones.set(network, { api: registry.privateDnsZoneIds.apply((z) => z!.api), blob: registry.privateDnsZoneIds.apply((z) => z!.blob), acr: registry.privateDnsZoneIds.apply((z) => z!.acr) });
      registries.set(r.name, registry);
    }
    yield;
  }
  const hubIds = new Map<string, pulumi.Input<string>>();
  const hubLogs = new Map<string, pulumi.Input<string>>();
  const ids: NamedIds = { hubs: hubIds, hubLogs, registries: new Map([...registries].map(([n, r]) => [n, r.registryIdFromNames])) };
  // Hubs first: their projects take their ids.
  const order = [...config.workspaces].sort((a, b) => Number(a.kind === "project") - Number(b.kind === "project"));
  const built = new Map<string, WorkspaceStack>();
  for (const w of order) {
    const args = workspaceArgs(config, w, ids);
    const zones = args.privateEndpoint?.dnsZones;
    const network = zoneNetwork(zones);
    const owner = network ? zonesByNetwork.get(network) : undefined;
    if (owner) {
      const ids = owner.privateDnsZoneIds.apply((z) => z!);
      args.privateEndpoint = { ...args.privateEndpoint!, dnsZones: { existing: { api: ids.api, notebooks: ids.notebooks, blob: ids.blob, file: ids.file } } };
    }
    const stack = new WorkspaceStack(w.name, { ...args, tenantId: client.tenantId, subscriptionId: client.subscriptionId });
    if (network && !owner) {
      zonesByNetwork.set(network, stack);
      for (const resolve of zoneWaits.get(network) ?? []) {
        resolve.api(stack.privateDnsZoneIds.apply((z) => z!.api));
        resolve.blob(stack.privateDnsZoneIds.apply((z) => z!.blob!));
      }
    }
    if (w.kind === "hub") {
      hubIds.set(w.name, stack.workspaceId);
      hubLogs.set(w.name, stack.logAnalyticsWorkspaceId.apply((id) => id ?? ""));
    }
    built.set(w.name, stack);
    yield;
  }
  const stacks = config.workspaces.map((w) => ({ config: w, stack: built.get(w.name)! }));

  if (config.azurePolicy) assignAzurePolicy(config.azurePolicy, stacks);

  const outputs: PlatformOutputs = { workspaces: {} };
  if (registries.size)
    outputs.registries = Object.fromEntries(
      [...registries].map(([n, r]) => [n, { registryName: r.registryName, registryId: r.registryId, resourceGroupName: r.resourceGroupName, privateEndpointId: r.privateEndpointId }]),
    );
  for (const { config: w, stack } of stacks) {
    outputs.workspaces[w.name] = {
      kind: stack.kind,
      ...(w.hub?.name !== undefined ? { hub: pulumi.output(w.hub.name) } : {}),
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

  const budget = createStackBudget(config, client.subscriptionId);
  if (budget) outputs.budgetId = budget.id;

  if (config.teams.length) {
    const access = new AccessModel("access", {
      subscriptionId: client.subscriptionId,
      project: config.project,
      environment: config.environment,
      workspaces: stacks.map(({ config: w, stack }) => ({
        ...stack.accessTarget,
        resourceGroupName: w.resourceGroup?.existingName ?? stack.resourceNames.resourceGroup,
        // A project's data is in its hub's storage: the hub's own output ties the data grants to that
        // account even in a first preview (the project's read-back of it is an invoke, not a resource).
        ...(w.hub?.name !== undefined
          ? { hub: w.hub.name, storageAccountId: built.get(w.hub.name)!.storageAccountId, storageSharedKeyAccess: built.get(w.hub.name)!.accessTarget.storageSharedKeyAccess }
          : {}),
      })),
      registries: [...registries].map(([n, r]) => ({ name: n, registryId: r.registryIdFromNames })),
      // Every permission block of the file, and the scopes it holds the role to (docs/configuration.md "Teams and roles").
      customRoles: config.customRoles.map((r) => ({
        name: r.name,
        description: r.description,
        permissions: r.permissions.map((p) => ({ actions: p.actions, notActions: p.notActions, dataActions: p.dataActions, notDataActions: p.notDataActions })),
        assignableScopes: r.assignableScopes,
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
        projectFileShares: t.projectFileShares,
        scope: t.scope,
        workspaces: t.workspaces,
        ...(t.registries.length ? { registries: t.registries, registryAccess: t.registryAccess } : {}),
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

/** The virtual network a `dnsZones: { create: true, virtualNetworkId }` entry creates zones for (lower-cased), if it does. */
function zoneNetwork(zones: { create?: unknown; virtualNetworkId?: unknown } | undefined): string | undefined {
  return zones?.create === true && typeof zones.virtualNetworkId === "string" ? zones.virtualNetworkId.toLowerCase() : undefined;
}

/** Zones of a network that another registry or a workspace of the stack creates. */
type SharedZones = Partial<Record<"api" | "blob" | "acr", pulumi.Output<string>>>;

/**
 * One configured registry. On a network where a workspace or an earlier registry of the stack creates
 * zones, the registry uses those and creates only the others: a virtual network links to one zone of
 * a name.
 */
function buildRegistry(config: PlatformConfig, r: PlatformConfig["registries"][number], shared?: SharedZones): Registry {
  const pe = r.privateEndpoint;
  const complete = shared?.api !== undefined && shared.blob !== undefined && shared.acr !== undefined;
  return new Registry(r.name, {
    project: config.project,
    environment: config.environment,
    locations: r.locations,
    publicNetworkAccess: r.publicNetworkAccess,
    privateEndpoint:
      pe && shared ? { subnetId: pe.subnetId, dnsZones: complete ? { existing: shared } : { create: true, virtualNetworkId: pe.dnsZones.virtualNetworkId, existing: shared } } : pe,
    protectData: r.protectData,
    tags: config.tags,
  });
}
