import { allows, scopeCovers } from "./engine";
import { KEY_OPERATIONS, KEY_OPERATION_NAMES, KeyOperation } from "./operations";
import { Assignment, RoleDefinition } from "./types";

/** A workspace as the matrix sees it: a display name and the ARM id that scopes are compared with. */
export interface WorkspaceScope {
  name: string;
  id: string;
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
}
// Compile-time proof that the interface and KEY_OPERATIONS name the same operations.
type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : never) : never;
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
    if (!flags) {
      flags = {} as OperationFlags;
      for (const op of KEY_OPERATION_NAMES) flags[op] = allows(role, KEY_OPERATIONS[op]);
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

/**
 * Every principal × workspace, with the roles that reach the workspace (directly or inherited from
 * its resource group or subscription) and the key operations their union grants.
 */
export function buildAccessMatrix<A extends Assignment, W extends WorkspaceScope>(
  assignments: readonly A[],
  workspaces: readonly W[],
  covers: (assignment: A, workspace: W) => boolean = (a, w) => scopeCovers(a.scope, w.id),
  cache: OperationCache = new OperationCache(),
): AccessMatrixRow[] {
  const byPrincipal = new Map<string, A[]>();
  for (const a of assignments) {
    const key = `${a.label ?? ""}\u0000${a.principalId}`;
    const list = byPrincipal.get(key);
    if (list) list.push(a);
    else byPrincipal.set(key, [a]);
  }
  const rows: AccessMatrixRow[] = [];
  for (const list of byPrincipal.values()) {
    const first = list[0];
    for (const ws of workspaces) {
      const operations = noAccess();
      const roles = new Set<string>();
      for (const a of list) {
        if (!covers(a, ws)) continue;
        roles.add(a.role.name);
        const flags = cache.flags(a.role);
        for (const op of KEY_OPERATION_NAMES) operations[op] = operations[op] || flags[op];
      }
      rows.push({
        team: first.label ?? first.principalId,
        principalId: first.principalId,
        principalType: first.principalType,
        workspace: ws.name,
        roles: [...roles].sort(),
        operations,
      });
    }
  }
  return rows.sort((a, b) => a.team.localeCompare(b.team) || a.workspace.localeCompare(b.workspace));
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
