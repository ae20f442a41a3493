// The budget contract (a workspace's `budget` key and the stack's `azureml-platform:budget`): schema,
// defaults, and the Cost Management shapes the components send. No Pulumi import.
//
// Limits are the Consumption Budgets API's (azure-rest-api-specs, Microsoft.Consumption budgets;
// the same text is in @pulumi/azure-native consumption.Budget): "Budget can have up to five
// notifications"; a notification threshold "is always percent and has to be between 0 and 1000";
// contactGroups are action group resource ids, "only supported at Subscription or Resource Group
// scopes"; a notification needs "at least one contact email or contact group" at those scopes.
import { z } from "zod";
import { SUB_RG } from "./network";
import { deferrable, isDeferred } from "./deferred";

export const BUDGET_THRESHOLD_TYPES = ["Actual", "Forecasted"] as const;
export type BudgetThresholdType = (typeof BUDGET_THRESHOLD_TYPES)[number];

/** "Budget can have up to five notifications" (Budgets API, `notifications`). */
export const MAX_BUDGET_NOTIFICATIONS = 5;
/** The Budgets API caps contactEmails and contactGroups of a notification at 50 each. */
export const MAX_BUDGET_CONTACTS = 50;
/** "It is always percent and has to be between 0 and 1000" (Budgets API, `threshold`). */
export const MAX_THRESHOLD_PERCENT = 1000;

/** Actual 80 % and 100 %, forecast 110 %: a warning, the overrun, and the month heading past it. */
export const DEFAULT_BUDGET_THRESHOLDS: readonly { percent: number; type: BudgetThresholdType }[] = [
  { percent: 80, type: "Actual" },
  { percent: 100, type: "Actual" },
  { percent: 110, type: "Forecasted" },
];

export const ACTION_GROUP_ID = new RegExp(`^${SUB_RG}/providers/microsoft\\.insights/actionGroups/[^/]+$`, "i");
/** ISO 4217 alphabetic code (EUR, USD, …). */
export const CURRENCY_CODE = /^[A-Z]{3}$/;

const thresholdSchema = z.strictObject({
  percent: deferrable(
    z
      .number({ error: "must be a number (percent of the amount)" })
      .gt(0, { error: `must be > 0 and ≤ ${MAX_THRESHOLD_PERCENT} (percent of the amount, as Cost Management accepts)` })
      .lte(MAX_THRESHOLD_PERCENT, { error: `must be > 0 and ≤ ${MAX_THRESHOLD_PERCENT} (percent of the amount, as Cost Management accepts)` }),
  ),
  type: z.enum(BUDGET_THRESHOLD_TYPES, { error: `must be one of ${BUDGET_THRESHOLD_TYPES.join(" | ")}` }),
});

/** `budget: { amount, currency?, contacts, contactGroups?, thresholds? }`: the same keys for a workspace and for the stack. */
export const budgetSchema = z
  .strictObject(
    {
      amount: deferrable(z.number({ error: "must be a number (the budget per month, in the billing currency)" }).gt(0, { error: "must be > 0" })),
      // The Budgets API has no currency: a budget's amount is in the billing account's currency. The
      // key states which one that is, so a reader of the config knows; see `budgetCurrencyMismatch`.
      currency: deferrable(z.string({ error: "must be a string" }).regex(CURRENCY_CODE, { error: "must be an ISO 4217 currency code such as EUR or USD (the billing currency)" })).optional(),
      contacts: z
        .array(deferrable(z.email({ error: "must be an email address such as finops@contoso.com" })), { error: "must be a list of email addresses" })
        .max(MAX_BUDGET_CONTACTS, { error: `must list at most ${MAX_BUDGET_CONTACTS} email addresses (Cost Management's limit per notification)` }),
      contactGroups: z
        .array(
          deferrable(z.string({ error: "must be a string" }).regex(ACTION_GROUP_ID, { error: "must be an action group resource id, /subscriptions/<guid>/resourceGroups/<rg>/providers/microsoft.insights/actionGroups/<name>" })),
          { error: "must be a list of action group resource ids" },
        )
        .max(MAX_BUDGET_CONTACTS, { error: `must list at most ${MAX_BUDGET_CONTACTS} action groups (Cost Management's limit per notification)` })
        .optional(),
      thresholds: z
        .array(thresholdSchema, { error: "must be a list of { percent, type: Actual | Forecasted }" })
        .min(1, { error: "must list at least one threshold (leave it out for the defaults)" })
        .max(MAX_BUDGET_NOTIFICATIONS, { error: `must list at most ${MAX_BUDGET_NOTIFICATIONS} thresholds (a budget has at most ${MAX_BUDGET_NOTIFICATIONS} notifications)` })
        .optional(),
    },
    // Only for a value that is not a mapping: an unknown key keeps zod's own message (and the config's "did you mean").
    { error: (issue) => (issue.code === "invalid_type" ? "must be { amount, currency?, contacts: [<email>…], contactGroups?: [<action group id>…], thresholds?: [{ percent, type }] }" : undefined) },
  )
  .superRefine((b, ctx) => {
    if (b.contacts.length === 0 && (b.contactGroups ?? []).length === 0)
      ctx.addIssue({ code: "custom", path: ["contacts"], message: "must list at least one email address (or give contactGroups): a budget alert needs someone to tell", input: b.contacts });
    const seen = new Map<string, number>();
    (b.thresholds ?? []).forEach((t, i) => {
      if (isDeferred(t.percent)) return;
      const key = `${t.type}/${t.percent}`;
      const first = seen.get(key);
      if (first !== undefined) ctx.addIssue({ code: "custom", path: ["thresholds", i], message: `duplicates thresholds[${first}] (${t.type} ${t.percent} %)`, input: t });
      else seen.set(key, i);
    });
  });

