// Our rules, in a module of their own: the pack's index.ts builds the PolicyPack (which serves it),
// anything else (tests, other packs) imports the policies from here.
import { ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import * as machinelearningservices from "@pulumi/azure-native/machinelearningservices";
import { securityPolicies } from "azureml-platform/policies";

/** Every workspace names the team that owns it: an `owner` tag (advisory: dev stacks may skip it). */
export const workspaceOwnerTag: ResourceValidationPolicy = {
  name: "workspace-owner-tag",
  description: "Azure ML workspaces carry an owner tag, so cost and incidents reach a team.",
  enforcementLevel: "advisory",
  validateResource: validateResourceOfType(machinelearningservices.Workspace, (workspace, _args, reportViolation) => {
    if (!workspace.tags?.owner) reportViolation(`workspace ${workspace.workspaceName ?? "(unnamed)"} has no owner tag`);
  }),
};

/** Two of the package's rules we enforce everywhere, plus ours. */
export const policies = [...securityPolicies.filter((p) => p.name === "storage-https-only" || p.name === "workspace-managed-identity"), workspaceOwnerTag];
