// Azure RBAC operation patterns: case-insensitive, and `*` "extends a permission to everything that
// matches the action string you provide" (MicrosoftDocs azure-docs
// articles/role-based-access-control/custom-roles.md, "Wildcard permissions").
//
// Whether a whole `/*/` segment also matches a single `/` is not settled by the docs, so every
// pattern is compiled under two readings:
// - "documented": `/*/` also matches `/`, so `computes/*/write` covers `computes/write`. Azure ML's
//   docs rely on it: the custom Data Scientist role of how-to-assign-roles.md ("can't create or
//   delete compute") subtracts only `workspaces/computes/*/write`, and AzureML Data Scientist is
//   documented as unable to create compute while its NotActions say `computes/*/write`.
// - "literal": `*` is any run of characters and nothing more, so `computes/*/write` needs at least
//   `computes//write` and does not cover `computes/write` (what the RBAC page's sentence alone says).
// Callers that must be sound evaluate both (rbac/engine.ts `allowsUnder`) and treat a difference as
// uncertain; see docs/access.md "How the access matrix reads Azure's rules".
//
// Patterns are compiled once per reading and cached: evaluating large organisations must not build a
// regular expression per check.

/** The two readings of a whole-segment `*`. */
export type PatternReading = "documented" | "literal";

const caches: Record<PatternReading, Map<string, RegExp>> = { documented: new Map(), literal: new Map() };

function escapeRegExp(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
}

export function compilePattern(pattern: string, reading: PatternReading = "documented"): RegExp {
  // Stryker disable next-line MethodExpression: the key only names the cache entry; the RegExp is case-insensitive either way.
  const key = pattern.trim().toLowerCase();
  const cache = caches[reading];
  let compiled = cache.get(key);
  // Stryker disable next-line ConditionalExpression: always recompiling gives the same RegExp; the cache only saves time.
  if (!compiled) {
    const star = (part: string) => escapeRegExp(part).replace(/\*/g, ".*");
    const body = reading === "documented" ? key.split("/*/").map(star).join("/(?:.*/)?") : star(key);
    compiled = new RegExp(`^${body}$`, "i");
    cache.set(key, compiled);
  }
  return compiled;
}

export function matchesPattern(pattern: string, operation: string, reading: PatternReading = "documented"): boolean {
  return compilePattern(pattern, reading).test(operation.trim());
}

export function matchesAny(patterns: readonly string[], operation: string, reading: PatternReading = "documented"): boolean {
  for (const p of patterns) {
    if (matchesPattern(p, operation, reading)) return true;
  }
  return false;
}
