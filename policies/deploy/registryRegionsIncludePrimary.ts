import { StackValidationPolicy } from "@pulumi/policy";
import { DeferredReads, isType, read, TYPES, UNKNOWN } from "../lib/azure";
import { indices } from "../lib/deploy";

/** Region names as ARM compares them ("West Europe" is westeurope). */
const region = (value: string) => value.toLowerCase().replace(/\s+/g, "");

export const registryRegionsIncludePrimary: StackValidationPolicy = {
  name: "registry-regions-include-primary",
  description:
    "An Azure Machine Learning registry lists at least one region in regionDetails, each once, and its primary location among them. Encodes reference-yaml-registry: the replication locations must include the primary location (reference-yaml-registry, replication_locations), and the primary region cannot be changed later (how-to-manage-registries, \"Choose Azure regions\").",
  severity: "high",
  url: "https://learn.microsoft.com/azure/machine-learning/reference-yaml-registry",
  remediationSteps: "Put the primary region first in azureml-platform:registries[].locations (WorkspaceStack makes one regionDetails entry per location), without repeats.",
  validateStack: (args, reportViolation) => {
    const deferred = new DeferredReads();
    for (const registry of args.resources.filter((r) => isType(r.type, TYPES.machineLearningRegistry))) {
      const details = read<unknown[]>(registry.props, "regionDetails");
      if (details === UNKNOWN) {
        deferred.add(registry.props, "regionDetails");
        continue;
      }
      if (!Array.isArray(details) || details.length === 0) {
        reportViolation(`registry ${registry.name} lists no region in regionDetails`, registry.urn);
        continue;
      }
      const seen: string[] = [];
      let unknown = false;
      for (const i of indices(details)) {
        const location = read<string>(registry.props, `regionDetails.${i}.location`);
        if (location === UNKNOWN) {
          deferred.add(registry.props, `regionDetails.${i}.location`);
          unknown = true;
        } else if (typeof location !== "string") reportViolation(`regionDetails[${i}] of registry ${registry.name} names no location`, registry.urn);
        else if (seen.includes(region(location))) reportViolation(`registry ${registry.name} lists region ${location} twice in regionDetails`, registry.urn);
        else seen.push(region(location));
      }
      const primary = read<string>(registry.props, "location");
      if (primary === UNKNOWN) deferred.add(registry.props, "location");
      else if (typeof primary !== "string") reportViolation(`registry ${registry.name} has no location (its primary region)`, registry.urn);
      else if (!unknown && !seen.includes(region(primary)))
        reportViolation(`registry ${registry.name}'s primary location ${primary} is not among its regionDetails (${seen.join(", ")}): replication locations must include the primary`, registry.urn);
    }
    deferred.settle();
  },
};
