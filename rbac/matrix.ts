import { allows, normaliseScope } from "./engine";
import { DATA_OPERATIONS, KEY_OPERATIONS, KEY_OPERATION_NAMES, KeyOperation } from "./operations";
import { Assignment, RoleDefinition } from "./types";

/** A workspace as the matrix sees it: a display name and the ARM id that scopes are compared with. */
export interface WorkspaceScope {
  name: string;
  id: string;
  /** ARM id of the workspace's storage account: where data-plane operations (readData, writeData) are decided. */
  storageAccountId?: string;
}

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
}
// Compile-time proof that the interface and KEY_OPERATIONS name the same operations.
type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : never) : never;
// Stryker disable next-line BooleanLiteral: a compile-time check; its runtime value is never read.
const _flagsMatchOperations: SameKeys<OperationFlags, Record<KeyOperation, boolean>> = true;
void _flagsMatchOperations;

/** What one principal (team) can do in one workspace. */
export interface AccessMatrixRow {
  team: string;
  principalId: string;
  principalType?: string;
  workspace: string;
  /** Roles that reach this workspace, by name, sorted. */
  roles: string[];
  operations: OperationFlags;
}

/**
 * Memoises each role's answer for the key operations: a role is evaluated once however many
 * assignments use it, which keeps the matrix linear in the number of assignments.
 */
export class OperationCache {
  private readonly cache = new Map<RoleDefinition, OperationFlags>();

