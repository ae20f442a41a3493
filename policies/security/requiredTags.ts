import { TYPES, UNKNOWN, readTags } from "../lib/azure";
import { resourceRule } from "../lib/define";

/** Types that carry tags in this platform (role assignments, locks and diagnostic settings have none). */
const TAGGABLE = [TYPES.resourceGroup, TYPES.storageAccount, TYPES.keyVault, TYPES.logAnalytics, TYPES.applicationInsights, TYPES.containerRegistry, TYPES.workspace, TYPES.compute];

export const requiredTags = resourceRule({
  name: "required-tags",
  description: "Taggable resources carry the tags cost and ownership reports need. Mirrors Azure Policy 'Require a tag on resources'.",
  severity: "low",
  remediationSteps: "Add the missing tags (azureml-platform:tags in stack config are added to every resource).",
  types: TAGGABLE,
  configSchema: {
    properties: { requiredTags: { type: "array", items: { type: "string" }, default: ["project", "environment"], description: "Tag names every taggable resource must have." } },
  },
  check: (ctx) => {
    const tags = readTags(ctx.props);
    if (tags === UNKNOWN) return ctx.report("tags are unknown until deployment, so required tags cannot be verified (failing closed)");
    const missing = ((ctx.config.requiredTags as string[] | undefined) ?? ["project", "environment"]).filter((t) => !(t in tags) || tags[t] === "");
    if (missing.length) ctx.report(`missing required tags: ${missing.join(", ")}`);
  },
});
