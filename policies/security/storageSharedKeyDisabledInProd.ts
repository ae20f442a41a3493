import { TYPES } from "../lib/azure";
import { resourceRule } from "../lib/define";

export const storageSharedKeyDisabledInProd = resourceRule({
  name: "storage-shared-key-disabled-in-prod",
  description: "Prod storage accounts accept Entra ID only, no account keys. Mirrors Checkov CKV2_AZURE_40 (Ensure storage account is not configured with Shared Key authorization).",
  severity: "high",
  remediationSteps: "Set allowSharedKeyAccess: false; Azure ML reaches its datastores with its managed identity (systemDatastoresAuthMode: identity).",
  types: [TYPES.storageAccount],
  prodOnly: true,
  check: (ctx) => ctx.expect("allowSharedKeyAccess", (v) => v === false, "be false in prod"),
});
