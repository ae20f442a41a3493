// `plan --diff BASE.json`: what a change to a stack's config does, offline — the resources it
// creates, updates, replaces and deletes, why some of that is dangerous, and who gains or loses which
// permission. Pure functions over two plan results; no Pulumi import.
import { DEFAULT_ADMIN_ONLY_OPERATIONS, KEY_OPERATION_NAMES, KeyOperation } from "../rbac/operations";
import { AccessMatrixRow } from "../rbac/matrix";
import { parseAssignmentDescription } from "../rbac/ids";
import { TYPES, canonicalType } from "../core/types";
import type { PlanResource } from "./plan";
import type { Violation } from "./engine";
import { UNKNOWN_MARKER } from "../core/markers";
import { RoleCatalog, roleDefinitionGuid } from "../rbac/catalog";

/** A resource of a plan, as `plan --json` writes it, plus the URNs it was known by before (the head's aliases). */
export interface DiffResource extends PlanResource {
  aliases?: string[];
}

export interface DiffSide {
  stack: string;
  resources: DiffResource[];
  access: AccessMatrixRow[];
  /** The plan's policy violations (only mandatory ones are compared). */
  violations?: Violation[];
}

export type ChangeAction = "create" | "update" | "replace" | "delete";

export interface ResourceChange {
  urn: string;
  type: string;
  name: string;
  action: ChangeAction;
  /** Changed input paths, `a.b[0].c`. */
  properties: string[];
  /**
   * A replace that follows from a value unknown in a first preview (an id or name of a resource that is
   * itself replaced or created) and may not happen: the new value may equal the old one. Always false
   * for other actions and for replaces a changed input proves.
   */
  possibly: boolean;
  hazards: string[];
  /** A grant whose role changed: the role's name before and after (built-in, the stack's custom role, or `role <guid>`). */
  role?: { before: string; after: string };
}

export interface AccessChange {
  team: string;
  workspace: string;
  /** `registry` when the row is an Azure ML registry's (a workspace and a registry may share a name). */
  kind?: string;
  gained: KeyOperation[];
  lost: KeyOperation[];
  /** How the row holds its roles before and after (`active`, or `eligible` through PIM), when that changed. */
  activation?: { before: "active" | "eligible"; after: "active" | "eligible" };
  /** Operations held before and after that now need a PIM activation (were standing). */
  nowEligible?: KeyOperation[];
  /** Operations held before and after that are now standing (needed an activation). */
  nowActive?: KeyOperation[];
  /** `added` for a team row the base does not have (a new team, or a team on a new workspace), `removed` for one the head no longer has. */
  row?: "added" | "removed";
  /** With `row`: the key operations the row holds (after for added, before for removed). */
  operations?: KeyOperation[];
}

/** The result of `plan --diff` (the contract behind `--json`). */
export interface PlanDiff {
  stack: string;
  base: string;
  changes: ResourceChange[];
  access: AccessChange[];
  /**
   * Mandatory violations of the head that the base does not have, and those of the base the head no
   * longer has; `newAdvisory`: advisory findings the head brings (listed for the reviewer; the exit
   * code stays driven by hazards and new mandatory violations).
   */
  violations: { new: Violation[]; resolved: Violation[]; newAdvisory: Violation[] };
  summary: { create: number; update: number; replace: number; delete: number; hazards: number };
}

/**
 * What makes azure-native replace a resource rather than update it, per type. The Azure identity of a
 * resource is its URL: azure-native marks the URL path parameters (the resource's name, its parents'
 * names, the resource group, the scope of an extension resource) and `location` as replace-on-change in
 * its schema. `inPlace` lists properties Azure itself refuses to change on an existing resource
 * (Azure ML docs: a workspace's storage account, key vault and HBI flag are fixed at creation, and a
 * customer-managed key can be neither added nor removed; a compute cluster's VM size and priority are
 * fixed; a role assignment is immutable).
 */
