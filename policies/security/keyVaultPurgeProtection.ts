import { TYPES } from "../lib/azure";
import { resourceRule } from "../lib/define";

export const keyVaultPurgeProtection = resourceRule({
  name: "key-vault-purge-protection",
  description: "Key vaults cannot be purged before their retention ends. Mirrors Checkov CKV_AZURE_110 (Ensure that key vault enables purge protection).",
  severity: "high",
  remediationSteps: "Set properties.enablePurgeProtection: true (it cannot be turned off again).",
  types: [TYPES.keyVault],
  check: (ctx) => ctx.expect("properties.enablePurgeProtection", (v) => v === true, "be true"),
});
