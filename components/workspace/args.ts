import * as pulumi from "@pulumi/pulumi";
import { BudgetThresholdType, Environment, WorkspaceKind, FirewallSku, ManagedNetworkIsolation, OutboundRuleType, PublicNetworkAccess } from "../types";
import { ComputeClusterArgs } from "./computes";
import { PrivateDnsZoneIdsArgs } from "./privateAccess";
import type { WorkspaceInput } from "../../config/workspace";

// The arguments of WorkspaceStack: the same keys as a workspace in stack config (docs/configuration.md "Workspace
// keys"), checked by the same schema (config/workspace.ts). Schema-inferable (objects and
// string-literal unions only), so `pulumi package add` generates the same shapes for Python, Go,
// .NET and YAML.

/**
 * One approved outbound destination of the managed network: a `preset` (`python-packages`), or a
 * `name` and `type` with that type's destination fields.
 */
export interface OutboundRuleArgs {
  /**
   * A documented set of rules: `python-packages` (pypi.org, *.pythonhosted.org, anaconda hosts).
   * A string rather than an enum: the component analyzer cannot express a one-value enum.
   * @default none
   */
  preset?: string;
  /**
   * Rule name, unique in the workspace.
   * @default none (required without preset)
   */
  name?: string;
  /**
   * `FQDN`, `ServiceTag` or `PrivateEndpoint`.
   * @default none (required without preset)
   */
  type?: OutboundRuleType;
  /**
   * FQDN rules: the host, e.g. `github.com` or `*.pythonhosted.org`.
   * @default none
   */
  destination?: pulumi.Input<string>;
  /**
   * ServiceTag rules: the service tag, e.g. `MicrosoftContainerRegistry`.
   * @default none
   */
  serviceTag?: pulumi.Input<string>;
  /**
   * ServiceTag rules: protocol.
   * @default "TCP"
   */
  protocol?: pulumi.Input<string>;
  /**
   * ServiceTag rules: port ranges.
   * @default "443"
   */
  portRanges?: pulumi.Input<string>;
  /**
   * PrivateEndpoint rules: resource id of the target.
   * @default none
   */
  serviceResourceId?: pulumi.Input<string>;
  /**
   * PrivateEndpoint rules: the target's sub-resource, e.g. `blob`.
   * @default none
   */
  subresourceTarget?: pulumi.Input<string>;
}

/** A dependency the stack creates, or adopts by id. */
export interface DependencyArgs {
  /**
   * Create it (hardened).
   * @default true when `existingId` is not given
   */
  create?: boolean;
  /**
   * Resource id of an existing one to adopt instead.
   * @default none
   */
  existingId?: pulumi.Input<string>;
}

/** The hub of a project workspace. */
export interface HubArgs {
  /**
   * Resource id of the hub workspace (kind Hub), e.g. another WorkspaceStack's `workspaceId`.
   * @default none (required)
   */
  existingId: pulumi.Input<string>;
  /**
   * The hub's Log Analytics workspace (its WorkspaceStack's `logAnalyticsWorkspaceId`), where a prod
   * project sends its diagnostics.
   * @default the workspace behind the hub's workspace-based Application Insights, looked up
   */
  logAnalyticsWorkspaceId?: pulumi.Input<string>;
}

/** Where the workspace's resources go. */
export interface ResourceGroupArgs {
  /**
   * Create `rg-<project>-<environment>-<name>`.
   * @default true when `existingName` is not given
   */
  create?: boolean;
  /**
   * Name of an existing resource group to deploy into.
   * @default none
   */
  existingName?: pulumi.Input<string>;
}

/** The workspace's container registry: created, adopted, or neither (`onDemand`). */
export interface ContainerRegistryArgs {
  /**
   * Create a hardened registry now (Premium and private in prod).
   * @default false: Azure ML creates one on the first image build (`onDemand`)
   */
  create?: boolean;
  /**
   * Resource id of an existing registry to attach.
   * @default none
   */
  existingId?: pulumi.Input<string>;
}

