import { allowsUnder, isManagementGroupScope, normaliseScope, withinAssignableScopes } from "./engine";
import { DATA_OPERATIONS, KEY_OPERATION_NAMES, KEY_OPERATION_STRINGS, KeyOperation, REGISTRY_OPERATIONS, STORAGE_KEY_ACTIONS } from "./operations";
import { Assignment, RoleDefinition } from "./types";

/** A workspace as the matrix sees it: a display name and the ARM id that scopes are compared with. */
export interface WorkspaceScope {
  name: string;
  id: string;
  /** ARM id of the workspace's storage account: where data-plane operations (readData, writeData) are decided. */
  storageAccountId?: string;
  /**
   * A project's data sits in its hub's storage, in containers whose names start with this prefix
   * (its workspace GUID): an assignment limited to container prefixes reaches the data of the
   * projects it names only.
   */
  dataContainerPrefix?: string;
  /**
   * Whether the storage account accepts Shared Key authorization (`allowSharedKeyAccess` not false):
   * then whoever may list its keys (STORAGE_KEY_ACTIONS) reads and writes all its data with them,
   * whatever data roles or container conditions it holds. `"maybe"` where the setting is not visible
   * (an account the stack adopts): what its keys give is shown uncertain. @default "maybe"
   */
  sharedKeyAccess?: boolean | "maybe";
  /**
   * What the target is: a workspace (`workspace`, `hub`, `project`) or an Azure ML registry, where
   * only the registry operations are decided. Rows carry it, so a workspace and a registry of one
   * name stay apart. @default "workspace"
   */
  kind?: TargetKind;
}

/** What a row is about. */
export type TargetKind = "workspace" | "hub" | "project" | "registry";

/** One flag per key operation (spelled out so the component schema can describe it). */
export interface OperationFlags {
  createCompute: boolean;
  deleteCompute: boolean;
  createDatastore: boolean;
  submitJob: boolean;
  registerModel: boolean;
  deleteWorkspace: boolean;
  writeRoleAssignments: boolean;
  readWorkspaceSecrets: boolean;
  changeWorkspaceSettings: boolean;
  deleteRoleAssignments: boolean;
  deleteLocks: boolean;
  writeOutboundRules: boolean;
  createConnection: boolean;
  readConnectionSecrets: boolean;
  readData: boolean;
  writeData: boolean;
  readRegistryAssets: boolean;
  publishToRegistry: boolean;
  deleteRegistryAssets: boolean;
}
// Compile-time proof that the interface and KEY_OPERATIONS name the same operations.
type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : never) : never;
// Stryker disable next-line BooleanLiteral: a compile-time check; its runtime value is never read.
const _flagsMatchOperations: SameKeys<OperationFlags, Record<KeyOperation, boolean>> = true;
void _flagsMatchOperations;

/** What one team's principal can do in one workspace. */
export interface AccessMatrixRow {
  team: string;
  principalId: string;
  principalType?: string;
  /** The workspace's (or registry's) logical name. */
  workspace: string;
  /**
   * What the row is about: `workspace`, `hub`, `project` or `registry` (a string for the component
   * schema). Always set by buildAccess; absent in plans written before it (read as `workspace`, or
   * `registry` where the workspace column says so).
   */
  kind?: string;
  /** Roles that reach this workspace through any assignment to the principal (any team), by name, sorted. */
  roles: string[];
  /**
   * What the principal can do in total (the union over every assignment to its object id, whichever
   * team it comes through), under the documented reading of a whole-segment `*`.
   */
  operations: OperationFlags;
  /** Key operation names whose answer differs between the two readings of a whole-segment `*` (rbac/pattern.ts). */
  uncertain?: string[];
  /**
   * `eligible` when some of the row's roles reach the workspace only through PIM eligibilities: the
   * principal holds them just in time, once activated. Absent when every role is held actively.
   * (A string rather than the literal: component schema inference takes no single-literal type.)
   */
  activation?: string;
  /** With `activation`: the key operations only an activation grants (no active assignment allows them). */
  eligibleOperations?: string[];
  /** With `activation`: the roles held only as eligible, sorted. */
  eligibleRoles?: string[];
}

