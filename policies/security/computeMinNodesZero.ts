import { TYPES } from "../lib/azure";
import { computeTypeIs, resourceRule } from "../lib/define";

export const computeMinNodesZero = resourceRule({
  name: "compute-min-nodes-zero",
  description: "Compute clusters scale to zero when idle. Mirrors Checkov CKV_AZURE_150 (Ensure Machine Learning Compute Cluster Minimum Nodes Set To 0).",
  severity: "low",
  remediationSteps: "Set scaleSettings.minNodeCount: 0.",
  types: [TYPES.compute],
  check: (ctx) => {
    if (!computeTypeIs(ctx, "AmlCompute")) return;
    ctx.expect("properties.properties.scaleSettings.minNodeCount", (v) => v === 0, "be 0");
  },
});
