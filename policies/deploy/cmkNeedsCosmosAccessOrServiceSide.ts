import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { DeferredReads, isType, read, TYPES, UNKNOWN } from "../lib/azure";
import { DEPLOY_TYPES, findGrant, indices, Identity, KEY_DATA_ACTIONS, KEY_VAULT_ARM_ID, roleAllows, stackAssignments, Target, targetOf, Tri, workspacesWithCustomerManagedKey } from "../lib/deploy";

/**
 * The Azure Cosmos DB first-party application (how-to-setup-customer-managed-keys, "Allow Azure
 * Cosmos DB to access the key"): a232010e-… in every cloud but Azure Government, 57506a73-… there.
 * Its service principal's object id differs per tenant, so the policy recognises it by that app id.
 */
export const COSMOS_DB_APP_IDS = ["a232010e-820c-4083-83bb-3ace5fc29d0b", "57506a73-e302-42a9-b869-6f12d9ec29e9"];

/** Get, Wrap Key and Unwrap Key, as key data actions (RBAC permission model). */
/** The same as access policy key permissions (access policy permission model); `all` includes them. */
const KEY_PERMISSIONS = ["get", "wrapkey", "unwrapkey"];

const mentionsCosmosApp = (value: unknown) => typeof value === "string" && COSMOS_DB_APP_IDS.some((id) => value.toLowerCase().includes(id));

/**
 * The Cosmos DB principal as the stack can know it: an azuread ServicePrincipal of the app id; any
 * role assignment whose description names the app id (how a program that looks the principal up
 * with azuread.getServicePrincipal marks its grant, since an invoke leaves no trace in the stack);
 * and the object ids listed in the policy config.
 */
function cosmosPrincipal(resources: readonly PolicyResource[], configured: readonly string[]): Identity {
  const identity: Identity = { urns: [], ids: configured.map((id) => id.toLowerCase()) };
  for (const r of resources) {
    if (isType(r.type, DEPLOY_TYPES.servicePrincipal) && mentionsCosmosApp(read(r.props, "clientId"))) identity.urns.push(r.urn);
    if (isType(r.type, TYPES.roleAssignment) && mentionsCosmosApp(read(r.props, "description"))) {
      const principal = read(r.props, "principalId");
      if (typeof principal === "string") identity.ids.push(principal.toLowerCase());
      identity.urns.push(...(r.propertyDependencies?.principalId ?? []).map((d) => d.urn));
    }
  }
  return identity;
}

/** Whether one access policy entry (at `base` in `props`) gives the Cosmos DB principal get, wrap and unwrap. */
function entryGrants(props: unknown, base: string, identity: Identity, deps: readonly PolicyResource[]): Tri {
  const objectId = read(props, `${base}.objectId`);
  const fromCosmos = deps.some((d) => identity.urns.includes(d.urn));
  if (objectId === UNKNOWN && !fromCosmos) return "unknown";
  if (typeof objectId === "string" && !identity.ids.includes(objectId.toLowerCase()) && !fromCosmos) return false;
  if (objectId !== UNKNOWN && typeof objectId !== "string") return false;
  const keys = read<unknown[]>(props, `${base}.permissions.keys`);
  if (keys === UNKNOWN) return "unknown";
  if (!Array.isArray(keys)) return false;
  const granted = indices(keys).map((i) => read(props, `${base}.permissions.keys.${i}`));
  if (granted.includes(UNKNOWN)) return "unknown";
  const names = granted.map((k) => String(k).toLowerCase());
  return names.includes("all") || KEY_PERMISSIONS.every((p) => names.includes(p));
}

/** Access policies for the Cosmos DB principal on a vault of the stack: inline in the vault, or AccessPolicy resources. */
function accessPolicyGrant(vault: Target, resources: readonly PolicyResource[], identity: Identity): Tri {
  let result: Tri = false;
  const note = (t: Tri) => {
    if (t === true) result = true;
    else if (t === "unknown" && result === false) result = "unknown";
  };
  if (vault.resource) {
    const v = vault.resource;
    const policies = read<unknown[]>(v.props, "properties.accessPolicies");
    if (policies === UNKNOWN) note("unknown");
    else if (Array.isArray(policies))
      for (const i of indices(policies)) note(entryGrants(v.props, `properties.accessPolicies.${i}`, identity, v.propertyDependencies?.properties ?? []));
  }
  for (const r of resources.filter((x) => isType(x.type, DEPLOY_TYPES.keyVaultAccessPolicy))) {
    const vaultName = read(r.props, "vaultName");
    const sameVault =
      (r.propertyDependencies?.vaultName ?? []).some((d) => d.urn === vault.resource?.urn) ||
      (typeof vaultName === "string" && vault.name !== undefined && vault.name.toLowerCase() === vaultName.toLowerCase());
    if (sameVault) note(entryGrants(r.props, "policy", identity, r.propertyDependencies?.policy ?? []));
  }
  return result;
}

