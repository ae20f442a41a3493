import * as pulumi from "@pulumi/pulumi";
import * as consumption from "@pulumi/azure-native/consumption";
import { BudgetTagFilter, ResolvedBudget, budgetCurrencyMismatch, budgetFilter, budgetNotifications, budgetStartDate } from "../../config/budget";
import { now } from "../../core/clock";

/** Where a budget goes and what it counts: a resource group, or a subscription filtered to some groups and/or a tag. */
export interface BudgetTarget {
  /** Pulumi name of the budget (derived from its owner's name). */
  name: string;
  /** Its Azure name, unique within the scope. */
  budgetName: string;
  /** `/subscriptions/<id>` or `/subscriptions/<id>/resourceGroups/<rg>`. */
  scope: pulumi.Input<string>;
  /** Count only these resource groups' costs (the `ResourceGroupName` dimension; for a subscription scope). */
  resourceGroupNames?: pulumi.Input<string>[];
  /**
   * Count only resources carrying this tag: a project sharing its hub's resource group (Cost
   * Management filters budgets by tag; a cost carries the tags of its resource, or of its group and
   * subscription with tag inheritance on — enable-tag-inheritance).
   */
  tag?: BudgetTagFilter<pulumi.Input<string>>;
  /** `{ parent }`, and what the scope must exist after (a resource group the stack creates). */
  opts: pulumi.CustomResourceOptions;
}

/**
 * A monthly Cost Management budget. Its start date is the first of the month it is created in (Azure
 * accepts no earlier month, and never a change later: "Start date of budgets cannot be updated");
 * `ignoreChanges` keeps that date, so a preview in a later month shows no change — as azurerm users
 * do with `lifecycle { ignore_changes = [time_period] }`, since its `start_date` forces a new budget.
 */
export function createBudget(target: BudgetTarget, budget: ResolvedBudget<pulumi.Input<string>, pulumi.Input<number>>): consumption.Budget {
  const filter = budgetFilter({ resourceGroupNames: target.resourceGroupNames, tag: target.tag });
  const created = new consumption.Budget(
    target.name,
    {
      budgetName: target.budgetName,
      scope: target.scope,
      category: "Cost",
      amount: budget.amount,
      timeGrain: "Monthly",
      timePeriod: { startDate: budgetStartDate(now()) },
      ...(filter ? { filter } : {}),
      notifications: budgetNotifications(budget),
    },
    { ...target.opts, ignoreChanges: [...(target.opts.ignoreChanges ?? []), "timePeriod.startDate"] },
  );
  // The API has no currency: once Azure reports the billing currency, a different `currency` is a
  // config mistake (the amount means something else) worth a warning, not a failed deploy.
  if (budget.currency !== undefined)
    pulumi.all([budget.currency, created.currentSpend]).apply(([stated, spend]) => {
      const problem = budgetCurrencyMismatch(stated, spend?.unit);
      if (problem) pulumi.log.warn(problem, created);
    });
  return created;
}