export const REPLACE_RULES: Readonly<Record<string, { identity: readonly string[]; inPlace?: Readonly<Record<string, string>> }>> = {
  [TYPES.resourceGroup]: { identity: ["resourceGroupName", "location"] },
  [TYPES.storageAccount]: { identity: ["accountName", "resourceGroupName", "location"] },
  [TYPES.blobServiceProperties]: { identity: ["accountName", "blobServicesName", "resourceGroupName"] },
  [TYPES.keyVault]: { identity: ["vaultName", "resourceGroupName", "location"] },
  [TYPES.logAnalytics]: { identity: ["workspaceName", "resourceGroupName", "location"] },
  [TYPES.applicationInsights]: { identity: ["resourceName", "resourceGroupName", "location"] },
  [TYPES.containerRegistry]: { identity: ["registryName", "resourceGroupName", "location"] },
  [TYPES.userAssignedIdentity]: { identity: ["resourceName", "resourceGroupName", "location"] },
  [TYPES.workspace]: {
    identity: ["workspaceName", "resourceGroupName", "location"],
    inPlace: {
      storageAccount: "a workspace's storage account is fixed at creation",
      keyVault: "a workspace's key vault is fixed at creation",
      containerRegistry: "a workspace's container registry cannot be swapped once set",
      hbiWorkspace: "the high-business-impact flag is fixed at creation",
      encryption: "a customer-managed key can only be set when the workspace is created, and never removed",
      // concept-hub-workspace: "Converting a regular workspace into a hub workspace: Not supported";
      // a project is created with its hub (hubResourceId) and does not move to another one.
      kind: "a workspace's kind (default, hub, project) is fixed at creation",
      hubResourceId: "a project belongs to the hub it was created in; moving it to another hub makes a new project",
    },
  },
  [TYPES.compute]: {
    identity: ["computeName", "workspaceName", "resourceGroupName", "location"],
    inPlace: {
      "properties.properties.vmSize": "a cluster's VM size is fixed at creation",
      "properties.properties.vmPriority": "a cluster's VM priority is fixed at creation",
      "properties.computeType": "a compute's type is fixed",
    },
  },
  // how-to-manage-registries: "The primary region can't be changed after registry creation" (the
  // registry's location); its name is in every asset id and cannot change either.
  [TYPES.machineLearningRegistry]: { identity: ["registryName", "resourceGroupName", "location"] },
  [TYPES.diagnosticSetting]: { identity: ["name", "resourceUri"] },
  [TYPES.lock]: { identity: ["lockName", "scope"] },
  [TYPES.roleDefinition]: { identity: ["roleDefinitionId", "scope"] },
  // A role assignment is immutable; this package names it by (scope, principal, role), so a new role
  // or principal is a new assignment, which Pulumi creates before deleting the old one.
  [TYPES.roleAssignment]: { identity: ["roleAssignmentName", "scope", "principalId", "roleDefinitionId"] },
  // azure-native cannot update an eligibility: every input replaces it (its request is re-submitted).
  [TYPES.pimRoleEligibilitySchedule]: {
    identity: ["scope", "principalId", "roleDefinitionId", "justification", "scheduleInfo", "condition", "conditionVersion", "ticketInfo"],
  },
  // A role's policy at a scope exists with the scope; the resource only updates its rules.
  [TYPES.roleManagementPolicy]: { identity: ["scope", "roleManagementPolicyName"] },
  [TYPES.privateEndpoint]: { identity: ["privateEndpointName", "resourceGroupName", "location"], inPlace: { "subnet.id": "a private endpoint cannot move to another subnet" } },
  [TYPES.privateDnsZoneGroup]: { identity: ["privateEndpointName", "privateDnsZoneGroupName", "resourceGroupName"] },
  [TYPES.privateZone]: { identity: ["privateZoneName", "resourceGroupName"] },
  [TYPES.virtualNetworkLink]: { identity: ["privateZoneName", "virtualNetworkLinkName", "resourceGroupName"], inPlace: { "virtualNetwork.id": "a link cannot move to another virtual network" } },
  // An extension resource named within its scope; Azure refuses to move a budget's start date
  // ("Start date of budgets cannot be updated"), which the component ignores after creation.
  [TYPES.budget]: { identity: ["budgetName", "scope"], inPlace: { "timePeriod.startDate": "a budget's start date is fixed at creation" } },
};

/** Types whose replacement or deletion loses data (runs, models, blobs, secrets, logs, images). */
export const DATA_TYPES: ReadonlySet<string> = new Set([
  TYPES.storageAccount,
  TYPES.keyVault,
  TYPES.workspace,
  TYPES.logAnalytics,
  TYPES.containerRegistry,
  TYPES.machineLearningRegistry,
]);

