import { TYPES } from "../lib/azure";
import { resourceRule } from "../lib/define";

export const storageHttpsOnly = resourceRule({
  name: "storage-https-only",
  description: "Storage accounts accept HTTPS only. Mirrors Checkov CKV_AZURE_3 (Ensure that 'enable_https_traffic_only' is enabled) and Azure Policy 'Secure transfer to storage accounts should be enabled'.",
  severity: "high",
  remediationSteps: "Set enableHttpsTrafficOnly: true.",
  types: [TYPES.storageAccount],
  check: (ctx) => ctx.expect("enableHttpsTrafficOnly", (v) => v === true, "be true"),
});
