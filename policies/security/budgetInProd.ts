import { StackValidationPolicy } from "@pulumi/policy";
import { DeferredReads, UNKNOWN, azureName, isProd, isType, read, readTags, resourceGroupOf, TYPES } from "../lib/azure";

type Comparison = { name: string | undefined; values: string[] };

const RG_SCOPE = /^\/subscriptions\/[^/]+\/resourceGroups\/([^/]+)$/i;
const SUBSCRIPTION_SCOPE = /^\/subscriptions\/[^/]+$/i;

/** A comparison expression as plain values (its name lower-cased: dimension and tag names are case-insensitive); UNKNOWN when part of it is. */
function comparison(expr: unknown): Comparison | undefined | typeof UNKNOWN {
  if (expr === UNKNOWN) return UNKNOWN;
  if (!expr || typeof expr !== "object") return undefined;
  const name = read(expr, "name");
  const values = read<unknown[]>(expr, "values");
  if (name === UNKNOWN || values === UNKNOWN) return UNKNOWN;
  const list: string[] = [];
  for (let i = 0; Array.isArray(values) && i < values.length; i++) {
    const v = read(values, String(i));
    if (v === UNKNOWN) return UNKNOWN;
    if (typeof v === "string") list.push(v);
  }
  return { name: typeof name === "string" ? name.toLowerCase() : undefined, values: list };
}

/** The comparisons of a budget filter (`dimensions`, `tags`, and those inside `and`); UNKNOWN when any part is. */
function comparisons(filter: unknown): { dimensions: Comparison[]; tags: Comparison[] } | typeof UNKNOWN {
  const and = read<unknown[]>(filter, "and");
  if (and === UNKNOWN) return UNKNOWN;
  const parts = [filter];
  for (let i = 0; Array.isArray(and) && i < and.length; i++) parts.push(read(and, String(i)));
  const out = { dimensions: [] as Comparison[], tags: [] as Comparison[] };
  for (const part of parts) {
    for (const key of ["dimensions", "tags"] as const) {
      const c = comparison(part === UNKNOWN ? UNKNOWN : read(part, key));
      if (c === UNKNOWN) return UNKNOWN;
      if (c) out[key].push(c);
    }
  }
  return out;
}

type Unknown = { props: unknown; path: string };

/**
 * Whether `budget` counts all costs of resource group `group` for a workspace tagged `tags`: a budget
 * at that group's scope, or at the subscription filtered to it by the `ResourceGroupName` dimension.
 * Any other dimension filter (a service, a meter) counts only part of the costs, so it does not; a
 * tag filter must match the workspace's tag (a project sharing its hub's group). Unknown: what to defer on.
 */
function covers(budget: { props: unknown; propertyDependencies?: Record<string, { urn: string }[]> }, group: { name: string; urn?: string }, ws: { props: unknown }): boolean | Unknown {
  const scope = read<string>(budget.props, "scope");
  const filter = read(budget.props, "filter");
  const parts = filter === UNKNOWN ? UNKNOWN : comparisons(filter);
  if (parts === UNKNOWN) return { props: budget.props, path: "filter" };
  const { dimensions, tags: tagFilters } = parts;
  // Resource group names are case-insensitive in ARM.
  const onGroup = (d: Comparison) => d.name === "resourcegroupname" && d.values.some((v) => v.toLowerCase() === group.name.toLowerCase());
  let groupMatch: boolean;
  if (typeof scope === "string" && RG_SCOPE.test(scope)) groupMatch = RG_SCOPE.exec(scope)![1].toLowerCase() === group.name.toLowerCase() && dimensions.every(onGroup);
  else if (typeof scope === "string" && SUBSCRIPTION_SCOPE.test(scope)) groupMatch = dimensions.length > 0 && dimensions.every(onGroup);
  // A scope unknown in preview: a dependency on the group's resource ties it there; else it is unknown.
  else if (group.urn && (budget.propertyDependencies?.scope ?? []).some((d) => d.urn === group.urn)) groupMatch = dimensions.every(onGroup);
  else if (scope === UNKNOWN) return { props: budget.props, path: "scope" };
  else groupMatch = false;
  if (!groupMatch || tagFilters.length === 0) return groupMatch;
  const tags = readTags(ws.props);
  if (tags === UNKNOWN) return { props: ws.props, path: "tags" };
  // Tag names are case-insensitive in Azure, values are compared as written (fail closed).
  const value = (name: string) => Object.entries(tags).find(([k]) => k.toLowerCase() === name)?.[1];
  return tagFilters.every((t) => {
    const v = t.name === undefined ? undefined : value(t.name);
    return v !== undefined && t.values.includes(v);
  });
}

export const budgetInProd: StackValidationPolicy = {
  name: "budget-in-prod",
  description:
    "Every prod Azure ML workspace's costs are under a Cost Management budget: one at its resource group's scope, or at the subscription filtered to that group (ResourceGroupName), or — for a workspace sharing a group — filtered to its tag. GPU clusters spend fast and a budget's alerts are the only warning before the invoice (Cost Management budgets). Platform rule.",
  severity: "medium",
  remediationSteps:
    "Give the workspace `budget: { amount, contacts: [<email>] }` (WorkspaceStack creates a budget on its resource group), or set `azureml-platform:budget` for the stack's resource groups.",
  validateStack: (args, reportViolation) => {
    const budgets = args.resources.filter((r) => isType(r.type, TYPES.budget));
    const groups = args.resources.filter((r) => isType(r.type, TYPES.resourceGroup));
    const deferred = new DeferredReads();
    for (const ws of args.resources.filter((r) => isType(r.type, TYPES.workspace) && isProd(r.props))) {
      const rgName = read(ws.props, "resourceGroupName");
      // In a first preview a created group's name output is unknown; the group it came from is not.
      const source = groups.find((g) => (ws.propertyDependencies?.resourceGroupName ?? []).some((d) => d.urn === g.urn));
      const name = typeof rgName === "string" ? rgName : rgName === UNKNOWN && source ? azureName(source.props, "resourceGroupName") : resourceGroupOf(ws.props);
      if (name === undefined) {
        if (rgName === UNKNOWN) deferred.add(ws.props, "resourceGroupName");
        else reportViolation(`${ws.name} has no resource group to budget`, ws.urn);
        continue;
      }
      const group = groups.find((g) => azureName(g.props, "resourceGroupName")?.toLowerCase() === name.toLowerCase());
      const results = budgets.map((b) => covers(b, { name, urn: group?.urn }, ws));
      if (results.includes(true)) continue;
      const unknown = results.find((r): r is Unknown => typeof r === "object");
      if (unknown) {
        deferred.add(unknown.props, unknown.path);
        continue;
      }
      reportViolation(`${ws.name} (resource group ${name}) has no Cost Management budget: add budget: { amount, contacts } to the workspace or azureml-platform:budget to the stack`, ws.urn);
    }
    deferred.settle();
  },
};
