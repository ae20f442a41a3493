// Deny assignments over the audit's matrix: an operation a deny assignment blocks for a principal at
// a scope is not held there, whatever the role assignments grant. No Pulumi import.
import { KEY_OPERATION_STRINGS, KeyOperation, isKeyOperation } from "../rbac/operations";
import { matchesAny } from "../rbac/pattern";
import { normScope as lower, subscriptionOfScope } from "./ids";

/** A deny assignment as ARM returns it (Deny Assignments - List). */
export interface LiveDeny {
  id: string;
  name?: string;
  scope: string;
  permissions: { actions?: string[]; notActions?: string[]; dataActions?: string[]; notDataActions?: string[]; condition?: string }[];
  principals: { id: string; type?: string }[];
  excludePrincipals: { id: string; type?: string }[];
  doNotApplyToChildScopes?: boolean;
  condition?: string;
  /**
   * For one above the subscriptions (a management group's, the root's): the subscriptions whose
   * at-or-above listing returned it, which it covers. A scope's path does not say which subscriptions
   * a management group holds; ARM's answer does.
   */
  subscriptions?: string[];
}

/**
 * "Everyone": the principal id a deny assignment uses to apply to all principals (deny-assignments,
 * "Principal properties": "SystemDefined ... 00000000-0000-0000-0000-000000000000 ... Everyone").
 */
export const EVERYONE = "00000000-0000-0000-0000-000000000000";


/**
 * Whether `scope` is `target` or above it (on a segment boundary); with `exact`, only the target
 * itself. A scope above the subscriptions covers a target in one of `subscriptions` (those it was
 * listed for).
 */
export function denyScopeCovers(scope: string, target: string, exact = false, subscriptions: readonly string[] = []): boolean {
  const s = lower(scope);
  const t = lower(target);
  if (s === t) return true;
  if (exact) return false;
  const sub = subscriptionOfScope(t);
  if (!s.startsWith("/subscriptions/") && sub !== undefined && subscriptions.some((x) => x.toLowerCase() === sub)) return true;
  return s === "" || t.startsWith(`${s}/`);
}

/**
 * Whether the deny assignment applies to a principal: named (directly, or a group it is a member of),
 * or Everyone; and not excluded (directly or through a group).
 */
export function denyAppliesTo(deny: LiveDeny, principalId: string, groupsOf: (id: string) => readonly string[]): boolean {
  const ids = new Set([principalId.toLowerCase(), ...groupsOf(principalId).map((g) => g.toLowerCase())]);
  const named = deny.principals.some((p) => p.id.toLowerCase() === EVERYONE || ids.has(p.id.toLowerCase()));
  return named && !deny.excludePrincipals.some((p) => ids.has(p.id.toLowerCase()));
}

/** Whether the deny assignment blocks an operation string (data actions for data operations). */
export function denyBlocks(deny: LiveDeny, operation: string, data: boolean): boolean {
  return deny.permissions.some((p) => {
    const blocked = data ? p.dataActions ?? [] : p.actions ?? [];
    const spared = data ? p.notDataActions ?? [] : p.notActions ?? [];
    return matchesAny(blocked, operation) && !matchesAny(spared, operation);
  });
}

/** A deny assignment with a condition applies only when it holds: the audit cannot tell. */
export const conditional = (deny: LiveDeny) => Boolean(deny.condition) || deny.permissions.some((p) => Boolean(p.condition));

/**
 * The key operations deny assignments block for a principal at a target: an operation is blocked when
 * every operation string that performs it is blocked (one that is not still grants it). Conditional
 * deny assignments block nothing for certain: they are returned apart.
 */
export function deniedOperations(
  denies: readonly LiveDeny[],
  principalId: string,
  target: string,
  operations: readonly string[],
  groupsOf: (id: string) => readonly string[],
): { denied: KeyOperation[]; maybe: KeyOperation[]; by: string[] } {
  const denied: KeyOperation[] = [];
  const maybe: KeyOperation[] = [];
  const by = new Set<string>();
  const applying = denies.filter((d) => denyScopeCovers(d.scope, target, d.doNotApplyToChildScopes, d.subscriptions) && denyAppliesTo(d, principalId, groupsOf));
  for (const op of operations) {
    if (!isKeyOperation(op)) continue;
    const strings = KEY_OPERATION_STRINGS[op];
    const data = op === "readData" || op === "writeData";
    const blockedBy = (set: readonly LiveDeny[]) => strings.every((s) => set.some((d) => denyBlocks(d, s, data)));
    const certain = applying.filter((d) => !conditional(d));
    if (blockedBy(certain)) {
      denied.push(op);
      for (const d of certain) if (strings.some((s) => denyBlocks(d, s, data))) by.add(d.id);
    } else if (blockedBy(applying)) maybe.push(op);
  }
  return { denied, maybe, by: [...by].sort() };
}
