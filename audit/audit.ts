// `azureml-platform audit`: what Azure grants now, judged with the engine and policies `plan` uses.
import type { TokenCredential } from "@azure/core-auth";
import type { AccessMatrixRow, MemberAccess, PrincipalAccess } from "../rbac/matrix";
import { analyzeStackAccess, stackAccessReport } from "../policies/lib/access";
import { accessPack } from "../policies/packs";
import { EngineResource, PolicyConfigFile, Violation, evaluatePack, policyResources } from "../plan/engine";
import type { CloudEndpoints } from "../core/clouds";
import { Drift, PlanFile, driftAgainst } from "./drift";
import { LiveScope, LiveState, readLiveState } from "./live";
import { liveEngineResources } from "./resources";
import { deniedOperations } from "./deny";
import { normScope, roleGuidOf, scopeRoleKey, subscriptionOfScope } from "./ids";
import { ActivationControls, activationControls, activationWeaknesses } from "./activation";
import { RoleCatalog } from "../rbac/catalog";

const BUILT_IN_CATALOG = new RoleCatalog();


export interface AuditOptions {
  scope: LiveScope;
  credential: TokenCredential;
  endpoints: CloudEndpoints;
  /** Trust for a TLS endpoint the system does not know (tests). */
  tlsCa?: string | Buffer;
  /** The access pack's config (enforcement levels, admins). */
  accessConfig?: PolicyConfigFile;
  /** Names for principals: a stack's teams by object id. */
  principalNames?: ReadonlyMap<string, string>;
  against?: { file: string; plan: PlanFile };
  version?: string;
}

export interface AuditGroup {
  id: string;
  displayName?: string;
  /** Transitive user members; null when Graph refused them (the matrix then shows the group). */
  members: number | null;
  unreadable?: string;
}

/** What deny assignments take away from a row. */
export interface DenyMarks {
  /** Operations the roles grant and a deny assignment blocks here: shown `false`. */
  deniedOperations?: string[];
  /** The deny assignments that block them. */
  deniedBy?: string[];
}

/** A matrix row of the audit: plan's, plus what deny assignments take away. */
export type AuditRow = AccessMatrixRow & DenyMarks;
/** A group member's row: plan's, plus what deny assignments naming the member (or its groups) take away. */
export type AuditMemberRow = MemberAccess & DenyMarks;

/** The fields of a matrix or member row that deny assignments are applied to. */
type DeniableRow = { workspace: string; kind?: string; operations: AccessMatrixRow["operations"]; uncertain?: string[] };

/** The activation policy of a role that someone is eligible for at a scope, as PIM enforces it now. */
export interface AuditActivationPolicy {
  scope: string;
  /** The role's GUID. */
  roleDefinitionId: string;
  role: string;
  /** Who is eligible for it there: team, group name, or object id. */
  eligible: string[];
  policyId?: string;
  controls?: ActivationControls;
  /** What makes activation weaker than AccessModel's (expiring, multifactor, justified). */
  weaknesses: string[];
  /** Why the controls are not known: ARM's answer for the scope (refused, not found), or no policy assignment for the role there. */
  unread?: string;
}

export interface AuditResult {
  scope: { subscriptions: string[]; managementGroup?: string };
  endpoints: { arm: string; graph: string };
  subscriptions: LiveState["subscriptions"];
  groups: AuditGroup[];
  access: AuditRow[];
  principals: Omit<PrincipalAccess, "roles">[];
  members: AuditMemberRow[];
  violations: Violation[];
  activationPolicies: AuditActivationPolicy[];
  drift?: Drift;
  summary: {
    subscriptions: number;
    unreadableSubscriptions: number;
    grants: number;
    eligible: number;
    /** Role assignments that are activated eligibilities (not counted in `grants`). */
    activations: number;
    denyAssignments: number;
    /** Activation policies with a weakness (see `activationPolicies`). */
    weakActivationPolicies: number;
    mandatory: number;
    advisory: number;
    outOfBand?: number;
    missing?: number;
    changedRoles?: number;
    changedActivationPolicies?: number;
  };
}

/** Reads the scope and judges it. */
export async function audit(options: AuditOptions): Promise<AuditResult> {
  const state = await readLiveState(options.scope, { credential: options.credential, endpoints: options.endpoints, tlsCa: options.tlsCa });
  return judge(state, options);
}

