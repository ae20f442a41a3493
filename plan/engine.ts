import Ajv from "ajv";
import {
  EnforcementLevel,
  PolicyResource,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  Severity,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import { PackDefinition } from "../policies/packs";
import { UnknownValueError, unknownCheckingProxy } from "../policies/lib/internals";
import { RecordedResource } from "./recorder";
import { PlanInputError } from "./stackFiles";

/** A resource's provider as policies see it (@pulumi/policy PolicyProviderResource). */
export interface EngineProvider {
  urn: string;
  type: string;
  name: string;
  props: Record<string, any>;
}

/** A recorded resource as the engine hands it to policies: props deserialized, unknowns still sentinels. */
export interface EngineResource extends Omit<RecordedResource, "inputs" | "options" | "outputs" | "provider"> {
  /** What a resource policy sees (Analyze): the resource's inputs. */
  props: Record<string, any>;
  /** What a stack policy sees (AnalyzeStack): the resource's outputs; default `props`. */
  stackProps?: Record<string, any>;
  /** The resource's provider (default or explicit), with its inputs as props. */
  provider?: EngineProvider;
  options?: Partial<RecordedResource["options"]>;
}

export interface Violation {
  pack: string;
  policy: string;
  enforcementLevel: EnforcementLevel;
  severity?: Severity;
  urn?: string;
  message: string;
}

export interface PackResult {
  violations: Violation[];
  notApplicable: { policy: string; reason?: string }[];
}

/** What `--policy-pack-config` files hold: per policy an enforcement level, or an object with one and settings. */
export type PolicyConfigFile = Record<string, string | ({ enforcementLevel?: EnforcementLevel } & Record<string, unknown>)>;

export interface ReconciledPolicyConfig {
  enforcementLevel: EnforcementLevel;
  properties: Record<string, unknown>;
}

const ajv = new Ajv({ allErrors: true, strict: false, useDefaults: false });

/**
 * One compiled validator per policy's configSchema object: compiling is most of a config check, and
 * a process that plans more than once (tests, the bench, `--diff` tooling) would otherwise compile
 * every policy's schema again for every pack of every plan. Keyed by the schema object itself: policies
 * are module-level constants, and a pack loaded from another directory brings its own objects.
 */
const validators = new WeakMap<object, ReturnType<typeof ajv.compile>>();
function validatorFor(configSchema: object): ReturnType<typeof ajv.compile> {
  let validate = validators.get(configSchema);
  if (!validate) validators.set(configSchema, (validate = ajv.compile({ type: "object", ...configSchema })));
  return validate;
}

/**
 * The engine's ReconcilePolicyPackConfig (pkg/resource/analyzer/config.go): schema defaults, then
 * `all`, then each policy's entry, then validation against each policy's configSchema.
 *
 * An entry naming a policy the pack does not have is refused: the engine's applyConfig copies it into
 * the pack's config with enforcement level "" (unless the entry sets one), and the analyzer plugin's
 * Configure then fails with `invalid enforcement level ""`, so `pulumi preview` would not start.
 */
export function reconcileConfig(pack: PackDefinition, file: PolicyConfigFile = {}): Record<string, ReconciledPolicyConfig> {
  const names = new Set(pack.policies.map((p) => p.name));
  const foreign = Object.keys(file).filter((name) => name !== "all" && !names.has(name));
  if (foreign.length)
    throw new PlanInputError(
      `policy config for pack ${pack.name} names ${foreign.map((n) => JSON.stringify(n)).join(", ")}, which ${foreign.length > 1 ? "are not policies" : "is not a policy"} of that pack (the Pulumi engine refuses it: invalid enforcement level "")`,
    );
  const result: Record<string, ReconciledPolicyConfig> = {};
  for (const p of pack.policies) {
    const properties: Record<string, unknown> = {};
    for (const [k, schema] of Object.entries(p.configSchema?.properties ?? {})) {
      if ((schema as any).default !== undefined) properties[k] = structuredClone((schema as any).default);
    }
    result[p.name] = { enforcementLevel: p.enforcementLevel ?? pack.enforcementLevel, properties };
  }
  const all = file.all;
  const allLevel = typeof all === "string" ? all : all?.enforcementLevel;
  if (allLevel) for (const c of Object.values(result)) c.enforcementLevel = allLevel as EnforcementLevel;
  for (const [name, entry] of Object.entries(file)) {
    if (name === "all") continue;
    if (typeof entry === "string") result[name].enforcementLevel = entry as EnforcementLevel;
    else {
      const { enforcementLevel, ...props } = entry;
      if (enforcementLevel) result[name].enforcementLevel = enforcementLevel;
      Object.assign(result[name].properties, props);
    }
  }
  for (const p of pack.policies) {
    const level = result[p.name].enforcementLevel;
    if (!["advisory", "mandatory", "remediate", "disabled"].includes(level))
      throw new PlanInputError(`policy config for ${p.name}: enforcementLevel must be advisory | mandatory | remediate | disabled (got ${JSON.stringify(level)})`);
    if (!p.configSchema) continue;
    const validate = validatorFor(p.configSchema);
    if (!validate(result[p.name].properties)) {
      const e = validate.errors![0];
      throw new PlanInputError(`policy config for ${p.name}${e.instancePath.replace(/\//g, ".")}: ${e.message}`);
    }
  }
  return result;
}

class NotApplicable extends Error {
  constructor(readonly reason?: string) {
    super(reason ?? "Policy does not apply");
  }
}

function isTypeOf(type: string, resourceClass: any): boolean {
  return typeof resourceClass?.isInstance === "function" && resourceClass.__pulumiType === type;
}

/** Links resources into the graph stack policies see (parent, dependencies, propertyDependencies as objects). */
export function policyResources(resources: readonly EngineResource[]): PolicyResource[] {
  const byUrn = new Map<string, PolicyResource>();
  const built = resources.map((r) => {
    const props = unknownCheckingProxy(r.stackProps ?? r.props);
    const pr: PolicyResource = {
      type: r.type,
      props,
      urn: r.urn,
      name: r.name,
      opts: optionsOf(r),
      dependencies: [],
      propertyDependencies: {},
      isType: (cls: any) => isTypeOf(r.type, cls),
      asType: ((cls: any) => (isTypeOf(r.type, cls) ? props : undefined)) as any,
      ...(r.provider ? { provider: providerOf(r.provider) } : {}),
    };
    byUrn.set(r.urn, pr);
    return pr;
  });
  resources.forEach((r, i) => {
    const pr = built[i];
    if (r.parent && byUrn.has(r.parent)) pr.parent = byUrn.get(r.parent);
    pr.dependencies = r.dependencies.map((d) => byUrn.get(d)).filter((d): d is PolicyResource => !!d);
    for (const [k, urns] of Object.entries(r.propertyDependencies))
      pr.propertyDependencies[k] = urns.map((d) => byUrn.get(d)).filter((d): d is PolicyResource => !!d);
  });
  return built;
}

/** @pulumi/policy server.ts getProviderResource: the provider's props behind the same unknown-checking proxy. */
function providerOf(p: EngineProvider) {
  return { urn: p.urn, type: p.type, name: p.name, props: unknownCheckingProxy(p.props) };
}

function optionsOf(r: EngineResource) {
  return {
    protect: r.protect,
    ignoreChanges: r.options?.ignoreChanges ?? [],
    aliases: r.options?.aliases ?? [],
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    additionalSecretOutputs: r.options?.additionalSecretOutputs ?? [],
    deleteBeforeReplace: r.options?.deleteBeforeReplace,
    parent: r.parent,
  };
}

/**
 * Evaluates one pack over a stack's resources with @pulumi/policy's analyzer semantics: resource
 * policies per resource (props behind unknownCheckingProxy, unknown values turned into an advisory
 * "can't run during preview"), stack policies over the linked graph, notApplicable, disabled levels,
 * and remediate downgraded to mandatory.
 */
export async function evaluatePack(
  pack: PackDefinition,
  resources: readonly EngineResource[],
  file?: PolicyConfigFile,
  version = "0.0.0",
): Promise<PackResult> {
  const config = reconcileConfig(pack, file);
  const violations: Violation[] = [];
  const notApplicable: PackResult["notApplicable"] = [];
  // Analyze hands a resource policy the resource's inputs; AnalyzeStack hands a stack policy every
  // resource's outputs (pulumi/pulumi pkg/resource/deploy/step_generator.go, analyzeAll / AnalyzeResources).
  const graph = policyResources(resources);
  const inputGraph = resources.some((r) => r.stackProps) ? policyResources(resources.map(({ stackProps, ...r }) => r)) : graph;

  for (const p of pack.policies) {
    let level = config[p.name].enforcementLevel;
    if (level === "disabled") continue;
    if (level === "remediate") level = "mandatory";
    const getConfig = <T>() => structuredClone(config[p.name].properties) as T;
    const report =
      (urn?: string): ReportViolation =>
      (message: string, reportedUrn?: string) =>
        violations.push({ pack: pack.name, policy: p.name, enforcementLevel: level, severity: p.severity, urn: reportedUrn ?? urn, message: message || p.description });
    const onError = (e: unknown, urn?: string) => {
      if (e instanceof UnknownValueError) {
        violations.push({
          pack: pack.name,
          policy: p.name,
          enforcementLevel: "advisory",
          severity: p.severity,
          urn,
          message: `can't run policy '${p.name}' from policy pack '${pack.name}@v${version}' during preview: ${(e as Error).message}`,
        });
      } else if (e instanceof NotApplicable) {
        notApplicable.push({ policy: p.name, reason: e.reason });
      } else {
        throw new Error(`Error validating resource with policy '${p.name}' from policy pack '${pack.name}@v${version}': ${(e as Error).stack ?? e}`);
      }
    };
    const notApplicableFn = (reason?: string): never => {
      throw new NotApplicable(reason);
    };

    if ("validateResource" in p && p.validateResource) {
      const validations = Array.isArray(p.validateResource) ? p.validateResource : [p.validateResource];
      for (const r of inputGraph) {
        if (r.type === "pulumi:pulumi:Stack") continue;
        for (const validate of validations) {
          const args: ResourceValidationArgs = {
            type: r.type,
            props: r.props,
            urn: r.urn,
            name: r.name,
            opts: r.opts,
            isType: r.isType,
            asType: r.asType,
            ...(r.provider ? { provider: r.provider } : {}),
            getConfig,
            notApplicable: notApplicableFn,
          } as unknown as ResourceValidationArgs;
          try {
            await Promise.resolve(validate(args, report(r.urn)));
          } catch (e) {
            onError(e, r.urn);
          }
        }
      }
    } else if ("validateStack" in p) {
      const args = { resources: graph, getConfig, notApplicable: notApplicableFn } as unknown as StackValidationArgs;
      try {
        await Promise.resolve((p as StackValidationPolicy).validateStack(args, report()));
      } catch (e) {
        onError(e);
      }
    } else {
      notApplicable.push({ policy: p.name, reason: "Policy does not implement validateResource" });
    }
  }
  return { violations, notApplicable };
}

export type { ResourceValidationPolicy };
