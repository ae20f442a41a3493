import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { DeferredReads, isType, read, TYPES, UNKNOWN } from "../lib/azure";
import { KEY_VAULT_ARM_ID, Pending, subscriptionOf, targetOf, workspacesWithCustomerManagedKey } from "../lib/deploy";

/** Inputs of a workspace that name resources it is created with (associated resources). */
const ASSOCIATED = ["storageAccount", "keyVault", "applicationInsights", "containerRegistry"];

/** Resources deployed through the same provider deploy to the same subscription (no provider seen: the default one). */
const sameProvider = (a: PolicyResource, b: PolicyResource) => a.provider?.urn === b.provider?.urn;

function providerSubscription(r: PolicyResource): string | undefined | typeof UNKNOWN {
  const sub = r.provider ? read(r.provider.props, "subscriptionId") : undefined;
  return typeof sub === "string" && sub !== "" ? sub.toLowerCase() : sub === UNKNOWN ? UNKNOWN : undefined;
}

/**
 * The subscription a workspace deploys to, from what a policy can see: its ARM id (an output: unknown
 * in a first preview, known once it exists); its provider's `subscriptionId` (the engine passes the
 * provider's configuration, set by `azure-native:subscriptionId`); the policy config's subscriptionId
 * (for `plan`, which sees no provider); or the known id of an associated resource the stack creates
 * through the same provider.
 */
function workspaceSubscription(ws: PolicyResource, configured: string | undefined): string | Pending | undefined {
  const id = read(ws.props, "id");
  if (typeof id === "string") return subscriptionOf(id);
  const fromProvider = providerSubscription(ws);
  if (typeof fromProvider === "string") return fromProvider;
  if (configured) return configured.toLowerCase();
  let pending: Pending | undefined = id === UNKNOWN ? { props: ws.props, path: "id" } : undefined;
  for (const property of ASSOCIATED) {
    const created = (ws.propertyDependencies?.[property] ?? []).find((d) => sameProvider(ws, d));
    if (!created) continue;
    const value = read(ws.props, property);
    if (typeof value === "string" && subscriptionOf(value)) return subscriptionOf(value);
    if (value === UNKNOWN) pending ??= { props: ws.props, path: property };
  }
  return pending;
}

export const cmkKeyVaultSameSubscription: StackValidationPolicy = {
  name: "cmk-key-vault-same-subscription",
  description:
    "The key vault holding a workspace's customer-managed key is in the workspace's subscription; Azure ML refuses a key from another subscription. Encodes how-to-setup-customer-managed-keys (\"Limitations\": the key vault must be in the same Azure subscription as the workspace).",
  severity: "high",
  url: "https://learn.microsoft.com/azure/machine-learning/how-to-setup-customer-managed-keys#limitations",
  remediationSteps:
    "Use a key vault in the workspace's subscription for encryption.keyVaultProperties, or deploy the workspace to the vault's subscription. For `plan`, which sees no provider configuration, set subscriptionId in this policy's config.",
  configSchema: {
    properties: {
      subscriptionId: {
        type: "string",
        default: "",
        description: "The subscription the stack deploys to, when neither the workspace's id nor its provider's subscriptionId is visible (as in `plan`).",
      },
    },
  },
  validateStack: (args, reportViolation) => {
    const config = args.getConfig<{ subscriptionId?: string }>();
    const resources = args.resources;
    const deferred = new DeferredReads();
    for (const ws of workspacesWithCustomerManagedKey(resources, deferred)) {
      const vault = targetOf(ws, KEY_VAULT_ARM_ID, resources, [TYPES.keyVault]);
      if (vault === "unknown") {
        deferred.add(ws.props, KEY_VAULT_ARM_ID);
        continue;
      }
      if (vault === undefined || (vault.id === undefined && !vault.resource)) {
        reportViolation(`workspace ${ws.name} enables a customer-managed key but ${KEY_VAULT_ARM_ID} is not set`, ws.urn);
        continue;
      }
      // A vault the stack creates through the workspace's provider is in its subscription by construction.
      if (vault.id === undefined && vault.resource && sameProvider(ws, vault.resource)) continue;
      let vaultSubscription: string | undefined | typeof UNKNOWN = vault.id !== undefined ? subscriptionOf(vault.id) : providerSubscription(vault.resource!);
      if (vaultSubscription === undefined && vault.resource) {
        const id = read(vault.resource.props, "id");
        vaultSubscription = typeof id === "string" ? subscriptionOf(id) : UNKNOWN;
      }
      if (vaultSubscription === UNKNOWN) {
        deferred.add(ws.props, KEY_VAULT_ARM_ID);
        continue;
      }
      if (vaultSubscription === undefined) {
        reportViolation(`workspace ${ws.name}: ${KEY_VAULT_ARM_ID} ${JSON.stringify(vault.id)} is not an ARM id of a key vault (/subscriptions/<id>/…)`, ws.urn);
        continue;
      }
      const wsSubscription = workspaceSubscription(ws, config.subscriptionId);
      if (typeof wsSubscription === "object") {
        deferred.add(wsSubscription.props, wsSubscription.path);
        continue;
      }
      if (wsSubscription === undefined) {
        reportViolation(
          `workspace ${ws.name}: its subscription is not visible (no id, no provider subscriptionId, no associated resource of the stack), so its key vault ${vault.id ?? vault.name} cannot be shown to be in it (failing closed); set subscriptionId in the policy config`,
          ws.urn,
        );
        continue;
      }
      if (wsSubscription !== vaultSubscription)
        reportViolation(
          `workspace ${ws.name} deploys to subscription ${wsSubscription} but its customer-managed key's vault ${vault.id ?? vault.name} is in subscription ${vaultSubscription}: Azure ML requires the key vault in the workspace's subscription`,
          ws.urn,
        );
    }
    deferred.settle();
  },
};