/** One principal × workspace: what it can do in total and the teams its access comes through. */
export interface PrincipalAccess {
  principal: string;
  /** Teams (assignment labels, or the principal id for an unlabelled assignment) holding this principal, sorted. */
  teams: string[];
  workspace: string;
  /** What the row is about: `workspace`, `hub`, `project` or `registry`. */
  kind: string;
  roles: string[];
  operations: OperationFlags;
  /** Key operation names whose answer depends on the reading of a whole-segment `*`. */
  uncertain: string[];
  /** `eligible` when some of its roles reach the workspace only through PIM eligibilities (as on a team row). */
  activation?: string;
  /** With `activation`: the key operations only an activation grants. */
  eligibleOperations?: string[];
  /** With `activation`: the roles held only as eligible, sorted. */
  eligibleRoles?: string[];
}

/** Rows per team and per principal. */
export interface AccessReport {
  rows: AccessMatrixRow[];
  principals: PrincipalAccess[];
  /** Per member of `memberships` (AccessMatrixOptions) × target: the union over its groups. */
  members: MemberAccess[];
}

interface RoleFlags {
  documented: OperationFlags;
  literal: OperationFlags;
}

/**
 * Memoises each role's answers for the key operations, under both readings of a whole-segment `*`: a role is
 * evaluated once however many assignments use it, which keeps the matrix linear in the number of
 * assignments.
 */
export class OperationCache {
  private readonly cache = new Map<RoleDefinition, RoleFlags>();
  private readonly keyCache = new Map<RoleDefinition, Record<keyof typeof STORAGE_KEY_ACTIONS, RoleFlags | undefined>>();

  /**
   * The data operations a role's listing of the storage account's keys gives, where Shared Key is on:
   * per place it lists them (the account, the workspace), undefined when it lists them under neither reading.
   */
  keys(role: RoleDefinition): Record<keyof typeof STORAGE_KEY_ACTIONS, RoleFlags | undefined> {
    let keys = this.keyCache.get(role);
    // Stryker disable next-line ConditionalExpression: recomputing gives the same answers; the cache only saves time.
    if (!keys) {
      const through = (action: string): RoleFlags | undefined => {
        const answers = allowsUnder(role, action);
        if (!answers.documented && !answers.literal) return undefined;
        const flags = { documented: noAccess(), literal: noAccess() };
        for (const op of DATA_OPERATIONS) {
          flags.documented[op] = answers.documented;
          flags.literal[op] = answers.literal;
        }
        return flags;
      };
      keys = {
        storage: through(STORAGE_KEY_ACTIONS.storage),
        workspace: through(STORAGE_KEY_ACTIONS.workspace),
        workspaceKeys: through(STORAGE_KEY_ACTIONS.workspaceKeys),
      };
      this.keyCache.set(role, keys);
    }
    return keys;
  }

  both(role: RoleDefinition): RoleFlags {
    let flags = this.cache.get(role);
    // Stryker disable next-line ConditionalExpression: recomputing a role's flags gives the same flags; the cache only saves time.
    if (!flags) {
      flags = { documented: noAccess(), literal: noAccess() };
      for (const op of KEY_OPERATION_NAMES) {
        const answers = allowsUnder(role, KEY_OPERATION_STRINGS[op], { dataAction: DATA_OPERATIONS.has(op) });
        flags.documented[op] = answers.documented;
        flags.literal[op] = answers.literal;
      }
      this.cache.set(role, flags);
    }
    return flags;
  }

  /** The role's flags under the documented reading. */
  flags(role: RoleDefinition): OperationFlags {
    return this.both(role).documented;
  }
}

function noAccess(): OperationFlags {
  const flags = {} as OperationFlags;
  for (const op of KEY_OPERATION_NAMES) flags[op] = false;
  return flags;
}

/** The workspace itself and every scope above it (`/`, subscription, resource group, …), normalised. */
function ancestorScopes(id: string): string[] {
  const segments = normaliseScope(id).split("/"); // ["", "subscriptions", "<sub>", …]
  // Stryker disable next-line MethodExpression: the prefixes slice(2) drops ("" and "/subscriptions") are never an assignment's scope
  return ["/", ...segments.map((_, n) => segments.slice(0, n + 1).join("/")).slice(2)];
}

/**
 * Which workspaces (indexes into `workspaces`, in `order`) an assignment reaches through the scope
 * `scopeOf` names: by `covers` when given, else through an index of every ancestor of that scope.
 */
