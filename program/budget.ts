import * as pulumi from "@pulumi/pulumi";
import * as consumption from "@pulumi/azure-native/consumption";
import { createBudget } from "../components/workspace/budget";
import { PlatformConfig } from "../config/validate";

/**
 * `azureml-platform:budget`: one budget over every resource group the stack creates. A resource-group
 * budget covers one group, so the budget is at the subscription, filtered on the `ResourceGroupName`
 * dimension to those groups (Cost Management filters budgets by any cost analysis dimension; AVM's
 * sub-scope budget `resourceGroupFilter` does the same). Action groups work at subscription scope.
 */
export function createStackBudget(config: PlatformConfig, subscriptionId: pulumi.Input<string>): consumption.Budget | undefined {
  if (!config.budget) return undefined;
  const { resourceGroupNames, ...budget } = config.budget;
  return createBudget(
    {
      name: "stack-budget",
      budgetName: `budget-${config.project}-${config.environment}`,
      scope: pulumi.interpolate`/subscriptions/${subscriptionId}`,
      resourceGroupNames,
      opts: {},
    },
    budget,
  );
}
