import { TYPES } from "../lib/azure";
import { computeTypeIs, resourceRule } from "../lib/define";

export const computeInstanceIdleShutdown = resourceRule({
  name: "compute-instance-idle-shutdown",
  description: "Compute instances shut down when idle. Mirrors Azure Policy 'Azure Machine Learning Compute Instance should have idle shutdown.'",
  severity: "medium",
  remediationSteps: "Set properties.properties.idleTimeBeforeShutdown (ISO 8601, e.g. PT60M).",
  types: [TYPES.compute],
  check: (ctx) => {
    if (!computeTypeIs(ctx, "ComputeInstance")) return;
    // Hours and/or minutes, as the docs write them (PT30M, PT2H, PT1H30M); the lookahead refuses a bare "PT".
    ctx.expect<string>("properties.properties.idleTimeBeforeShutdown", (v) => typeof v === "string" && /^PT(?=\d)(\d+H)?(\d+M)?$/.test(v), "be an ISO 8601 duration such as PT60M");
  },
});
