import { TYPES, UNKNOWN } from "../lib/azure";
import { computeTypeIs, resourceRule } from "../lib/define";
import { retiredSeriesOf } from "../lib/retiredVmSizes";

export const computeVmSizeNotRetired = resourceRule({
  name: "compute-vm-size-not-retired",
  description:
    "Azure ML compute does not use a VM size from a retired or retiring series (NC, NCv2, NCv3, ND, NV, Av1): after the retirement date its nodes are deallocated and the cluster cannot scale up. Source: Microsoft's VM retirement notices.",
  severity: "high",
  remediationSteps: "Move the cluster to the successor size the finding names (for example Standard_NC4as_T4_v3 or Standard_NC24ads_A100_v4 for GPU work).",
  types: [TYPES.compute],
  check: (ctx) => {
    if (!computeTypeIs(ctx, "AmlCompute") && ctx.get("properties.computeType") !== "ComputeInstance") return;
    const size = ctx.get<string>("properties.properties.vmSize");
    if (size === UNKNOWN) return ctx.defer("properties.properties.vmSize");
    if (typeof size !== "string") return ctx.report(`properties.properties.vmSize must be set (got ${JSON.stringify(size)})`);
    const series = retiredSeriesOf(size);
    if (series)
      ctx.report(`vmSize ${size} is in the ${series.series} series, retired on ${series.retires} (Microsoft notice ${series.notice}); use ${series.successor} or another current size`);
  },
});
