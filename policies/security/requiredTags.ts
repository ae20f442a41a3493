import { TRACKED_TYPES, UNKNOWN, readTags } from "../lib/azure";
import { resourceRule } from "../lib/define";

const DEFAULT_REQUIRED_TAGS = ["project", "environment"];

export const requiredTags = resourceRule({
  name: "required-tags",
  description: "Taggable resources carry the tags cost and ownership reports need. Mirrors Azure Policy 'Require a tag on resources'.",
  severity: "low",
  remediationSteps: "Add the missing tags (azureml-platform:tags in stack config are added to every resource).",
  types: TRACKED_TYPES,
  configSchema: {
    properties: { requiredTags: { type: "array", items: { type: "string" }, default: DEFAULT_REQUIRED_TAGS, description: "Tag names every taggable resource must have." } },
  },
  check: (ctx) => {
    const tags = readTags(ctx.props);
    if (tags === UNKNOWN) return ctx.defer("tags");
    const missing = ((ctx.config.requiredTags as string[] | undefined) ?? DEFAULT_REQUIRED_TAGS).filter((t) => !(t in tags) || tags[t] === "");
    if (missing.length) ctx.report(`missing required tags: ${missing.join(", ")}`);
  },
});
