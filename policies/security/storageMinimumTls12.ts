import { TYPES } from "../lib/azure";
import { resourceRule } from "../lib/define";

export const storageMinimumTls12 = resourceRule({
  name: "storage-minimum-tls-1-2",
  description: "Storage accounts refuse TLS below 1.2. Mirrors Checkov CKV_AZURE_44 (Ensure Storage Account is using the latest version of TLS encryption).",
  severity: "high",
  remediationSteps: "Set minimumTlsVersion: TLS1_2.",
  types: [TYPES.storageAccount],
  check: (ctx) => ctx.expect<string>("minimumTlsVersion", (v) => v === "TLS1_2" || v === "TLS1_3", "be TLS1_2 or newer"),
});
