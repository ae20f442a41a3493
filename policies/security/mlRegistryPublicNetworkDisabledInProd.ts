import { TYPES } from "../lib/azure";
import { resourceRule } from "../lib/define";

export const mlRegistryPublicNetworkDisabledInProd = resourceRule({
  name: "ml-registry-public-network-disabled-in-prod",
  description:
    "Prod Azure Machine Learning registries (machinelearningservices Registry, not the container registry of registry-public-network-disabled-in-prod) are not reachable from public networks: the registry holds the models and environments prod deploys from. Left out, Azure creates the registry with public access Enabled. Encodes how-to-registry-network-isolation (\"Securing Azure Machine Learning registry\": disable public network access and use a private endpoint).",
  severity: "high",
  url: "https://learn.microsoft.com/azure/machine-learning/how-to-registry-network-isolation",
  remediationSteps: "Set publicNetworkAccess: Disabled on the registry (the platform's default in prod) and give it a privateEndpoint (group amlregistry); workspaces reach it through PrivateEndpoint outbound rules.",
  types: [TYPES.machineLearningRegistry],
  prodOnly: true,
  check: (ctx) => ctx.expect<string>("publicNetworkAccess", (v) => typeof v === "string" && v.toLowerCase() === "disabled", 'be "Disabled" in prod'),
});
