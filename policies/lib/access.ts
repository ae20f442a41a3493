import { PolicyResource } from "@pulumi/policy";
import { RoleCatalog, roleDefinitionGuid } from "../../rbac/catalog";
import { parseAssignmentDescription } from "../../rbac/ids";
import { DATA_OPERATIONS, KEY_OPERATION_STRINGS, KeyOperation, isKeyOperation } from "../../rbac/operations";
import { readContainerCondition } from "../../rbac/conditions";
import { WILDCARD_READINGS, isManagementGroupScope, withinAssignableScopes } from "../../rbac/engine";
import { AccessMatrixRow, AccessReport, Covered, TargetKind, buildAccess } from "../../rbac/matrix";
import { Assignment, Permission, RoleDefinition } from "../../rbac/types";
import { azureName, isType, read, resourceGroupOf, setByProgram, TYPES, UNKNOWN } from "./azure";
import { kindIs } from "./hubs";

/** Where access is decided (a workspace, a registry), identified by what its inputs say (its ARM id is an output). */
export interface StackTarget {
  urn: string;
  /** Display name: the component's logical name when there is one. */
  name: string;
  /** The Azure name (`workspaceName`, `registryName` input), which resource scopes end with. */
  azureName?: string;
  resourceGroupName?: string;
  /** URN of the resource group resource it depends on, when the stack creates it. */
  resourceGroupUrn?: string;
  /** Its subscription id (lower-cased) when the stack says it; undefined reaches every subscription (fail closed). */
  subscriptionId?: string;
}

/**
 * A workspace's storage account, where data-plane access is decided: its URN when the stack creates
 * it, its name, resource group (and that group's URN when the stack creates it) and subscription when
 * known. What is not known may be anything (a reach resting on it is uncertain).
 */
export interface StackStorage {
  urn?: string;
  name?: string;
  resourceGroupName?: string;
  resourceGroupUrn?: string;
  subscriptionId?: string;
  /** Whether it takes Shared Key: `"maybe"` where the setting is not visible (an adopted or unknown account). */
  sharedKeyAccess?: boolean | "maybe";
  /**
   * The account of a hub outside the stack (a project's): where it is, is not known. Otherwise an
   * account whose group is not known is taken to be in its workspace's group.
   */
  elsewhere?: boolean;
}

/** A workspace of the stack. */
export interface StackWorkspace extends StackTarget {
  /** Its storage account. A project's is its hub's (unknown, `{}`, when the hub is not the stack's). */
  storage: StackStorage;
  /** `hub`, `project` or `workspace` (its `kind`; a placeholder kind is the default). @default "workspace" */
  kind?: "workspace" | "hub" | "project";
  /** A project's workspace GUID (known outputs only): its containers in the hub's storage start with it. */
  dataContainerPrefix?: string;
  /** Whether the workspace is a project (kind Project), whose data is its containers in its hub's storage. */
  project?: boolean;
}

/** An Azure ML registry of the stack, where registry operations are decided. */
export type StackRegistry = StackTarget;

/** One role assignment of the stack, resolved as far as its (possibly unknown) inputs allow. */
export interface StackAssignment {
  urn: string;
  /** Known principal object id, or `urn:<resource>` for a principal created in this stack whose id is unknown yet. */
  principal: string;
  principalType?: string;
  /** Known scope; undefined while unknown. */
  scope?: string;
  scopeDependencies: string[];
  /** Undefined when the role definition cannot be resolved. */
  role?: RoleDefinition;
  roleReference: string;
  /** The role definition id is unknown during preview and no custom role of the stack explains it. */
  roleUnknown: boolean;
  /** The assignment's props as the engine gave them, for deferring a rule on an unknown read. */
  props: unknown;
  /**
   * A grant WorkspaceStack makes to the platform's own managed identities (compute clusters, the
   * workspace's user-assigned identity): checked by the policies, left out of the team matrix.
   */
  platformIdentity: boolean;
  /** Team marker written by AccessModel (only trusted when the assignment is a child of an AccessModel). */
  team?: { team: string; admin: boolean };
  /**
   * An ABAC condition limiting data actions to blob containers: the actions it names (all data
   * actions while it is unknown), by the containers' prefixes when the condition is known, else by the
   * project workspaces it is built from; `unreadable` when it is known but not of a shape this package
   * can evaluate (what it limits is then uncertain).
   */
  dataLimit?: { prefixes?: string[]; workspaceUrns: string[]; actions?: string[]; unreadable?: boolean };
  /**
   * `eligible` for a PIM eligibility schedule (the role is held once activated, just in time),
   * `active` for a role assignment. Both grant the role: the policies judge them alike unless a
   * rule is about standing access.
   */
  activation: "active" | "eligible";
}