/** Identities of the workspace besides its system-assigned one. */
export interface IdentityArgs {
  /**
   * A user-assigned identity, created or adopted: it becomes the primary identity and is granted what
   * the Azure ML docs list (Contributor on the workspace; storage, key vault, registry, Application
   * Insights). Required for a customer-managed key.
   * @default none (system-assigned identity only)
   */
  userAssigned?: DependencyArgs;
}

/** Customer-managed key encryption. Set only at creation: adding or removing it replaces the workspace. */
export interface EncryptionArgs {
  /** Key vault holding the key (`Microsoft.KeyVault/vaults` id, in the workspace's subscription). */
  keyVaultId: pulumi.Input<string>;
  /** Versioned key identifier, `https://<vault>.vault.azure.net/keys/<key>/<version>`. */
  keyUri: pulumi.Input<string>;
  /**
   * Service-side encryption (`enableServiceSideCMKEncryption`): Azure ML keeps the encrypted metadata
   * in Microsoft-managed resources, so no Cosmos DB, Search or storage is created in your subscription
   * and the Azure Cosmos DB app needs no access to the key. `false` keeps classic CMK, and the stack
   * then grants that app Key Vault Crypto Service Encryption User on the vault.
   * @default true
   */
  serviceSide?: boolean;
}

/** Private DNS zones of the workspace's private endpoints: created on a network, or given. */
export interface PrivateDnsZonesArgs {
  /**
   * Create the four zones (api, notebooks, blob, file) and link them to `virtualNetworkId`.
   * @default false
   */
  create?: boolean;
  /**
   * Virtual network the created zones are linked to.
   * @default none (required with `create`)
   */
  virtualNetworkId?: pulumi.Input<string>;
  /**
   * Existing zones (e.g. a hub network's central zones).
   * @default none
   */
  existing?: PrivateDnsZoneIdsArgs;
}

/** Inbound private access: an endpoint to the workspace (and the storage it creates) in a subnet. */
export interface PrivateEndpointArgs {
  /** Subnet (`…/virtualNetworks/<vnet>/subnets/<subnet>`) of the endpoints. */
  subnetId: pulumi.Input<string>;
  /** DNS zones that resolve the endpoints. */
  dnsZones: PrivateDnsZonesArgs;
}

/** One alert of a budget: at `percent` of the amount, of the cost so far or of the forecast. */
export interface BudgetThresholdArgs {
  /**
   * Percent of the amount, > 0 and ≤ 1000 (the range Cost Management accepts).
   * @default none (required)
   */
  percent: pulumi.Input<number>;
  /**
   * `Actual` (cost so far this month) or `Forecasted` (the month's forecast).
   * @default none (required)
   */
  type: BudgetThresholdType;
}

/** A monthly Cost Management budget with email and action-group alerts. */
export interface BudgetArgs {
  /**
   * The budget per calendar month, > 0, in the billing currency (budgets have no currency of their own).
   * @default none (required)
   */
  amount: pulumi.Input<number>;
  /**
   * The billing currency the amount is in (ISO 4217, e.g. `EUR`): not sent to Azure, which has no
   * such field; a deploy warns when the budget Azure reports is in another currency.
   * @default none (unchecked)
   */
  currency?: pulumi.Input<string>;
  /**
   * Email addresses alerted at each threshold (at most 50; may be empty when `contactGroups` is given).
   * @default none (required)
   */
  contacts: pulumi.Input<string>[];
  /**
   * Azure Monitor action groups (`…/providers/microsoft.insights/actionGroups/<name>` ids, at most 50)
   * triggered at each threshold.
   * @default none
   */
  contactGroups?: pulumi.Input<string>[];
  /**
   * Alerts, at most 5 (a budget's limit of notifications).
   * @default Actual 80 %, Actual 100 %, Forecasted 110 %
   */
  thresholds?: BudgetThresholdArgs[];
}

