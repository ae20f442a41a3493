import * as pulumi from "@pulumi/pulumi";
import { ContainerRegistryMode, Environment, FirewallSku, ManagedNetworkIsolation, OutboundRuleType, PublicNetworkAccess, UserAssignedIdentityMode } from "../types";
import { ComputeClusterArgs } from "./computes";
import { PrivateDnsZoneIdsArgs } from "./privateAccess";

// The arguments of WorkspaceStack, flat and schema-inferable (string-literal unions only), so
// `pulumi package add` can generate the same shapes for Python, Go, .NET and YAML.

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
   * Subscription of the role definitions the stack's own identities are granted.
   * @default the subscription of the provider's credentials
   */
  subscriptionId?: pulumi.Input<string>;
  /**
   * Extra tags; `project`, `environment`, `workspace` and `managed-by` are always added.
   * @default {}
   */
  tags?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
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
   * Name of an existing resource group to deploy into (adopt).
   * @default a new resource group `rg-<project>-<environment>-<name>` is created
   */
  resourceGroupName?: pulumi.Input<string>;
  /**
   * Public network access of the workspace.
   * @default "Enabled" in dev, "Disabled" in prod
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
   * Container registry: `onDemand` leaves it to Azure ML to create one on the first image build,
   * `create` makes a hardened one now, `existing` attaches `containerRegistryId`.
   * @default "onDemand"
   */
  containerRegistry?: ContainerRegistryMode;
  /**
   * Resource id of the registry to attach when `containerRegistry` is `existing`.
   * @default none
   */
  containerRegistryId?: pulumi.Input<string>;
  /**
   * Resource id of an existing storage account to adopt.
   * @default a hardened StorageV2 account is created
   */
  storageAccountId?: pulumi.Input<string>;
  /**
   * Resource id of an existing key vault to adopt.
   * @default an RBAC-authorised key vault with purge protection is created
   */
  keyVaultId?: pulumi.Input<string>;
  /**
   * Resource id of an existing Application Insights component to adopt.
   * @default a workspace-based Application Insights component is created
   */
  applicationInsightsId?: pulumi.Input<string>;
  /**
   * Resource id of an existing Log Analytics workspace for Application Insights and diagnostics.
   * @default a Log Analytics workspace is created
   */
  logAnalyticsWorkspaceId?: pulumi.Input<string>;
  /**
   * Admin-owned compute clusters to create in the workspace.
   * @default none
   */
  computes?: ComputeClusterArgs[];
  /**
   * Subnet (`…/virtualNetworks/<vnet>/subnets/<subnet>`) for a private endpoint to the workspace
   * (group `amlworkspace`), and to the blob and file services of the storage account it creates:
   * how studio, SDK, CLI and pipelines reach a workspace whose public access is off.
   * @default none
   */
  privateEndpointSubnetId?: pulumi.Input<string>;
  /**
   * Create the private DNS zones of the endpoints (api, notebooks, blob, file) and link them to this
   * virtual network. Give either this or `privateDnsZoneIds` with `privateEndpointSubnetId`.
   * @default none
   */
  privateDnsZonesVirtualNetworkId?: pulumi.Input<string>;
  /**
   * Existing private DNS zones for the endpoints.
   * @default none
   */
  privateDnsZoneIds?: PrivateDnsZoneIdsArgs;
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
   * Compute cluster that builds environment images. Needed when the registry is private: a registry
   * behind a virtual network cannot build images itself (how-to-secure-workspace-vnet).
   * @default the first compute cluster when the registry is created private (prod), else none
   */
  imageBuildCompute?: string;
  /**
   * Provision the managed network when the workspace is created, so the first compute does not time
   * out waiting for it.
   * @default true in prod, false in dev
   */
  provisionNetworkNow?: boolean;
  /**
   * A user-assigned identity for the workspace besides its system-assigned one: `create` one, or
   * adopt `userAssignedIdentityId` (`existing`). It becomes the workspace's primary identity and is
   * granted what the Azure ML docs list on storage, key vault, registry and Application Insights.
   * Required for a customer-managed key.
   * @default none (system-assigned identity only)
   */
  userAssignedIdentity?: UserAssignedIdentityMode;
  /**
   * Resource id of the user-assigned identity to adopt when `userAssignedIdentity` is `existing`.
   * @default none
   */
  userAssignedIdentityId?: pulumi.Input<string>;
  /**
   * Key vault holding the customer-managed key (`Microsoft.KeyVault/vaults` id). With
   * `encryptionKeyUri`, encrypts the workspace's data with that key. Set only at creation: adding or
   * removing it later replaces the workspace.
   * @default none (Microsoft-managed keys)
   */
  encryptionKeyVaultId?: pulumi.Input<string>;
  /**
   * Versioned key identifier, `https://<vault>.vault.azure.net/keys/<key>/<version>`.
   * @default none (Microsoft-managed keys)
   */
  encryptionKeyUri?: pulumi.Input<string>;
  /**
   * The workspace's previous logical name, after a rename: the component and its children alias
   * their old names, so Pulumi treats the rename as a change of the same resources (their Azure names
   * change, so data-holding ones are replaced: review with `plan --diff`).
   * @default none
   */
  renamedFrom?: string;
  /**
   * `protect` the storage account, key vault and workspace, put `CanNotDelete` locks on the storage
   * account and key vault (the data; none on the workspace, whose children the stack must be able to
   * change) and send the workspace's diagnostics to Log Analytics.
   * @default true in prod, false in dev
   */
  protectData?: boolean;
}

