// String-literal unions in the `as const` form Pulumi's component analyzer turns into schema enums,
// so generated Python, Go, .NET and YAML SDKs get the same choices as TypeScript.

/** Deployment environment; drives the secure defaults. */
export const Environment = { Dev: "dev", Prod: "prod" } as const;
export type Environment = (typeof Environment)[keyof typeof Environment];

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
