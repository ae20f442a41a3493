import { TYPES } from "../lib/azure";
import { resourceRule } from "../lib/define";

export const workspaceManagedNetworkInProd = resourceRule({
  name: "workspace-managed-network-in-prod",
  description: "Prod Azure ML workspaces use managed virtual network isolation (not Disabled). Mirrors Checkov CKV2_AZURE_49 (Azure Machine learning workspace is not configured with overly permissive network access).",
  severity: "high",
  remediationSteps: "Set managedNetwork.isolationMode to AllowOnlyApprovedOutbound (or AllowInternetOutbound).",
  types: [TYPES.workspace],
  prodOnly: true,
  check: (ctx) => ctx.expect<string>("managedNetwork.isolationMode", (v) => v === "AllowOnlyApprovedOutbound" || v === "AllowInternetOutbound", "be AllowOnlyApprovedOutbound or AllowInternetOutbound in prod"),
});
