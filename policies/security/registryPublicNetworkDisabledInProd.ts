import { TYPES } from "../lib/azure";
import { resourceRule } from "../lib/define";

export const registryPublicNetworkDisabledInProd = resourceRule({
  name: "registry-public-network-disabled-in-prod",
  description: "Prod container registries are not reachable from public networks. Mirrors Checkov CKV_AZURE_139 (Ensure ACR set to disable public networking).",
  severity: "high",
  remediationSteps: "Use the Premium SKU with publicNetworkAccess: Disabled and private endpoints.",
  types: [TYPES.containerRegistry],
  prodOnly: true,
  check: (ctx) => ctx.expect("publicNetworkAccess", (v) => v === "Disabled", 'be "Disabled" in prod'),
});
