import { StackValidationPolicy } from "@pulumi/policy";
import { DeferredReads, Read, UNKNOWN, azureName, isProd, isType, read, readTags, resourceGroupOf, TYPES } from "../lib/azure";

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
function covers(budget: { props: unknown; propertyDependencies?: Record<string, { urn: string }[]> }, group: { name?: string; urn?: string }, ws: { props: unknown }): boolean | Unknown {
  const scope = budgetScope(budget);
  const filter = read(budget.props, "filter");
  const parts = filter === UNKNOWN ? UNKNOWN : comparisons(filter);
  if (parts === UNKNOWN) return { props: budget.props, path: "filter" };
  const { dimensions, tags: tagFilters } = parts;
  const byDependency = group.urn !== undefined && (budget.propertyDependencies?.scope ?? []).some((d) => d.urn === group.urn);
  // A name comparison needs the group's name; where it is not known yet, the budget's reach is not either.
  const needName = { props: budget.props, path: "scope" };
  // Resource group names are case-insensitive in ARM.
  const onGroup = (d: Comparison) => d.name === "resourcegroupname" && d.values.some((v) => v.toLowerCase() === group.name!.toLowerCase());
  let groupMatch: boolean;
  if (byDependency) groupMatch = dimensions.length === 0 || (group.name !== undefined && dimensions.every(onGroup));
  else if (typeof scope === "string" && (RG_SCOPE.test(scope) || SUBSCRIPTION_SCOPE.test(scope)) && group.name === undefined) return needName;
  else if (typeof scope === "string" && RG_SCOPE.test(scope)) groupMatch = RG_SCOPE.exec(scope)![1].toLowerCase() === group.name!.toLowerCase() && dimensions.every(onGroup);
  else if (typeof scope === "string" && SUBSCRIPTION_SCOPE.test(scope)) groupMatch = dimensions.length > 0 && dimensions.every(onGroup);
  // A scope unknown in preview (or, among a first preview's outputs, absent: `scope` is a parameter
  // of the budget's URL, not a property azure-native returns) that no resource fed: unknown.
  else if (scope === UNKNOWN || (scope === undefined && read(budget.props, "id") === undefined)) return needName;
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

/**
 * A budget's scope: its `scope` input (resource policies, and props written by hand), else the scope
 * its known ARM id starts with (`<scope>/providers/Microsoft.Consumption/budgets/<name>`); UNKNOWN or
 * undefined otherwise.
 */
function budgetScope(budget: { props: unknown }): Read<string> {
  const scope = read<string>(budget.props, "scope");
  if (scope !== undefined) return scope;
  const id = read<string>(budget.props, "id");
  if (typeof id !== "string") return id === UNKNOWN ? UNKNOWN : undefined;
  return /^(.*)\/providers\/Microsoft\.Consumption\/budgets\/[^/]+$/i.exec(id)?.[1];
}

/**
 * The resource group a workspace is in: the group resource its `resourceGroupName` came from (a
 * property dependency, which a first preview's outputs keep though the parameter itself is not an
 * output), and the group's name where it is known (the input, a known ARM id, or the group's own name).
 */
function groupOf(ws: { props: unknown; propertyDependencies?: Record<string, { urn: string }[]> }, groups: readonly { urn: string; props: unknown }[]): { name?: string; urn?: string } {
  const source = groups.find((g) => (ws.propertyDependencies?.resourceGroupName ?? []).some((d) => d.urn === g.urn));
  const rgName = read(ws.props, "resourceGroupName");
  const name = typeof rgName === "string" ? rgName : (resourceGroupOf(ws.props) ?? (source ? azureName(source.props, "resourceGroupName") : undefined));
  const group = source ?? (name === undefined ? undefined : groups.find((g) => azureName(g.props, "resourceGroupName")?.toLowerCase() === name.toLowerCase()));
  return { ...(name !== undefined ? { name } : {}), ...(group ? { urn: group.urn } : {}) };
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
      const group = groupOf(ws, groups);
      if (group.name === undefined && group.urn === undefined) {
        // Every workspace is in a resource group; a stack policy that cannot see which (a first preview of
        // a workspace in a group the stack does not create: its name is a parameter, not an output) defers.
        const id = read(ws.props, "id");
        if (typeof id === "string") reportViolation(`${ws.name} has no resource group to budget`, ws.urn);
        else deferred.add(ws.props, "resourceGroupName");
        continue;
      }
      const name = group.name ?? "(its resource group)";
      const results = budgets.map((b) => covers(b, group, ws));
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
