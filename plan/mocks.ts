import * as pulumi from "@pulumi/pulumi";
import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { deterministicGuid } from "../rbac/ids";

/** Fixed identities of the offline world: every plan and test run sees the same ids. */
export const MOCK_SUBSCRIPTION_ID = "00000000-0000-4000-8000-000000000001";
export const MOCK_TENANT_ID = "00000000-0000-4000-8000-000000000002";
export const MOCK_CLIENT_OBJECT_ID = "00000000-0000-4000-8000-000000000003";

import { TYPES, canonicalType } from "../core/types";

export { canonicalType };

const rgIdIn = (sub: string, rg: string) => `/subscriptions/${sub}/resourceGroups/${rg}`;
const providerIdIn = (sub: string, rg: string, provider: string, name: string) => `${rgIdIn(sub, rg)}/providers/${provider}/${name}`;

/** The input that carries each resource type's Azure name (what a rename would change). */
export const AZURE_NAME_INPUT: Readonly<Record<string, string>> = {
  [TYPES.resourceGroup]: "resourceGroupName",
  [TYPES.storageAccount]: "accountName",
  [TYPES.blobServiceProperties]: "blobServicesName",
  [TYPES.keyVault]: "vaultName",
  [TYPES.keyVaultKey]: "keyName",
  [TYPES.logAnalytics]: "workspaceName",
  [TYPES.applicationInsights]: "resourceName",
  [TYPES.containerRegistry]: "registryName",
  [TYPES.workspace]: "workspaceName",
  [TYPES.compute]: "computeName",
  [TYPES.machineLearningRegistry]: "registryName",
  [TYPES.diagnosticSetting]: "name",
  [TYPES.lock]: "lockName",
  [TYPES.roleDefinition]: "roleDefinitionId",
  [TYPES.roleAssignment]: "roleAssignmentName",
  [TYPES.userAssignedIdentity]: "resourceName",
  [TYPES.privateEndpoint]: "privateEndpointName",
  [TYPES.privateDnsZoneGroup]: "privateDnsZoneGroupName",
  [TYPES.privateZone]: "privateZoneName",
  [TYPES.virtualNetworkLink]: "virtualNetworkLinkName",
  [TYPES.group]: "displayName",
  [TYPES.budget]: "budgetName",
  [TYPES.policyAssignment]: "policyAssignmentName",
  [TYPES.roleManagementPolicy]: "roleManagementPolicyName",
};

interface MockIdentity {
  id: string;
  /** The Azure name of the resource (its `name` output). */
  azureName: string;
  extra?: Record<string, unknown>;
}