/** Whether an assignment reaches a target: proven (true), not (false), or resting on a fact not known (`maybe`). */
export type Covered = boolean | "maybe";

/** A reached workspace's index, and whether the reach is only possible (shown uncertain). */
interface Reached {
  i: number;
  maybe: boolean;
}

function reachOf<A extends Assignment, W extends WorkspaceScope>(
  workspaces: readonly W[],
  order: readonly number[],
  scopeOf: (workspace: W) => string | undefined,
  covers?: (assignment: A, workspace: W) => Covered,
): (assignment: A) => readonly Reached[] {
  if (covers)
    return (a) => {
      const out: Reached[] = [];
      for (const i of order) {
        const c = covers(a, workspaces[i]);
        if (c) out.push({ i, maybe: c === "maybe" });
      }
      return out;
    };
  const below = new Map<string, number[]>();
  workspaces.forEach((w, i) => {
    const id = scopeOf(w);
    if (!id) return;
    for (const scope of ancestorScopes(id)) {
      const list = below.get(scope);
      if (list) list.push(i);
      else below.set(scope, [i]);
    }
  });
  // Stryker disable next-line ArrayDeclaration: an index that names no workspace is never read back (rows come from `order`)
  // A management group may contain any subscription (scopeCovers): its assignments may reach what
  // root's do, which subscriptions it holds being tenant state the plan does not see (uncertain).
  return (a) => {
    const mg = isManagementGroupScope(a.scope);
    return (below.get(mg ? "/" : normaliseScope(a.scope)) ?? []).map((i) => ({ i, maybe: mg }));
  };
}

export interface AccessMatrixOptions<A extends Assignment, W extends WorkspaceScope> {
  /** Whether an assignment reaches a workspace (control plane); default: the workspace id is at or below its scope. */
  covers?: (assignment: A, workspace: W) => Covered;
  /** Whether an assignment reaches a workspace's storage account (data plane); default: by storageAccountId. */
  coversData?: (assignment: A, workspace: W) => Covered;
  /**
   * Whether an assignment's condition lets its data actions perform a data operation on a workspace's
   * data (a key is not limited by it): `"maybe"` where the condition cannot be compared with where
   * the data is. Default: its containerPrefixes, when set, name the workspace's container prefix.
   */
  dataCondition?: (assignment: A, workspace: W, operation: KeyOperation) => Covered;
  /**
   * Whether Azure lets the assignment exist: one of a custom role outside its AssignableScopes is
   * refused, so it grants nothing; `"maybe"` where that rests on a scope not known yet.
   * Default: `withinAssignableScopes(role, scope)`.
   */
  assignable?: (assignment: A) => Covered;
  /** Members of groups (principal ids) to report on: `members` of the report. @default none */
  memberships?: readonly Membership[];
  cache?: OperationCache;
}

/**
 * What one principal (or a member, through its groups) can do at one target, per operation, in the
 * two worlds the plan cannot tell apart: the documented and the literal reading of a whole-segment `*`
 * (reaches that are sure), and reaches or routes that rest on a fact not known (`possible`).
 */
interface Cell {
  roles: string[]; // a handful per cell: an array with includes() allocates less than a Set
  documented: OperationFlags;
  literal: OperationFlags;
  /** Roles and answers of the active assignments only (eligible ones wait for an activation), per reading. */
  activeRoles: string[];
  active: OperationFlags;
  activeLiteral: OperationFlags;
  /** What assignments that only may reach the target would grant (shown uncertain where not granted for sure), and of those, actively. */
  possible: OperationFlags;
  possibleActive: OperationFlags;
}

const FLAG_FIELDS = ["documented", "literal", "active", "activeLiteral", "possible", "possibleActive"] as const;

function emptyCell(): Cell {
  return { roles: [], documented: noAccess(), literal: noAccess(), activeRoles: [], active: noAccess(), activeLiteral: noAccess(), possible: noAccess(), possibleActive: noAccess() };
}

/** The row fields of a cell some of whose roles are only eligible (nothing when all are active). */
function eligibilityOf(cell: Cell | undefined): Pick<AccessMatrixRow, "activation" | "eligibleOperations" | "eligibleRoles"> {
  const roles = cell ? cell.roles.filter((r) => !cell.activeRoles.includes(r)) : [];
  if (!roles.length) return {};
  return {
    activation: "eligible" as const,
    eligibleOperations: KEY_OPERATION_NAMES.filter((op) => cell!.documented[op] && !cell!.active[op]),
    eligibleRoles: roles.sort(),
  };
}

