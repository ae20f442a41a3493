// The live state as the resources a stack policy sees, so the audit judges it with the same engine
// and policies as `plan`: workspaces, registries and storage accounts with their ARM ids and
// settings, grants and custom roles in azure-native's input shape. No Pulumi import.
import { TYPES } from "../core/types";
import type { EngineResource } from "../plan/engine";
import type { LiveGrant, LiveResource, LiveRoleDefinition, LiveState } from "./live";

/** A live resource's URN: the audit's own namespace, the ARM id as the name (unique and readable). */
export const liveUrn = (type: string, id: string) => `urn:pulumi:live::azure::${type}::${id.toLowerCase()}`;

/** The ARM id in a live URN (what a report shows); any other URN unchanged. */
export const liveIdOf = (urn: string) => (urn.startsWith("urn:pulumi:live::azure::") ? urn.split("::").slice(3).join("::") : urn);

const base = (type: string, id: string, name: string, props: Record<string, any>, propertyDependencies: Record<string, string[]> = {}): EngineResource => ({
  urn: liveUrn(type, id),
  type,
  name,
  custom: true,
  protect: false,
  dependencies: Object.values(propertyDependencies).flat(),
  propertyDependencies,
  props,
});

const GUID_TAIL = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/**
 * Engine resources for a live state. A project names its hub by `hubResourceId`, a workspace its
 * storage account by id: where that resource is read too, the link is also a property dependency (how
 * the policies find a stack's hub and storage). Groups carry their members' object ids.
 */
export function liveEngineResources(state: LiveState): EngineResource[] {
  const byId = new Map(state.resources.map((r) => [r.id.toLowerCase(), r]));
  const urnOf = (id: unknown, type: string) => (typeof id === "string" && byId.has(id.toLowerCase()) ? [liveUrn(type, id)] : []);
  const out: EngineResource[] = [];
  for (const r of state.resources) {
    const p = r.properties ?? {};
    if (r.type === "microsoft.storage/storageaccounts")
      out.push(base(TYPES.storageAccount, r.id, r.name, { id: r.id, accountName: r.name, resourceGroupName: r.resourceGroup, location: r.location, allowSharedKeyAccess: p.allowSharedKeyAccess, publicNetworkAccess: p.publicNetworkAccess }));
    else if (r.type === "microsoft.machinelearningservices/registries")
      out.push(base(TYPES.machineLearningRegistry, r.id, r.name, { id: r.id, registryName: r.name, resourceGroupName: r.resourceGroup, location: r.location, publicNetworkAccess: p.publicNetworkAccess }));
    else if (r.type === "microsoft.machinelearningservices/workspaces") out.push(workspace(r, urnOf));
  }
  for (const d of state.customRoles) out.push(role(d));
  for (const g of state.grants) out.push(grant(g));
  for (const g of state.groups)
    if (g.members?.length) out.push(base(TYPES.group, `/groups/${g.id}`, g.displayName ?? g.id, { objectId: g.id, displayName: g.displayName, members: g.members.map((m) => m.id) }));
  return out;
}

function workspace(r: LiveResource, urnOf: (id: unknown, type: string) => string[]): EngineResource {
  const p = r.properties ?? {};
  const hub = p.hubResourceId;
  const storage = p.storageAccount;
  return base(
    TYPES.workspace,
    r.id,
    r.name,
    {
      id: r.id,
      workspaceName: r.name,
      resourceGroupName: r.resourceGroup,
      location: r.location,
      kind: r.kind,
      ...(hub ? { hubResourceId: hub } : {}),
      ...(storage ? { storageAccount: storage } : {}),
      // A project's data containers carry its workspace GUID (concept-hub-workspace).
      ...(p.workspaceId ? { workspaceId: p.workspaceId } : {}),
      publicNetworkAccess: p.publicNetworkAccess,
      // The prod-only policies read the environment tag (policies/lib/azure.ts isProd).
      ...(r.tags ? { tags: r.tags } : {}),
    },
    { ...(hub ? { hubResourceId: urnOf(hub, TYPES.workspace) } : {}), ...(storage ? { storageAccount: urnOf(storage, TYPES.storageAccount) } : {}) },
  );
}

function role(d: LiveRoleDefinition): EngineResource {
  const guid = GUID_TAIL.exec(d.id)?.[1];
  return base(TYPES.roleDefinition, d.id, d.roleName, {
    id: d.id,
    roleName: d.roleName,
    ...(guid ? { roleDefinitionId: guid } : {}),
    description: d.description,
    permissions: d.permissions.map((p) => ({ actions: p.actions ?? [], notActions: p.notActions ?? [], dataActions: p.dataActions ?? [], notDataActions: p.notDataActions ?? [] })),
    assignableScopes: d.assignableScopes,
  });
}

function grant(g: LiveGrant): EngineResource {
  const type = g.activation === "eligible" ? TYPES.pimRoleEligibilitySchedule : TYPES.roleAssignment;
  return base(type, g.id, g.id.split("/").pop()!, {
    id: g.id,
    scope: g.scope,
    principalId: g.principalId,
    ...(g.principalType ? { principalType: g.principalType } : {}),
    roleDefinitionId: g.roleDefinitionId,
    ...(g.condition ? { condition: g.condition, conditionVersion: g.conditionVersion ?? "2.0" } : {}),
  });
}
