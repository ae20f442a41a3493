// Azure RBAC operation patterns: case-insensitive, `*` matches any run of characters (including `/`),
// and a whole `/*/` segment also matches a single `/`, so `workspaces/*/delete` covers
// `workspaces/delete`, as Azure's custom-role documentation promises ("can't delete the workspace").
//
// Patterns are compiled once and cached: evaluating large organisations must not build a regular
// expression per check.
const cache = new Map<string, RegExp>();

function escapeRegExp(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
}

export function compilePattern(pattern: string): RegExp {
  const key = pattern.trim().toLowerCase();
  let compiled = cache.get(key);
  // Stryker disable next-line ConditionalExpression: always recompiling gives the same RegExp; the cache only saves time.
  if (!compiled) {
    const body = key
      .split("/*/")
      .map((part) => escapeRegExp(part).replace(/\*/g, ".*"))
      .join("/(?:.*/)?");
    compiled = new RegExp(`^${body}$`, "i");
    cache.set(key, compiled);
  }
  return compiled;
}

export function matchesPattern(pattern: string, operation: string): boolean {
  return compilePattern(pattern).test(operation.trim());
}

export function matchesAny(patterns: readonly string[], operation: string): boolean {
  for (const p of patterns) {
    if (matchesPattern(p, operation)) return true;
  }
  return false;
}
