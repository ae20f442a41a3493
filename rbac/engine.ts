import { matchesAny } from "./pattern";
import { Assignment, RoleDefinition } from "./types";

/** Data-plane operations are matched against DataActions/NotDataActions, everything else against Actions/NotActions. */
export interface OperationOptions {
  dataAction?: boolean;
}

/**
 * Whether one role definition grants `operation`: some permission block's Actions match it and that
 * same block's NotActions do not (NotActions only subtract within their own role).
 */
export function allows(role: RoleDefinition, operation: string, options: OperationOptions = {}): boolean {
  return role.permissions.some((p) => {
    const [grant, deny] = options.dataAction ? [p.dataActions, p.notDataActions] : [p.actions, p.notActions];
    return matchesAny(grant, operation) && !matchesAny(deny, operation);
  });
}

/**
 * The Actions (or DataActions) pattern through which a role grants `operation`, for findings that
 * must say why; undefined when the role does not grant it.
 */
export function grantingPattern(role: RoleDefinition, operation: string, options: OperationOptions = {}): string | undefined {
  for (const p of role.permissions) {
    const [grant, deny] = options.dataAction ? [p.dataActions, p.notDataActions] : [p.actions, p.notActions];
    if (matchesAny(deny, operation)) continue;
    const pattern = grant.find((g) => matchesAny([g], operation));
    if (pattern !== undefined) return pattern;
  }
  return undefined;
}

/** Lower-cased scope without a trailing slash: the form coverage is decided on. */
export function normaliseScope(scope: string): string {
  const trimmed = scope.trim().toLowerCase();
  return trimmed.length > 1 ? trimmed.replace(/\/+$/, "") : trimmed;
}

/** True when an assignment at `assignmentScope` is inherited by `target` (same scope or a descendant). */
export function scopeCovers(assignmentScope: string, target: string): boolean {
  const scope = normaliseScope(assignmentScope);
  const resource = normaliseScope(target);
  if (scope === "/") return true;
  return resource === scope || resource.startsWith(scope + "/");
}

export interface EffectiveResult {
  allowed: boolean;
  /** The assignments that grant the operation at the scope (empty when denied). */
  grantedBy: Assignment[];
}

/**
 * Effective permission at `scope`: the union over every assignment that covers the scope. A role's
 * NotActions never remove what another assignment grants (Azure RBAC is additive; deny assignments
 * are out of scope here).
 */
export function effective(
  assignments: readonly Assignment[],
  operation: string,
  scope: string,
  options: OperationOptions = {},
): EffectiveResult {
  const grantedBy = assignments.filter((a) => scopeCovers(a.scope, scope) && allows(a.role, operation, options));
  return { allowed: grantedBy.length > 0, grantedBy };
}

/** Whether the role can create or change role assignments, i.e. hand out access (privilege escalation). */
export function grantsRoleAssignmentWrite(role: RoleDefinition): boolean {
  return allows(role, "Microsoft.Authorization/roleAssignments/write");
}