/** A condition on container names reaches only the projects whose containers it names. */
function prefixConditionHolds(a: Assignment, w: WorkspaceScope): boolean {
  const prefixes = a.containerPrefixes;
  // Stryker disable next-line ConditionalExpression: a list of prefixes never includes undefined, so the first test only reads better
  return !prefixes || (w.dataContainerPrefix !== undefined && prefixes.includes(w.dataContainerPrefix));
}

/** no, eligible (held once activated) or yes (standing), as one reading of a cell answers an operation. */
function state(granted: boolean, active: boolean): number {
  return granted ? (active ? 2 : 1) : 0;
}

/**
 * The operations whose answer rests on what the plan cannot know: the reading of a whole-segment `*`
 * (the readings give different answers: no, eligible or yes), or a reach or route that is only
 * possible (a subscription, group or name not known, a management group, an adopted account's
 * Shared Key setting, a condition that cannot be compared) that would give more than the sure ones.
 */
function uncertainOf(cell: Cell | undefined): KeyOperation[] {
  if (!cell) return [];
  return KEY_OPERATION_NAMES.filter((op) => {
    const documented = state(cell.documented[op], cell.active[op]);
    if (documented !== state(cell.literal[op], cell.activeLiteral[op])) return true;
    return (cell.possible[op] && documented === 0) || (cell.possibleActive[op] && documented === 1);
  });
}

/**
 * Every principal × workspace, with the roles that reach the workspace (directly or inherited from
 * its resource group or subscription) and the key operations their union grants, under both
 * readings of a whole-segment `*`. Data-plane operations are decided where the data is: an assignment counts for
 * them when it reaches the workspace's storage account (a Storage Blob Data role on the account, or
 * anything above it), or lists the account's keys where Shared Key is on.
 *
 * Access is per principal, as Azure decides it: a team's row shows everything its object id can do,
 * through every assignment in the stack (two teams with one group hold the union). `principals`
 * lists each principal once per workspace with the teams it comes through; `members` each member of
 * `memberships` with the union of its groups' (and its own) cells.
 *
 * Linear in assignments: each assignment is mapped to the workspaces below its scope once, through
 * an index of every workspace's (and storage account's) ancestor scopes (or the `covers` predicates
 * when given), and each role's answers come from the OperationCache. Rows come out sorted by team,
 * then principal, then workspace; principals by principal id, then workspace.
 */
