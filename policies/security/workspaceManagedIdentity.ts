import { TYPES } from "../lib/azure";
import { resourceRule } from "../lib/define";

export const workspaceManagedIdentity = resourceRule({
  name: "workspace-managed-identity",
  description: "Azure ML workspaces use a managed identity (no stored credentials for storage, key vault and registry). Mirrors the managed-identity guidance of the Azure Security Benchmark for Azure Machine Learning (IM-3).",
  severity: "medium",
  remediationSteps: "Set identity: { type: SystemAssigned } (or UserAssigned) on the workspace.",
  types: [TYPES.workspace],
  // ManagedServiceIdentityType: None | SystemAssigned | UserAssigned | "SystemAssigned,UserAssigned".
  check: (ctx) => ctx.expect<string>("identity.type", (v) => /^(SystemAssigned|UserAssigned|SystemAssigned, ?UserAssigned)$/i.test(v), "be SystemAssigned or UserAssigned"),
});
