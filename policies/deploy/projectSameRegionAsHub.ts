import { StackValidationPolicy } from "@pulumi/policy";
import { DeferredReads, read, UNKNOWN } from "../lib/azure";
import { projectsWithHubs } from "../lib/hubs";

const region = (value: string) => value.toLowerCase().replace(/\s+/g, "");

export const projectSameRegionAsHub: StackValidationPolicy = {
  name: "project-same-region-as-hub",
  description:
    "A project workspace is in its hub's region. Encodes concept-hub-workspace: a project shares the hub's managed network, private endpoint, storage, key vault and container registry, which live in the hub's region, so WorkspaceStack creates a project in its hub's location and a project placed elsewhere is refused or cut off from them. Checked when the hub is a workspace of the stack.",
  severity: "high",
  url: "https://learn.microsoft.com/azure/machine-learning/concept-hub-workspace",
  remediationSteps: "Leave the project's location out (WorkspaceStack then uses the hub's) or set it to the hub's region.",
  validateStack: (args, reportViolation) => {
    const deferred = new DeferredReads();
    for (const { project, hub } of projectsWithHubs(args.resources, deferred)) {
      if (!("hub" in hub)) continue;
      const mine = read<string>(project.props, "location");
      const theirs = read<string>(hub.hub.props, "location");
      if (mine === UNKNOWN) deferred.add(project.props, "location");
      else if (theirs === UNKNOWN) deferred.add(hub.hub.props, "location");
      // Either left out means the resource group's region, which this rule cannot see.
      else if (typeof mine === "string" && typeof theirs === "string" && region(mine) !== region(theirs))
        reportViolation(`project ${project.name} is in ${mine}, its hub ${hub.hub.name} in ${theirs}: a project lives in its hub's region`, project.urn);
    }
    deferred.settle();
  },
};
