import { TYPES } from "../lib/azure";
import { resourceRule } from "../lib/define";

export const registryAdminUserDisabled = resourceRule({
  name: "registry-admin-user-disabled",
  description: "Container registries have no shared admin account. Mirrors Checkov CKV_AZURE_137 (Ensure ACR admin account is disabled).",
  severity: "high",
  remediationSteps: "Set adminUserEnabled: false; pull with the workspace identity (AcrPull).",
  types: [TYPES.containerRegistry],
  check: (ctx) => ctx.expect("adminUserEnabled", (v) => v === false, "be false"),
});
