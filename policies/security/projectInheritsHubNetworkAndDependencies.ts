import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { DeferredReads, isType, read, refersTo, setByProgram, TYPES } from "../lib/azure";
import { belongsToWorkspace, DEPLOY_TYPES } from "../lib/deploy";
import { projectsOf } from "../lib/hubs";

/**
 * Workspace properties that belong to the hub. concept-hub-workspace: one managed network is shared
 * between hub and projects, with a single private endpoint on the hub; encryption settings pass down;
 * storage, key vault and container registry are the hub's associated resources; "When creating a
 * workspace using a hub, there's no need to specify security settings or associated resources because
 * those are inherited from the hub. For example, if public network access is disabled on the hub, it
 * is also disabled on new workspace that is created." Application Insights is left out on purpose: the
 * same page says the hub's is the default and "Can be overridden on project workspace-level".
 */
const HUB_PROPERTIES: readonly [string, string][] = [
  ["managedNetwork", "network"],
  ["publicNetworkAccess", "network"],
  ["ipAllowlist", "network"],
  ["networkAcls", "network"],
  ["storageAccount", "dependency"],
  ["keyVault", "dependency"],
  ["containerRegistry", "dependency"],
  ["encryption", "encryption"],
  ["workspaceHubConfig", "hub setting"],
];

function endpointTo(endpoint: PolicyResource, ws: PolicyResource): boolean {
  if ((endpoint.propertyDependencies?.privateLinkServiceConnections ?? []).some((d) => d.urn === ws.urn)) return true;
  const connections = read<unknown[]>(endpoint.props, "privateLinkServiceConnections");
  return Array.isArray(connections) && connections.some((_, i) => refersTo(endpoint, `privateLinkServiceConnections.${i}.privateLinkServiceId`, ws, "workspaces", "workspaceName"));
}

export const projectInheritsHubNetworkAndDependencies: StackValidationPolicy = {
  name: "project-inherits-hub-network-and-dependencies",
  description:
    "A project workspace (kind Project) sets no network, encryption or dependency of its own: no managedNetwork, publicNetworkAccess, ipAllowlist or networkAcls, no storageAccount, keyVault or containerRegistry, no encryption, no workspaceHubConfig, no private endpoint and no outbound rule resource of its own. It obtains all of them from its hub, which holds the one managed network and the one private endpoint (concept-hub-workspace, \"Set up and secure a hub for your team\"). Application Insights may be overridden per project (same page) and is not reported.",
  severity: "high",
  url: "https://learn.microsoft.com/azure/machine-learning/concept-hub-workspace#set-up-and-secure-a-hub-for-your-team",
  remediationSteps: "Remove the setting from the project and set it on its hub (WorkspaceStack refuses these keys on a kind: project workspace); put private endpoints and outbound rules on the hub.",
  validateStack: (args, reportViolation) => {
    const deferred = new DeferredReads();
    const projects = projectsOf(args.resources, deferred);
    const endpoints = args.resources.filter((r) => isType(r.type, TYPES.privateEndpoint));
    const rules = args.resources.filter((r) => isType(r.type, DEPLOY_TYPES.managedNetworkRule));
    for (const project of projects) {
      // Set at all is reported, whatever the value (an unknown one built from another resource too): the hub's applies.
      for (const [property, what] of HUB_PROPERTIES)
        if (setByProgram(project, property)) reportViolation(`project ${project.name} sets its own ${property} (${what}); a project takes it from its hub`, project.urn);
      for (const endpoint of endpoints.filter((e) => endpointTo(e, project)))
        reportViolation(`private endpoint ${endpoint.name} connects to project ${project.name}; a project is reached through its hub's single private endpoint`, endpoint.urn);
      for (const rule of rules) {
        const mine = belongsToWorkspace(rule, project);
        if (mine === "unknown") deferred.add(rule.props, "workspaceName");
        else if (mine) reportViolation(`outbound rule ${rule.name} is on project ${project.name}; a project uses its hub's managed network, so outbound rules go on the hub`, rule.urn);
      }
    }
    deferred.settle();
  },
};