export interface WorkspaceStackArgs {
  /** Project name, used in every Azure name and in tags: 2-40 lowercase letters, digits and hyphens. */
  project: string;
  /**
   * Environment; drives the secure defaults (network, HBI, locks, protection, SKUs).
   * @default "dev"
   */
  environment?: Environment;
  /**
   * Azure region of every resource.
   * @default the provider's `azure-native:location`
   */
  location?: pulumi.Input<string>;
  /**
   * Entra ID tenant of the key vault and the studio URL.
   * @default the tenant of the provider's credentials
   */
  tenantId?: pulumi.Input<string>;
  /**
   * Subscription of the role definitions the stack's own identities are granted (and that a
   * customer-managed key's vault must be in).
   * @default the subscription of the provider's credentials
   */
  subscriptionId?: pulumi.Input<string>;
  /**
   * Extra tags; `project`, `environment`, `workspace` and `managed-by` are always added.
   * @default {}
   */
  tags?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
  /**
   * `default`: a standalone workspace with its own dependencies. `hub`: the same, and projects share
   * them (storage, key vault, registry, network, private endpoint, key). `project`: a team's
   * workspace under `hub`; it creates only the workspace (kind Project) and takes everything else
   * from the hub (concept-hub-workspace).
   * @default "default"
   */
  kind?: WorkspaceKind;
  /**
   * The hub of a `project` (required for projects, refused otherwise).
   * @default none
   */
  hub?: HubArgs;
  /**
   * A hub's default project resource group (`workspaceHubConfig.defaultWorkspaceResourceGroup`):
   * people who may join the hub can create projects there without rights on the group.
   * @default none
   */
  defaultProjectResourceGroup?: pulumi.Input<string>;
  /**
   * Resource ids of Azure ML registries the workspace uses: in approved-only outbound mode each gets a
   * private-endpoint outbound rule (`amlregistry`; a project's goes on its hub), and the workspace
   * identity gets Reader on each (how-to-manage-registries, "Allow users to use assets from the registry").
   * @default none
   */
  registries?: pulumi.Input<string>[];
  /**
   * Friendly name shown in Azure ML studio.
   * @default the component name
   */
  displayName?: pulumi.Input<string>;
  /**
   * Workspace description.
   * @default no description
   */
  description?: pulumi.Input<string>;
  /**
   * Resource group: created, or an existing one by name.
   * @default { create: true } (`rg-<project>-<environment>-<name>`)
   */
  resourceGroup?: ResourceGroupArgs;
  /**
   * Public network access of the workspace.
   * @default "Enabled" in dev (and with an ipAllowlist), "Disabled" in prod
   */
  publicNetworkAccess?: PublicNetworkAccess;
  /**
   * Managed virtual network isolation of the workspace.
   * @default "AllowInternetOutbound" in dev, "AllowOnlyApprovedOutbound" in prod
   */
  managedNetworkIsolation?: ManagedNetworkIsolation;
  /**
   * High business impact workspace (reduced diagnostics collected by Microsoft, encrypted local scratch disks).
   * @default false in dev, true in prod
   */
  hbi?: boolean;
  /**
   * Container registry: `{ create: true }` makes a hardened one now, `{ existingId }` attaches one.
   * @default onDemand (Azure ML creates one on the first image build)
   */
  containerRegistry?: ContainerRegistryArgs;
  /**
   * Storage account: created (hardened StorageV2) or adopted.
   * @default { create: true }
   */
  storageAccount?: DependencyArgs;
  /**
   * Key vault: created (RBAC, purge protection) or adopted.
   * @default { create: true }
   */
  keyVault?: DependencyArgs;
  /**
   * Application Insights: created (workspace-based) or adopted.
   * @default { create: true }
   */
  applicationInsights?: DependencyArgs;
  /**
   * Log Analytics workspace behind Application Insights and diagnostics: created or adopted.
   * @default { create: true } when something needs it
   */
  logAnalyticsWorkspace?: DependencyArgs;
  /**
   * Admin-owned compute clusters to create in the workspace.
   * @default none
   */
  computes?: ComputeClusterArgs[];
  /**
   * Inbound private endpoint to the workspace (group `amlworkspace`), and to the blob and file
   * services of the storage account it creates, with their DNS zones.
   * @default none
   */
  privateEndpoint?: PrivateEndpointArgs;
  /**
   * Inbound private endpoints to this workspace are managed outside this stack (a hub team); the
   * workspace is tagged so the inbound-path policy knows.
   * @default false
   */
  privateEndpointsManagedElsewhere?: boolean;
  /**
   * Public access only from these IPv4 addresses or CIDR ranges (needs public network access
   * Enabled, which it then defaults to): applied to the storage account's network rules.
   * @default none
   */
  ipAllowlist?: pulumi.Input<string>[];
  /**
   * Approved outbound destinations of the managed network (used with AllowOnlyApprovedOutbound).
   * @default none
   */
  outboundRules?: OutboundRuleArgs[];
  /**
   * SKU of the managed Azure Firewall that FQDN rules need (billed while the managed network runs).
   * @default "Standard" when there are FQDN rules
   */
  firewallSku?: FirewallSku;
  /**
   * The workspace runs batch endpoints or ParallelRunStep: private-endpoint outbound rules to the
   * storage account's `queue` and `table` services (approved-only outbound), and Storage Queue and
   * Table Data Contributor for every compute identity on that storage (how-to-managed-network,
   * "Scenario: Use batch endpoints or ParallelRunStep"; how-to-disable-local-auth-storage).
   * @default false
   */
  batchEndpoints?: boolean;
  /**
   * Compute cluster that builds environment images. Needed when the registry is private: a registry
   * behind a virtual network cannot build images itself (how-to-secure-workspace-vnet).
   * @default the first compute cluster when the registry is created private (prod), else none
   */
  imageBuildCompute?: string;
  /**
   * Provision the managed network when the workspace is created, so the first compute does not time
   * out waiting for it. Not with a user-assigned identity: it needs Contributor on the workspace
   * first, so its network is provisioned by the first compute, created after that grant.
   * @default true in prod without a user-assigned identity, else false
   */
  provisionNetworkNow?: boolean;
  /**
   * Customer-managed key encryption (needs `identity.userAssigned`).
   * @default none (Microsoft-managed keys)
   */
  encryption?: EncryptionArgs;
  /**
   * A user-assigned identity besides the system-assigned one.
   * @default none
   */
  identity?: IdentityArgs;
  /**
   * The workspace's previous logical name, after a rename: the component and its children alias
   * their old names, so Pulumi treats the rename as a change of the same resources (their Azure names
   * change, so data-holding ones are replaced: review with `plan --diff`).
   * @default none
   */
  renamedFrom?: string;
  /**
   * `protect` the storage account, key vault and workspace and send the workspace's diagnostics to Log
   * Analytics. With `managedNetworkIsolation: Disabled` only, also put `CanNotDelete` locks on the
   * storage account and key vault (never on the workspace, whose children the stack must be able to
   * change): under a managed network, locks on Azure ML resources may block its internal operations
   * (how-to-managed-network, Limitations), and protect, soft delete and purge protection keep the data.
   * @default true in prod, false in dev
   */
  protectData?: boolean;
  /**
   * A monthly Cost Management budget on the workspace's resource group (`budget-<name>`), alerting
   * `contacts` and `contactGroups` at `thresholds`. The deploying identity needs Cost Management
   * Contributor (or Contributor) on the group.
   * @default none (no budget; the security pack's budget-in-prod requires one in prod)
   */
  budget?: BudgetArgs;
}

// The contract, checked by the compiler: every key of a stack config workspace is a key of
// WorkspaceStackArgs and back (besides what the stack config holds once for all workspaces).
type StackLevelKeys = "project" | "environment" | "location" | "tenantId" | "subscriptionId" | "tags";
type Assert<T extends never> = T;
type _ArgsKeysMatchConfig = Assert<Exclude<keyof WorkspaceStackArgs, keyof WorkspaceInput | StackLevelKeys>>;
type _ConfigKeysMatchArgs = Assert<Exclude<keyof WorkspaceInput, keyof WorkspaceStackArgs>>;
