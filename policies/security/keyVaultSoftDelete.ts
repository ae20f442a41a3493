import { TYPES } from "../lib/azure";
import { resourceRule } from "../lib/define";

export const keyVaultSoftDelete = resourceRule({
  name: "key-vault-soft-delete",
  description: "Key vaults keep deleted secrets recoverable. Mirrors Checkov CKV_AZURE_111 (Ensure that key vault enables soft delete); Checkov's CKV_AZURE_42 (the key vault is recoverable) also needs purge protection, which key-vault-purge-protection checks.",
  severity: "high",
  remediationSteps: "Set properties.enableSoftDelete: true with softDeleteRetentionInDays (7-90).",
  types: [TYPES.keyVault],
  check: (ctx) => ctx.expect("properties.enableSoftDelete", (v) => v === true, "be true"),
});
