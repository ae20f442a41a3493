import { TYPES } from "../lib/azure";
import { computeTypeIs, resourceRule } from "../lib/define";

const DEFAULT_MAX_NODES = 10;

export const computeMaxNodesCap = resourceRule({
  name: "compute-max-nodes-cap",
  description: "Compute clusters cannot scale beyond a configured node count (cost control). Platform rule.",
  severity: "medium",
  remediationSteps: "Lower scaleSettings.maxNodeCount, or raise maxNodes in the policy config.",
  types: [TYPES.compute],
  configSchema: { properties: { maxNodes: { type: "integer", default: DEFAULT_MAX_NODES, minimum: 1, description: "Largest allowed maxNodeCount." } } },
  check: (ctx) => {
    if (!computeTypeIs(ctx, "AmlCompute")) return;
    const cap = (ctx.config.maxNodes as number | undefined) ?? DEFAULT_MAX_NODES;
    ctx.expect<number>("properties.properties.scaleSettings.maxNodeCount", (v) => typeof v === "number" && v <= cap, `be at most ${cap}`);
  },
});
