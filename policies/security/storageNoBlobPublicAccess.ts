import { TYPES } from "../lib/azure";
import { resourceRule } from "../lib/define";

export const storageNoBlobPublicAccess = resourceRule({
  name: "storage-no-blob-public-access",
  description: "Storage accounts forbid anonymous blob access. Mirrors Checkov CKV_AZURE_190 (Ensure that Storage blobs restrict public access) and CKV2_AZURE_47.",
  severity: "critical",
  remediationSteps: "Set allowBlobPublicAccess: false.",
  types: [TYPES.storageAccount],
  check: (ctx) => ctx.expect("allowBlobPublicAccess", (v) => v === false, "be false"),
});
