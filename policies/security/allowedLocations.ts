import { TRACKED_TYPES, UNKNOWN } from "../lib/azure";
import { resourceRule } from "../lib/define";

const DEFAULT_ALLOWED_LOCATIONS = ["westeurope", "northeurope"];

export const allowedLocations = resourceRule({
  name: "allowed-locations",
  description: "Resources are deployed only to approved regions (data residency). Mirrors Azure Policy 'Allowed locations'.",
  severity: "high",
  remediationSteps: "Set azure-native:location to an allowed region, or extend allowedLocations in the policy config.",
  types: TRACKED_TYPES,
  configSchema: {
    properties: { allowedLocations: { type: "array", items: { type: "string" }, default: DEFAULT_ALLOWED_LOCATIONS, description: "Azure regions resources may use." } },
  },
  check: (ctx) => {
    const location = ctx.get<string>("location");
    // A child without a location inherits its resource group's, which this rule checks.
    if (location === undefined) return;
    if (location === UNKNOWN) return ctx.defer("location");
    const allowed = ((ctx.config.allowedLocations as string[] | undefined) ?? DEFAULT_ALLOWED_LOCATIONS).map((l) => l.toLowerCase().replace(/\s+/g, ""));
    if (!allowed.includes(String(location).toLowerCase().replace(/\s+/g, ""))) ctx.report(`location ${JSON.stringify(location)} is not one of ${allowed.join(", ")}`);
  },
});
