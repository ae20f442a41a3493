import { PatternReading, matchesAny } from "./pattern";
import { Assignment, RoleDefinition } from "./types";

/**
 * How a verdict treats the a whole-segment `*` question (rbac/pattern.ts): "documented" answers with the reading
 * Azure ML's docs rely on; "strict" counts an operation as granted when either reading grants it,
 * which is sound whichever way Azure decides.
 */
export type WildcardReading = "documented" | "strict";

export const WILDCARD_READINGS: readonly WildcardReading[] = ["documented", "strict"];

/** Data-plane operations are matched against DataActions/NotDataActions, everything else against Actions/NotActions. */
export interface OperationOptions {
  dataAction?: boolean;
  /** The reading of a a whole-segment `*` segment. @default "documented" */
  reading?: PatternReading;
}

function blockLists(p: RoleDefinition["permissions"][number], dataAction: boolean | undefined): [string[], string[]] {
  return dataAction ? [p.dataActions, p.notDataActions] : [p.actions, p.notActions];
}

/**
 * Whether one role definition grants `operation`: some permission block's Actions match it and that
 * same block's NotActions do not (NotActions only subtract within their own role).
 */
export function allows(role: RoleDefinition, operation: string, options: OperationOptions = {}): boolean {
  return role.permissions.some((p) => {
    const [grant, deny] = blockLists(p, options.dataAction);
    return matchesAny(grant, operation, options.reading) && !matchesAny(deny, operation, options.reading);
  });
}

/** A role's answer under each reading of a whole-segment `*`. */
export interface ReadingAnswers {
  documented: boolean;
  literal: boolean;
}

/** Whether the role grants any of `operations`, under each reading. */
export function allowsUnder(role: RoleDefinition, operations: string | readonly string[], options: { dataAction?: boolean } = {}): ReadingAnswers {
  const list = typeof operations === "string" ? [operations] : operations;
  return {
    documented: list.some((op) => allows(role, op, { ...options, reading: "documented" })),
    literal: list.some((op) => allows(role, op, { ...options, reading: "literal" })),
  };
}

/** The verdict under a wildcard reading: strict grants when either reading does. */
export function verdict(answers: ReadingAnswers, reading: WildcardReading): boolean {
  return reading === "strict" ? answers.documented || answers.literal : answers.documented;
}

/**
 * The Actions (or DataActions) pattern through which a role grants `operation`, for findings that
 * must say why; undefined when the role does not grant it.
 */
export function grantingPattern(role: RoleDefinition, operation: string, options: OperationOptions = {}): string | undefined {
  for (const p of role.permissions) {
    const [grant, deny] = blockLists(p, options.dataAction);
    if (matchesAny(deny, operation, options.reading)) continue;
    const pattern = grant.find((g) => matchesAny([g], operation, options.reading));
    if (pattern !== undefined) return pattern;
  }
  return undefined;
}

/**
 * Why a role grants `operation` under a wildcard reading: the granting pattern, and whether the
 * grant holds only under the literal reading (the documented one denies it).
 */
export function grantUnder(
  role: RoleDefinition,
  operation: string,
  reading: WildcardReading,
  options: { dataAction?: boolean } = {},
): { pattern: string; literalOnly: boolean } | undefined {
  const documented = grantingPattern(role, operation, { ...options, reading: "documented" });
  if (documented !== undefined) return { pattern: documented, literalOnly: false };
  if (reading !== "strict") return undefined;
  const literal = grantingPattern(role, operation, { ...options, reading: "literal" });
  return literal === undefined ? undefined : { pattern: literal, literalOnly: true };
}

/** Lower-cased scope without a trailing slash: the form coverage is decided on. */
export function normaliseScope(scope: string): string {
  const trimmed = scope.trim().toLowerCase();
  return trimmed.length > 1 ? trimmed.replace(/\/+$/, "") : trimmed;
}

const MANAGEMENT_GROUP_SCOPE = /^\/providers\/microsoft\.management\/managementgroups\/[^/]+$/;

/** Whether a (normalised or raw) scope is a management group: `/providers/Microsoft.Management/managementGroups/<id>`, slashes doubled or not. */
export function isManagementGroupScope(scope: string): boolean {
  return MANAGEMENT_GROUP_SCOPE.test(normaliseScope(scope).replace(/\/{2,}/g, "/"));
}

/**
 * True when an assignment at `assignmentScope` is, or may be, inherited by `target` (the same scope
 * or a descendant). Which subscriptions and child groups sit below a management group is tenant
 * state no stack shows, so a management group is taken to contain every scope but root: an
 * assignment there may reach anything, and a "can do" answer must count it (fail closed). Azure
 * inherits along that hierarchy, and a custom role assignable at a management group is "available
 * for assignment on that management group and any management group, subscription, resource group,
 * or resource under it" (governance/management-groups/overview, "Azure custom role definition and
 * assignment").
 */
export function scopeCovers(assignmentScope: string, target: string): boolean {
  const scope = normaliseScope(assignmentScope);
  const resource = normaliseScope(target);
  if (scope === "/") return true;
  if (resource === scope || resource.startsWith(scope + "/")) return true;
  return isManagementGroupScope(scope) && resource !== "/";
}

/** True for scopes copied from documentation, e.g. `/subscriptions/<subscription_id>/…`. */
export function isPlaceholderScope(scope: string): boolean {
  return /<[^>]+>|\{[^}]+\}/.test(scope);
}

/**
 * Whether a role may be assigned at `scope`. Azure refuses to create an assignment of a custom role
 * outside its AssignableScopes (role-definitions.md, "AssignableScopes"), so such an assignment
 * grants nothing. Built-in roles are assignable everywhere; a custom role without concrete scopes
 * (none yet, or only documentation placeholders) is assignable wherever its creator puts it —
 * AccessModel sets them to exactly where it assigns.
 */
export function withinAssignableScopes(role: RoleDefinition, scope: string): boolean {
  if (!role.isCustom) return true;
  const concrete = role.assignableScopes.filter((s) => !isPlaceholderScope(s));
  return concrete.length === 0 || concrete.some((s) => scopeCovers(s, scope));
}

export interface EffectiveResult {
  allowed: boolean;
  /** The assignments that grant the operation at the scope (empty when denied). */
  grantedBy: Assignment[];
}

/**
 * Effective permission at `scope`: the union over every assignment that covers the scope. A role's
 * NotActions never remove what another assignment grants (Azure RBAC is additive; deny assignments
 * are out of scope here). An assignment outside its custom role's AssignableScopes grants nothing.
 */
export function effective(
  assignments: readonly Assignment[],
  operation: string,
  scope: string,
  options: OperationOptions = {},
): EffectiveResult {
  const grantedBy = assignments.filter(
    (a) => scopeCovers(a.scope, scope) && withinAssignableScopes(a.role, a.scope) && allows(a.role, operation, options),
  );
  return { allowed: grantedBy.length > 0, grantedBy };
}

export const ROLE_ASSIGNMENT_WRITE = "Microsoft.Authorization/roleAssignments/write";

/**
 * Whether the role can create or change role assignments, i.e. hand out access (privilege
 * escalation). Strict by default: a role that can under either reading of a whole-segment `*` is privileged.
 */
export function grantsRoleAssignmentWrite(role: RoleDefinition, reading: WildcardReading = "strict"): boolean {
  return verdict(allowsUnder(role, ROLE_ASSIGNMENT_WRITE), reading);
}
