import { workspaceRule } from "../lib/define";

export const workspaceHbiInProd = workspaceRule({
  name: "workspace-hbi-in-prod",
  description:
    "Prod Azure ML workspaces are high business impact (less telemetry to Microsoft, encrypted local scratch). Platform rule; related Checkov CKV2_AZURE_50 protects the storage of HBI workspaces. A project workspace that leaves it out takes its hub's (concept-hub-workspace) and is judged through its hub.",
  severity: "medium",
  remediationSteps: "Set hbiWorkspace: true (it can only be set when the workspace is created).",
  // A project takes it from its hub (concept-hub-workspace): judged through the hub when it leaves it out.
  inherited: ["hbiWorkspace"],
  prodOnly: true,
  check: (ctx) => ctx.expect("hbiWorkspace", (v) => v === true, "be true in prod"),
});
