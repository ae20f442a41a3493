import { BUILT_IN_ROLES } from "../rbac/builtinRoles";
import { Assignment, RoleDefinition } from "../rbac/types";
import { WorkspaceScope } from "../rbac/matrix";

/**
 * Deterministic pseudo-random numbers (mulberry32): benchmark inputs must be identical on every run
 * and machine; a seeded generator this small needs no dependency.
 */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SUB = "/subscriptions/00000000-0000-4000-8000-000000000001";

/** 50 role definitions: the 16 built-ins plus 34 custom roles with wildcards in the middle and at the end. */
export function syntheticRoles(): RoleDefinition[] {
  const custom: RoleDefinition[] = [];
  const areas = ["computes", "datastores", "jobs", "models", "environments", "endpoints", "data", "components"];
  for (let i = 0; custom.length < 50 - BUILT_IN_ROLES.length; i++) {
    const area = areas[i % areas.length];
    custom.push({
      name: `custom-${i}`,
      isCustom: true,
      assignableScopes: [SUB],
      permissions: [
        {
          actions: i % 3 === 0 ? ["*"] : [`Microsoft.MachineLearningServices/workspaces/${area}/*`, "Microsoft.MachineLearningServices/workspaces/*/read"],
          notActions: i % 2 === 0 ? ["Microsoft.MachineLearningServices/workspaces/computes/*/write", "Microsoft.Authorization/*/write"] : [`Microsoft.MachineLearningServices/workspaces/${area}/*/delete`],
          dataActions: [],
          notDataActions: [],
        },
      ],
    });
  }
  return [...BUILT_IN_ROLES, ...custom];
}

/** An organisation of `count` assignments over 20 workspaces in 5 resource groups, ~5 assignments per principal. */
export function syntheticOrganisation(count: number, seed = 42): { assignments: Assignment[]; workspaces: WorkspaceScope[] } {
  const random = rng(seed);
  const roles = syntheticRoles();
  const workspaces: WorkspaceScope[] = Array.from({ length: 20 }, (_, i) => ({
    name: `ws-${i}`,
    id: `${SUB}/resourceGroups/rg-${i % 5}/providers/Microsoft.MachineLearningServices/workspaces/ws-${i}`,
    // Data-plane operations are decided on the workspace's storage account, as the platform lays it out.
    storageAccountId: `${SUB}/resourceGroups/rg-${i % 5}/providers/Microsoft.Storage/storageAccounts/stws${i}`,
    // Shared Key off, as in prod: the baseline scores role grants, not the keys' routes.
    sharedKeyAccess: false,
  }));
  const principals = Math.max(1, Math.floor(count / 5));
  const assignments: Assignment[] = [];
  for (let i = 0; i < count; i++) {
    const r = random();
    const ws = workspaces[Math.floor(random() * workspaces.length)];
    // Mostly workspaces, some resource groups and the subscription, and storage accounts (data roles).
    const scope = r < 0.05 ? SUB : r < 0.3 ? `${SUB}/resourceGroups/rg-${Math.floor(random() * 5)}` : r < 0.4 ? ws.storageAccountId! : ws.id;
    assignments.push({ principalId: `p-${Math.floor(random() * principals)}`, scope, role: roles[Math.floor(random() * roles.length)] });
  }
  return { assignments, workspaces };
}

const HUB = `${SUB}/resourceGroups/rg-hub-network/providers/Microsoft.Network/virtualNetworks/vnet-hub`;

/**
 * Stack config (namespace keys) for a prod platform of `workspaces` workspaces and `teams` teams,
 * shaped like Pulumi.prod.yaml: every workspace private behind the hub network (the first creates the
 * private DNS zones, the others share them), with a user-assigned identity and python-packages
 * outbound rules; even ones training (customer-managed key, CPU and GPU clusters), odd ones batch
 * scoring (batch endpoints, one cluster). Teams cover every kind the access model knows: admins,
 * created groups with members, looked-up groups, service principals, resource-group and workspace scope.
 */
export function syntheticStackConfig(workspaces: number, teams: number): Record<string, string> {
  const ws = Array.from({ length: workspaces }, (_, i) => ({
    name: `ws${i}`,
    resourceGroup: { create: true },
    publicNetworkAccess: "Disabled",
    managedNetworkIsolation: "AllowOnlyApprovedOutbound",
    privateEndpoint: { subnetId: `${HUB}/subnets/snet-private-endpoints`, dnsZones: { create: true, virtualNetworkId: HUB } },
    outboundRules: [{ preset: "python-packages" }],
    containerRegistry: "create",
    hbi: true,
    identity: { userAssigned: { create: true } },
    ...(i % 2 === 0
      ? {
          encryption: { keyVaultId: `${SUB}/resourceGroups/rg-platform-keys/providers/Microsoft.KeyVault/vaults/kv-platform-cmk`, keyUri: `https://kv-platform-cmk.vault.azure.net/keys/ws${i}/0123456789abcdef0123456789abcdef` },
          computes: [
            { name: "cpu-cluster", vmSize: "Standard_DS3_v2", minNodes: 0, maxNodes: 8 },
            { name: "gpu-cluster", vmSize: "Standard_NC4as_T4_v3", minNodes: 0, maxNodes: 2 },
          ],
        }
      : { batchEndpoints: true, computes: [{ name: "batch-cluster", vmSize: "Standard_DS3_v2", minNodes: 0, maxNodes: 4 }] }),
  }));
  const objectId = (n: number) => `00000000-0000-4000-8000-${String(100000000000 + n).slice(-12)}`;
  const team = Array.from({ length: teams }, (_, i) => {
    const kind = i % 5;
    const principal =
      kind === 0 ? { group: { objectId: objectId(i) } }
      : kind === 1 ? { group: { displayName: `sg-team-${i}`, create: true, members: [`user${i}@contoso.com`] } }
      : kind === 2 ? { group: { displayName: `sg-team-${i}` } }
      : kind === 3 ? { principal: { objectId: objectId(i), type: "ServicePrincipal" } }
      : { group: { objectId: objectId(i) } };
    return {
      name: `team-${i}`,
      admin: i % 10 === 0,
      ...principal,
      role: i % 10 === 0 ? "AzureML Compute Operator" : ["Reader", "Data Scientist", "Data Scientist"][i % 3],
      scope: i % 4 === 0 ? "resourceGroup" : "workspace",
      workspaces: [`ws${i % workspaces}`, `ws${(i + 1) % workspaces}`],
    };
  });
  return {
    "azure-native:location": "westeurope",
    "azureml-platform:environment": "prod",
    "azureml-platform:project": "bench",
    "azureml-platform:tags": JSON.stringify({ costCenter: "cc", owner: "o", dataClassification: "c" }),
    "azureml-platform:workspaces": JSON.stringify(ws),
    "azureml-platform:customRoles": JSON.stringify([{ file: "roles/data-scientist-restricted.json" }]),
    "azureml-platform:teams": JSON.stringify(team),
  };
}