export function buildAccess<A extends Assignment, W extends WorkspaceScope>(
  assignments: readonly A[],
  workspaces: readonly W[],
  options: AccessMatrixOptions<A, W> = {},
): AccessReport {
  const cache = options.cache ?? new OperationCache();
  const assignable = options.assignable ?? ((a: A) => withinAssignableScopes(a.role, a.scope));
  const order = workspaces.map((w, i) => i).sort((a, b) => compare(workspaces[a].name, workspaces[b].name) || compare(kindOf(workspaces[a]), kindOf(workspaces[b])));
  const reached = reachOf(workspaces, order, (w) => w.id, options.covers);
  const reachedData = reachOf(workspaces, order, (w) => w.storageAccountId, options.coversData);
  const dataCondition = options.dataCondition ?? prefixConditionHolds;

  const principals = new Map<string, { first: A; teams: Map<string, A>; cells: (Cell | undefined)[] }>();
  for (const a of assignments) {
    let entry = principals.get(a.principalId);
    if (!entry) principals.set(a.principalId, (entry = { first: a, teams: new Map(), cells: [] }));
    const team = a.label ?? a.principalId;
    if (!entry.teams.has(team)) entry.teams.set(team, a);
    const allowed = assignable(a);
    if (!allowed) continue;
    const flags = cache.both(a.role);
    const cellOf = (i: number) => (entry!.cells[i] ??= emptyCell());
    const active = a.activation !== "eligible";
    const grant = ({ i, maybe }: Reached, ops: readonly KeyOperation[], granted: RoleFlags = flags, onlyPossible = false) => {
      const cell = cellOf(i);
      const sure = !maybe && !onlyPossible && allowed === true;
      if (!cell.roles.includes(a.role.name)) cell.roles.push(a.role.name);
      // A role is held actively when an active assignment names it, whether or not its reach is sure.
      if (active && !cell.activeRoles.includes(a.role.name)) cell.activeRoles.push(a.role.name);
      for (const op of ops) {
        if (!sure) {
          if (granted.documented[op] || granted.literal[op]) {
            cell.possible[op] = true;
            if (active) cell.possibleActive[op] = true;
          }
          continue;
        }
        if (granted.documented[op]) cell.documented[op] = true;
        if (granted.literal[op]) cell.literal[op] = true;
        if (active && granted.documented[op]) cell.active[op] = true;
        if (active && granted.literal[op]) cell.activeLiteral[op] = true;
      }
    };
    // The storage account's keys give its data where Shared Key is on (or may be: uncertain).
    const keys = cache.keys(a.role);
    const keyGrant = (r: Reached, through: RoleFlags | undefined, possibleRoute = false) => {
      const shared = workspaces[r.i].sharedKeyAccess ?? "maybe";
      if (through && shared !== false) grant(r, DATA_OPERATION_LIST, through, possibleRoute || shared === "maybe");
    };
    // A registry decides the registry operations only; a workspace everything else.
    for (const r of reached(a)) {
      if (kindOf(workspaces[r.i]) === "registry") {
        grant(r, REGISTRY_OPERATION_LIST);
        continue;
      }
      grant(r, CONTROL_OPERATIONS);
      keyGrant(r, keys.workspace);
      keyGrant(r, keys.workspaceKeys, true);
    }
    // Data roles (e.g. Storage File Data Privileged Contributor) show where they reach the data even
    // when they grant none of the blob operations the matrix scores.
    const dataRole = a.role.permissions.some((p) => p.dataActions.length > 0);
    // Stryker disable next-line ConditionalExpression: only saves the loop below, which grants nothing without either
    if (!dataRole && !keys.storage) continue;
    for (const r of reachedData(a)) {
      // A key is the whole account's: no container condition limits it.
      keyGrant(r, keys.storage);
      if (!dataRole) continue;
      for (const op of DATA_OPERATION_LIST) {
        const held = dataCondition(a, workspaces[r.i], op);
        if (held) grant({ i: r.i, maybe: r.maybe || held === "maybe" }, [op]);
      }
    }
  }

  const rows: AccessMatrixRow[] = [];
  const byPrincipal: PrincipalAccess[] = [];
  const teamRows: { team: string; first: A; cells: (Cell | undefined)[] }[] = [];
  for (const [principal, p] of principals) {
    const teams = [...p.teams.keys()].sort(compare);
    for (const [team, first] of p.teams) teamRows.push({ team, first, cells: p.cells });
    for (const i of order) {
      const cell = p.cells[i];
      byPrincipal.push({
        principal,
        teams,
        workspace: workspaces[i].name,
        kind: kindOf(workspaces[i]),
        roles: cell ? [...cell.roles].sort() : [],
        operations: cell ? { ...cell.documented } : noAccess(),
        uncertain: uncertainOf(cell),
        ...eligibilityOf(cell),
      });
    }
  }
  teamRows.sort((a, b) => compare(a.team, b.team) || compare(a.first.principalId, b.first.principalId));
  for (const t of teamRows) {
    for (const i of order) {
      const cell = t.cells[i];
      rows.push({
        team: t.team,
        principalId: t.first.principalId,
        principalType: t.first.principalType,
        workspace: workspaces[i].name,
        kind: kindOf(workspaces[i]),
        roles: cell ? [...cell.roles].sort() : NO_ROLES,
        operations: cell ? { ...cell.documented } : NO_ACCESS,
        uncertain: uncertainOf(cell),
        ...eligibilityOf(cell),
      });
    }
  }
  byPrincipal.sort((a, b) => compare(a.principal, b.principal));

  // Members: the union of their groups' cells (and their own object id's), both readings and the
  // possible reaches kept apart, so a member's answer is uncertain exactly where its union's is.
  const members: MemberAccess[] = [];
  for (const m of [...(options.memberships ?? [])].sort((a, b) => compare(a.member, b.member))) {
    const ids = [...new Set([...m.groups, ...(m.memberId ? [m.memberId] : [])])].filter((id) => principals.has(id));
    const teams = [...new Set(ids.flatMap((id) => [...principals.get(id)!.teams.keys()]))].sort(compare);
    for (const i of order) {
      const union = emptyCell();
      for (const id of ids) {
        const cell = principals.get(id)!.cells[i];
        if (!cell) continue;
        for (const field of FLAG_FIELDS) for (const op of KEY_OPERATION_NAMES) if (cell[field][op]) union[field][op] = true;
      }
      const eligibleOperations = KEY_OPERATION_NAMES.filter((op) => union.documented[op] && !union.active[op]);
      members.push({
        member: m.member,
        teams,
        workspace: workspaces[i].name,
        kind: kindOf(workspaces[i]),
        operations: union.documented,
        uncertain: uncertainOf(union),
        ...(eligibleOperations.length ? { activation: "eligible", eligibleOperations } : {}),
      });
    }
  }
  return { rows, principals: byPrincipal, members };
}