function azureIdentity(type: string, name: string, inputs: Record<string, any>, sub: string): MockIdentity | undefined {
  const rgId = (rg: string) => rgIdIn(sub, rg);
  const providerId = (rg: string, provider: string, n: string) => providerIdIn(sub, rg, provider, n);
  const kind = canonicalType(type);
  // An eligibility has no name input: azure-native returns the schedule Azure creates for the (scope, principal, role).
  if (kind === TYPES.pimRoleEligibilitySchedule) {
    const azureName = deterministicGuid("mock-eligibility", String(inputs.scope), String(inputs.principalId), String(inputs.roleDefinitionId));
    return { id: `${inputs.scope}/providers/Microsoft.Authorization/roleEligibilitySchedules/${azureName}`, azureName };
  }
  const nameInput = AZURE_NAME_INPUT[kind];
  if (!nameInput) return undefined;
  const rg = inputs.resourceGroupName ?? "rg";
  // The Azure name comes from the input listed in AZURE_NAME_INPUT; generated GUID names fall back to a deterministic one.
  const fallback = kind === TYPES.roleDefinition || kind === TYPES.roleAssignment ? deterministicGuid("mock-name", kind, name) : name;
  const azureName = String(inputs[nameInput] ?? fallback);
  const scoped = (provider: string) => `${inputs.scope}/providers/${provider}/${azureName}`;
  switch (kind) {
    case TYPES.resourceGroup:
      return { id: rgId(azureName), azureName };
    case TYPES.storageAccount:
      return { id: providerId(rg, "Microsoft.Storage/storageAccounts", azureName), azureName };
    case TYPES.blobServiceProperties:
      return { id: providerId(rg, "Microsoft.Storage/storageAccounts", `${inputs.accountName}/blobServices/${azureName}`), azureName };
    case TYPES.keyVault:
      return { id: providerId(rg, "Microsoft.KeyVault/vaults", azureName), azureName };
    case TYPES.keyVaultKey: {
      // Azure answers with the key's properties at the top level (azure-native Key outputs kty, keySize, keyUri…).
      const id = providerId(rg, "Microsoft.KeyVault/vaults", `${inputs.vaultName}/keys/${azureName}`);
      const keyUri = `https://${inputs.vaultName}.vault.azure.net/keys/${azureName}`;
      const p = inputs.properties ?? {};
      return { id, azureName, extra: { kty: p.kty, keySize: p.keySize, curveName: p.curveName, keyUri, keyUriWithVersion: `${keyUri}/${deterministicGuid("mock-key-version", id).replace(/-/g, "")}` } };
    }
    case TYPES.logAnalytics:
      return { id: providerId(rg, "Microsoft.OperationalInsights/workspaces", azureName), azureName };
    case TYPES.applicationInsights:
      return { id: providerId(rg, "Microsoft.Insights/components", azureName), azureName };
    case TYPES.containerRegistry:
      return { id: providerId(rg, "Microsoft.ContainerRegistry/registries", azureName), azureName };
    case TYPES.workspace: {
      const id = providerId(rg, "Microsoft.MachineLearningServices/workspaces", azureName);
      return {
        id,
        azureName,
        extra: {
          identity: { ...(inputs.identity ?? {}), principalId: deterministicGuid("mock-principal", id), tenantId: MOCK_TENANT_ID },
          workspaceId: deterministicGuid("mock-workspace-id", id),
        },
      };
    }
    case TYPES.machineLearningRegistry: {
      const id = providerId(rg, "Microsoft.MachineLearningServices/registries", azureName);
      return { id, azureName, extra: { identity: { ...(inputs.identity ?? {}), principalId: deterministicGuid("mock-principal", id), tenantId: MOCK_TENANT_ID }, regionDetails: registryRegionDetails(inputs, azureName, id, rgId) } };
    }
    case TYPES.compute: {
      const id = providerId(rg, "Microsoft.MachineLearningServices/workspaces", `${inputs.workspaceName}/computes/${azureName}`);
      return { id, azureName, extra: { identity: { ...(inputs.identity ?? {}), principalId: deterministicGuid("mock-principal", id), tenantId: MOCK_TENANT_ID } } };
    }
    case TYPES.userAssignedIdentity: {
      const id = providerId(rg, "Microsoft.ManagedIdentity/userAssignedIdentities", azureName);
      return { id, azureName, extra: { principalId: deterministicGuid("mock-principal", id), clientId: deterministicGuid("mock-client", id), tenantId: MOCK_TENANT_ID } };
    }
    case TYPES.diagnosticSetting:
      return { id: `${inputs.resourceUri}/providers/Microsoft.Insights/diagnosticSettings/${azureName}`, azureName };
    case TYPES.lock:
      return { id: scoped("Microsoft.Authorization/locks"), azureName };
    case TYPES.roleDefinition:
      return { id: scoped("Microsoft.Authorization/roleDefinitions"), azureName };
    case TYPES.roleAssignment:
      return { id: scoped("Microsoft.Authorization/roleAssignments"), azureName };
    case TYPES.policyAssignment:
      return { id: scoped("Microsoft.Authorization/policyAssignments"), azureName };
    case TYPES.roleManagementPolicy:
      return { id: scoped("Microsoft.Authorization/roleManagementPolicies"), azureName };
    case TYPES.privateEndpoint:
      return { id: providerId(rg, "Microsoft.Network/privateEndpoints", azureName), azureName };
    case TYPES.privateDnsZoneGroup:
      return { id: providerId(rg, "Microsoft.Network/privateEndpoints", `${inputs.privateEndpointName}/privateDnsZoneGroups/${azureName}`), azureName };
    case TYPES.privateZone:
      return { id: providerId(rg, "Microsoft.Network/privateDnsZones", azureName), azureName };
    case TYPES.budget:
      return { id: scoped("Microsoft.Consumption/budgets"), azureName };
    case TYPES.virtualNetworkLink:
      return { id: providerId(rg, "Microsoft.Network/privateDnsZones", `${inputs.privateZoneName}/virtualNetworkLinks/${azureName}`), azureName };
    default: {
      // azuread:index/group:Group — its id is the object id.
      const objectId = deterministicGuid("mock-group", azureName);
      return { id: objectId, azureName, extra: { objectId, displayName: inputs.displayName } };
    }
  }
}