  flags(role: RoleDefinition): OperationFlags {
    let flags = this.cache.get(role);
    // Stryker disable next-line ConditionalExpression: recomputing a role's flags gives the same flags; the cache only saves time.
    if (!flags) {
      flags = {} as OperationFlags;
      for (const op of KEY_OPERATION_NAMES) flags[op] = allows(role, KEY_OPERATIONS[op], { dataAction: DATA_OPERATIONS.has(op) });
      this.cache.set(role, flags);
    }
    return flags;
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
function reachOf<A extends Assignment, W extends WorkspaceScope>(
  workspaces: readonly W[],
  order: readonly number[],
  scopeOf: (workspace: W) => string | undefined,
  covers?: (assignment: A, workspace: W) => boolean,
): (assignment: A) => readonly number[] {
  if (covers) return (a) => order.filter((i) => covers(a, workspaces[i]));
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
  return (a) => below.get(normaliseScope(a.scope)) ?? [];
}

/**
 * Every principal × workspace, with the roles that reach the workspace (directly or inherited from
 * its resource group or subscription) and the key operations their union grants. Data-plane
 * operations are decided where the data is: an assignment counts for them when it reaches the
 * workspace's storage account (a Storage Blob Data role on the account, or anything above it).
 *
 * Linear in assignments: each assignment is mapped to the workspaces below its scope once, through
 * an index of every workspace's (and storage account's) ancestor scopes (or the `covers` predicates
 * when given), and each role's answers come from the OperationCache. Rows come out sorted by team,
 * then workspace.
 */
export function buildAccessMatrix<A extends Assignment, W extends WorkspaceScope>(
  assignments: readonly A[],
  workspaces: readonly W[],
  covers?: (assignment: A, workspace: W) => boolean,
  cache: OperationCache = new OperationCache(),
  coversData?: (assignment: A, workspace: W) => boolean,
): AccessMatrixRow[] {
  const order = workspaces.map((w, i) => i).sort((a, b) => compare(workspaces[a].name, workspaces[b].name));
  const reached = reachOf(workspaces, order, (w) => w.id, covers);
  const reachedData = reachOf(workspaces, order, (w) => w.storageAccountId, coversData);

  interface Cell {
    roles: string[]; // a handful per cell: an array with includes() allocates less than a Set
    operations: OperationFlags;
  }
  const principals = new Map<string, { first: A; cells: (Cell | undefined)[] }>();
  for (const a of assignments) {
    const key = JSON.stringify([a.label, a.principalId]); // team × principal, unambiguous for any label
    let entry = principals.get(key);
    if (!entry) principals.set(key, (entry = { first: a, cells: [] }));
    const flags = cache.flags(a.role);
    const cellOf = (i: number) => (entry!.cells[i] ??= { roles: [], operations: noAccess() });
    const controlReach = reached(a);
    for (const i of controlReach) {
      const cell = cellOf(i);
      if (!cell.roles.includes(a.role.name)) cell.roles.push(a.role.name);
      for (const op of CONTROL_OPERATIONS) if (flags[op]) cell.operations[op] = true;
    }
    // Data roles (e.g. Storage File Data Privileged Contributor) show where they reach the data even
    // when they grant none of the blob operations the matrix scores.
    if (!a.role.permissions.some((p) => p.dataActions.length > 0)) continue;
    for (const i of reachedData(a)) {
      const cell = cellOf(i);
      if (!cell.roles.includes(a.role.name)) cell.roles.push(a.role.name);
      for (const op of DATA_OPERATION_LIST) if (flags[op]) cell.operations[op] = true;
    }
  }

  const teams = [...principals.values()].map((p) => ({ ...p, team: p.first.label ?? p.first.principalId }));
  teams.sort((a, b) => compare(a.team, b.team) || compare(a.first.principalId, b.first.principalId));
  const rows: AccessMatrixRow[] = [];
  for (const p of teams) {
    for (const i of order) {
      const cell = p.cells[i];
      rows.push({
        team: p.team,
        principalId: p.first.principalId,
        principalType: p.first.principalType,
        workspace: workspaces[i].name,
        roles: cell ? cell.roles.sort() : NO_ROLES,
        operations: cell ? cell.operations : NO_ACCESS,
      });
    }
  }
  return rows;
}

const CONTROL_OPERATIONS = KEY_OPERATION_NAMES.filter((op) => !DATA_OPERATIONS.has(op));
const DATA_OPERATION_LIST = KEY_OPERATION_NAMES.filter((op) => DATA_OPERATIONS.has(op));

// Shared by every empty cell (most of a large organisation's matrix): frozen, so no caller can mutate them.
const NO_ACCESS: OperationFlags = Object.freeze(noAccess());
const NO_ROLES: string[] = Object.freeze([]) as unknown as string[];

/** Plain code-unit order: stable across locales (reports must not depend on the machine). */
function compare(a: string, b: string): number {
  // Stryker disable next-line ConditionalExpression: V8's TimSort only asks whether the result is below zero, so 0 and 1 order alike
  return a < b ? -1 : a > b ? 1 : 0;
}

const mark = (b: boolean) => (b ? "yes" : "no");

/** Markdown table for auditors and PR comments. */
export function renderMatrixMarkdown(rows: readonly AccessMatrixRow[]): string {
  const header = ["Team", "Workspace", "Roles", ...KEY_OPERATION_NAMES];
  const lines = [`| ${header.join(" | ")} |`, `| ${header.map(() => "---").join(" | ")} |`];
  for (const r of rows) {
    const cells = [r.team, r.workspace, r.roles.join(", ") || "-", ...KEY_OPERATION_NAMES.map((op) => mark(r.operations[op]))];
    lines.push(`| ${cells.map((c) => c.replace(/\|/g, "\\|")).join(" | ")} |`);
  }
  return lines.join("\n") + "\n";
}

function csvCell(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** CSV (RFC 4180 quoting) for spreadsheets. */
export function renderMatrixCsv(rows: readonly AccessMatrixRow[]): string {
  const header = ["team", "principalId", "workspace", "roles", ...KEY_OPERATION_NAMES];
  const lines = [header.join(",")];
  for (const r of rows) {
    lines.push(
      [r.team, r.principalId, r.workspace, r.roles.join(";"), ...KEY_OPERATION_NAMES.map((op) => String(r.operations[op]))]
        .map(csvCell)
        .join(","),
    );
  }
  return lines.join("\n") + "\n";
}