/** Extension and child resources a `CanNotDelete` lock on their scope or parent blocks deleting (Azure lock docs). */
const UNDER_LOCK_TYPES: ReadonlySet<string> = new Set([
  TYPES.roleAssignment,
  TYPES.lock,
  TYPES.diagnosticSetting,
  TYPES.compute,
  TYPES.blobServiceProperties,
  TYPES.privateDnsZoneGroup,
  TYPES.virtualNetworkLink,
]);

/** Operations only admins should gain: only-admins-create-compute's default set, and granting access. */
export const ADMIN_ONLY_OPERATIONS: ReadonlySet<KeyOperation> = new Set<KeyOperation>([...DEFAULT_ADMIN_ONLY_OPERATIONS, "writeRoleAssignments"]);

/** Every leaf path where two input trees differ, written `a.b[0].c`. */
export function changedPaths(before: unknown, after: unknown, at = ""): string[] {
  if (Object.is(before, after)) return [];
  const bothArrays = Array.isArray(before) && Array.isArray(after);
  const bothObjects = isRecord(before) && isRecord(after);
  if (bothArrays) {
    const out: string[] = [];
    for (let i = 0; i < Math.max(before.length, after.length); i++) out.push(...changedPaths(before[i], after[i], `${at}[${i}]`));
    return out;
  }
  if (bothObjects) {
    const out: string[] = [];
    for (const key of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) out.push(...changedPaths(before[key], after[key], at ? `${at}.${key}` : key));
    return out;
  }
  return [at || "(root)"];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Whether `path` is `rule` or below it (`subnet.id` under `subnet`, `encryption.status` under `encryption`). */
function under(path: string, rule: string): boolean {
  return path === rule || path.startsWith(`${rule}.`) || path.startsWith(`${rule}[`);
}

const IDENTIFIES = "identifies the Azure resource";

const ISOLATION_ORDER = ["Disabled", "AllowInternetOutbound", "AllowOnlyApprovedOutbound"];

/** Why a change cannot be made in place (empty: an update). */
function replaceReasons(type: string, paths: readonly string[], before: DiffResource, after: DiffResource): string[] {
  const rule = REPLACE_RULES[type];
  const reasons: string[] = [];
  for (const id of rule?.identity ?? []) if (paths.some((p) => under(p, id))) reasons.push(`${id} ${IDENTIFIES}`);
  for (const [prop, why] of Object.entries(rule?.inPlace ?? {})) if (paths.some((p) => under(p, prop))) reasons.push(`${prop}: ${why}`);
  if (type === TYPES.workspace && paths.some((p) => under(p, "managedNetwork.isolationMode"))) {
    const from = String((before.inputs.managedNetwork as Record<string, unknown> | undefined)?.isolationMode ?? "Disabled");
    const to = String((after.inputs.managedNetwork as Record<string, unknown> | undefined)?.isolationMode ?? "Disabled");
    // Azure ML cannot loosen managed network isolation from approved-only on an existing workspace.
    if (ISOLATION_ORDER.indexOf(to) < ISOLATION_ORDER.indexOf(from) && from === "AllowOnlyApprovedOutbound")
      reasons.push(`managedNetwork.isolationMode: ${from} cannot be loosened to ${to} on an existing workspace`);
  }
  return reasons;
}

/** The value at `a.b.c` of an input tree. */
function at(inputs: Record<string, unknown>, dotted: string): unknown {
  let value: unknown = inputs;
  for (const key of dotted.split(".")) value = isRecord(value) ? value[key] : undefined;
  return value;
}

/** Whether a value is, or holds, an input unknown in this plan. */
function holdsUnknown(value: unknown): boolean {
  if (value === UNKNOWN_MARKER) return true;
  if (Array.isArray(value)) return value.some(holdsUnknown);
  if (isRecord(value)) return Object.values(value).some(holdsUnknown);
  return false;
}

/** Whether `path` (`a.b[0].c`) is, or lies under, one of a resource's `ignoreChanges` paths. */
export function ignoredBy(ignoreChanges: readonly string[] | undefined, path: string): boolean {
  return (ignoreChanges ?? []).some((i) => path === i || path.startsWith(`${i}.`) || path.startsWith(`${i}[`));
}

/**
 * Deleting or replacing a private DNS zone drops the A records of every private endpoint whose zone
 * group writes into it: their names resolve to public addresses (refused by a private-only resource)
 * until a zone records them again (private-endpoint-dns, "Azure services DNS zone configuration").
 * The program creates a network's zones in the first workspace on it (a network links to one zone of
 * a name), so a workspace listed before that one moves them: say so when the head creates a zone of
 * the same name anew (which network it links is in the links, not the zone: the advice says "if").
 */
function privateZoneHazard(c: ResourceChange, before: PlanResource, headResources: readonly PlanResource[], baseByUrn: ReadonlyMap<string, PlanResource>, verb: string): string {
  const zoneName = before.inputs.privateZoneName;
  // A zone of the name the head creates anew (a kept one, on another network, is no move).
  const moved = headResources.find((r) => !baseByUrn.has(r.urn) && canonicalType(r.type) === TYPES.privateZone && r.inputs.privateZoneName === zoneName);
  const hazard = `${verb} private DNS zone ${String(zoneName)} (${c.name}): the private endpoints recorded in it stop resolving to their private addresses until another zone records them`;
  return moved
    ? `${hazard}; ${moved.name} creates a zone of that name now; if on the same network, the zones moved (a network's zones belong to the first workspace on it in \`workspaces\`: list a new workspace after the existing ones)`
    : hazard;
}

/** The key of a mandatory violation, with the base's URNs read as the head's (a renamed resource keeps its violations). */
function violationKey(v: Violation, urn: string | undefined): string {
  // A stack policy reports without a URN: its message tells its findings apart.
  return [v.pack, v.policy, urn ?? "", urn ? "" : v.message].join("\u0000");
}

/** Compares a base plan with the head plan of the same stack. */
export function diffPlans(base: DiffSide, head: DiffSide, baseLabel: string): PlanDiff {
  const baseByUrn = new Map(base.resources.map((r) => [r.urn, r]));
  const headByUrn = new Map(head.resources.map((r) => [r.urn, r]));
  // Each head resource's base: the same URN, or a base URN it names as an alias (a rename that keeps the resource).
  const baseOf = new Map<string, DiffResource>();
  for (const h of head.resources) {
    const alias = baseByUrn.has(h.urn) ? h.urn : (h.aliases ?? []).find((a) => baseByUrn.has(a) && !headByUrn.has(a));
    if (alias) baseOf.set(h.urn, baseByUrn.get(alias)!);
  }
  const matched = new Set([...baseOf.values()].map((b) => b.urn));

  const changes: ResourceChange[] = [];
  // Head resources replaced because what names them in Azure changed: their ids and names change for sure.
  const renamed = new Set<string>();
  for (const h of head.resources) {
    if (h.type === "pulumi:pulumi:Stack") continue;
    const b = baseOf.get(h.urn);
    if (!b) {
      changes.push({ urn: h.urn, type: h.type, name: h.name, action: "create", properties: [], possibly: false, hazards: [] });
      continue;
    }
    // As the engine: an input the head's resource ignores keeps its old value, so it is no change.
    const paths = changedPaths(b.inputs, h.inputs).filter((p) => !ignoredBy(h.ignoreChanges, p));
    if (paths.length === 0) continue;
    const reasons = replaceReasons(canonicalType(h.type), paths, b, h);
    const refused = reasons.filter((r) => !r.endsWith(IDENTIFIES)).map((r) => `Azure cannot change ${r}`);
    if (reasons.some((r) => r.endsWith(IDENTIFIES) && !r.startsWith("location "))) renamed.add(h.urn);
    const change: ResourceChange = { urn: h.urn, type: h.type, name: h.name, action: reasons.length ? "replace" : "update", properties: paths, possibly: false, hazards: refused };
    if (paths.includes("roleDefinitionId")) {
      const role = { before: roleNameOf(b, base.resources), after: roleNameOf(h, head.resources) };
      if (role.before !== role.after) change.role = role;
    }
    changes.push(change);
  }

  // In a first preview an id or name that comes from another resource is unknown in both plans, so
  // equal; when that resource is replaced or created, the value changes (certainly, when the source's
  // Azure name changed) and a resource it identifies is replaced too, as `--known-outputs` shows.
  // Followed to a fixed point: a compute follows its workspace, the compute's grants follow the compute.
  const changeOf = new Map(changes.map((c) => [c.urn, c]));
  for (let grew = true; grew; ) {
    grew = false;
    for (const h of head.resources) {
      const b = baseOf.get(h.urn);
      const rule = REPLACE_RULES[canonicalType(h.type)];
      const current = changeOf.get(h.urn);
      if (!b || !rule || (current?.action === "replace" && !current.possibly)) continue;
      const hits: string[] = [];
      let certain = false;
      for (const prop of [...rule.identity, ...Object.keys(rule.inPlace ?? {})]) {
        if (!holdsUnknown(at(h.inputs, prop)) && !holdsUnknown(at(b.inputs, prop))) continue;
        const top = prop.split(".")[0];
        const sources = (h.propertyDependencies?.[top] ?? h.dependencies).map((u) => changeOf.get(u)).filter((c): c is ResourceChange => !!c && (c.action === "replace" || c.action === "create"));
        if (!sources.length) continue;
        hits.push(prop);
        // Certain when the source's Azure name changed (so its id and name), or for a principal id: a
        // re-created resource gets a new managed identity.
        if (sources.some((c) => c.action === "replace" && !c.possibly && (renamed.has(c.urn) || top === "principalId"))) {
          certain = true;
          if (rule.identity.includes(prop)) renamed.add(h.urn);
        }
      }
      if (!hits.length) continue;
      const change = current ?? { urn: h.urn, type: h.type, name: h.name, action: "replace" as ChangeAction, properties: [], possibly: true, hazards: [] };
      if (!current) {
        changes.push(change);
        changeOf.set(h.urn, change);
      }
      const state = (c: ResourceChange) => `${c.action}/${c.possibly}/${c.properties.join()}`;
      const was = current ? state(current) : "";
      change.action = "replace";
      change.possibly = !certain;
      for (const prop of hits) if (!change.properties.includes(prop)) change.properties.push(prop);
      if (state(change) !== was) grew = true;
    }
  }

  for (const b of base.resources) {
    if (b.type === "pulumi:pulumi:Stack" || matched.has(b.urn)) continue;
    changes.push({ urn: b.urn, type: b.type, name: b.name, action: "delete", properties: [], possibly: false, hazards: [] });
  }

  // Data, protection, resource groups and locks, judged on both plans.
  const locks = [...base.resources, ...head.resources].filter((r) => canonicalType(r.type) === TYPES.lock && r.inputs.level === "CanNotDelete");
  const lockedTargets = new Set(locks.flatMap((l) => l.dependencies));
  for (const c of changes) {
    if (c.action !== "replace" && c.action !== "delete") continue;
    const type = canonicalType(c.type);
    const before = c.action === "delete" ? baseByUrn.get(c.urn)! : baseOf.get(c.urn)!;
    const verb = c.action === "replace" ? "replaces" : "deletes";
    const maybe = c.possibly ? "possibly " : "";
    if (DATA_TYPES.has(type)) c.hazards.push(`${maybe}${verb} ${type.split(":").pop()} ${c.name}, which holds data`);
    // Deleting a resource group deletes every resource in it, managed by this stack or not
    // (https://learn.microsoft.com/azure/azure-resource-manager/management/delete-resource-group).
    if (type === TYPES.resourceGroup) c.hazards.push(`${maybe}${verb} resource group ${c.name}: Azure deletes every resource in it, including those this stack does not manage`);
    if (before.protect || headByUrn.get(c.urn)?.protect) c.hazards.push(`${maybe}${verb} a protected resource: Pulumi refuses until it is unprotected deliberately`);
    if (type === TYPES.privateZone) c.hazards.push(privateZoneHazard(c, before, head.resources, baseByUrn, `${maybe}${verb}`));
    // The engine puts the old value of an ignored input into the replacement too (ignoreChanges), and
    // Azure accepts a past start date for a new budget only within the current month.
    if (type === TYPES.budget && c.action === "replace" && ignoredBy(headByUrn.get(c.urn)?.ignoreChanges, "timePeriod.startDate"))
      c.hazards.push(
        `${maybe}${verb} budget ${c.name}, whose replacement keeps the start date in the stack's state (ignoreChanges): Azure refuses it unless that is the current month; pulumi destroy --target ${c.urn}, then pulumi up`,
      );
    if (c.action === "delete") {
      const lockedParent = UNDER_LOCK_TYPES.has(type) ? before.dependencies.find((d) => lockedTargets.has(d)) : undefined;
      if (lockedParent) c.hazards.push(`deletes a resource under a CanNotDelete lock (on ${lockedParent.split("::").pop()}): Azure refuses until the lock is lifted`);
      if (lockedTargets.has(c.urn)) c.hazards.push("deletes a resource that carries a CanNotDelete lock: Azure refuses until the lock is lifted");
    }
  }

  const access = diffAccess(base.access, head.access);
  // A non-admin team gaining an admin-only operation is a hazard, reported once per team and
  // workspace on the change that grants it. Admin teams (their assignments say `admin`, as
  // AccessModel writes for `admin: true`) are meant to have those operations.
  // A PIM eligibility carries AccessModel's team marker as its justification.
  const teamOf = (r: DiffResource | undefined) =>
    r && canonicalType(r.type) === TYPES.roleAssignment
      ? parseAssignmentDescription(r.inputs.description)
      : r && canonicalType(r.type) === TYPES.pimRoleEligibilitySchedule
        ? parseAssignmentDescription(r.inputs.justification)
        : undefined;
  const adminTeams = new Set(head.resources.map(teamOf).filter((t) => t?.admin).map((t) => t!.team));
  const isRole = (c: ResourceChange, kind: string) => c.action !== "delete" && canonicalType(c.type) === `azure-native:authorization:${kind}`;
  // The workspace a resource belongs to: its WorkspaceStack ancestor's name.
  const workspaceOf = (urn: string | undefined): string | undefined => {
    for (let r = urn ? headByUrn.get(urn) : undefined, depth = 0; r && depth < 20; r = r.parent ? headByUrn.get(r.parent) : undefined, depth++) {
      if (r.type === "azureml-platform:index:WorkspaceStack") return r.name;
    }
    return undefined;
  };
  for (const a of access) {
    const risky = a.gained.filter((op) => ADMIN_ONLY_OPERATIONS.has(op));
    if (!risky.length || adminTeams.has(a.team)) continue;
    const teamGrants = changes.filter((c) => (isRole(c, "RoleAssignment") || isRole(c, "PimRoleEligibilitySchedule")) && teamOf(headByUrn.get(c.urn))?.team === a.team);
    // The grant on this workspace: its scope comes from the workspace (or its resource group), else its name ends with it.
    const onWorkspace = (c: ResourceChange) => {
      const r = headByUrn.get(c.urn)!;
      return (r.propertyDependencies?.scope ?? []).some((u) => workspaceOf(u) === a.workspace) || c.name.endsWith(`-${a.workspace}`);
    };
    const grants = teamGrants.filter(onWorkspace);
    const carrier = grants.find((c) => !/-data-(blob|file)-/.test(c.name)) ?? grants[0] ?? teamGrants[0] ?? changes.find((c) => isRole(c, "RoleDefinition")) ?? changes[0];
    carrier?.hazards.push(`team ${a.team} gains admin-only ${risky.join(", ")} on workspace ${a.workspace}`);
  }

  // Mandatory violations the head brings and the base had.
  const headUrnOf = new Map([...baseOf].map(([headUrn, b]) => [b.urn, headUrn]));
  const mandatory = (vs: Violation[] | undefined) => (vs ?? []).filter((v) => v.enforcementLevel === "mandatory");
  const baseKeys = new Set(mandatory(base.violations).map((v) => violationKey(v, v.urn && (headUrnOf.get(v.urn) ?? v.urn))));
  const headKeys = new Set(mandatory(head.violations).map((v) => violationKey(v, v.urn)));
  const advisory = (vs: Violation[] | undefined) => (vs ?? []).filter((v) => v.enforcementLevel === "advisory");
  const baseAdvisory = new Set(advisory(base.violations).map((v) => violationKey(v, v.urn && (headUrnOf.get(v.urn) ?? v.urn))));
  const violations = {
    new: mandatory(head.violations).filter((v) => !baseKeys.has(violationKey(v, v.urn))),
    resolved: mandatory(base.violations).filter((v) => !headKeys.has(violationKey(v, v.urn && (headUrnOf.get(v.urn) ?? v.urn)))),
    newAdvisory: advisory(head.violations).filter((v) => !baseAdvisory.has(violationKey(v, v.urn))),
  };

  const order: Record<ChangeAction, number> = { create: 0, update: 1, replace: 2, delete: 3 };
  changes.sort((x, y) => order[x.action] - order[y.action] || (x.urn < y.urn ? -1 : x.urn > y.urn ? 1 : 0));
  const count = (a: ChangeAction) => changes.filter((c) => c.action === a).length;
  return {
    stack: head.stack,
    base: baseLabel,
    changes,
    access,
    violations,
    summary: { create: count("create"), update: count("update"), replace: count("replace"), delete: count("delete"), hazards: changes.reduce((n, c) => n + c.hazards.length, 0) },
  };
}

const CATALOG = new RoleCatalog();

/**
 * The name of the role a grant of a plan assigns: a built-in role by its GUID, a custom role of the
 * plan by its RoleDefinition (its GUID, or the resource its unknown id comes from), else `role <guid>`.
 */
export function roleNameOf(grant: DiffResource, resources: readonly DiffResource[]): string {
  const id = grant.inputs.roleDefinitionId;
  const guid = typeof id === "string" && id !== UNKNOWN_MARKER ? roleDefinitionGuid(id) : undefined;
  const definitions = resources.filter((r) => canonicalType(r.type) === TYPES.roleDefinition);
  const custom = guid
    ? definitions.find((d) => typeof d.inputs.roleDefinitionId === "string" && d.inputs.roleDefinitionId.toLowerCase() === guid)
    : definitions.find((d) => (grant.propertyDependencies?.roleDefinitionId ?? []).includes(d.urn));
  if (custom && typeof custom.inputs.roleName === "string") return custom.inputs.roleName;
  if (guid) return CATALOG.resolve(guid)?.name ?? `role ${guid}`;
  return typeof id === "string" ? id : UNKNOWN_MARKER;
}

/** Per team × workspace, the operations gained and lost between two access matrices. */
export function diffAccess(base: readonly AccessMatrixRow[], head: readonly AccessMatrixRow[]): AccessChange[] {
  // A registry's row is not a same-named workspace's (rows of older plans without `kind` are workspaces').
  const key = (r: AccessMatrixRow) => `${r.team}\u0000${r.workspace}\u0000${r.kind === "registry" ? "registry" : ""}`;
  const before = new Map(base.map((r) => [key(r), r]));
  const after = new Map(head.map((r) => [key(r), r]));
  const out: AccessChange[] = [];
  for (const k of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const b = before.get(k);
    const a = after.get(k);
    const has = (row: AccessMatrixRow | undefined, op: KeyOperation) => row?.operations[op] === true;
    const gained = KEY_OPERATION_NAMES.filter((op) => has(a, op) && !has(b, op));
    const lost = KEY_OPERATION_NAMES.filter((op) => has(b, op) && !has(a, op));
    // Active ↔ eligible: the same operations, held standing or just in time (PIM).
    // Stryker disable next-line ArrayDeclaration: no key operation is named like a placeholder entry.
    const eligible = (row: AccessMatrixRow, op: KeyOperation) => (row.eligibleOperations ?? []).includes(op);
    const kept = KEY_OPERATION_NAMES.filter((op) => has(a, op) && has(b, op));
    const nowEligible = kept.filter((op) => eligible(a!, op) && !eligible(b!, op));
    const nowActive = kept.filter((op) => eligible(b!, op) && !eligible(a!, op));
    const activation = (row: AccessMatrixRow): "active" | "eligible" => (row.activation === "eligible" ? "eligible" : "active");
    const row = (a ?? b)!;
    const change: AccessChange = { team: row.team, workspace: row.workspace, ...(row.kind === "registry" ? { kind: "registry" } : {}), gained, lost };
    // A new or removed team shows even when it holds none of the key operations (a Reader team).
    if (!a || !b) {
      change.row = a ? "added" : "removed";
      change.operations = KEY_OPERATION_NAMES.filter((op) => has(row, op));
    }
    if (a && b && activation(a) !== activation(b)) change.activation = { before: activation(b), after: activation(a) };
    if (nowEligible.length) change.nowEligible = nowEligible;
    if (nowActive.length) change.nowActive = nowActive;
    if (change.row || gained.length || lost.length || change.activation || nowEligible.length || nowActive.length) out.push(change);
  }
  return out;
}