/**
 * The offline answer to "which role management policy does this role have at this scope": Azure
 * names each one with a GUID of its own when the scope is created; offline, a GUID derived from
 * (scope, role) stands in for it, like the ids above stand in for Azure's.
 */
export function mockRoleManagementPolicyName(scope: string, roleDefinitionId: string): Promise<string> {
  return Promise.resolve(deterministicGuid("mock-role-management-policy", scope, roleDefinitionId));
}

/**
 * Pulumi mocks for the two views `plan` offers.
 *
 * - First preview (the default): what `pulumi preview` sees before the stack exists. azure-native's
 *   Create in preview returns the inputs and no id; the SDK then resolves the id and every output the
 *   provider did not return as unknown (`resolveProperties` in @pulumi/pulumi runtime/rpc, dry run),
 *   and inputs computed from them are sent to the engine as unknowns.
 * - Known outputs: answers like Azure would after a create: ARM-shaped ids built from the inputs, the
 *   Azure name as `name`, and the few computed outputs the components read (identity principal ids,
 *   group object ids). The view of a stack whose resources already exist.
 *
 * Deterministic, so URNs, names and ids are identical on every run. Invokes (client config, group and
 * user look-ups) run for real in a preview, so they answer in both views.
 */
export class AzureMocks implements pulumi.runtime.Mocks {
  /** Workspaces created in this run by id (lower-cased), for look-ups of a hub by its projects. */
  private readonly workspaces = new Map<string, Record<string, any>>();
  /**
   * The user principal name of each user the program looked up (`getUser`, how AccessModel turns a
   * team's members into object ids), by the object id it answered: reports name members as the stack
   * config does.
   */
  readonly userNames = new Map<string, string>();
  /** Application Insights components created in this run by id (lower-cased), for a project's look-up of its hub's Log Analytics workspace. */
  private readonly components = new Map<string, Record<string, any>>();

  /**
   * @param knownOutputs answer as Azure does once the resources exist (see above)
   * @param subscriptionId the stack's `azure-native:subscriptionId`: the subscription azure-native
   *   deploys to, so ids and `getClientConfig` name it as the provider would; default a fixed stand-in
   */
  constructor(
    private readonly knownOutputs = false,
    private readonly subscriptionId: string = MOCK_SUBSCRIPTION_ID,
  ) {}

  newResource(args: pulumi.runtime.MockResourceArgs): { id: string | undefined; state: Record<string, any> } {
    if (!args.custom) return { id: undefined, state: {} };
    if (!this.knownOutputs) return { id: undefined, state: { ...args.inputs } };
    const identity = azureIdentity(args.type, args.name, args.inputs ?? {}, this.subscriptionId);
    const id = identity?.id ?? `${args.name}-id`;
    const state = { ...args.inputs, id, name: identity?.azureName ?? args.name, ...(identity?.extra ?? {}) };
    if (canonicalType(args.type) === TYPES.workspace) this.workspaces.set(id.toLowerCase(), state);
    if (canonicalType(args.type) === TYPES.applicationInsights) this.components.set(id.toLowerCase(), state);
    return { id, state };
  }

