import { StackValidationPolicy } from "@pulumi/policy";
import { DeferredReads, read, show } from "../lib/azure";
import { kindIs, projectsWithHubs } from "../lib/hubs";

export const projectHubIsAHub: StackValidationPolicy = {
  name: "project-hub-is-a-hub",
  description:
    "A project workspace names its hub in hubResourceId, and when that hub is a workspace of the stack it is of kind Hub. Encodes concept-hub-workspace: projects are created using a hub, and a regular workspace cannot be converted into one (concept-hub-workspace, \"Converting a regular workspace into a hub workspace\": not supported), so ARM refuses a project under a default workspace or another project.",
  severity: "high",
  url: "https://learn.microsoft.com/azure/machine-learning/concept-hub-workspace#converting-a-regular-workspace-into-a-hub-workspace",
  remediationSteps: "Point hub: at a workspace with kind: hub (a default workspace cannot become one; create a hub and new projects under it).",
  validateStack: (args, reportViolation) => {
    const deferred = new DeferredReads();
    for (const { project, hub } of projectsWithHubs(args.resources, deferred)) {
      if ("none" in hub) reportViolation(`project ${project.name} names no hubResourceId: a project is created using a hub`, project.urn);
      else if ("hub" in hub) {
        const isHub = kindIs(hub.hub, "Hub");
        if (isHub === "unknown") deferred.add(hub.hub.props, "kind");
        else if (!isHub) reportViolation(`project ${project.name}'s hubResourceId points at ${hub.hub.name}, which is not a Hub workspace (kind ${show(read(hub.hub.props, "kind"))})`, project.urn);
      }
    }
    deferred.settle();
  },
};
