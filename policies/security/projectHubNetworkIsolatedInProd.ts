import { StackValidationPolicy } from "@pulumi/policy";
import { DeferredReads, isProd, read, UNKNOWN } from "../lib/azure";
import { projectsWithHubs } from "../lib/hubs";

const ISOLATED = ["allowonlyapprovedoutbound", "allowinternetoutbound"];

export const projectHubNetworkIsolatedInProd: StackValidationPolicy = {
  name: "project-hub-network-isolated-in-prod",
  description:
    "A prod project workspace's hub is network-isolated: managed network isolation on (AllowOnlyApprovedOutbound or AllowInternetOutbound) and public network access Disabled. A project has no network of its own: it shares its hub's managed network and is reached through the hub's private endpoint, and public access disabled on the hub is disabled on its projects (concept-hub-workspace). A hub outside the stack is judged by the stack that creates it.",
  severity: "high",
  url: "https://learn.microsoft.com/azure/machine-learning/concept-hub-workspace#set-up-and-secure-a-hub-for-your-team",
  remediationSteps: "On the hub: managedNetworkIsolation: AllowOnlyApprovedOutbound, publicNetworkAccess: Disabled and a privateEndpoint.",
  validateStack: (args, reportViolation) => {
    const deferred = new DeferredReads();
    for (const { project, hub } of projectsWithHubs(args.resources, deferred).filter(({ project: p }) => isProd(p.props))) {
      // Fail closed: without a hub nothing isolates the project (Azure refuses it anyway).
      if ("none" in hub) reportViolation(`prod project ${project.name} names no hubResourceId, so nothing isolates its network`, project.urn);
      else if ("hub" in hub) {
        const h = hub.hub;
        const mode = read<string>(h.props, "managedNetwork.isolationMode");
        if (mode === UNKNOWN) deferred.add(h.props, "managedNetwork.isolationMode");
        else if (typeof mode !== "string" || !ISOLATED.includes(mode.toLowerCase()))
          reportViolation(`prod project ${project.name} shares the network of hub ${h.name}, whose managed network isolation is ${typeof mode === "string" ? mode : "Disabled (not set)"}`, project.urn);
        const access = read<string>(h.props, "publicNetworkAccess");
        if (access === UNKNOWN) deferred.add(h.props, "publicNetworkAccess");
        else if (typeof access !== "string" || access.toLowerCase() !== "disabled")
          reportViolation(`prod project ${project.name} is reachable as its hub ${h.name} is: public network access ${typeof access === "string" ? access : "Enabled (not set)"}`, project.urn);
      }
    }
    deferred.settle();
  },
};
