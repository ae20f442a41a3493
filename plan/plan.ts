import * as fs from "fs";
import * as path from "path";
import { formatIssue, isPlatformConfigError } from "../config/errors";
import { PACKS, PackDefinition, packDirectory } from "../policies/packs";
import { analyzeStackAccess, stackAccessReport } from "../policies/lib/access";
import { UNKNOWN } from "../policies/lib/internals";
import { AccessMatrixRow, MemberAccess, PrincipalAccess } from "../rbac/matrix";
import { EngineResource, PolicyConfigFile, Violation, evaluatePack, policyResources } from "./engine";
import { plainInputs } from "./props";
import { RecordedResource } from "./recorder";
import { runProgram } from "./run";
import { PlanInputError, loadStackFiles } from "./stackFiles";

export interface PlanResource {
  urn: string;
  type: string;
  name: string;
  parent: string | null;
  protect: boolean;
  inputs: Record<string, unknown>;
  dependencies: string[];
}

/** One entry of `principals` in `plan --json`. */
export type PlanPrincipal = Omit<PrincipalAccess, "roles">;

/** The plan's result: the contract behind `npm run plan -- --json`. */
export interface PlanResult {
  stack: string;
  resources: PlanResource[];
  access: AccessMatrixRow[];
  /** Per principal × workspace: what its object id can do in total and the teams it comes through. */
  principals: PlanPrincipal[];
  /** Per member of a group the stack creates × workspace (the union over its groups); shown in the text report. */
  members?: MemberAccess[];
  violations: Violation[];
  /**
   * `advisory` counts every advisory violation, the deferred ones included; `deferred` counts the
   * policies that could not run because a value is unknown until the update (see `isDeferred`).
   */
  summary: { resources: number; mandatory: number; advisory: number; deferred: number };
}

export interface PlanOptions {
  projectDir: string;
  stack: string;
  /**
   * Policy config file per pack, keyed by pack name (`azureml-access`) or pack directory (`access`);
   * default `policies/<pack>/config/<stack>.json` beside each pack, when it exists.
   */
  policyConfigs?: Readonly<Record<string, string>>;
  /** Outputs of created resources known (a stack that exists) instead of unknown (a first preview, the default). */
  knownOutputs?: boolean;
  /** The Pulumi program; default the project's index.ts. */
  program?: () => unknown;
  packs?: readonly PackDefinition[];
}

export interface PlanTimings {
  programMs: number;
  policiesMs: number;
}

/** The `--policy-pack-config` file for each pack: the given one, or the pack's own `config/<stack>.json`. */
export function policyConfigFiles(packs: readonly PackDefinition[], stack: string, given: Readonly<Record<string, string>> = {}): Map<PackDefinition, string | undefined> {
  const known = new Set(packs.flatMap((p) => [p.name, p.directory]));
  for (const key of Object.keys(given)) {
    if (!known.has(key)) throw new PlanInputError(`--policy-config ${key}=…: no policy pack is named ${JSON.stringify(key)} (packs: ${packs.map((p) => p.directory).join(", ")})`);
  }
  const files = new Map<PackDefinition, string | undefined>();
  for (const pack of packs) {
    const explicit = given[pack.name] ?? given[pack.directory];
    const fallback = path.join(packDirectory(pack), "config", `${stack}.json`);
    files.set(pack, explicit ?? (fs.existsSync(fallback) ? fallback : undefined));
  }
  return files;
}

/** A violation that only says the policy could not run yet: a value it needs is unknown until the update. */
export function isDeferred(v: Violation): boolean {
  return v.enforcementLevel === "advisory" && v.message.startsWith(`can't run policy '${v.policy}' from policy pack '${v.pack}@v`) && v.message.includes("during preview");
}

/** A pack's own policy config for a stack (`policies/<pack>/config/<stack>.json`), if it has one. */
export function packConfig(pack: PackDefinition, stack: string): PolicyConfigFile | undefined {
  const file = policyConfigFiles([pack], stack).get(pack);
  return file ? readPolicyConfig(file) : undefined;
}

function readPolicyConfig(file: string): PolicyConfigFile {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    throw new PlanInputError(`policy config not found: ${file}`);
  }
  try {
    const parsed = JSON.parse(text);
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error("must be a JSON object");
    return parsed;
  } catch (e) {
    throw new PlanInputError(`policy config ${path.basename(file)} is not valid: ${(e as Error).message}`);
  }
}

export function toEngineResource(r: RecordedResource): EngineResource {
  return { ...r, props: plainInputs(r) };
}

const UNKNOWN_SENTINELS = new Set<unknown>(Object.values(UNKNOWN));

/** Wire sentinels are unreadable in reports; show unknowns as a marker instead. */
function displayInputs(value: unknown): any {
  if (UNKNOWN_SENTINELS.has(value)) return "[unknown]";
  if (Array.isArray(value)) return value.map(displayInputs);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, displayInputs(v)]));
  return value;
}

/**
 * `npm run plan`: the stack's program under Pulumi's mock runtime in preview mode, then both policy
 * packs with the engine's semantics, and the access matrix derived from the resources.
 */
export async function plan(options: PlanOptions, timings?: PlanTimings): Promise<PlanResult> {
  return (await planWithResources(options, timings)).result;
}

/** `plan`, plus every resource as the engine would send it to a policy pack (for protocol checks). */
export async function planWithResources(options: PlanOptions, timings?: PlanTimings): Promise<{ result: PlanResult; recorded: RecordedResource[] }> {
  const files = loadStackFiles(options.projectDir, options.stack);
  const packs = options.packs ?? PACKS;
  const configFiles = policyConfigFiles(packs, options.stack, options.policyConfigs);
  const policyConfigs = new Map([...configFiles].map(([pack, file]) => [pack, file ? readPolicyConfig(file) : undefined]));
  const program = options.program ?? require(path.join(options.projectDir, "index"));

  const cwd = process.cwd();
  const started = Date.now();
  let run;
  try {
    process.chdir(options.projectDir); // Pulumi runs programs in the project directory; role files resolve there.
    run = await runProgram(program, { ...files, knownOutputs: options.knownOutputs ?? false });
  } catch (e) {
    // index.ts wraps config errors in pulumi.RunError (so `pulumi up` prints no stack trace); unwrap them.
    const cause = isPlatformConfigError(e) ? e : (e as { cause?: unknown })?.cause;
    if (isPlatformConfigError(cause)) throw new PlanInputError(cause.message, cause.issues.map((i) => `invalid configuration: ${formatIssue(i)}`));
    throw e;
  } finally {
    process.chdir(cwd);
  }
  const programDone = Date.now();

  const engineResources = run.resources.map(toEngineResource);
  const version = require("../package.json").version as string;
  const violations: Violation[] = [];
  for (const pack of packs) violations.push(...(await evaluatePack(pack, engineResources, policyConfigs.get(pack), version)).violations);
  const report = stackAccessReport(analyzeStackAccess(policyResources(engineResources)));
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
    inputs: displayInputs(plainInputs(r)),
    dependencies: r.dependencies,
  }));
  const result: PlanResult = {
    stack: options.stack,
    resources,
    access: report.rows,
    principals: report.principals.map(({ principal, teams, workspace, operations, uncertain }) => ({ principal, teams, workspace, operations, uncertain })),
    members: report.members,
    violations,
    summary: {
      resources: resources.length,
      mandatory: violations.filter((v) => v.enforcementLevel === "mandatory").length,
      advisory: violations.filter((v) => v.enforcementLevel === "advisory").length,
      deferred: violations.filter(isDeferred).length,
    },
  };
  return { result, recorded: run.resources };
}