/** Judges a live state (read, or given by a test or a bench). */
export async function judge(read: LiveState, options: Omit<AuditOptions, "credential" | "tlsCa">): Promise<AuditResult> {
  // An activation is a role assignment PIM makes for the activation's duration: the eligibility in
  // use, not standing access, and not drift. Where the role assignment schedule instances were read,
  // PIM says which assignments are activations (a member of an eligible group activates as itself);
  // elsewhere an assignment of the same principal, role and scope as an eligibility is taken for one.
  // An activation that need not end (its policy says so) is standing access: it stays a grant.
  const policies = new Map(read.activationPolicies.map((p) => [scopeRoleKey(p.scope, p.roleDefinitionId), { policy: p, controls: activationControls(p.rules) }]));
  const grantKey = (g: { scope: string; principalId: string; roleDefinitionId: string }) => `${normScope(g.scope)} ${g.principalId.toLowerCase()} ${roleGuidOf(g.roleDefinitionId)}`;
  const expiring = (g: LiveState["grants"][number]) => policies.get(scopeRoleKey(g.scope, g.roleDefinitionId))?.controls.expirationRequired !== false;
  const eligible = new Set(read.grants.filter((g) => g.activation === "eligible").map(grantKey));
  const instancesRead = new Set(read.subscriptions.filter((s) => s.status === "read" && !s.activationsUnreadable).map((s) => s.id));
  const activatedIds = new Set(read.activations.flatMap((a) => (a.roleAssignmentId ? [a.roleAssignmentId.toLowerCase()] : [])));
  const activatedKeys = new Set(read.activations.map(grantKey));
  const isActivation = (g: LiveState["grants"][number]) => {
    if (g.activation !== "active" || !expiring(g)) return false;
    const sub = subscriptionOfScope(g.scope);
    const pimSays = sub === undefined ? instancesRead.size > 0 : instancesRead.has(sub);
    return pimSays ? activatedIds.has(g.id.toLowerCase()) || activatedKeys.has(grantKey(g)) : eligible.has(grantKey(g));
  };
  const activations = read.grants.filter(isActivation);
  const state: LiveState = { ...read, grants: read.grants.filter((g) => !activations.includes(g)) };
  const resources: EngineResource[] = liveEngineResources(state);
  const { violations } = await evaluatePack(accessPack, resources, options.accessConfig, options.version);
  const memberNames = new Map<string, string>();
  for (const g of state.groups) for (const m of g.members ?? []) if (m.userPrincipalName) memberNames.set(m.id, m.userPrincipalName);
  const report = stackAccessReport(analyzeStackAccess(policyResources(resources)), { memberNames });
  // A principal reads as its team (a stack's config) or its group's name, else its object id.
  const names = new Map<string, string>(options.principalNames ?? []);
  for (const g of state.groups) if (g.displayName && !names.has(g.id)) names.set(g.id, g.displayName);
  const label = (id: string) => names.get(id.toLowerCase()) ?? id;
  // Only what someone holds: a tenant's principals × every workspace would be mostly empty rows
  // (10,000 assignments: half a million), which no report needs.
  const holds = (r: { roles?: string[]; uncertain?: string[]; operations: object }) => (r.roles?.length ?? 0) > 0 || (r.uncertain?.length ?? 0) > 0 || Object.values(r.operations).some((v) => v === true);
  const access = applyDenies(report.rows.filter(holds), state, (r) => r.principalId).map((r) => ({ ...r, team: label(r.team) }));
  // A member row names the member by UPN when Graph gave one: deny assignments name it by object id.
  const memberIds = new Map([...memberNames].map(([id, upn]) => [upn, id]));
  const members = applyDenies(report.members.filter(holds), state, (m) => memberIds.get(m.member) ?? m.member);
  const principals = report.principals.filter(holds).map(({ roles: _roles, ...p }) => ({ ...p, teams: p.teams.map(label) }));
  const managedPrincipals = new Set(
    state.resources.flatMap((r) => {
      const id = (r as { identity?: { principalId?: string } }).identity?.principalId;
      return typeof id === "string" ? [id.toLowerCase()] : [];
    }),
  );
  const drift = options.against ? driftAgainst(options.against.plan, options.against.file, { grants: state.grants, customRoles: state.customRoles, managedPrincipals, activationPolicies: state.activationPolicies }) : undefined;
  const activationPolicies = activationPolicyReport(state, policies, label);
  const mandatory = violations.filter((v) => v.enforcementLevel === "mandatory").length;
  return {
    scope: { subscriptions: options.scope.subscriptions, ...(options.scope.managementGroup ? { managementGroup: options.scope.managementGroup } : {}) },
    endpoints: { arm: options.endpoints.arm, graph: options.endpoints.graph },
    subscriptions: state.subscriptions,
    groups: state.groups.map((g) => ({ id: g.id, ...(g.displayName ? { displayName: g.displayName } : {}), members: g.members ? g.members.length : null, ...(g.unreadable ? { unreadable: g.unreadable } : {}) })),
    access,
    principals,
    members,
    violations,
    activationPolicies,
    ...(drift ? { drift } : {}),
    summary: {
      subscriptions: state.subscriptions.length,
      unreadableSubscriptions: state.subscriptions.filter((s) => s.status === "unreadable").length,
      grants: state.grants.filter((g) => g.activation === "active").length,
      eligible: state.grants.filter((g) => g.activation === "eligible").length,
      activations: activations.length,
      denyAssignments: state.denies.length,
      weakActivationPolicies: activationPolicies.filter((p) => p.weaknesses.length).length,
      mandatory,
      advisory: violations.length - mandatory,
      ...(drift ? { outOfBand: drift.outOfBand.length, missing: drift.missing.length, changedRoles: drift.changedRoles.length, changedActivationPolicies: drift.changedActivationPolicies.length } : {}),
    },
  };
}

