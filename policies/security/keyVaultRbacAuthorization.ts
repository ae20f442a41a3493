import { TYPES } from "../lib/azure";
import { resourceRule } from "../lib/define";

export const keyVaultRbacAuthorization = resourceRule({
  name: "key-vault-rbac-authorization",
  description: "Key vaults use Azure RBAC, not access policies, so data-plane access is governed like everything else. Mirrors Azure Policy 'Azure Key Vault should use RBAC permission model'.",
  severity: "high",
  remediationSteps: "Set properties.enableRbacAuthorization: true and grant Key Vault Secrets User / Administrator roles.",
  types: [TYPES.keyVault],
  check: (ctx) => ctx.expect("properties.enableRbacAuthorization", (v) => v === true, "be true"),
});
