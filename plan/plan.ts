import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { formatIssue, isPlatformConfigError } from "../config/errors";
import { PackDefinition, packDirectory } from "../policies/packs";
import { analyzeStackAccess, stackAccessReport } from "../policies/lib/access";
import { UNKNOWN } from "../policies/lib/internals";
import { AccessMatrixRow, MemberAccess, PrincipalAccess } from "../rbac/matrix";
import { EngineResource, PolicyConfigFile, Violation, evaluatePack, policyResources } from "./engine";
import { plainProps } from "./props";
import { isProviderType } from "./providers";
import { RecordedResource } from "./recorder";
import { PlanPack, PolicyConfigUse, choosePolicyConfigs, loadPolicyPack, packagePacks, readPolicyConfig } from "./policyPacks";
import { loadProgram, programDirectory } from "./program";
import { runProgram } from "./run";
import { PlanInputError, loadStackFiles } from "./stackFiles";
import { UNKNOWN_MARKER } from "../core/markers";

export interface PlanResource {
  urn: string;
  type: string;
  name: string;
  parent: string | null;
  protect: boolean;
  inputs: Record<string, unknown>;
  dependencies: string[];
  /** Per input, the URNs its value came from (what `plan --diff` follows when a value is unknown). */
  propertyDependencies?: Record<string, string[]>;
  /** The resource's `ignoreChanges` (only when it has some): the engine keeps the old value of these inputs on update. */
  ignoreChanges?: string[];
}

/** First preview (outputs of new resources unknown, the default) or a stack whose resources exist. */
export type PlanMode = "first-preview" | "known-outputs";

/** The plan's result: the contract behind `plan --json`. */
/** One entry of `principals` in `plan --json`. */
export type PlanPrincipal = Omit<PrincipalAccess, "roles">;

export interface PlanResult {
  /** The program's project (Pulumi.yaml `name`). */
  project: string;
  stack: string;
  mode: PlanMode;
  resources: PlanResource[];
  /** Stack outputs as the program returns them; unknown values read "[unknown]", secrets "[secret]". */
  outputs: Record<string, unknown>;
  access: AccessMatrixRow[];
  /** Which `--policy-pack-config` each pack ran with. */
  policyConfig: PolicyConfigUse[];
  /** Per principal × workspace: what its object id can do in total and the teams it comes through. */
  principals: PlanPrincipal[];
  /** Per member of a group the stack creates × workspace (the union over its groups); shown in the text report. */
  members?: MemberAccess[];
  violations: Violation[];
  /**
   * Every violation is counted once: `mandatory`, `advisory` (not deferred) or `deferred` (a policy
   * that could not run because a value is unknown until the update, see `isDeferred`). The text
   * summary prints the same three numbers.
   */
  summary: { resources: number; mandatory: number; advisory: number; deferred: number };
}

export interface PlanOptions {
  projectDir: string;
  stack: string;
  /**
   * Policy config file per pack, keyed by pack name (`azureml-access`) or pack directory (`access`);
   * default `<pack>/config/<stack>.json`, else `<pack>/config/<environment>.json` (see `choosePolicyConfigs`).
   */
  policyConfigs?: Readonly<Record<string, string>>;
  /** Outputs of created resources known (a stack that exists) instead of unknown (a first preview, the default). */
  knownOutputs?: boolean;
  /** The Pulumi program; default the project's entry point, loaded as the Node.js language host does. */
  program?: () => unknown;
  /** Policy pack directories (`--policy-pack`): exactly these packs run. Default this package's packs. */
  policyPacks?: readonly string[];
  packs?: readonly PackDefinition[];
  /** Told each phase as it ends (program, packs), for a person watching a long plan. @default silent */
  progress?: (phase: string) => void;
  /** The time the program runs at (a budget's start month); default the real clock. */
  now?: Date;
}

export interface PlanTimings {
  programMs: number;
  policiesMs: number;
}

/** The config key that names a stack's environment (dev | prod) and so the packs' default enforcement. */
export const ENVIRONMENT_KEY = "azureml-platform:environment";

