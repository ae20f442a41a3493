import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import * as machinelearningservices from "@pulumi/azure-native/machinelearningservices";
import { ResolvedWorkspace } from "../../config/workspace";
import { INBOUND_MANAGED_ELSEWHERE, INBOUND_TAG, OutboundRuleSpec, outboundRulesMap } from "../../config/network";
import { ChildContext } from "./context";
import { ROLE, grant } from "./grants";
import { UserAssignedIdentity, customerManagedKey, grantWorkspaceIdentity, userAssignedIdentity } from "./identity";
import { grantRegistryReaders, registryOutboundRules, registryUses } from "./registries";

export interface CreatedWorkspace {
  name: pulumi.Output<string>;
  id: pulumi.Output<string>;
  /** Object id of the system-assigned identity. */
  principalId: pulumi.Output<string>;
  userAssignedIdentityId: pulumi.Output<string | undefined>;
  /** Every managed identity of the workspace (system, and user-assigned when it has one). */
  identityPrincipalIds: pulumi.Output<string>[];
  /** Grants that can only follow the workspace's creation; what must wait for them depends on them. */
  postCreationGrants: authorization.RoleAssignment[];
}

type Settings = ResolvedWorkspace<pulumi.Input<string>, pulumi.Input<number>>;

/**
 * The workspace and what its identities need around it: a user-assigned identity granted before the
 * workspace (Azure ML checks those grants when it provisions) and Contributor on the workspace after
 * it, the customer-managed key, the managed network's outbound rules and the approver role on their
 * private-endpoint targets.
 */
export function createWorkspace(
  ctx: ChildContext,
  settings: Settings,
  deps: { displayName: pulumi.Input<string>; storageAccountId: pulumi.Output<string>; storageAccountIdFromNames: pulumi.Output<string>; keyVaultId: pulumi.Output<string>; applicationInsightsId: pulumi.Output<string>; registryId?: pulumi.Output<string> },
): CreatedWorkspace {
  let identity: UserAssignedIdentity | undefined;
  const dependsOn: pulumi.Resource[] = [];
  if (settings.userAssignedIdentity !== undefined) {
    identity = userAssignedIdentity(ctx, settings.userAssignedIdentity.mode, settings.userAssignedIdentity.existingId);
    dependsOn.push(...grantWorkspaceIdentity(ctx, identity, deps));
  }
  const cmk = settings.encryption && identity ? customerManagedKey(ctx, identity, settings.encryption) : undefined;
  if (cmk) dependsOn.push(...cmk.grants);

  const registries = registryUses(settings.registries);
  // Registries are reached through private-endpoint rules whenever there is a managed network.
  const registryRules = settings.managedNetworkIsolation === "Disabled" ? [] : registryOutboundRules(registries);
  const outboundRules = [...managedOutboundRules(settings, deps.storageAccountIdFromNames), ...registryRules];
  const targets = privateEndpointTargets([...settings.outboundRules, ...registryRules]);
  // Provisioning the managed network while the workspace is created (provisionNetworkNow: "Set to
  // trigger the provisioning of the managed VNet ... when creating a Workspace with the managed VNet
  // enabled", Workspace properties, azure-rest-api-specs machinelearningservices; how-to-managed-network,
  // "Manually provision a managed VNet") creates the private endpoints of its rules then, so what
  // approves them must exist first: with a user-assigned identity (the workspace's primary identity)
  // its Contributor on the resource group (which holds the workspace-to-be) and its Azure AI
  // Enterprise Network Connection Approver on every private-endpoint target are granted before the
  // workspace (how-to-managed-network, Prerequisites). config/workspace.ts turns it on only then.
  const preGranted = Boolean(settings.provisionNetworkNow && identity && settings.managedNetworkIsolation !== "Disabled");
  if (preGranted) {
    const groupScope = pulumi.interpolate`${ctx.subscriptionScope}/resourceGroups/${ctx.resourceGroupName}`;
    dependsOn.push(grant(ctx, "id-rg-contributor", groupScope, identity!.principalId, ROLE.contributor));
    for (const target of targets.values()) dependsOn.push(grant(ctx, `id-approver-${target.name}`, target.id, identity!.principalId, ROLE.networkConnectionApprover));
  }
  // Policies see resources only: the tag is how the inbound-path policy learns of endpoints made elsewhere.
  const tags = settings.privateEndpointsManagedElsewhere ? pulumi.output(ctx.tags).apply((t) => ({ ...t, [INBOUND_TAG]: INBOUND_MANAGED_ELSEWHERE })) : ctx.tags;
  const workspace = new machinelearningservices.Workspace(
    `${ctx.name}-mlw`,
    {
      workspaceName: ctx.names.workspace,
      resourceGroupName: ctx.resourceGroupName,
      location: ctx.location,
      tags,
      friendlyName: deps.displayName,
      description: settings.description,
      sku: { name: "Basic", tier: "Basic" },
      identity: identity ? { type: "SystemAssigned,UserAssigned", userAssignedIdentities: [identity.id] } : { type: "SystemAssigned" },
      primaryUserAssignedIdentity: identity?.id,
      encryption: cmk?.encryption,
      enableServiceSideCMKEncryption: settings.encryption ? settings.encryption.serviceSide : undefined,
      storageAccount: deps.storageAccountId,
      keyVault: deps.keyVaultId,
      applicationInsights: deps.applicationInsightsId,
      containerRegistry: deps.registryId,
      hbiWorkspace: settings.hbi,
      publicNetworkAccess: settings.publicNetworkAccess,
      systemDatastoresAuthMode: "identity",
      imageBuildCompute: settings.imageBuildCompute,
      provisionNetworkNow: settings.provisionNetworkNow,
      managedNetwork: {
        isolationMode: settings.managedNetworkIsolation,
        outboundRules: outboundRules.length ? (outboundRulesMap(outboundRules) as Record<string, any>) : undefined,
        firewallSku: settings.firewallSku,
      },
      v1LegacyMode: false,
      // Only hubs say so: a default workspace leaves `kind` out, as it always has (no diff for existing stacks).
      kind: settings.kind === "hub" ? "Hub" : undefined,
      workspaceHubConfig: settings.kind === "hub" && settings.defaultProjectResourceGroup !== undefined ? { defaultWorkspaceResourceGroup: settings.defaultProjectResourceGroup } : undefined,
    },
    // protect, not a lock: a lock on the workspace would also block deleting its computes, role
    // assignments and diagnostic setting, which later updates of this stack must be able to do.
    // concept-hub-workspace: converting a workspace into a hub (or back) is not supported, so a
    // changed kind replaces the workspace rather than sending ARM an update it refuses.
    { parent: ctx.parent, protect: ctx.protectData, dependsOn, replaceOnChanges: ["kind"] },
  );
  const principalId = workspace.identity.apply((i) => i?.principalId ?? "");
  const identityPrincipalIds = identity ? [principalId, identity.principalId] : [principalId];

  const postCreationGrants: authorization.RoleAssignment[] = [];
  // how-to-identity-based-service-authentication ("User-assigned managed identity"): the workspace's
  // user-assigned identity needs Contributor on the workspace, which exists only now.
  if (identity && !preGranted) postCreationGrants.push(grant(ctx, "id-workspace-contributor", workspace.id, identity.principalId, ROLE.contributor));
  // how-to-managed-network ("Private endpoint outbound rules" → required permissions): since
  // 2025-04-30 the workspace managed identity is no longer granted automatically what approves a
  // private-endpoint connection on a user-defined rule's target; Azure AI Enterprise Network
  // Connection Approver does. Rules to the workspace's own storage are covered by the grants made at
  // creation, so only other targets get it.
  for (const target of targets.values())
    identityPrincipalIds.forEach((pid, i) => {
      // The user-assigned identity's was granted before the workspace when the network is provisioned with it.
      if (!(i && preGranted)) postCreationGrants.push(grant(ctx, `${i ? "id" : "mlw"}-approver-${target.name}`, target.id, pid, ROLE.networkConnectionApprover));
    });
  grantRegistryReaders(ctx, registries, identityPrincipalIds.map((id, i) => ({ label: i ? "id" : "mlw", id })));
  return { name: workspace.name, id: workspace.id, principalId, userAssignedIdentityId: identity ? (identity.id as pulumi.Output<string | undefined>) : pulumi.output(undefined), identityPrincipalIds, postCreationGrants };
}

