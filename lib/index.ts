// Library entry: `import { WorkspaceStack, AccessModel } from "azureml-platform"`.
// The RBAC engine and the policies have their own subpaths (`azureml-platform/rbac`,
// `azureml-platform/policies`) so a program that only builds workspaces loads neither.
export * from "../components";
export { PlatformConfigError, isPlatformConfigError, formatIssue } from "../config/errors";
export type { ConfigIssue } from "../config/errors";
export { validateStackConfig, unknownNamespaceKeys } from "../config/validate";
export type { PlatformConfig, WorkspaceConfig, TeamConfig, ComputeConfig, RegistryConfig } from "../config/validate";
export { rawNamespaceConfig } from "../config/raw";
export { workspaceResourceNames, registryResourceNames, AZURE_NAME_RULES } from "../naming";
export type { WorkspaceResourceNames, RegistryResourceNames } from "../naming";