/** A violation that only says the policy could not run yet: a value it needs is unknown until the update. */
export function isDeferred(v: Violation): boolean {
  return v.enforcementLevel === "advisory" && v.message.startsWith(`can't run policy '${v.policy}' from policy pack '${v.pack}@v`) && v.message.includes("during preview");
}

/** A pack's own policy config for a stack (`policies/<pack>/config/<stack>.json`), if it has one. */
export function packConfig(pack: PackDefinition, stack: string): PolicyConfigFile | undefined {
  const file = path.join(packDirectory(pack), "config", `${stack}.json`);
  return fs.existsSync(file) ? readPolicyConfig(file) : undefined;
}

/** This package's version, from its package.json (found upwards: from source or from dist/). */
export function packageVersion(): string {
  for (let dir = __dirname; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    const file = path.join(dir, "package.json");
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, "utf8"));
      if (pkg.name === "azureml-platform") return pkg.version;
    }
  }
  return "0.0.0";
}

/**
 * A recorded resource as the engine hands it to policies: inputs for resource policies, outputs for
 * stack policies, and its provider (looked up in `providers` by URN: the default providers and the
 * program's own provider resources).
 */
export function toEngineResource(r: RecordedResource, providers?: ReadonlyMap<string, RecordedResource>): EngineResource {
  const { inputs, outputs, provider: reference, providerUrn, ...rest } = r;
  const provider = providerUrn ? providers?.get(providerUrn) : undefined;
  return {
    ...rest,
    props: plainProps(inputs),
    ...(outputs ? { stackProps: plainProps(outputs) } : {}),
    ...(provider ? { provider: { urn: provider.urn, type: provider.type, name: provider.name, props: plainProps(provider.inputs) } } : {}),
  };
}

/** Every resource the engine holds for a run, providers first, as policies see them. */
export function engineResources(run: { resources: readonly RecordedResource[]; providers: readonly RecordedResource[] }): EngineResource[] {
  const all = [...run.providers, ...run.resources];
  const providers = new Map(all.filter((r) => isProviderType(r.type)).map((r) => [r.urn, r]));
  return all.map((r) => toEngineResource(r, providers));
}

const UNKNOWN_SENTINELS = new Set<unknown>(Object.values(UNKNOWN));

/** Wire sentinels are unreadable in reports; show unknowns as a marker instead. */
function displayInputs(value: unknown): any {
  if (UNKNOWN_SENTINELS.has(value)) return UNKNOWN_MARKER;
  if (Array.isArray(value)) return value.map(displayInputs);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, displayInputs(v)]));
  return value;
}

/**
 * `azureml-platform plan`: the stack's program under Pulumi's mock runtime in preview mode, then the
 * policy packs with the engine's semantics, and the access matrix derived from the resources.
 */
export async function plan(options: PlanOptions, timings?: PlanTimings): Promise<PlanResult> {
  return (await planWithResources(options, timings)).result;
}

function relativeToProject(projectDir: string, file: string): string {
  const rel = path.relative(projectDir, file);
  return rel.startsWith("..") || path.isAbsolute(rel) ? file : rel.split(path.sep).join("/");
}

