import { TYPES } from "../lib/azure";
import { resourceRule } from "../lib/define";

export const computeLocalAuthDisabled = resourceRule({
  name: "compute-local-auth-disabled",
  description: "Azure ML compute has local authentication (SSH keys, passwords) disabled. Mirrors Checkov CKV_AZURE_142 (Ensure Machine Learning Compute Cluster Local Authentication is disabled).",
  severity: "high",
  remediationSteps: "Set properties.disableLocalAuth: true.",
  types: [TYPES.compute],
  check: (ctx) => ctx.expect("properties.disableLocalAuth", (v) => v === true, "be true"),
});