/** A group the stack creates with members: its URN (the principal is unknown in a first preview) and the members' object ids. */
export interface StackGroup {
  /** How assignments name the group's principal: its object id when known, else `urn:<group urn>`. */
  principal: string;
  name: string;
  members: string[];
}

export interface StackAccess {
  workspaces: StackWorkspace[];
  /** Azure ML registries of the stack. @default none */
  registries?: StackRegistry[];
  assignments: StackAssignment[];
  /** Groups the stack creates with members. */
  groups?: StackGroup[];
}

function text(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function stringList(props: unknown, path: string): string[] {
  const v = read<string[]>(props, path);
  if (v === UNKNOWN || !Array.isArray(v)) return [];
  return v.map((x) => String(x));
}

/** Reads a RoleDefinition resource's permissions into the engine's form (undefined if unknown). */
export function roleFromProps(props: unknown, fallbackName: string): RoleDefinition | undefined {
  const name = read<string>(props, "roleName");
  const perms = read<unknown[]>(props, "permissions");
  if (perms === UNKNOWN || name === UNKNOWN) return undefined;
  const permissions: Permission[] = (Array.isArray(perms) ? perms : []).map((_, i) => ({
    actions: stringList(props, `permissions.${i}.actions`),
    notActions: stringList(props, `permissions.${i}.notActions`),
    dataActions: stringList(props, `permissions.${i}.dataActions`),
    notDataActions: stringList(props, `permissions.${i}.notDataActions`),
  }));
  const id = read<string>(props, "roleDefinitionId");
  return {
    id: typeof id === "string" ? id.toLowerCase() : undefined,
    name: text(name) ?? fallbackName,
    isCustom: true,
    permissions,
    assignableScopes: knownAssignableScopes(props),
  };
}

/**
 * A role definition's assignable scopes as far as they are known. Scopes built from resources the
 * stack creates are unknown in a first preview: the role then counts as assignable anywhere (an
 * empty list), so its grants are shown rather than dropped (fail closed).
 */
function knownAssignableScopes(props: unknown): string[] {
  const list = read<unknown[]>(props, "assignableScopes");
  if (list === UNKNOWN || !Array.isArray(list)) return [];
  const scopes: string[] = [];
  for (let i = 0; i < list.length; i++) {
    const scope = read<string>(props, `assignableScopes.${i}`);
    if (typeof scope !== "string") return [];
    scopes.push(scope);
  }
  return scopes;
}

const SUBSCRIPTION_IN = /^\/subscriptions\/([^/]+)/i;

/** The subscription id an ARM id or scope starts with, lower-cased. */
export function subscriptionOf(id: unknown): string | undefined {
  return typeof id === "string" ? SUBSCRIPTION_IN.exec(id.trim())?.[1].toLowerCase() : undefined;
}

/**
 * Which subscription the stack's workspaces are in, per component: the provider's configured
 * subscription, a known workspace id, or what the platform's own components build from the
 * deploying subscription (role definition ids of WorkspaceStack and AccessModel assignments, custom
 * role scopes). Evidence from the workspace's own WorkspaceStack comes first, then the whole
 * stack's when it names one subscription only; otherwise unknown (every subscription, fail closed).
 */
function subscriptionEvidence(resources: readonly PolicyResource[]): { byParent: Map<string, Set<string>>; all: Set<string> } {
  const byParent = new Map<string, Set<string>>();
  const all = new Set<string>();
  for (const r of resources) {
    const parentType = r.parent?.type;
    if (parentType !== "azureml-platform:index:WorkspaceStack" && parentType !== "azureml-platform:index:AccessModel") continue;
    const sub = isGrant(r.type)
      ? subscriptionOf(read(r.props, "roleDefinitionId"))
      : isType(r.type, TYPES.roleDefinition)
        ? subscriptionOf(read(r.props, "scope"))
        : undefined;
    if (!sub) continue;
    all.add(sub);
    const set = byParent.get(r.parent!.urn) ?? new Set<string>();
    set.add(sub);
    byParent.set(r.parent!.urn, set);
  }
  return { byParent, all };
}

/** `{ [key]: value }`, or nothing when the value is not known (so absent keys stay absent). */
const optional = <K extends string, V>(key: K, value: V | undefined): { [k in K]?: V } => (value === undefined ? {} : ({ [key]: value } as { [k in K]?: V }));

/**
 * The subscription a resource is deployed to, where the plan can see it: its known ARM id, else its
 * provider's `subscriptionId` (the stack's azure-native:subscriptionId, which a default provider takes
 * as its input: pulumi/pulumi pkg/resource/deploy/target.go GetPackageConfig; azure-native deploys there).
 */
function deployedSubscription(r: PolicyResource): string | undefined {
  const fromId = subscriptionOf(read(r.props, "id"));
  if (fromId) return fromId;
  const providerSub = read(r.provider?.props, "subscriptionId");
  return typeof providerSub === "string" && providerSub ? providerSub.toLowerCase() : undefined;
}

function only(set: Set<string> | undefined): string | undefined {
  return set && set.size === 1 ? [...set][0] : undefined;
}

/** A resource that grants a role: a role assignment, or a PIM eligibility (granted on activation). */
export function isGrant(type: string): boolean {
  return isType(type, TYPES.roleAssignment) || isType(type, TYPES.pimRoleEligibilitySchedule);
}

function dependencyUrns(r: PolicyResource, property: string): string[] {
  return (r.propertyDependencies?.[property] ?? []).map((d) => d.urn);
}

/** Builds the stack's access picture from the resources the engine hands a stack policy. */
export function analyzeStackAccess(resources: readonly PolicyResource[]): StackAccess {
  const customByUrn = new Map<string, RoleDefinition>();
  const customByGuid = new Map<string, RoleDefinition>();
  for (const r of resources) {
    if (!isType(r.type, TYPES.roleDefinition)) continue;
    const role = roleFromProps(r.props, r.name);
    if (!role) continue;
    customByUrn.set(r.urn, role);
    if (role.id) customByGuid.set(role.id, role);
  }
  const builtIns = new RoleCatalog();

  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const evidence = subscriptionEvidence(resources);
  // A resource group name that is an input of a resource group the stack creates is known in a first
  // preview, even where the workspace reads it from the group's (unknown) output.
  const groupName = (r: PolicyResource): { name?: string; urn?: string } => {
    const urn = dependencyUrns(r, "resourceGroupName").find((u) => isType(urnType(u), TYPES.resourceGroup));
    const group = urn ? byUrn.get(urn) : undefined;
    return { urn, name: resourceGroupOf(r.props) ?? (group ? azureName(group.props, "resourceGroupName") : undefined) };
  };
  // The resource group the stack creates under an Azure name (an adopted account's group may be one of them).
  const createdGroupNamed = (name: string): string | undefined =>
    resources.find((g) => isType(g.type, TYPES.resourceGroup) && azureName(g.props, "resourceGroupName")?.toLowerCase() === name.toLowerCase())?.urn;
  const workspaces: StackWorkspace[] = resources
    .filter((r) => isType(r.type, TYPES.workspace))
    .map((r) => {
      const name = azureName(r.props, "workspaceName");
      const storageUrn = dependencyUrns(r, "storageAccount").find((u) => isType(urnType(u), TYPES.storageAccount));
      const storageResource = storageUrn ? byUrn.get(storageUrn) : undefined;
      const storageRef = read<string>(r.props, "storageAccount");
      const storageId = typeof storageRef === "string" ? /\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Storage\/storageAccounts\/([^/]+)$/i.exec(storageRef) : null;
      const group = groupName(r);
      const storageGroup = storageResource ? groupName(storageResource) : undefined;
      return {
        storage: storageResource
          ? {
              urn: storageUrn,
              name: azureName(storageResource.props, "accountName"),
              resourceGroupName: storageGroup!.name,
              ...optional("resourceGroupUrn", storageGroup!.urn),
              ...optional("subscriptionId", deployedSubscription(storageResource)),
              sharedKeyAccess: sharedKeySetting(storageResource),
            }
          : {
              ...optional("name", storageId?.[2]),
              ...optional("resourceGroupName", storageId?.[1]),
              ...optional("resourceGroupUrn", storageId ? createdGroupNamed(storageId[1]) : undefined),
              ...optional("subscriptionId", subscriptionOf(storageRef)),
              // An adopted account's setting is not in the stack.
              sharedKeyAccess: "maybe" as const,
            },
        urn: r.urn,
        // The WorkspaceStack's logical name reads better in reports than the suffixed Azure name.
        name: r.parent?.type === "azureml-platform:index:WorkspaceStack" ? r.parent.name : name ?? r.name,
        azureName: name,
        resourceGroupName: group.name,
        resourceGroupUrn: group.urn,
        kind: workspaceKind(r),
        subscriptionId:
          deployedSubscription(r) ??
          only(r.parent ? evidence.byParent.get(r.parent.urn) : undefined) ??
          only(evidence.all),
        ...projectData(r),
      };
    });
  // A project's data is in its hub's storage (concept-hub-workspace, "Storage"): the hub of the stack
  // it is built from, else unknown (any storage: fail closed).
  for (const w of workspaces) {
    if (!w.project) continue;
    const r = byUrn.get(w.urn)!;
    const hub = workspaces.find((h) => dependencyUrns(r, "hubResourceId").includes(h.urn));
    w.storage = hub ? hub.storage : { sharedKeyAccess: "maybe", elsewhere: true };
  }
  const registries: StackRegistry[] = resources
    .filter((r) => isType(r.type, TYPES.machineLearningRegistry))
    .map((r) => {
      const group = groupName(r);
      return {
        urn: r.urn,
        name: r.parent?.type === "azureml-platform:index:Registry" ? r.parent.name : azureName(r.props, "registryName") ?? r.name,
        azureName: azureName(r.props, "registryName"),
        resourceGroupName: group.name,
        resourceGroupUrn: group.urn,
        subscriptionId: deployedSubscription(r) ?? only(r.parent ? evidence.byParent.get(r.parent.urn) : undefined) ?? only(evidence.all),
      };
    });

  const assignments: StackAssignment[] = resources
    .filter((r) => isGrant(r.type))
    .map((r) => {
      const eligible = isType(r.type, TYPES.pimRoleEligibilitySchedule);
      const principalId = read<string>(r.props, "principalId");
      const principalDeps = dependencyUrns(r, "principalId");
      const principal =
        typeof principalId === "string" ? principalId.toLowerCase() : principalDeps.length ? `urn:${principalDeps[0]}` : `unknown:${r.urn}`;
      const principalType = read<string>(r.props, "principalType");
      const scope = read<string>(r.props, "scope");
      const roleRef = read<string>(r.props, "roleDefinitionId");
      let role: RoleDefinition | undefined;
      if (typeof roleRef === "string") {
        const guid = roleDefinitionGuid(roleRef);
        role = guid ? customByGuid.get(guid) ?? builtIns.resolve(guid) : undefined;
      }
      if (!role) {
        const dep = dependencyUrns(r, "roleDefinitionId").find((u) => customByUrn.has(u));
        if (dep) role = customByUrn.get(dep);
      }
      const underAccessModel = r.parent?.type === "azureml-platform:index:AccessModel";
      return {
        urn: r.urn,
        principal,
        principalType: typeof principalType === "string" ? principalType : undefined,
        scope: typeof scope === "string" ? scope : undefined,
        scopeDependencies: dependencyUrns(r, "scope"),
        role,
        roleReference: typeof roleRef === "string" ? roleRef : roleRef === UNKNOWN ? "(unknown until deployment)" : "(not set)",
        roleUnknown: !role && roleRef === UNKNOWN,
        platformIdentity: r.parent?.type === "azureml-platform:index:WorkspaceStack",
        props: r.props,
        // An eligibility has no description; AccessModel writes the same team marker as its justification.
        team: underAccessModel ? parseAssignmentDescription(read(r.props, eligible ? "justification" : "description")) : undefined,
        activation: eligible ? ("eligible" as const) : ("active" as const),
        ...dataLimitOf(r),
      };
    });
  const groups: StackGroup[] = resources
    .filter((r) => isType(r.type, TYPES.group))
    .map((r) => {
      const objectId = read<string>(r.props, "objectId");
      return { principal: typeof objectId === "string" ? objectId.toLowerCase() : `urn:${r.urn}`, name: azureName(r.props, "displayName") ?? r.name, members: stringList(r.props, "members") };
    })
    .filter((g) => g.members.length > 0);
  return { workspaces, registries, assignments, groups };
}

/**
 * Whether a storage account takes Shared Key: left out, Azure allows it ("null, which is equivalent
 * to true", Storage Accounts – Create, allowSharedKeyAccess); a preview's placeholder for a setting the
 * program left out is the same (setByProgram); a value still to come from another resource may be
 * either (`"maybe"`).
 */
function sharedKeySetting(storage: PolicyResource): boolean | "maybe" {
  const value = read(storage.props, "allowSharedKeyAccess");
  if (value === UNKNOWN) return setByProgram(storage, "allowSharedKeyAccess") ? "maybe" : true;
  return value !== false;
}

/** A workspace's kind as rows name it; a kind still unknown reads as the default (a placeholder) or as a workspace. */
function workspaceKind(r: PolicyResource): TargetKind & StackWorkspace["kind"] {
  if (kindIs(r, "Hub") === true) return "hub";
  if (kindIs(r, "Project") === true) return "project";
  return "workspace";
}

/** Whether a workspace is a project, and its data container prefix (its workspace GUID) when known. */
function projectData(r: PolicyResource): { project?: boolean; dataContainerPrefix?: string } {
  if (kindIs(r, "Project") !== true) return {};
  const guid = read(r.props, "workspaceId");
  return { project: true, ...(typeof guid === "string" ? { dataContainerPrefix: guid.toLowerCase() } : {}) };
}

/**
 * What an ABAC condition limits: a known one's actions and container prefixes (rbac/conditions.ts),
 * an unknown one by the resources it is built from (AccessModel builds it from the projects whose
 * containers it names). A known condition this cannot read is `unreadable`: what it limits is uncertain.
 */
function dataLimitOf(r: PolicyResource): { dataLimit?: StackAssignment["dataLimit"] } {
  const condition = read(r.props, "condition");
  if (condition === undefined || condition === null || condition === "") return {};
  const workspaceUrns = dependencyUrns(r, "condition");
  if (condition === UNKNOWN) {
    // Unknown and built from nothing: a first preview's placeholder for a condition the program did not set (setByProgram).
    return workspaceUrns.length ? { dataLimit: { workspaceUrns } } : {};
  }
  const read_ = typeof condition === "string" ? readContainerCondition(condition) : undefined;
  if (!read_) return { dataLimit: { workspaceUrns, unreadable: true } };
  return { dataLimit: { prefixes: read_.prefixes, actions: read_.actions, workspaceUrns } };
}

const lower = (s: string) => s.toLowerCase();

/** The resource type in a URN (`urn:pulumi:stack::project::parent$type::name`). */
export function urnType(urn: string): string {
  const qualified = urn.split("::")[2] ?? "";
  return qualified.slice(qualified.lastIndexOf("$") + 1);
}

/**
 * How surely an assignment reaches a target: `yes` when what the plan sees proves it, `maybe` when it
 * rests on a fact the plan cannot see (a subscription, group or name not known yet, which subscriptions
 * a management group holds, an unknown scope tied to nothing), `no` when the scope is elsewhere.
 * Policies count `maybe` as reached (fail closed); the access matrix shows it as uncertain (†).
 */
export type Reach = "yes" | "maybe" | "no";

/**
 * For a scope unknown during preview: built from one of `targets` (the resource itself or a resource
 * group above it): yes; from some other resource of the stack (a scope that cannot reach the
 * target): no; from nothing the stack knows, which could be anywhere: maybe.
 */
function unknownScopeReach(a: StackAssignment, targets: readonly (string | undefined)[], groupUnknown = false): Reach {
  if (a.scopeDependencies.some((u) => targets.includes(u))) return "yes";
  // A resource group of the stack may hold a target whose group is not known (an adopted hub's storage).
  if (groupUnknown && a.scopeDependencies.some((u) => isType(urnType(u), TYPES.resourceGroup))) return "maybe";
  return a.scopeDependencies.some((u) => !u.includes("::pulumi:pulumi:Stack::") && !urnType(u).startsWith("azureml-platform:")) ? "no" : "maybe";
}

/** A known scope's segments, lower-cased (empty segments, from doubled or trailing slashes, dropped). */
function scopeParts(scope: string): string[] {
  return scope.split("/").filter(Boolean).map(lower);
}

/**
 * Whether an assignment at a known scope reaches a resource `<provider>/<type>/<name>` in resource
 * group `rg` of subscription `sub`: root, a management group (which may hold any subscription:
 * governance/management-groups/overview), the subscription, the resource group, or the resource itself.
 * A part not known yet (`undefined`) may match: `maybe`.
 */
function knownScopeReach(scope: string, sub: string | undefined, rg: string | undefined, provider: string, type: string, name: string | undefined): Reach {
  // Azure requires a scope: an empty one is refused (the deployability pack reports it), so it reaches nothing.
  if (scope.trim() === "") return "no";
  const parts = scopeParts(scope);
  if (parts.length === 0) return "yes";
  if (isManagementGroupScope(scope)) return "maybe";
  if (parts[0] !== "subscriptions" || parts.length < 2) return "no";
  // Another subscription's resource group of the same name is another resource group; where the
  // target's subscription is not known (no id yet, no azure-native:subscriptionId), it may be this one.
  if (sub !== undefined && parts[1] !== sub) return "no";
  let unsure = sub === undefined;
  const sure = (): Reach => (unsure ? "maybe" : "yes");
  if (parts.length === 2) return sure();
  if (parts[2] !== "resourcegroups") return "no";
  if (rg === undefined) unsure = true;
  else if (parts[3] !== lower(rg)) return "no";
  if (parts.length === 4) return sure();
  // The resource itself, not something below it (an assignment on a compute does not reach its
  // workspace), nor a resource of another type in that group.
  if (!(parts.length === 8 && parts[4] === "providers" && parts[5] === provider && parts[6] === type)) return "no";
  if (name === undefined) return "maybe";
  return parts[7] === lower(name) ? sure() : "no";
}

/** How surely an assignment's scope reaches a workspace (see `Reach`). */
export function workspaceReach(a: StackAssignment, ws: StackWorkspace): Reach {
  if (a.scope === undefined) return unknownScopeReach(a, [ws.urn, ws.resourceGroupUrn]);
  return knownScopeReach(a.scope, ws.subscriptionId, ws.resourceGroupName, "microsoft.machinelearningservices", "workspaces", ws.azureName);
}

/**
 * Whether an assignment's scope reaches a workspace. Scopes are compared structurally because the
 * workspace's ARM id is an output; what may reach it counts (fail closed).
 */
export function coversWorkspace(a: StackAssignment, ws: StackWorkspace): boolean {
  return workspaceReach(a, ws) !== "no";
}

/**
 * How surely an assignment's condition lets a data operation reach a workspace's data. A condition
 * applies to the actions its action clause names only; it limits them to containers by name prefix,
 * and a project's data is its containers in the hub's storage, named after its workspace GUID
 * (concept-hub-workspace, "Storage"). Where that cannot be compared (a condition this cannot read, a
 * project GUID not known yet for a written condition, the own containers of a workspace that is not a
 * project) the answer is `maybe`. (A condition limits data actions, not the control plane's: listing
 * the account's keys is not limited by it.)
 */
export function dataLimitReach(a: StackAssignment, ws: StackWorkspace, operation: KeyOperation): Reach {
  const limit = a.dataLimit;
  if (!limit) return "yes";
  if (limit.actions && !KEY_OPERATION_STRINGS[operation].some((s) => limit.actions!.includes(s.toLowerCase()))) return "yes";
  if (limit.unreadable) return "maybe";
  // Built from the stack's projects (what AccessModel writes): their containers only.
  const fromProjects = limit.workspaceUrns.length > 0;
  if (!ws.project) return fromProjects ? "no" : "maybe";
  if (limit.prefixes && ws.dataContainerPrefix !== undefined) return limit.prefixes.includes(ws.dataContainerPrefix) ? "yes" : "no";
  if (limit.workspaceUrns.includes(ws.urn)) return "yes";
  return fromProjects ? "no" : "maybe";
}

/** Whether an assignment's condition may let some data operation reach a workspace's data. */
export function dataLimitAllows(a: StackAssignment, ws: StackWorkspace): boolean {
  return [...DATA_OPERATIONS].some((op) => dataLimitReach(a, ws, op) !== "no");
}

/** How surely an assignment's scope reaches the workspace's storage account, whatever its condition. */
export function storageReach(a: StackAssignment, ws: StackWorkspace): Reach {
  const storage = ws.storage;
  if (a.scope === undefined) return unknownScopeReach(a, storage.elsewhere ? [] : [storage.urn, storage.resourceGroupUrn ?? ws.resourceGroupUrn], storage.elsewhere);
  if (storage.elsewhere) return knownScopeReach(a.scope, undefined, undefined, "microsoft.storage", "storageaccounts", undefined);
  return knownScopeReach(a.scope, storage.subscriptionId ?? ws.subscriptionId, storage.resourceGroupName ?? ws.resourceGroupName, "microsoft.storage", "storageaccounts", storage.name);
}

/** Whether an assignment's scope may reach the workspace's storage account, whatever its condition. */
export function reachesWorkspaceStorage(a: StackAssignment, ws: StackWorkspace): boolean {
  return storageReach(a, ws) !== "no";
}

/**
 * Whether an assignment reaches the workspace's data through its data actions: its scope reaches the
 * storage account, where data-plane access is decided, and its condition (if any) names the workspace.
 */
export function coversWorkspaceStorage(a: StackAssignment, ws: StackWorkspace): boolean {
  return dataLimitAllows(a, ws) && reachesWorkspaceStorage(a, ws);
}

/** How surely an assignment's scope reaches an Azure ML registry, where registry operations are decided. */
export function registryReach(a: StackAssignment, reg: StackRegistry): Reach {
  if (a.scope === undefined) return unknownScopeReach(a, [reg.urn, reg.resourceGroupUrn]);
  return knownScopeReach(a.scope, reg.subscriptionId, reg.resourceGroupName, "microsoft.machinelearningservices", "registries", reg.azureName);
}

/** Whether an assignment's scope may reach an Azure ML registry. */
export function coversRegistry(a: StackAssignment, reg: StackRegistry): boolean {
  return registryReach(a, reg) !== "no";
}

/** A reach as the matrix takes it: reached, not, or "maybe" (shown uncertain). */
const asCovered = (reach: Reach): boolean | "maybe" => (reach === "maybe" ? "maybe" : reach === "yes");

/** Principals proven admin: configured object ids, plus principals of admin-marked AccessModel assignments. */
export function adminPrincipals(access: StackAccess, configured: readonly string[]): Set<string> {
  const admins = new Set(configured.map(lower));
  for (const a of access.assignments) if (a.team?.admin) admins.add(a.principal);
  return admins;
}

/**
 * A principal as a reader knows it: its object id, or, for one the stack creates (keyed by its
 * resource's URN until Azure assigns the id), that resource's type and name.
 */
export function principalLabel(principal: string): string {
  // `urn:<urn>`: the parts counted by "::" are the resource's own.
  if (principal.startsWith("urn:")) return `${urnType(principal).split(":").pop()} ${principal.split("::").pop()} (object id known once created)`;
  if (principal.startsWith("unknown:")) return "a principal unknown until deployment";
  return principal;
}

export function describePrincipal(a: StackAssignment): string {
  const principal = principalLabel(a.principal);
  return a.team ? `${principal} (team ${a.team.team})` : principal;
}

/**
 * Resolves configured operation names: a key operation name to every string that performs it
 * (KEY_OPERATION_STRINGS), anything else to itself as a raw operation string.
 */
export function operationList(names: readonly string[]): { label: string; key?: KeyOperation; operations: readonly string[] }[] {
  return names.map((n) => (isKeyOperation(n) ? { label: n, key: n, operations: KEY_OPERATION_STRINGS[n] } : { label: n, operations: [n] }));
}

/** The access pack's `wildcardReading` setting (rbac/pattern.ts, docs/access.md "How the access matrix reads Azure's rules"). */
export const WILDCARD_READING_SCHEMA = {
  type: "string" as const,
  enum: [...WILDCARD_READINGS],
  default: "strict",
  description:
    'How a whole-segment "*" in Actions/NotActions is read (does computes/*/write cover computes/write?): "documented" as Azure ML\'s docs imply (it does), "strict" counts an operation granted when either reading grants it.',
};

/** The suffix a finding carries when only the literal reading grants. */
export function readingNote(literalOnly: boolean): string {
  return literalOnly ? ", only under the literal reading of a whole-segment \"*\"" : "";
}

/** A role that grants nothing, standing in for a role definition that cannot be resolved. */
function unresolved(reference: string): RoleDefinition {
  return { name: `unresolved ${reference}`, isCustom: true, permissions: [], assignableScopes: [] };
}

/** What the plan reports about access: per team, per principal, and per member of groups the stack creates. */
export type StackAccessReport = AccessReport;

/**
 * Whether Azure lets an assignment exist under its custom role's AssignableScopes: refused outside
 * them (role-definitions, "AssignableScopes"), `maybe` while its scope is unknown and the role is
 * held to scopes that do not hold everything.
 */
function assignableReach(a: StackAssignment, role: RoleDefinition, scope: string): Covered {
  if (a.scope === undefined) {
    const scopes = role.assignableScopes ?? [];
    return scopes.length === 0 || scopes.some((s) => scopeParts(s).length === 0) ? true : "maybe";
  }
  return scope.trim() !== "" && withinAssignableScopes(role, scope);
}

/**
 * Who can do what per workspace, from the stack's resources (the plan command's access report).
 * Access is per principal (the union over every assignment to one object id, or to one group the
 * stack creates); an assignment whose custom role is known not to be assignable at its known scope,
 * or whose scope is empty, grants nothing (Azure refuses it).
 */
export function stackAccessReport(access: StackAccess, options: { memberNames?: ReadonlyMap<string, string> } = {}): StackAccessReport {
  const original = new Map<Assignment, StackAssignment>();
  const assignments = access.assignments.filter((a) => !a.platformIdentity).map((a) => {
    const mapped: Assignment = {
      principalId: a.principal,
      principalType: a.principalType,
      scope: a.scope ?? "",
      role: a.role ?? unresolved(a.roleReference),
      label: a.team?.team,
      ...(a.activation === "eligible" ? { activation: "eligible" as const } : {}),
    };
    original.set(mapped, a);
    return mapped;
  });
  type Target = (StackWorkspace & { id: string; kind: TargetKind }) | (StackRegistry & { id: string; kind: "registry" });
  const targets: Target[] = [
    ...access.workspaces.map((w) => ({ ...w, id: w.urn, kind: w.kind ?? ("workspace" as const), sharedKeyAccess: w.storage.sharedKeyAccess ?? ("maybe" as const) })),
    // Stryker disable next-line ArrayDeclaration: analyzeStackAccess always lists registries; the fallback is for hand-built pictures
    ...(access.registries ?? []).map((r) => ({ ...r, id: r.urn, kind: "registry" as const })),
  ];
  // Members of created groups, by object id (what the Group resource holds); a member that is also
  // assigned directly gets that too.
  const byMember = new Map<string, string[]>();
  for (const g of access.groups ?? []) for (const m of g.members) byMember.set(m.toLowerCase(), [...(byMember.get(m.toLowerCase()) ?? []), g.principal]);
  const report = buildAccess(assignments, targets, {
    covers: (a, t) => asCovered(t.kind === "registry" ? registryReach(original.get(a)!, t) : workspaceReach(original.get(a)!, t)),
    // The storage account's reach; its condition (read into dataLimit) limits the data roles, not a key.
    coversData: (a, t) => (t.kind === "registry" ? false : asCovered(storageReach(original.get(a)!, t))),
    // Stryker disable next-line ConditionalExpression,StringLiteral: only workspaces reach storage (coversData); the test narrows the type
    dataCondition: (a, t, op) => t.kind !== "registry" && asCovered(dataLimitReach(original.get(a)!, t, op)),
    assignable: (a) => assignableReach(original.get(a)!, a.role, a.scope),
    // Named as the stack config names them (a user principal name) where the caller knows it.
    memberships: [...byMember].map(([member, groups]) => ({ member: options.memberNames?.get(member) ?? member, memberId: member, groups })),
  });
  return report;
}

/** The team rows of `stackAccessReport`. */
export function stackAccessRows(access: StackAccess): AccessMatrixRow[] {
  return stackAccessReport(access).rows;
}