/** `plan`, plus every resource as the engine would send it to a policy pack (for protocol checks). */
export async function planWithResources(options: PlanOptions, timings?: PlanTimings): Promise<{ result: PlanResult; recorded: RecordedResource[]; providers: RecordedResource[]; packs: PlanPack[]; stackFile: string }> {
  const projectDir = path.resolve(options.projectDir);
  const files = loadStackFiles(projectDir, options.stack);
  const version = packageVersion();
  const packs: PlanPack[] = options.policyPacks?.length
    ? options.policyPacks.map(loadPolicyPack)
    : options.packs
      ? options.packs.map((definition) => ({ definition, dir: packDirectory(definition), version }))
      : packagePacks(version);
  const environment = files.config[ENVIRONMENT_KEY];
  const choices = choosePolicyConfigs(packs, options.stack, environment, options.policyConfigs);
  const policyConfigs = new Map([...choices].map(([pack, c]) => [pack, c.file ? readPolicyConfig(c.file) : undefined]));
  const program = options.program ?? loadProgram(projectDir, files);

  const cwd = process.cwd();
  const started = Date.now();
  let run;
  try {
    process.chdir(programDirectory(projectDir, files.main)); // where Pulumi runs the program; role files resolve there
    run = await runProgram(program, { ...files, knownOutputs: options.knownOutputs ?? false, now: options.now });
  } catch (e) {
    // Programs wrap config errors in pulumi.RunError (so `pulumi up` prints no stack trace); unwrap them.
    const cause = isPlatformConfigError(e) ? e : (e as { cause?: unknown })?.cause;
    if (isPlatformConfigError(cause)) throw new PlanInputError(cause.message, cause.issues.map((i) => `invalid configuration: ${formatIssue(i)}`));
    if (e instanceof PlanInputError) throw e;
    // A program's own error is what `pulumi preview` would print: its message, no plan.
    const err = e as Error & { code?: string };
    const missing = missingPackage(err);
    if (missing) throw new PlanInputError(`the program needs ${missing}, which is not installed in ${projectDir}: npm install ${missing}`);
    // One line, no stack trace (the exit-code contract): the message, as `pulumi preview` leads with it.
    throw new ProgramError(String(err?.message ?? e).split("\n")[0]);
  } finally {
    process.chdir(cwd);
  }
  const programDone = Date.now();
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  options.progress?.(`program done: ${run.resources.length} resources registered in ${seconds(programDone - started)}; running ${packs.length} policy pack${packs.length === 1 ? "" : "s"}`);

  const seen = engineResources(run);
  const violations: Violation[] = [];
  for (const pack of packs) violations.push(...(await evaluatePack(pack.definition, seen, policyConfigs.get(pack), pack.version)).violations);
  // The access matrix is read from what the access policies judge: the stack as AnalyzeStack hands it.
  const report = stackAccessReport(analyzeStackAccess(policyResources(seen)), { memberNames: run.userNames });
  options.progress?.(`policy packs done in ${seconds(Date.now() - programDone)}`);
  if (timings) {
    timings.programMs = programDone - started;
    timings.policiesMs = Date.now() - programDone;
  }

  const resources: PlanResource[] = run.resources.map((r) => ({
    urn: r.urn,
    type: r.type,
    name: r.name,
    parent: r.parent ?? null,
    protect: r.protect,
    inputs: displayInputs(plainProps(r.inputs)),
    dependencies: r.dependencies,
    propertyDependencies: r.propertyDependencies,
    ...(r.options.ignoreChanges.length ? { ignoreChanges: [...r.options.ignoreChanges] } : {}),
  }));
  const deferred = violations.filter(isDeferred).length;
  const mandatory = violations.filter((v) => v.enforcementLevel === "mandatory").length;
  const result: PlanResult = {
    project: files.project,
    stack: options.stack,
    mode: options.knownOutputs ? "known-outputs" : "first-preview",
    resources,
    outputs: run.outputs,
    access: report.rows,
    principals: report.principals.map(({ roles, ...principal }) => principal),
    members: report.members,
    policyConfig: [...choices].map(([pack, c]) => ({ pack: pack.definition.name, file: c.file ? relativeToProject(projectDir, c.file) : null, source: c.source })),
    violations,
    summary: { resources: resources.length, mandatory, advisory: violations.length - mandatory - deferred, deferred },
  };
  return { result, recorded: run.resources, providers: run.providers, packs, stackFile: files.stackFile };
}

/** The package a program could not load (`Cannot find module '@pulumi/azuread'`), not a file of its own. */
function missingPackage(err: { code?: string; message?: string } | undefined): string | undefined {
  if (err?.code !== "MODULE_NOT_FOUND") return undefined;
  const spec = /Cannot find module '([^']+)'/.exec(err.message ?? "")?.[1];
  if (!spec || spec.startsWith(".") || path.isAbsolute(spec)) return undefined;
  const parts = spec.split("/");
  return spec.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

/** The program itself failed (not its config): exit 2 with its message, as `pulumi preview` would stop. */
export class ProgramError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ProgramError";
  }
}
