import { StackValidationPolicy } from "@pulumi/policy";
import { DeferredReads, read, TYPES, UNKNOWN } from "../lib/azure";
import { KEY_VAULT_ARM_ID, targetOf, workspacesWithCustomerManagedKey } from "../lib/deploy";

export const cmkKeyVaultRecoverable: StackValidationPolicy = {
  name: "cmk-key-vault-recoverable",
  description:
    "The key vault holding a workspace's customer-managed key keeps deleted keys recoverable: soft delete on and purge protection on. Encodes concept-customer-managed-keys (\"Prerequisites\": \"The key vault must enable soft delete and purge protection.\"). Checked when the vault is one the stack creates; another vault's settings are not visible.",
  severity: "high",
  url: "https://learn.microsoft.com/azure/machine-learning/concept-customer-managed-keys#prerequisites",
  remediationSteps: "Set properties.enablePurgeProtection: true and leave properties.enableSoftDelete on (true, the default) on the vault of encryption.keyVaultProperties.keyVaultArmId.",
  validateStack: (args, reportViolation) => {
    const deferred = new DeferredReads();
    for (const ws of workspacesWithCustomerManagedKey(args.resources, deferred)) {
      const vault = targetOf(ws, KEY_VAULT_ARM_ID, args.resources, [TYPES.keyVault]);
      if (vault === "unknown") {
        deferred.add(ws.props, KEY_VAULT_ARM_ID);
        continue;
      }
      // Set by cmk-key-vault-same-subscription when missing; a vault of another stack is not visible here.
      if (vault === undefined || !vault.resource) continue;
      // A first preview's placeholder for a setting the program left out (no resource fed `properties`) is not set.
      const fed = (vault.resource.propertyDependencies?.properties ?? []).length > 0;
      const setting = (path: string) => {
        const value = read(vault.resource!.props, path);
        return value === UNKNOWN && !fed ? undefined : value;
      };
      const softDelete = setting("properties.enableSoftDelete");
      const purgeProtection = setting("properties.enablePurgeProtection");
      if (softDelete === UNKNOWN) deferred.add(vault.resource.props, "properties.enableSoftDelete");
      if (purgeProtection === UNKNOWN) deferred.add(vault.resource.props, "properties.enablePurgeProtection");
      const missing = [softDelete === false ? "soft delete" : undefined, purgeProtection !== true && purgeProtection !== UNKNOWN ? "purge protection" : undefined].filter(Boolean);
      if (missing.length) reportViolation(`workspace ${ws.name}'s customer-managed key is in key vault ${vault.resource.name}, which has no ${missing.join(" and no ")}: Azure ML requires both`, ws.urn);
    }
    deferred.settle();
  },
};
