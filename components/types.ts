// String-literal unions in the `as const` form Pulumi's component analyzer turns into schema enums,
// so generated Python, Go, .NET and YAML SDKs get the same choices as TypeScript.

/** Deployment environment; drives the secure defaults. */
export const Environment = { Dev: "dev", Prod: "prod" } as const;
export type Environment = (typeof Environment)[keyof typeof Environment];

/** Kind of workspace: standalone, a hub holding shared dependencies and network, or a team's project under a hub. */
export const WorkspaceKind = { Default: "default", Hub: "hub", Project: "project" } as const;
export type WorkspaceKind = (typeof WorkspaceKind)[keyof typeof WorkspaceKind];

/** What a team may do in an Azure ML registry: use its assets, or publish (create and delete) them too. */
export const RegistryAccess = { Read: "read", Publish: "publish" } as const;
export type RegistryAccess = (typeof RegistryAccess)[keyof typeof RegistryAccess];

/** Public network access of a workspace. */
export const PublicNetworkAccess = { Enabled: "Enabled", Disabled: "Disabled" } as const;
export type PublicNetworkAccess = (typeof PublicNetworkAccess)[keyof typeof PublicNetworkAccess];

/** Managed virtual network isolation of a workspace. */
export const ManagedNetworkIsolation = {
  Disabled: "Disabled",
  AllowInternetOutbound: "AllowInternetOutbound",
  AllowOnlyApprovedOutbound: "AllowOnlyApprovedOutbound",
} as const;
export type ManagedNetworkIsolation = (typeof ManagedNetworkIsolation)[keyof typeof ManagedNetworkIsolation];

/** Priority of compute cluster nodes. */
export const VmPriority = { Dedicated: "Dedicated", LowPriority: "LowPriority" } as const;
export type VmPriority = (typeof VmPriority)[keyof typeof VmPriority];

/** Kind of Entra ID principal a role is assigned to (managed identities are ServicePrincipal). */
export const PrincipalType = { User: "User", Group: "Group", ServicePrincipal: "ServicePrincipal", ForeignGroup: "ForeignGroup", Device: "Device" } as const;
export type PrincipalType = (typeof PrincipalType)[keyof typeof PrincipalType];

/** How a team holds its roles: standing assignments, or PIM eligibilities activated just in time. */
export const Activation = { Active: "active", Eligible: "eligible" } as const;
export type Activation = (typeof Activation)[keyof typeof Activation];

/** Where a team's role is assigned. */
export const AssignmentScope = { Workspace: "workspace", ResourceGroup: "resourceGroup", Subscription: "subscription" } as const;
export type AssignmentScope = (typeof AssignmentScope)[keyof typeof AssignmentScope];

/** SKU of the managed network's Azure Firewall (FQDN outbound rules need it; it is billed). */
export const FirewallSku = { Standard: "Standard", Basic: "Basic" } as const;
export type FirewallSku = (typeof FirewallSku)[keyof typeof FirewallSku];

/** Kind of a managed-network outbound rule. */
export const OutboundRuleType = { Fqdn: "FQDN", ServiceTag: "ServiceTag", PrivateEndpoint: "PrivateEndpoint" } as const;
export type OutboundRuleType = (typeof OutboundRuleType)[keyof typeof OutboundRuleType];

/** A team's data-plane access on its workspaces' storage accounts. */
export const DataAccess = { None: "none", Read: "read", ReadWrite: "readWrite" } as const;
export type DataAccess = (typeof DataAccess)[keyof typeof DataAccess];

/** What a budget threshold compares: cost so far (`Actual`) or the period's forecast (`Forecasted`). */
export const BudgetThresholdType = { Actual: "Actual", Forecasted: "Forecasted" } as const;
export type BudgetThresholdType = (typeof BudgetThresholdType)[keyof typeof BudgetThresholdType];
