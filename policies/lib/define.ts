import { PolicyConfigSchema, ReportViolation, ResourceValidationArgs, ResourceValidationPolicy, Severity, StackValidationPolicy } from "@pulumi/policy";
import { DeferredReads, isProd, isType, read, setByProgram, show, TYPES, UNKNOWN } from "./azure";
import { hubOf, kindIs } from "./hubs";

/** What a rule's check gets about one resource's values: safe reads, a report, and deferral of values unknown during preview. */
export interface ValueContext {
  props: unknown;
  prod: boolean;
  config: Record<string, any>;
  get<T = unknown>(path: string): T | undefined | typeof UNKNOWN;
  report(message: string): void;
  /**
   * Defers the rule because `path` is unknown during preview: the rest of the check still runs, then
   * the engine reports "can't run policy … during preview" and checks the real value at update.
   */
  defer(path: string): void;
  /**
   * Reports unless `path` satisfies `ok`. A missing value is reported (fail closed); a value unknown
   * during preview is deferred to the update (see `defer`).
   */
  expect<T = unknown>(path: string, ok: (value: T) => boolean, rule: string): void;
}

/** What a resource rule's check gets: the values, and the engine's arguments (name, options). */
export interface RuleContext extends ValueContext {
  args: ResourceValidationArgs;
}

/** A ValueContext over `props`, reporting to `report` and noting unknowns in `deferred`. */
function valueContext(props: unknown, prod: boolean, config: Record<string, any>, report: (message: string) => void, deferred: DeferredReads): ValueContext {
  return {
    props,
    prod,
    config,
    get: (path) => read(props, path),
    report,
    defer: (path) => deferred.add(props, path),
    expect(path, ok, rule) {
      const value = read(props, path);
      if (value === UNKNOWN) deferred.add(props, path);
      else if (value === undefined || !ok(value as any)) report(`${path} must ${rule} (got ${show(value)})`);
    },
  };
}

export interface ResourceRuleSpec {
  name: string;
  description: string;
  severity: Severity;
  remediationSteps: string;
  /** The Learn page the rule encodes. */
  url?: string;
  /** Type tokens the rule applies to; other resources are not applicable. */
  types: readonly string[];
  /** Only prod resources (see `isProd`). */
  prodOnly?: boolean;
  configSchema?: PolicyConfigSchema;
  check(ctx: RuleContext): void;
}

/** The types each resource rule applies to (for tests and tooling; the engine matches on `args.type`). */
export const RULE_TYPES = new WeakMap<ResourceValidationPolicy, readonly string[]>();

/**
 * Builds a CrossGuard resource policy from a declarative rule: type matching on `args.type`
 * (so every API version's class matches), prod scoping, and fail-closed reads.
 */
export function resourceRule(spec: ResourceRuleSpec): ResourceValidationPolicy {
  const policy: ResourceValidationPolicy = {
    name: spec.name,
    description: spec.description,
    severity: spec.severity,
    remediationSteps: spec.remediationSteps,
    url: spec.url,
    configSchema: spec.configSchema,
    validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
      if (!spec.types.some((t) => isType(args.type, t))) return;
      const prod = isProd(args.props);
      if (spec.prodOnly && !prod) return;
      const deferred = new DeferredReads();
      const ctx: RuleContext = { args, ...valueContext(args.props, prod, args.getConfig<Record<string, any>>() ?? {}, (message) => reportViolation(message), deferred) };
      spec.check(ctx);
      deferred.settle();
    },
  };
  RULE_TYPES.set(policy, spec.types);
  return policy;
}

/**
 * Whether a Compute resource is of `kind`. A missing computeType cannot be shown not to be, so it is
 * reported (fail closed); an unknown one defers the rule to the update. Either way the rule's own
 * check is skipped.
 */
export function computeTypeIs(ctx: RuleContext, kind: string): boolean {
  const type = ctx.get<string>("properties.computeType");
  if (type === UNKNOWN) {
    ctx.defer("properties.computeType");
    return false;
  }
  if (type === undefined) {
    ctx.report(`properties.computeType is not set, so the ${kind} rules cannot be checked (failing closed)`);
    return false;
  }
  return type === kind;
}

export interface WorkspaceRuleSpec {
  name: string;
  description: string;
  severity: Severity;
  remediationSteps: string;
  url?: string;
  /** Only prod workspaces (see `isProd`; a project by its own tags). */
  prodOnly?: boolean;
  /**
   * Top-level properties the rule reads that a project takes from its hub. A project that sets none
   * of them is judged by its hub's values; one that sets any is judged by its own.
   */
  inherited: readonly string[];
  check(ctx: ValueContext): void;
}

/**
 * A rule about a workspace's own settings that holds for hubs and projects as Azure applies them: a
 * default or hub workspace is judged by its own values; a project that leaves the settings out takes
 * them from its hub (concept-hub-workspace: "Project workspaces that are created using a hub obtain
 * the hub's security settings"), so it passes exactly when its hub passes, and a failing hub is
 * reported on the project too, naming the hub. A stack policy, because the hub is another resource:
 * it is found among the stack's workspaces by `hubResourceId` (a property dependency in preview, the
 * Azure name of a known id). A hub outside the stack is judged by the stack that creates it (this one
 * cannot read its settings), so such a project is not reported here; a `hubResourceId` unknown in
 * preview and built from no workspace of the stack defers the rule to the update.
 */
export function workspaceRule(spec: WorkspaceRuleSpec): StackValidationPolicy {
  return {
    name: spec.name,
    description: spec.description,
    severity: spec.severity,
    remediationSteps: spec.remediationSteps,
    url: spec.url,
    validateStack: (args, reportViolation) => {
      const deferred = new DeferredReads();
      const config = args.getConfig<Record<string, any>>() ?? {};
      for (const ws of args.resources.filter((r) => isType(r.type, TYPES.workspace))) {
        const prod = isProd(ws.props);
        if (spec.prodOnly && !prod) continue;
        const judge = (props: unknown, report: (message: string) => void) => spec.check(valueContext(props, prod, config, report, deferred));
        const project = kindIs(ws, "Project");
        if (project === "unknown") {
          deferred.add(ws.props, "kind");
          continue;
        }
        // A project that sets an inherited property is judged on it; one whose output is the first preview's
        // placeholder (unknown, fed by nothing) did not set it and is judged through its hub.
        if (!project || spec.inherited.some((p) => setByProgram(ws, p))) {
          judge(ws.props, (m) => reportViolation(m, ws.urn));
          continue;
        }
        const hub = hubOf(ws, args.resources);
        if ("pending" in hub) deferred.add(hub.pending.props, hub.pending.path);
        // Azure refuses a project without a hub; judged on its own, it fails closed on what it lacks.
        else if ("none" in hub) judge(ws.props, (m) => reportViolation(`${m} (project ${ws.name} names no hubResourceId to take it from)`, ws.urn));
        else if ("hub" in hub) judge(hub.hub.props, (m) => reportViolation(`project ${ws.name} takes this from its hub ${hub.hub.name}: ${m}`, ws.urn));
      }
      deferred.settle();
    },
  };
}
