import { PolicyConfigSchema, ReportViolation, ResourceValidationArgs, ResourceValidationPolicy, Severity } from "@pulumi/policy";
import { DeferredReads, isProd, isType, read, show, UNKNOWN } from "./azure";

/** What a resource rule's check gets: safe reads, a report, and deferral of values unknown during preview. */
export interface RuleContext {
  args: ResourceValidationArgs;
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

export interface ResourceRuleSpec {
  name: string;
  description: string;
  severity: Severity;
  remediationSteps: string;
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
    configSchema: spec.configSchema,
    validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
      if (!spec.types.some((t) => isType(args.type, t))) return;
      const prod = isProd(args.props);
      if (spec.prodOnly && !prod) return;
      const deferred = new DeferredReads();
      const ctx: RuleContext = {
        args,
        props: args.props,
        prod,
        config: args.getConfig<Record<string, any>>() ?? {},
        get: (path) => read(args.props, path),
        report: (message) => reportViolation(message),
        defer: (path) => deferred.add(args.props, path),
        expect(path, ok, rule) {
          const value = read(args.props, path);
          if (value === UNKNOWN) deferred.add(args.props, path);
          else if (value === undefined || !ok(value as any)) reportViolation(`${path} must ${rule} (got ${show(value)})`);
        },
      };
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
