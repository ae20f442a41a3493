import { workspaceRule } from "../lib/define";

export const workspacePublicNetworkDisabledInProd = workspaceRule({
  name: "workspace-public-network-disabled-in-prod",
  description:
    "Prod Azure ML workspaces are not reachable from the public internet. Mirrors Checkov CKV_AZURE_144 (Ensure that Public Access is disabled for Machine Learning Workspace; Terraform) and CKV2_AZURE_49 (ARM: publicNetworkAccess absent or Disabled). A project workspace that leaves it out takes its hub's (concept-hub-workspace) and is judged through its hub.",
  severity: "high",
  remediationSteps: "Set publicNetworkAccess: Disabled on the workspace and reach it through private endpoints.",
  // A project takes it from its hub (concept-hub-workspace): judged through the hub when it leaves it out.
  inherited: ["publicNetworkAccess"],
  prodOnly: true,
  check: (ctx) => ctx.expect("publicNetworkAccess", (v) => v === "Disabled", 'be "Disabled" in prod'),
});