/**
 * The targets of private-endpoint rules, one per resource: rules to two sub-resources of one resource
 * would otherwise assign the same role twice at one scope, which ARM refuses (RoleAssignmentExists).
 */
function privateEndpointTargets(rules: readonly OutboundRuleSpec<pulumi.Input<string>>[]): Map<unknown, { name: string; id: pulumi.Input<string> }> {
  const targets = new Map<unknown, { name: string; id: pulumi.Input<string> }>();
  for (const rule of rules) {
    if (rule.type !== "PrivateEndpoint" || rule.serviceResourceId === undefined) continue;
    const key = typeof rule.serviceResourceId === "string" ? rule.serviceResourceId.toLowerCase() : rule.serviceResourceId;
    if (!targets.has(key)) targets.set(key, { name: rule.name!, id: rule.serviceResourceId });
  }
  return targets;
}

/**
 * The workspace's user-defined outbound rules: the configured ones, and for batch endpoints (in
 * approved-only mode) private endpoints to the storage account's queue and table services
 * (how-to-managed-network, "Scenario: Use batch endpoints or ParallelRunStep").
 */
function managedOutboundRules(settings: Settings, storageAccountId: pulumi.Output<string>): OutboundRuleSpec<pulumi.Input<string>>[] {
  const rules = [...settings.outboundRules];
  if (settings.batchEndpoints && settings.managedNetworkIsolation === "AllowOnlyApprovedOutbound")
    for (const service of ["queue", "table"])
      rules.push({ name: `batch-storage-${service}`, type: "PrivateEndpoint", serviceResourceId: storageAccountId, subresourceTarget: service });
  return rules;
}
