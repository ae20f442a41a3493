import { TYPES, UNKNOWN } from "../lib/azure";
import { resourceRule } from "../lib/define";

const LOCATED = [TYPES.resourceGroup, TYPES.storageAccount, TYPES.keyVault, TYPES.logAnalytics, TYPES.applicationInsights, TYPES.containerRegistry, TYPES.workspace, TYPES.compute];

export const allowedLocations = resourceRule({
  name: "allowed-locations",
  description: "Resources are deployed only to approved regions (data residency). Mirrors Azure Policy 'Allowed locations'.",
  severity: "high",
  remediationSteps: "Set azure-native:location to an allowed region, or extend allowedLocations in the policy config.",
  types: LOCATED,
  configSchema: {
    properties: { allowedLocations: { type: "array", items: { type: "string" }, default: ["westeurope", "northeurope"], description: "Azure regions resources may use." } },
  },
  check: (ctx) => {
    const location = ctx.get<string>("location");
    // A child without a location inherits its resource group's, which this rule checks.
    if (location === undefined) return;
    if (location === UNKNOWN) return ctx.report("location is unknown until deployment (failing closed)");
    const allowed = ((ctx.config.allowedLocations as string[] | undefined) ?? ["westeurope", "northeurope"]).map((l) => l.toLowerCase().replace(/\s+/g, ""));
    if (!allowed.includes(String(location).toLowerCase().replace(/\s+/g, ""))) ctx.report(`location ${JSON.stringify(location)} is not one of ${allowed.join(", ")}`);
  },
});
