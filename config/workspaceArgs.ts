import { ConfigIssue, PlatformConfigError } from "./errors";
import { LOGICAL_NAME, LOGICAL_NAME_RULE, WORKSPACE_NAME_MAX } from "../naming";
import { Environment } from "./common";
import { ResolvedWorkspace, WorkspaceInput, resolveWorkspace, resolvedWorkspaceIssues, workspaceArgsSchema } from "./workspace";
import { zodIssues } from "./zodIssues";

/** `["privateEndpoint", "dnsZones", "existing", "api"]` → `WorkspaceStack "fraud" args.privateEndpoint.dnsZones.existing.api`. */
export function argsPath(name: string, segments: readonly PropertyKey[]): string {
  let out = `WorkspaceStack "${name}" args`;
  for (const s of segments) out += typeof s === "number" ? `[${s}]` : `.${String(s)}`;
  return out;
}

/**
 * Checks WorkspaceStack arguments with the same schema and rules as a stack config workspace, and
 * returns them with the environment's defaults applied. Throws one PlatformConfigError listing every
 * problem, before any child is registered. Outputs and promises are checked by Azure, not here.
 */
export function checkWorkspaceStackArgs<S, N>(name: string, args: unknown): ResolvedWorkspace<S, N> {
  const issues: ConfigIssue[] = [];
  if (typeof name !== "string" || name.length < 2 || name.length > WORKSPACE_NAME_MAX || !LOGICAL_NAME.test(name))
    issues.push({ path: `WorkspaceStack name`, rule: `must be 2-${WORKSPACE_NAME_MAX} characters of ${LOGICAL_NAME_RULE}`, value: name });
  const parsed = workspaceArgsSchema.safeParse(args, { reportInput: true });
  if (!parsed.success) {
    issues.push(...zodIssues(parsed.error, (segments) => argsPath(name, segments), workspaceArgsSchema));
    throw new PlatformConfigError(issues);
  }
  const a = parsed.data;
  const environment: Environment = a.environment ?? "dev";
  const settings = resolveWorkspace<S, N>(a as WorkspaceInput, environment);
  if (!issues.length) issues.push(...resolvedWorkspaceIssues(settings as ResolvedWorkspace<unknown, unknown>, { project: a.project, environment, name, subscriptionId: a.subscriptionId }, (segments) => argsPath(name, segments)));
  if (issues.length) throw new PlatformConfigError(issues);
  return settings;
}
