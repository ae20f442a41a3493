// The RBAC matrix's baseline: the same matrix as rbac/matrix.ts's buildAccessMatrix (same rows,
// roles and flags — test/bench/naive.test.ts holds them equal), computed the obvious way: every
// principal × workspace × key operation scans the principal's assignments and builds a fresh regular
// expression for every pattern it checks. What the engine avoids is the work; the answer is the same.
import { AccessMatrixRow, OperationFlags, WorkspaceScope } from "../rbac/matrix";
import { DATA_OPERATIONS, KEY_OPERATION_NAMES, KEY_OPERATION_STRINGS, REGISTRY_OPERATIONS } from "../rbac/operations";
import { Assignment, RoleDefinition } from "../rbac/types";

/** A pattern against an operation under one reading of a whole-segment `*` (see rbac/pattern.ts). */
function matches(pattern: string, operation: string, literal: boolean): boolean {
  const star = (part: string) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*");
  const key = pattern.trim().toLowerCase();
  const body = literal ? star(key) : key.split("/*/").map(star).join("/(?:.*/)?");
  return new RegExp(`^${body}$`, "i").test(operation.trim());
}

function naiveAllows(role: RoleDefinition, operation: string, data: boolean, literal: boolean): boolean {
  return role.permissions.some((p) => {
    const [grant, deny] = data ? [p.dataActions, p.notDataActions] : [p.actions, p.notActions];
    return grant.some((g) => matches(g, operation, literal)) && !deny.some((d) => matches(d, operation, literal));
  });
}

function covers(scope: string, target: string | undefined): boolean {
  if (target === undefined) return false;
  const norm = (s: string) => (s.trim().length > 1 ? s.trim().toLowerCase().replace(/\/+$/, "") : s.trim().toLowerCase());
  const s = norm(scope);
  const t = norm(target);
  return s === "/" || t === s || t.startsWith(s + "/");
}

const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function naiveAccessMatrix(assignments: readonly Assignment[], workspaces: readonly WorkspaceScope[]): AccessMatrixRow[] {
  const byPrincipal = new Map<string, Assignment[]>();
  for (const a of assignments) {
    const key = JSON.stringify([a.label, a.principalId]);
    byPrincipal.set(key, [...(byPrincipal.get(key) ?? []), a]);
  }
  const principals = [...byPrincipal.values()].sort((x, y) => order(x[0].label ?? x[0].principalId, y[0].label ?? y[0].principalId) || order(x[0].principalId, y[0].principalId));
  const sorted = [...workspaces].sort((x, y) => order(x.name, y.name));
  const rows: AccessMatrixRow[] = [];
  for (const list of principals) {
    for (const ws of sorted) {
      const control = list.filter((a) => covers(a.scope, ws.id));
      const data = list.filter((a) => a.role.permissions.some((p) => p.dataActions.length > 0) && covers(a.scope, ws.storageAccountId));
      const operations = {} as OperationFlags;
      const uncertain: string[] = [];
      for (const op of KEY_OPERATION_NAMES) {
        const isData = DATA_OPERATIONS.has(op);
        // An operation counts under a reading when any of its operation strings (GA and preview paths) is allowed.
        // Registry operations are decided at registries only, every other operation at workspaces only.
        const here = REGISTRY_OPERATIONS.has(op) === (ws.kind === "registry");
        const under = (literal: boolean) => here && (isData ? data : control).some((a) => KEY_OPERATION_STRINGS[op].some((s) => naiveAllows(a.role, s, isData, literal)));
        operations[op] = under(false);
        if (operations[op] !== under(true)) uncertain.push(op);
      }
      rows.push({
        team: list[0].label ?? list[0].principalId,
        principalId: list[0].principalId,
        principalType: list[0].principalType,
        workspace: ws.name,
        kind: ws.kind ?? "workspace",
        roles: [...new Set([...control, ...data].map((a) => a.role.name))].sort(),
        operations,
        uncertain,
      });
    }
  }
  return rows;
}