/** A target's kind (workspace when not said). */
function kindOf(w: WorkspaceScope): TargetKind {
  return w.kind ?? "workspace";
}

/** The team rows of `buildAccess` (see there). */
export function buildAccessMatrix<A extends Assignment, W extends WorkspaceScope>(
  assignments: readonly A[],
  workspaces: readonly W[],
  covers?: (assignment: A, workspace: W) => Covered,
  cache: OperationCache = new OperationCache(),
  coversData?: (assignment: A, workspace: W) => Covered,
): AccessMatrixRow[] {
  return buildAccess(assignments, workspaces, { covers, coversData, cache }).rows;
}

/** A member of a group the stack creates, and the groups (principal ids) it belongs to. */
export interface Membership {
  /** Display form of the member (a user principal name when known, else its object id). */
  member: string;
  /** The member's own object id, when known: direct assignments to it count too. */
  memberId?: string;
  groups: string[];
}

/** What one member of created groups can do in one workspace: the union over its groups (and itself). */
export interface MemberAccess {
  member: string;
  /** Teams its access comes through (the teams of its groups), sorted. */
  teams: string[];
  workspace: string;
  /** What the row is about: `workspace`, `hub`, `project` or `registry`. */
  kind: string;
  operations: OperationFlags;
  uncertain: string[];
  /**
   * `eligible` when some operation comes to the member only through PIM eligibilities of its groups:
   * granted once the member activates the role, not standing (Entra PIM, "eligible assignments require
   * the member of the role to perform an action to use the role").
   */
  activation?: string;
  /** With `activation`: the key operations only an activation grants (no group holds them actively). */
  eligibleOperations?: string[];
}
const CONTROL_OPERATIONS = KEY_OPERATION_NAMES.filter((op) => !DATA_OPERATIONS.has(op) && !REGISTRY_OPERATIONS.has(op));
const REGISTRY_OPERATION_LIST = KEY_OPERATION_NAMES.filter((op) => REGISTRY_OPERATIONS.has(op));
const DATA_OPERATION_LIST = KEY_OPERATION_NAMES.filter((op) => DATA_OPERATIONS.has(op));

// Shared by every empty cell (most of a large organisation's matrix): frozen, so no caller can mutate them.
const NO_ACCESS: OperationFlags = Object.freeze(noAccess());
const NO_ROLES: string[] = Object.freeze([]) as unknown as string[];

