/** One rejected configuration value: where it is, which rule it breaks, and what it was. */
export interface ConfigIssue {
  /** Config path as a user writes it, e.g. `azureml-platform:workspaces[0].computes[1].minNodes`. */
  path: string;
  /** The rule in words, e.g. `must be ≤ maxNodes (4)`. */
  rule: string;
  /** The offending value, when there is one. */
  value?: unknown;
}

export function formatValue(value: unknown): string {
  if (value === undefined) return "undefined";
  try {
    const text = JSON.stringify(value);
    return text.length > 80 ? text.slice(0, 77) + "..." : text;
  } catch {
    return String(value);
  }
}

export function formatIssue(issue: ConfigIssue): string {
  const got = "value" in issue ? ` (got ${formatValue(issue.value)})` : "";
  return `${issue.path}: ${issue.rule}${got}`;
}

/**
 * Thrown before any resource is registered when configuration or component arguments are invalid.
 * The message lists every issue on its own line, so `pulumi up` and `npm run plan` show all of them at once.
 */
export class PlatformConfigError extends Error {
  readonly issues: ConfigIssue[];

  constructor(issues: ConfigIssue[]) {
    const lines = issues.map(formatIssue);
    super(lines.length === 1 ? `invalid configuration: ${lines[0]}` : `invalid configuration:\n  - ${lines.join("\n  - ")}`);
    this.name = "PlatformConfigError";
    this.issues = issues;
  }
}

export function isPlatformConfigError(e: unknown): e is PlatformConfigError {
  return e instanceof Error && (e as PlatformConfigError).name === "PlatformConfigError" && Array.isArray((e as PlatformConfigError).issues);
}