/** Each eligible role at its scope with the controls its live policy puts on activation. */
function activationPolicyReport(state: LiveState, policies: ReadonlyMap<string, { policy: LiveState["activationPolicies"][number]; controls: ActivationControls }>, label: (id: string) => string): AuditActivationPolicy[] {
  const byKey = new Map<string, { scope: string; guid: string; eligible: Set<string> }>();
  for (const g of state.grants.filter((x) => x.activation === "eligible")) {
    const key = scopeRoleKey(g.scope, g.roleDefinitionId);
    const entry = byKey.get(key) ?? { scope: g.scope, guid: roleGuidOf(g.roleDefinitionId), eligible: new Set<string>() };
    entry.eligible.add(label(g.principalId));
    byKey.set(key, entry);
  }
  const gaps = new Map(state.activationPolicyGaps.map((g) => [scopeRoleKey(g.scope, g.roleDefinitionId), g.reason]));
  const roleName = (guid: string) =>
    BUILT_IN_CATALOG.resolve(guid)?.name ?? state.customRoles.find((r) => roleGuidOf(r.id) === guid)?.roleName ?? `role ${guid}`;
  return [...byKey.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, e]) => {
      const found = policies.get(key);
      const base = { scope: e.scope, roleDefinitionId: e.guid, role: roleName(e.guid), eligible: [...e.eligible].sort() };
      if (!found) return { ...base, weaknesses: [], unread: gaps.get(key) ?? "not read" };
      return { ...base, policyId: found.policy.policyId, controls: found.controls, weaknesses: activationWeaknesses(found.controls) };
    });
}

/**
 * The rows with deny assignments applied: an operation the roles grant is not held where a deny
 * assignment that covers the target and the principal (directly, through a group, or Everyone, less
 * its exclusions) blocks every operation string of it (deny-assignments: "Deny assignments take
 * precedence over role assignments"). Data operations are decided at the workspace's storage account
 * (a project's: its hub's), registry operations at the registry. A conditional deny assignment makes
 * the operation uncertain instead.
 */
function applyDenies<R extends DeniableRow>(rows: readonly R[], state: LiveState, principalOf: (row: R) => string): (R & DenyMarks)[] {
  if (!state.denies.length) return [...rows];
  const byName = new Map<string, { id: string; storage?: string }>();
  const byId = new Map(state.resources.map((r) => [r.id.toLowerCase(), r]));
  for (const r of state.resources) {
    if (r.type === "microsoft.machinelearningservices/registries") byName.set(`registry ${r.name}`, { id: r.id });
    if (r.type !== "microsoft.machinelearningservices/workspaces") continue;
    const hub = typeof r.properties?.hubResourceId === "string" ? byId.get(r.properties.hubResourceId.toLowerCase()) : undefined;
    const storage = r.properties?.storageAccount ?? hub?.properties?.storageAccount;
    byName.set(`workspace ${r.name}`, { id: r.id, ...(typeof storage === "string" ? { storage } : {}) });
  }
  const groupsOfMember = new Map<string, string[]>();
  for (const g of state.groups) for (const m of g.members ?? []) groupsOfMember.set(m.id, [...(groupsOfMember.get(m.id) ?? []), g.id]);
  const groupsOf = (id: string) => groupsOfMember.get(id.toLowerCase()) ?? [];
  return rows.map((row) => {
    const target = byName.get(`${row.kind === "registry" ? "registry" : "workspace"} ${row.workspace}`);
    if (!target) return row;
    const held = Object.entries(row.operations).filter(([, v]) => v === true).map(([op]) => op);
    const atData = held.filter((op) => op === "readData" || op === "writeData");
    const atTarget = held.filter((op) => op !== "readData" && op !== "writeData");
    const principalId = principalOf(row);
    const here = deniedOperations(state.denies, principalId, target.id, atTarget, groupsOf);
    const data = target.storage ? deniedOperations(state.denies, principalId, target.storage, atData, groupsOf) : { denied: [], maybe: [], by: [] };
    const denied = [...here.denied, ...data.denied];
    const maybe = [...here.maybe, ...data.maybe];
    if (!denied.length && !maybe.length) return row;
    const operations = { ...row.operations };
    for (const op of denied) (operations as Record<string, boolean>)[op] = false;
    return {
      ...row,
      operations,
      ...(maybe.length ? { uncertain: [...new Set([...(row.uncertain ?? []), ...maybe])].sort() } : {}),
      ...(denied.length ? { deniedOperations: denied.sort(), deniedBy: [...new Set([...here.by, ...data.by])].sort() } : {}),
    };
  });
}