export type BudgetEntry = z.infer<typeof budgetSchema>;

/** A budget with its defaults applied. `S` and `N` are how strings and numbers arrive (plain, or Pulumi Inputs). */
export interface ResolvedBudget<S = string, N = number> {
  amount: N;
  currency?: S;
  contacts: S[];
  contactGroups: S[];
  thresholds: { percent: N; type: BudgetThresholdType }[];
}

export function resolveBudget<S = string, N = number>(b: BudgetEntry): ResolvedBudget<S, N> {
  return {
    amount: b.amount as N,
    currency: b.currency as S | undefined,
    contacts: b.contacts as S[],
    contactGroups: (b.contactGroups ?? []) as S[],
    thresholds: (b.thresholds ?? DEFAULT_BUDGET_THRESHOLDS).map((t) => ({ percent: t.percent as N, type: t.type })),
  };
}

/** One Cost Management notification (the shape of consumption.Budget `notifications` values). */
export interface BudgetNotification<S = string, N = number> {
  enabled: true;
  operator: "GreaterThan";
  threshold: N;
  thresholdType: BudgetThresholdType;
  contactEmails: S[];
  contactGroups?: S[];
}

/**
 * The budget's notifications by key. Keys name the threshold (`Actual_GreaterThan_80_Percent`, as AVM's
 * budget module names them) so a reordered list changes nothing; a percent known only at deploy time
 * is keyed by its position. `GreaterThan` as AVM (avm/res/consumption/budget) uses for both types.
 */
export function budgetNotifications<S, N>(b: ResolvedBudget<S, N>): Record<string, BudgetNotification<S, N>> {
  const out: Record<string, BudgetNotification<S, N>> = {};
  b.thresholds.forEach((t, i) => {
    const key = typeof t.percent === "number" ? `${t.type}_GreaterThan_${String(t.percent).replace(".", "_")}_Percent` : `${t.type}_${i + 1}`;
    out[key] = {
      enabled: true,
      operator: "GreaterThan",
      threshold: t.percent,
      thresholdType: t.type,
      contactEmails: b.contacts,
      ...(b.contactGroups.length ? { contactGroups: b.contactGroups } : {}),
    };
  });
  return out;
}

/**
 * The start date a new budget gets: the first of the current month (UTC), `YYYY-MM-01T00:00:00Z`.
 * The Budgets API: "Must be first of the month … Past start date should be selected within the
 * timegrain period" — so the current month is the only past date a monthly budget can be created
 * with, as AVM's default (`utcNow('yyyy')-utcNow('MM')-01`) does. Azure refuses to change a budget's
 * start date afterwards ("Start date of budgets cannot be updated"), and azurerm marks `start_date`
 * as forcing a new resource: the component ignores later changes of it (see createBudget).
 */
export function budgetStartDate(now: Date): string {
  const month = String(now.getUTCMonth() + 1).padStart(2, "0");
  return `${now.getUTCFullYear()}-${month}-01T00:00:00Z`;
}

/** A Cost Management tag filter: costs of resources carrying `tagName` with one of `tagValues`. */
export interface BudgetTagFilter<S = string> {
  tagName: S;
  tagValues: S[];
}

/** The Budgets API's comparison expression (`dimensions` or `tags` of a filter). */
export interface BudgetComparison<S = string> {
  name: S;
  operator: "In";
  values: S[];
}

export interface BudgetFilterShape<S = string> {
  dimensions?: BudgetComparison<S>;
  tags?: BudgetComparison<S>;
  and?: { dimensions?: BudgetComparison<S>; tags?: BudgetComparison<S> }[];
}

/**
 * The budget's filter: costs of some resource groups (the `ResourceGroupName` dimension, as AVM's
 * `resourceGroupFilter` and azurerm's `dimension { name = "ResourceGroupName" }` use) and/or of
 * resources with a tag. Both together are an `and` (the API: "Must have at least 2 items").
 * Undefined when nothing filters (the whole scope).
 */
export function budgetFilter<S>(on: { resourceGroupNames?: S[]; tag?: BudgetTagFilter<S> }): BudgetFilterShape<S> | undefined {
  const dimensions: BudgetComparison<S> | undefined = on.resourceGroupNames?.length ? { name: "ResourceGroupName" as S, operator: "In", values: on.resourceGroupNames } : undefined;
  const tags: BudgetComparison<S> | undefined = on.tag ? { name: on.tag.tagName, operator: "In", values: on.tag.tagValues } : undefined;
  if (dimensions && tags) return { and: [{ dimensions }, { tags }] };
  if (dimensions) return { dimensions };
  if (tags) return { tags };
  return undefined;
}

/**
 * What to warn about once Azure reports the budget's unit (`currentSpend.unit`, the billing currency)
 * when the config states another currency; undefined when they agree or either is unknown.
 */
export function budgetCurrencyMismatch(stated: unknown, unit: unknown): string | undefined {
  if (typeof stated !== "string" || typeof unit !== "string" || unit === "") return undefined;
  if (stated.toUpperCase() === unit.toUpperCase()) return undefined;
  return `the budget's amount is in ${unit} (the billing currency; the Budgets API has no currency of its own), but the config says currency: ${stated}: correct the amount or the currency key`;
}
