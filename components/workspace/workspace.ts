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
  if (identity) postCreationGrants.push(grant(ctx, "id-workspace-contributor", workspace.id, identity.principalId, ROLE.contributor));
  // how-to-managed-network ("Private endpoint outbound rules" → required permissions): since
  // 2025-04-30 the workspace managed identity is no longer granted automatically what approves a
  // private-endpoint connection on a user-defined rule's target; Azure AI Enterprise Network
  // Connection Approver does. Rules to the workspace's own storage are covered by the grants made at
  // creation, so only other targets get it.
  // One grant per target: rules to two sub-resources of one resource would otherwise assign the same
  // role twice at one scope, which ARM refuses (RoleAssignmentExists).
  const targets = new Map<unknown, { name: string; id: pulumi.Input<string> }>();
  for (const rule of [...settings.outboundRules, ...registryRules]) {
    if (rule.type !== "PrivateEndpoint" || rule.serviceResourceId === undefined) continue;
    const key = typeof rule.serviceResourceId === "string" ? rule.serviceResourceId.toLowerCase() : rule.serviceResourceId;
    if (!targets.has(key)) targets.set(key, { name: rule.name!, id: rule.serviceResourceId });
  }
  for (const target of targets.values())
    identityPrincipalIds.forEach((pid, i) => postCreationGrants.push(grant(ctx, `${i ? "id" : "mlw"}-approver-${target.name}`, target.id, pid, ROLE.networkConnectionApprover)));
  grantRegistryReaders(ctx, registries, identityPrincipalIds.map((id, i) => ({ label: i ? "id" : "mlw", id })));
  return { name: workspace.name, id: workspace.id, principalId, userAssignedIdentityId: identity ? (identity.id as pulumi.Output<string | undefined>) : pulumi.output(undefined), identityPrincipalIds, postCreationGrants };
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
