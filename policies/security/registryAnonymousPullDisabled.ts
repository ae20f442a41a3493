import { TYPES } from "../lib/azure";
import { resourceRule } from "../lib/define";

export const registryAnonymousPullDisabled = resourceRule({
  name: "registry-anonymous-pull-disabled",
  description: "Container registries do not serve images anonymously. Mirrors Checkov CKV_AZURE_138 (Ensures that ACR disables anonymous pulling of images).",
  severity: "high",
  remediationSteps: "Set anonymousPullEnabled: false.",
  types: [TYPES.containerRegistry],
  check: (ctx) => ctx.expect("anonymousPullEnabled", (v) => v === false, "be false"),
});
