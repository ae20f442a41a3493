import { workspaceRule } from "../lib/define";

export const workspaceManagedNetworkInProd = workspaceRule({
  name: "workspace-managed-network-in-prod",
  description:
    "Prod Azure ML workspaces use managed virtual network isolation (not Disabled). Platform rule (how-to-managed-network): no Checkov check reads the isolation mode (CKV2_AZURE_49 reads publicNetworkAccess, mirrored by workspace-public-network-disabled-in-prod). A project workspace that leaves it out takes its hub's (concept-hub-workspace) and is judged through its hub.",
  severity: "high",
  remediationSteps: "Set managedNetwork.isolationMode to AllowOnlyApprovedOutbound (or AllowInternetOutbound).",
  // A project takes it from its hub (concept-hub-workspace): judged through the hub when it leaves it out.
  inherited: ["managedNetwork"],
  prodOnly: true,
  check: (ctx) => ctx.expect<string>("managedNetwork.isolationMode", (v) => v === "AllowOnlyApprovedOutbound" || v === "AllowInternetOutbound", "be AllowOnlyApprovedOutbound or AllowInternetOutbound in prod"),
});
