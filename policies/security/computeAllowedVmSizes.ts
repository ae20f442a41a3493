import { TYPES } from "../lib/azure";
import { resourceRule } from "../lib/define";

export const DEFAULT_ALLOWED_VM_SIZES = ["Standard_DS3_v2", "Standard_DS4_v2", "Standard_D4s_v3", "Standard_D8s_v3", "Standard_E4s_v3", "Standard_NC4as_T4_v3", "Standard_NC24ads_A100_v4"];

export const computeAllowedVmSizes = resourceRule({
  name: "compute-allowed-vm-sizes",
  description: "Azure ML compute uses approved VM sizes only (cost and quota control). Mirrors Azure Policy 'Allowed virtual machine size SKUs'.",
  severity: "medium",
  remediationSteps: "Pick a size from allowedVmSizes, or add the size to the policy config.",
  types: [TYPES.compute],
  configSchema: {
    properties: {
      allowedVmSizes: { type: "array", items: { type: "string" }, default: DEFAULT_ALLOWED_VM_SIZES, description: "VM sizes compute may use (case-insensitive)." },
    },
  },
  check: (ctx) => {
    const allowed = ((ctx.config.allowedVmSizes as string[] | undefined) ?? DEFAULT_ALLOWED_VM_SIZES).map((s) => s.toLowerCase());
    ctx.expect<string>("properties.properties.vmSize", (v) => allowed.includes(v.toLowerCase()), `be one of ${allowed.length} allowed sizes`);
  },
});
