import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { DeferredReads, isType, read, TYPES, UNKNOWN } from "../lib/azure";
import { DEPLOY_TYPES, KEY_DATA_ACTIONS, KEY_VAULT_ARM_ID, roleAllows, scopeReaches, stackAssignments, Target, targetOf, workspacesWithCustomerManagedKey } from "../lib/deploy";

/** Key types and the smallest size hubs take ("Supported keys: RSA / RSA-HSM 2048", hub-encryption-keys-portal). */
const KEY_TYPES = ["rsa", "rsa-hsm"];
const MIN_KEY_SIZE = 2048;

const normalizedRegion = (l: unknown) => (typeof l === "string" ? l.toLowerCase().replace(/\s/g, "") : l);

/** The stack's key the workspace's `encryption` (its key identifier) is built from, if any. */
function keyOf(ws: PolicyResource): PolicyResource | undefined {
  return (ws.propertyDependencies.encryption ?? []).find((d) => isType(d.type, TYPES.keyVaultKey));
}

/**
 * Grants the vault's permission model ignores: under access policies (`enableRbacAuthorization:
 * false`) a role with key data actions does nothing ("Only works for key vaults that use the 'Azure
 * role-based access control' permission model"); under RBAC, access policies do nothing ("Setting
 * Azure RBAC permission model invalidates all access policies permissions"): key-vault rbac-guide.
 */
function ignoredGrants(vault: Target, resources: readonly PolicyResource[], deferred: DeferredReads): string[] {
  const v = vault.resource!;
  const rbac = read(v.props, "properties.enableRbacAuthorization");
  if (rbac === UNKNOWN) {
    deferred.add(v.props, "properties.enableRbacAuthorization");
    return [];
  }
  if (rbac === false) {
    const keyRole = (role: Parameters<ReturnType<typeof roleAllows>>[0]) => KEY_DATA_ACTIONS.some((op) => roleAllows(op, true)(role));
    return stackAssignments(resources)
      .filter(({ a }) => a.role !== undefined && keyRole(a.role) && scopeReaches(a, vault) === true)
      .map(({ r, a }) => `role assignment ${r.name} (${a.role!.name}) does nothing there: the vault uses access policies (enableRbacAuthorization: false)`);
  }
  if (rbac !== true) return [];
  const inline = read<unknown[]>(v.props, "properties.accessPolicies");
  const resourcesFor = resources.filter((r) => isType(r.type, DEPLOY_TYPES.keyVaultAccessPolicy) && (r.propertyDependencies.vaultName ?? []).some((d) => d.urn === v.urn));
  const count = (Array.isArray(inline) ? inline.length : 0) + resourcesFor.length;
  return count ? [`its ${count} access polic${count === 1 ? "y does" : "ies do"} nothing there: the vault uses Azure RBAC (enableRbacAuthorization: true)`] : [];
}

export const cmkKeyVaultRequirements: StackValidationPolicy = {
  name: "cmk-key-vault-requirements",
  description:
    "What Azure requires of a customer-managed key's vault and key that the plan can see, for a vault or key the stack creates: a hub's vault in the hub's region (\"Store CMKs in Azure Key Vault (same region & tenant)\"), a firewalled vault that lets trusted Microsoft services through (\"Allow trusted services if firewalling\"), grants the vault's permission model honours (key-vault rbac-guide: RBAC data roles \"Only works for key vaults that use the 'Azure role-based access control' permission model\"; \"Setting Azure RBAC permission model invalidates all access policies permissions\"), and an RSA or RSA-HSM key of at least 2048 bits (\"Supported keys: RSA / RSA-HSM 2048\"; Azure ML recommends 3072). Encodes hub-encryption-keys-portal (Prerequisites) and how-to-setup-customer-managed-keys (\"Set Key type to RSA\"). A vault or key outside the stack is not visible; the tenant is not visible either.",
  severity: "high",
  url: "https://learn.microsoft.com/azure/machine-learning/how-to-setup-customer-managed-keys",
  remediationSteps:
    "Create the hub's key vault in the hub's region; with networkAcls.defaultAction Deny set bypass: AzureServices; create the key as kty RSA (or RSA-HSM) with keySize 2048 or more (3072 recommended).",
  validateStack: (args, reportViolation) => {
    const resources = args.resources;
    const deferred = new DeferredReads();
    for (const ws of workspacesWithCustomerManagedKey(resources, deferred)) {
      const vault = targetOf(ws, KEY_VAULT_ARM_ID, resources, [TYPES.keyVault]);
      if (vault === "unknown") deferred.add(ws.props, KEY_VAULT_ARM_ID);
      else if (vault?.resource) {
        const v = vault.resource;
        // Region: stated for hubs (their projects share the hub's encryption).
        const kind = read(ws.props, "kind");
        if (kind === UNKNOWN) deferred.add(ws.props, "kind");
        else if (typeof kind === "string" && kind.toLowerCase() === "hub") {
          const [vaultRegion, hubRegion] = [normalizedRegion(read(v.props, "location")), normalizedRegion(read(ws.props, "location"))];
          if (vaultRegion === UNKNOWN) deferred.add(v.props, "location");
          else if (hubRegion === UNKNOWN) deferred.add(ws.props, "location");
          else if (typeof vaultRegion === "string" && typeof hubRegion === "string" && vaultRegion !== hubRegion)
            reportViolation(`hub ${ws.name}'s customer-managed key is in key vault ${v.name}, in ${vaultRegion}, not the hub's region ${hubRegion}`, ws.urn);
        }
        for (const ignored of ignoredGrants(vault, resources, deferred)) reportViolation(`workspace ${ws.name}'s customer-managed key is in key vault ${v.name}: ${ignored}`, ws.urn);
        // A firewall that lets no trusted Microsoft service through keeps Azure ML from the key.
        const defaultAction = read(v.props, "properties.networkAcls.defaultAction");
        const bypass = read(v.props, "properties.networkAcls.bypass");
        if (defaultAction === UNKNOWN || (typeof defaultAction === "string" && defaultAction.toLowerCase() === "deny" && bypass === UNKNOWN))
          deferred.add(v.props, defaultAction === UNKNOWN ? "properties.networkAcls.defaultAction" : "properties.networkAcls.bypass");
        else if (typeof defaultAction === "string" && defaultAction.toLowerCase() === "deny" && !(typeof bypass === "string" && bypass.toLowerCase().includes("azureservices")))
          reportViolation(`workspace ${ws.name}'s customer-managed key is in key vault ${v.name}, whose firewall denies by default without letting trusted Microsoft services through (networkAcls.bypass: AzureServices)`, ws.urn);
      }
      const key = keyOf(ws);
      if (!key) continue;
      // Outputs carry the key's properties at the top level; a resource's inputs under `properties`.
      const output = (name: string) => {
        const top = read(key.props, name);
        return top === undefined ? read(key.props, `properties.${name}`) : top;
      };
      const kty = output("kty");
      const size = output("keySize");
      if (kty === UNKNOWN) deferred.add(key.props, "kty");
      else if (typeof kty !== "string" || !KEY_TYPES.includes(kty.toLowerCase()))
        reportViolation(`workspace ${ws.name}'s customer-managed key ${key.name} is ${typeof kty === "string" ? kty : "of no type"}, not RSA or RSA-HSM`, ws.urn);
      if (size === UNKNOWN) deferred.add(key.props, "keySize");
      else if (typeof size === "number" && size < MIN_KEY_SIZE) reportViolation(`workspace ${ws.name}'s customer-managed key ${key.name} is ${size} bits, under ${MIN_KEY_SIZE}`, ws.urn);
    }
    deferred.settle();
  },
};