  call(args: pulumi.runtime.MockCallArgs): Record<string, any> {
    const inputs = args.inputs ?? {};
    const rgId = (rg: string) => rgIdIn(this.subscriptionId, rg);
    const providerId = (rg: string, provider: string, n: string) => providerIdIn(this.subscriptionId, rg, provider, n);
    switch (args.token) {
      case "azure-native:authorization:getClientConfig":
        return { clientId: MOCK_CLIENT_OBJECT_ID, objectId: MOCK_CLIENT_OBJECT_ID, subscriptionId: this.subscriptionId, tenantId: MOCK_TENANT_ID };
      case "azure-native:machinelearningservices:getWorkspace": {
        // A hub of this run answers with what it was created with. An existing one's storage account,
        // key vault, registry, region and GUID are Azure's to say (a real preview invokes getWorkspace):
        // unknown, never invented, so what rests on them (a project's data grants) reads as unknown.
        const id = providerId(inputs.resourceGroupName, "Microsoft.MachineLearningServices/workspaces", inputs.workspaceName);
        const known = this.workspaces.get(id.toLowerCase());
        return (
          known ?? {
            id,
            name: inputs.workspaceName,
            kind: "Hub",
            ...Object.fromEntries(["location", "storageAccount", "keyVault", "applicationInsights", "containerRegistry", "workspaceId"].map((k) => [k, unknownValue])),
          }
        );
      }
      case "azure-native:applicationinsights:getComponent": {
        // A component of this run answers with what it was created with; another one's settings are Azure's to say.
        const id = providerId(inputs.resourceGroupName, "Microsoft.Insights/components", inputs.resourceName);
        return this.components.get(id.toLowerCase()) ?? { id, name: inputs.resourceName, workspaceResourceId: unknownValue, location: unknownValue };
      }
      case "azure-native:authorization:getClientToken":
        return { token: "mock-access-token" };
      case "azure-native:resources:getResourceGroup":
        return { id: rgId(inputs.resourceGroupName), name: inputs.resourceGroupName, location: "westeurope", tags: {} };
      case "azuread:index/getGroup:getGroup": {
        const objectId = inputs.objectId ?? deterministicGuid("mock-group", String(inputs.displayName));
        return { id: objectId, objectId, displayName: inputs.displayName, securityEnabled: true };
      }
      case "azure-native:managedidentity:getUserAssignedIdentity": {
        const id = providerId(inputs.resourceGroupName, "Microsoft.ManagedIdentity/userAssignedIdentities", inputs.resourceName);
        return { id, name: inputs.resourceName, principalId: deterministicGuid("mock-principal", id), clientId: deterministicGuid("mock-client", id), tenantId: MOCK_TENANT_ID };
      }
      case "azuread:index/getServicePrincipal:getServicePrincipal": {
        const clientId = String(inputs.clientId ?? inputs.displayName ?? inputs.objectId);
        const objectId = inputs.objectId ?? deterministicGuid("mock-service-principal", clientId);
        return { id: objectId, objectId, clientId: inputs.clientId ?? clientId, displayName: inputs.displayName ?? clientId };
      }
      case "azuread:index/getUser:getUser": {
        const upn = String(inputs.userPrincipalName ?? inputs.mail);
        const objectId = deterministicGuid("mock-user", upn);
        this.userNames.set(objectId, upn);
        return { id: objectId, objectId, userPrincipalName: upn };
      }
      default:
        return inputs;
    }
  }
}

/**
 * A registry's regionDetails as Azure returns them once it exists: each system-created storage account
 * and the one geo-replicated container registry get an `armResourceId` in the managed resource group
 * `azureml-rg-<registry>_<guid>` (how-to-registry-network-isolation, "Azure Storage Account and Azure
 * Container Registry ... in a managed resource group").
 */
function registryRegionDetails(inputs: Record<string, any>, azureName: string, id: string, rgId: (rg: string) => string): unknown[] | undefined {
  if (!Array.isArray(inputs.regionDetails)) return inputs.regionDetails;
  const managedGroup = `${rgId(`azureml-rg-${azureName}_${deterministicGuid("mock-registry-rg", id)}`)}/providers`;
  const acr = `${managedGroup}/Microsoft.ContainerRegistry/registries/${azureName.replace(/[^a-z0-9]/gi, "").slice(0, 40)}acr`;
  return inputs.regionDetails.map((region: Record<string, any>) => ({
    ...region,
    acrDetails: (region.acrDetails ?? []).map((a: Record<string, any>) => ({ ...a, systemCreatedAcrAccount: { ...a.systemCreatedAcrAccount, armResourceId: { resourceId: acr } } })),
    storageAccountDetails: (region.storageAccountDetails ?? []).map((st: Record<string, any>, i: number) => ({
      ...st,
      systemCreatedStorageAccount: {
        ...st.systemCreatedStorageAccount,
        armResourceId: { resourceId: `${managedGroup}/Microsoft.Storage/storageAccounts/${deterministicGuid("mock-registry-storage", id, String(region.location), String(i)).replace(/-/g, "").slice(0, 24)}` },
      },
    })),
  }));
}