/** Plain code-unit order: stable across locales (reports must not depend on the machine). */
function compare(a: string, b: string): number {
  // Stryker disable next-line ConditionalExpression: V8's TimSort only asks whether the result is below zero, so 0 and 1 order alike
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The dagger on a cell whose answer rests on a fact the plan cannot see. */
export const UNCERTAIN_MARK = "\u2020";

export const UNCERTAIN_FOOTNOTE =
  `${UNCERTAIN_MARK} The answer rests on a fact the plan cannot see: how Azure reads a \`/*/\` wildcard segment (does \`computes/*/write\` cover \`computes/write\`?), ` +
  "a subscription, resource group, name or storage account not known yet, what a management group holds, an adopted storage account's Shared Key setting, " +
  "whether a workspace's keys include its storage key, or a condition that cannot be compared with where the data is. Shown is the answer without it; " +
  "prod's strict policies count it as granted (docs/access.md and docs/policies.md, \"Uncertain answers\").";

const mark = (b: boolean, uncertain: boolean, eligible = false) => `${b ? (eligible ? "eligible" : "yes") : "no"}${uncertain ? UNCERTAIN_MARK : ""}`;

/** The suffix on a role held only as a PIM eligibility, in the Markdown Roles column. */
export const ELIGIBLE_SUFFIX = " (eligible)";

export const ELIGIBLE_FOOTNOTE =
  "eligible: granted only once a member activates the role in Privileged Identity Management (just in time, for at most the team's maxActivation, with justification and MFA); roles marked (eligible) are held that way (docs/access.md, \"Just-in-time admin (PIM)\").";
const md = (c: string) => c.replace(/\|/g, "\\|");

/** A row's target as tables show it: a registry is told apart from a workspace of the same name. */
export function targetLabel(row: { workspace: string; kind?: string }): string {
  return row.kind === "registry" ? `${row.workspace} (registry)` : row.workspace;
}

export interface MarkdownOptions {
  /** Members of groups the stack creates, each with what its groups give it. */
  members?: readonly MemberAccess[];
}

/** Markdown table for auditors and PR comments; a dagger marks cells that depend on the a whole-segment `*` reading, with a footnote. */
export function renderMatrixMarkdown(rows: readonly AccessMatrixRow[], options: MarkdownOptions = {}): string {
  const header = ["Team", "Workspace", "Roles", ...KEY_OPERATION_NAMES];
  const lines = [`| ${header.join(" | ")} |`, `| ${header.map(() => "---").join(" | ")} |`];
  let anyUncertain = false;
  let anyEligible = false;
  for (const r of rows) {
    const uncertain = r.uncertain ?? [];
    if (uncertain.length) anyUncertain = true;
    // Stryker disable next-line ArrayDeclaration: no role is named like a placeholder entry.
    const eligibleRoles = r.eligibleRoles ?? [];
    // Stryker disable next-line ArrayDeclaration: no key operation is named like a placeholder entry.
    const eligibleOps = r.eligibleOperations ?? [];
    if (r.activation === "eligible") anyEligible = true;
    const roles = r.roles.map((role) => (eligibleRoles.includes(role) ? `${role}${ELIGIBLE_SUFFIX}` : role)).join(", ") || "-";
    const cells = [r.team, targetLabel(r), roles, ...KEY_OPERATION_NAMES.map((op) => mark(r.operations[op], uncertain.includes(op), eligibleOps.includes(op)))];
    lines.push(`| ${cells.map(md).join(" | ")} |`);
  }
  const members = options.members ?? [];
  if (members.length) {
    const head = ["Member", "Workspace", "Through", ...KEY_OPERATION_NAMES];
    lines.push("", "Members of groups this stack creates (union over their groups):", "", `| ${head.join(" | ")} |`, `| ${head.map(() => "---").join(" | ")} |`);
    for (const m of members) {
      if (m.uncertain.length) anyUncertain = true;
      if (m.activation === "eligible") anyEligible = true;
      // Stryker disable next-line ArrayDeclaration: no key operation is named like a placeholder entry.
      const eligibleOps = m.eligibleOperations ?? [];
      const cells = [m.member, targetLabel(m), m.teams.join(", ") || "-", ...KEY_OPERATION_NAMES.map((op) => mark(m.operations[op], m.uncertain.includes(op), eligibleOps.includes(op)))];
      lines.push(`| ${cells.map(md).join(" | ")} |`);
    }
  }
  if (anyUncertain) lines.push("", UNCERTAIN_FOOTNOTE);
  if (anyEligible) lines.push("", ELIGIBLE_FOOTNOTE);
  return lines.join("\n") + "\n";
}

function csvCell(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** CSV (RFC 4180 quoting) for spreadsheets; the last column lists the uncertain operations. */
export function renderMatrixCsv(rows: readonly AccessMatrixRow[]): string {
  const header = ["team", "principalId", "workspace", "roles", ...KEY_OPERATION_NAMES, "uncertain"];
  const lines = [header.join(",")];
  for (const r of rows) {
    lines.push(
      [r.team, r.principalId, r.workspace, r.roles.join(";"), ...KEY_OPERATION_NAMES.map((op) => String(r.operations[op])), (r.uncertain ?? []).join(";")]
        .map(csvCell)
        .join(","),
    );
  }
  return lines.join("\n") + "\n";
}