export const cmkNeedsCosmosAccessOrServiceSide: StackValidationPolicy = {
  name: "cmk-needs-cosmos-access-or-service-side",
  description:
    "A workspace encrypted with a customer-managed key (classic CMK) keeps its metadata in a Cosmos DB that Azure ML creates, so the Azure Cosmos DB app (a232010e-820c-4083-83bb-3ace5fc29d0b) must get, wrap and unwrap the key: a role assignment on the key vault or an access policy for it. Service-side encryption (enableServiceSideCMKEncryption) needs no Cosmos DB. Encodes how-to-setup-customer-managed-keys (\"Allow Azure Cosmos DB to access the key\") and concept-customer-managed-keys (\"Service-side encryption of metadata\").",
  severity: "high",
  url: "https://learn.microsoft.com/azure/machine-learning/how-to-setup-customer-managed-keys#allow-azure-cosmos-db-to-access-the-key",
  remediationSteps:
    "Set enableServiceSideCMKEncryption: true on the workspace, or grant the Azure Cosmos DB service principal (azuread.ServicePrincipal / getServicePrincipal with clientId a232010e-820c-4083-83bb-3ace5fc29d0b; name the app id in the assignment's description when looked up) Key Vault Crypto Service Encryption User on the vault (RBAC model) or an access policy with get, wrapKey and unwrapKey; or list its object id in cosmosDbPrincipalIds.",
  configSchema: {
    properties: {
      cosmosDbPrincipalIds: {
        type: "array",
        items: { type: "string" },
        default: [],
        description: "Object ids of the Azure Cosmos DB service principal in your tenant (az ad sp show --id a232010e-820c-4083-83bb-3ace5fc29d0b --query id).",
      },
    },
  },
  validateStack: (args, reportViolation) => {
    const config = args.getConfig<{ cosmosDbPrincipalIds?: string[] }>();
    const resources = args.resources;
    const deferred = new DeferredReads();
    const assignments = stackAssignments(resources);
    const identity = cosmosPrincipal(resources, config.cosmosDbPrincipalIds ?? []);
    for (const ws of workspacesWithCustomerManagedKey(resources, deferred)) {
      const serviceSide = read(ws.props, "enableServiceSideCMKEncryption");
      if (serviceSide === UNKNOWN) {
        deferred.add(ws.props, "enableServiceSideCMKEncryption");
        continue;
      }
      if (serviceSide === true) continue;
      const vault = targetOf(ws, KEY_VAULT_ARM_ID, resources, [TYPES.keyVault]);
      if (vault === "unknown") {
        deferred.add(ws.props, KEY_VAULT_ARM_ID);
        continue;
      }
      if (vault === undefined) {
        reportViolation(`workspace ${ws.name} enables a customer-managed key but ${KEY_VAULT_ARM_ID} is not set`, ws.urn);
        continue;
      }
      // The vault's permission model decides which grant Key Vault honours; unknown or not visible, either counts.
      const rbac = vault.resource ? read(vault.resource.props, "properties.enableRbacAuthorization") : undefined;
      const byRole = rbac === false ? { result: false as Tri } : findGrant(assignments, { identity, target: vault, role: (role) => KEY_DATA_ACTIONS.every((op) => roleAllows(op, true)(role)) });
      if (byRole.result === true) continue;
      const byPolicy = rbac === true ? false : accessPolicyGrant(vault, resources, identity);
      if (byPolicy === true) continue;
      if (byRole.result === "unknown" && byRole.pending) deferred.add(byRole.pending.props, byRole.pending.path);
      else if (byPolicy === "unknown") deferred.add(vault.resource?.props ?? ws.props, vault.resource ? "properties.accessPolicies" : KEY_VAULT_ARM_ID);
      else
        reportViolation(
          `workspace ${ws.name} uses classic customer-managed-key encryption, but nothing in the stack lets the Azure Cosmos DB app (${COSMOS_DB_APP_IDS[0]}) get, wrap and unwrap the key in ${vault.id ?? vault.name ?? "its key vault"}: workspace creation fails. Set enableServiceSideCMKEncryption: true, or grant that principal on the vault`,
          ws.urn,
        );
    }
    deferred.settle();
  },
};
