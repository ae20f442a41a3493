import { TYPES } from "../lib/azure";
import { resourceRule } from "../lib/define";

export const keyVaultPublicNetworkDisabledInProd = resourceRule({
  name: "key-vault-public-network-disabled-in-prod",
  description: "Prod key vaults are not reachable from public networks. Mirrors Checkov CKV_AZURE_189 (Ensure that Azure Key Vault disables public network access).",
  severity: "high",
  remediationSteps: "Set properties.publicNetworkAccess: Disabled and use private endpoints (the workspace's managed network reaches them).",
  types: [TYPES.keyVault],
  prodOnly: true,
  check: (ctx) => ctx.expect<string>("properties.publicNetworkAccess", (v) => v.toLowerCase() === "disabled", 'be "Disabled" in prod'),
});
