import * as authorization from "@pulumi/azure-native/authorization";
import { WorkspaceStack } from "../components/WorkspaceStack";
import { AzurePolicyConfig } from "../config/azurePolicy";
import { WorkspaceConfig } from "../config/validate";
import { plannedAssignments } from "../governance/assignments";

/**
 * Assigns the pinned built-in Azure ML policy definitions (governance/catalog.ts) to each resource group
 * the stack creates, so what people create there after deploy is held to the same rules as the stack.
 * Resource groups the stack adopts (`resourceGroup.existingName`) are not the stack's to govern.
 *
 * Assigning needs Microsoft.Authorization/policyAssignments/write at the resource group (Resource Policy
 * Contributor or Owner). None of the pinned definitions is Modify or DeployIfNotExists, so no
 * assignment needs a managed identity (README "Azure Policy").
 * https://learn.microsoft.com/azure/governance/policy/concepts/assignment-structure
 */
export function assignAzurePolicy(policy: AzurePolicyConfig, stacks: readonly { config: WorkspaceConfig; stack: WorkspaceStack }[]): authorization.PolicyAssignment[] {
  const planned = plannedAssignments(policy.effect, policy.exclude);
  return stacks
    .filter(({ config }) => config.settings.existingResourceGroupName === undefined)
    .flatMap(({ config, stack }) =>
      planned.map(
        (a) =>
          new authorization.PolicyAssignment(
            `${config.name}-policy-${a.definition.handle}`,
            {
              // Unique per scope; ≤ 24 characters, within the limit at every scope.
              policyAssignmentName: a.name,
              // The resource group's id: the assignment follows the group's creation.
              scope: stack.resourceGroupId,
              policyDefinitionId: a.definition.id,
              definitionVersion: a.definitionVersion,
              displayName: `${a.definition.displayName} (azureml-platform)`,
              description: `Assigned by azureml-platform to the resource group of workspace ${config.name}; effect ${policy.effect}.`,
              enforcementMode: a.enforcementMode,
              parameters: Object.fromEntries(Object.entries(a.parameters).map(([name, value]) => [name, { value }])),
            },
            { parent: stack },
          ),
      ),
    );
}
