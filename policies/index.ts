// `azureml-platform/policies`: the policy objects and pack definitions, for reuse in your own PolicyPack.
export * from "./packs";
export { accessPolicies } from "./access/policies";
export { securityPolicies } from "./security/policies";
export { deployPolicies } from "./deploy/policies";
export { TYPES, isType, isProd, read, UNKNOWN } from "./lib/azure";
export { resourceRule } from "./lib/define";
export type { ResourceRuleSpec, RuleContext } from "./lib/define";
export { analyzeStackAccess, coversWorkspace, stackAccessRows } from "./lib/access";
