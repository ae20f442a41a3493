import { StackValidationPolicy } from "@pulumi/policy";
import { AZURE_NAME_RULES } from "../../naming";
import { DeferredReads, isType, read, TYPES, UNKNOWN } from "../lib/azure";

const RULE = AZURE_NAME_RULES.machineLearningRegistry;

export const registryNameValid: StackValidationPolicy = {
  name: "registry-name-valid",
  description:
    "An Azure Machine Learning registry's name is 2-32 characters, letters, digits, '-' and '_', starting with a letter or digit; ARM refuses any other. Encodes how-to-manage-registries (\"Choose a name\").",
  severity: "high",
  url: "https://learn.microsoft.com/azure/machine-learning/how-to-manage-registries#choose-a-name",
  remediationSteps: "Rename the registry (azureml-platform:registries[].name; its Azure name is <project>-<name>, shortened with a suffix past 32 characters).",
  validateStack: (args, reportViolation) => {
    const deferred = new DeferredReads();
    for (const registry of args.resources.filter((r) => isType(r.type, TYPES.machineLearningRegistry))) {
      // Inputs name it registryName; a real preview's stack policies see the output `name`.
      const name = read(registry.props, "registryName") ?? read(registry.props, "name");
      if (name === UNKNOWN) deferred.add(registry.props, "registryName");
      else if (typeof name !== "string") reportViolation(`registry ${registry.name} has no registryName`, registry.urn);
      else if (!RULE.pattern.test(name)) reportViolation(`registry name ${JSON.stringify(name)} is not ${RULE.rule}`, registry.urn);
    }
    deferred.settle();
  },
};
