// Synthetic resources for the deployability rules, shaped as the engine hands them to a stack policy:
// inputs (unknown during a first preview where they come from new resources) and property dependencies.
import { EngineResource } from "../../../plan/engine";
import { TYPES } from "../../../policies/lib/azure";
import { DEPLOY_TYPES } from "../../../policies/lib/deploy";
import { resource } from "../../helpers/policy";
import { UNKNOWN } from "../../../policies/lib/internals";

export const SUB = "00000000-0000-4000-8000-000000000001";
export const OTHER_SUB = "00000000-0000-4000-8000-0000000000ff";
export const RG_ID = `/subscriptions/${SUB}/resourceGroups/rg-ml`;
export const roleId = (guid: string) => `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;
export const ROLE = {
  owner: "8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
  contributor: "b24988ac-6180-42a0-ab88-20f7382dd24c",
  reader: "acdd72a7-3385-48ef-bd42-f606fba81ae7",
  approver: "b556d68e-0be0-4f35-a333-ad7ee1ce17ea",
  cryptoUser: "e147488a-f6f5-4113-8e2d-b22465e65bf6",
  keyVaultSecretsUser: "4633458b-17de-408a-b874-0445c86b69e6",
  storageBlobDataContributor: "ba92f5b4-2d11-453d-a403-e96b0029c9fe",
};
export const COSMOS_APP = "a232010e-820c-4083-83bb-3ace5fc29d0b";
export const GROUP = "33333333-4444-5555-6666-777777777777";

export const id = {
  workspace: (name = "mlw-a", rg = "rg-ml", sub = SUB) => `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.MachineLearningServices/workspaces/${name}`,
  storage: (name = "stml", rg = "rg-ml", sub = SUB) => `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.Storage/storageAccounts/${name}`,
  vault: (name = "kv-ml", rg = "rg-ml", sub = SUB) => `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.KeyVault/vaults/${name}`,
  uai: (name = "id-ml", rg = "rg-ml", sub = SUB) => `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${name}`,
  endpoint: (name = "pe-blob", rg = "rg-ml", sub = SUB) => `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.Network/privateEndpoints/${name}`,
};

type Deps = Record<string, EngineResource[]>;
const urns = (deps: Deps = {}) => Object.fromEntries(Object.entries(deps).map(([k, v]) => [k, v.map((r) => r.urn)]));

export function rg(name = "rg-ml"): EngineResource {
  return resource(TYPES.resourceGroup, { resourceGroupName: name }, { name: `${name}-res` });
}

export function workspace(props: Record<string, any> = {}, deps?: Deps, name = "mlw"): EngineResource {
  return resource(TYPES.workspace, { workspaceName: "mlw-a", resourceGroupName: "rg-ml", ...props }, { name, propertyDependencies: urns(deps) });
}

export function uai(name = "id-ml", props: Record<string, any> = {}): EngineResource {
  return resource(TYPES.userAssignedIdentity, { resourceName: name, resourceGroupName: "rg-ml", ...props }, { name });
}

export function storage(props: Record<string, any> = {}, name = "st"): EngineResource {
  return resource(TYPES.storageAccount, { accountName: "stml", resourceGroupName: "rg-ml", ...props }, { name });
}

export function vault(props: Record<string, any> = {}, deps?: Deps, name = "kv"): EngineResource {
  return resource(TYPES.keyVault, { vaultName: "kv-ml", resourceGroupName: "rg-ml", ...props }, { name, propertyDependencies: urns(deps) });
}

export function endpoint(props: Record<string, any>, deps?: Deps, name = "pe-blob"): EngineResource {
  return resource(TYPES.privateEndpoint, { privateEndpointName: name, resourceGroupName: "rg-ml", ...props }, { name, propertyDependencies: urns(deps) });
}

export function servicePrincipal(clientId: string, name = "cosmos-sp"): EngineResource {
  return resource(DEPLOY_TYPES.servicePrincipal, { clientId }, { name });
}

export function networkRule(props: Record<string, any>, deps?: Deps, name = "rule"): EngineResource {
  return resource(DEPLOY_TYPES.managedNetworkRule, { resourceGroupName: "rg-ml", workspaceName: "mlw-a", ...props }, { name, propertyDependencies: urns(deps) });
}

export function roleDefinition(props: Record<string, any>, deps?: Deps, name = "role"): EngineResource {
  return resource(TYPES.roleDefinition, { roleName: "Custom", permissions: [{ actions: ["Microsoft.MachineLearningServices/workspaces/read"] }], ...props }, { name, propertyDependencies: urns(deps) });
}

/** A role assignment; `deps` names the resources its values are built from (how a preview sees `x.id`). */
export function assignment(props: Record<string, any>, deps?: Deps, name?: string, extra: Partial<EngineResource> = {}): EngineResource {
  return resource(TYPES.roleAssignment, { principalType: "ServicePrincipal", ...props }, { name, propertyDependencies: urns(deps), ...extra });
}

// Hubs, projects and Azure ML registries (#23).
export const mlRegistryId = (name = "fraud-models", rg = "rg-ml", sub = SUB) => `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.MachineLearningServices/registries/${name}`;

/** A hub workspace (kind Hub) named mlw-hub, prod-tagged, isolated and private unless `props` says otherwise. */
export function hub(props: Record<string, any> = {}, deps?: Deps, name = "hub"): EngineResource {
  return resource(
    TYPES.workspace,
    {
      workspaceName: "mlw-hub",
      resourceGroupName: "rg-ml",
      kind: "Hub",
      location: "westeurope",
      tags: { environment: "prod", project: "fraud" },
      identity: { type: "SystemAssigned" },
      hbiWorkspace: true,
      publicNetworkAccess: "Disabled",
      managedNetwork: { isolationMode: "AllowOnlyApprovedOutbound" },
      ...props,
    },
    { name, propertyDependencies: urns(deps) },
  );
}

/**
 * A project workspace (kind Project) under `of`: a hub of the stack (hubResourceId unknown, built from
 * it, as in a first preview) or an ARM id written out.
 */
export function project(of: EngineResource | string | undefined, props: Record<string, any> = {}, name = "proj", deps: Deps = {}): EngineResource {
  const hubResourceId = typeof of === "string" ? of : of ? UNKNOWN.string : undefined;
  return resource(
    TYPES.workspace,
    { workspaceName: `mlw-${name}`, resourceGroupName: "rg-ml", kind: "Project", hubResourceId, location: "westeurope", tags: { environment: "prod", project: "fraud" }, identity: { type: "SystemAssigned" }, ...props },
    { name, propertyDependencies: urns(typeof of === "object" ? { hubResourceId: [of], ...deps } : deps) },
  );
}

/** An Azure ML registry (machinelearningservices Registry). */
export function mlRegistry(props: Record<string, any> = {}, name = "mlr"): EngineResource {
  return resource(
    TYPES.machineLearningRegistry,
    { registryName: "fraud-models", resourceGroupName: "rg-ml", location: "westeurope", publicNetworkAccess: "Disabled", tags: { environment: "prod", project: "fraud" }, regionDetails: [{ location: "westeurope" }, { location: "northeurope" }], ...props },
    { name },
  );
}
