import * as authorization from "@pulumi/azure-native/authorization";
import { WorkspaceStack } from "../components/WorkspaceStack";
import { AzurePolicyConfig } from "../config/azurePolicy";
import { WorkspaceConfig } from "../config/validate";
import { plannedAssignments } from "../governance/assignments";

/** Definitions that judge a workspace's own network settings, which a project takes from its hub. */
export const HUB_HELD_SETTINGS: ReadonlySet<string> = new Set(["public-access", "managed-network"]);

/**
 * Assigns the pinned built-in Azure ML policy definitions (governance/catalog.ts) to each resource group
 * the stack creates, so what people create there after deploy is held to the same rules as the stack.
 * Resource groups the stack adopts (`resourceGroup.existingName`) are not the stack's to govern.
 *
 * Assigning needs Microsoft.Authorization/policyAssignments/write at the resource group (Resource Policy
 * Contributor or Owner). None of the pinned definitions is Modify or DeployIfNotExists, so no
 * assignment needs a managed identity (docs/governance.md "Azure Policy").
 * https://learn.microsoft.com/azure/governance/policy/concepts/assignment-structure
 */
export function assignAzurePolicy(policy: AzurePolicyConfig, stacks: readonly { config: WorkspaceConfig; stack: WorkspaceStack }[]): authorization.PolicyAssignment[] {
  const planned = plannedAssignments(policy.effect, policy.exclude);
  return stacks
    .filter(({ config }) => config.settings.existingResourceGroupName === undefined)
    .flatMap(({ config, stack }) =>
      planned
        // A project's network and public access are its hub's (concept-hub-workspace): its own request
        // carries neither, so these definitions would refuse every project in its group. The hub's
        // group holds them, where the setting lives.
        .filter((a) => config.settings.kind !== "project" || !HUB_HELD_SETTINGS.has(a.definition.handle))
        .map(
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
