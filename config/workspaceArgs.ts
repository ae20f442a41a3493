import { ConfigIssue, PlatformConfigError } from "./errors";
import { LOGICAL_NAME, LOGICAL_NAME_RULE, WORKSPACE_NAME_MAX } from "../naming";
import { Environment, isRegistryId } from "./common";
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
  // A program has no stack of named hubs and registries: it passes their ids (e.g. another
  // WorkspaceStack's workspaceId); names are resolved by the config-driven program.
  if (a.hub?.name !== undefined) issues.push({ path: argsPath(name, ["hub", "name"]), rule: "WorkspaceStack takes hub: { existingId: <hub workspace id> } (names of hubs are resolved by the config-driven program)", value: a.hub.name });
  (a.registries ?? []).forEach((r, i) => {
    if (typeof r === "string" && !isRegistryId(r))
      issues.push({ path: argsPath(name, ["registries", i]), rule: "must be an Azure ML registry resource id (/subscriptions/<guid>/resourceGroups/<rg>/providers/Microsoft.MachineLearningServices/registries/<name>)", value: r });
  });
  const environment: Environment = a.environment ?? "dev";
  const settings = resolveWorkspace<S, N>(a as WorkspaceInput, environment);
  if (!issues.length) issues.push(...resolvedWorkspaceIssues(settings as ResolvedWorkspace<unknown, unknown>, { project: a.project, environment, name, subscriptionId: a.subscriptionId }, (segments) => argsPath(name, segments)));
  if (issues.length) throw new PlatformConfigError(issues);
  return settings;
}
