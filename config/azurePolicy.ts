// `azureml-platform:azurePolicy`: which pinned Azure ML policy definitions the stack assigns to the
// resource groups it creates, and with which effect (governance/assignments.ts).
import { z } from "zod";
import { PINNED_POLICY_DEFINITIONS, findPinnedDefinition } from "../governance/catalog";
import { POLICY_EFFECTS, PolicyEffect } from "../governance/assignments";
import { Environment, oneOf } from "./common";
import { ConfigIssue } from "./errors";
import { closest } from "./suggest";
import { ResolvedWorkspace } from "./workspace";

export const azurePolicySchema = z.strictObject({
  effect: z.enum(POLICY_EFFECTS, { error: oneOf(POLICY_EFFECTS) }).optional(),
  exclude: z
    .array(z.string({ error: "must be a policy definition name" }).min(1, { error: "must not be empty" }), { error: "must be a list of policy definition names" })
    .optional(),
});
export type AzurePolicyEntry = z.infer<typeof azurePolicySchema>;

/** The validated key: the effect (defaulted by environment) and the excluded definitions' names (GUIDs). */
export interface AzurePolicyConfig {
  effect: PolicyEffect;
  exclude: string[];
}

/** Deny in prod, Audit in dev: a dev stack reports what prod would refuse. */
export const defaultPolicyEffect = (environment: Environment): PolicyEffect => (environment === "prod" ? "Deny" : "Audit");

/**
 * Workspace settings a Deny assignment checks on the workspace's own ARM request (test/governance/
 * stacks.test.ts proves the whole plan against every assigned rule; this refuses the config first, so
 * a stack is never half-built and then refused by its own assignment).
 */
const SELF_DENY: readonly { handle: string; key: "publicNetworkAccess" | "managedNetworkIsolation"; required: string }[] = [
  { handle: "public-access", key: "publicNetworkAccess", required: "Disabled" },
  { handle: "managed-network", key: "managedNetworkIsolation", required: "AllowOnlyApprovedOutbound" },
];

/**
 * Resolves the key; undefined when it is absent (no assignments: stacks that do not set it do not
 * change). `exclude` entries are definition names (GUIDs) or display names of the pinned set.
 */
export function checkAzurePolicy(
  entry: AzurePolicyEntry | undefined,
  environment: Environment,
  workspaces: readonly Pick<ResolvedWorkspace, "existingResourceGroupName" | "publicNetworkAccess" | "managedNetworkIsolation">[],
  pathOf: (segments: readonly PropertyKey[]) => string,
): { value?: AzurePolicyConfig; issues: ConfigIssue[] } {
  if (entry === undefined) return { issues: [] };
  const issues: ConfigIssue[] = [];
  const exclude: string[] = [];
  (entry.exclude ?? []).forEach((name, i) => {
    const found = findPinnedDefinition(name);
    const path = pathOf(["azurePolicy", "exclude", i]);
    if (!found) {
      const known = PINNED_POLICY_DEFINITIONS.flatMap((d) => [d.handle, d.name, d.displayName]);
      issues.push({ path, rule: `must name a policy definition of the pinned set (handle, name or display name); did you mean "${closest(name, known, 1)[0]}"?`, value: name });
    } else if (exclude.includes(found.name)) issues.push({ path, rule: `excludes ${found.name} (${found.displayName}) a second time`, value: name });
    else exclude.push(found.name);
  });
  const effect = entry.effect ?? defaultPolicyEffect(environment);
  if (effect === "Deny")
    workspaces.forEach((w, i) => {
      // Existing resource groups get no assignment (the stack does not own them).
      if (w.existingResourceGroupName !== undefined) return;
      for (const rule of SELF_DENY) {
        const definition = PINNED_POLICY_DEFINITIONS.find((d) => d.handle === rule.handle)!;
        if (exclude.includes(definition.name) || w[rule.key] === rule.required) continue;
        issues.push({
          path: pathOf(["workspaces", i, rule.key]),
          rule: `must be ${rule.required}: azurePolicy (effect Deny) assigns "${definition.displayName}" to the workspace's resource group, which would refuse this workspace (set ${rule.required}, exclude ${definition.name}, or use effect Audit)`,
          value: w[rule.key],
        });
      }
    });
  return { value: { effect, exclude }, issues };
}
