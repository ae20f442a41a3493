import { TYPES, UNKNOWN } from "../lib/azure";
import { resourceRule } from "../lib/define";

/** `resourceGroup` for `/subscriptions/x/resourceGroups/y[/…]`, `subscription`, `root` or `managementGroup`. */
export function scopeLevel(scope: string): "root" | "managementGroup" | "subscription" | "resourceGroup" | "invalid" {
  const parts = scope.replace(/\/+$/, "").split("/").filter(Boolean).map((p) => p.toLowerCase());
  if (parts.length === 0) return "root";
  if (parts[0] === "providers" && parts[1] === "microsoft.management") return "managementGroup";
  if (parts[0] !== "subscriptions" || parts.length < 2) return "invalid";
  if (parts.length === 2) return "subscription";
  return parts[2] === "resourcegroups" && parts.length >= 4 ? "resourceGroup" : "invalid";
}

export const customRoleAssignableScopesNotBroaderThanResourceGroup = resourceRule({
  name: "custom-role-assignable-scopes-not-broader-than-resource-group",
  description:
    "A custom role's assignable scopes must be resource groups or narrower (workspaces). A subscription is accepted only with allowSubscriptionScope; the root scope / and management groups never.",
  severity: "high",
  remediationSteps: "Set AssignableScopes to the resource groups or workspaces where the role is used (AccessModel does this for you).",
  types: [TYPES.roleDefinition],
  configSchema: {
    properties: {
      allowSubscriptionScope: { type: "boolean", default: false, description: "Accept subscription-level assignable scopes." },
    },
  },
  check: (ctx) => {
    const scopes = ctx.get<string[]>("assignableScopes");
    if (scopes === UNKNOWN) return ctx.defer("assignableScopes");
    if (!Array.isArray(scopes) || scopes.length === 0) return ctx.report("assignableScopes must list at least one resource group or workspace");
    // Index reads, not forEach: iterating the engine's proxy would throw on an unknown element.
    for (let i = 0; i < scopes.length; i++) {
      const scope = ctx.get<string>(`assignableScopes.${i}`);
      // A scope built from a resource group this stack creates is unknown in a first preview.
      if (scope === UNKNOWN) {
        ctx.defer(`assignableScopes.${i}`);
        continue;
      }
      if (typeof scope !== "string") {
        ctx.report(`assignableScopes[${i}] must be a scope string (got ${JSON.stringify(scope)})`);
        continue;
      }
      const level = scopeLevel(scope);
      if (level === "resourceGroup" || (level === "subscription" && ctx.config.allowSubscriptionScope === true)) continue;
      ctx.report(`assignable scope ${JSON.stringify(scope)} is ${level === "invalid" ? "not a valid scope" : `a ${level} scope`}, broader than a resource group`);
    }
  },
});
