import * as fs from "fs";
import * as path from "path";
import { formatIssue, isPlatformConfigError } from "../config/errors";
import { PACKS, PackDefinition } from "../policies/packs";
import { analyzeStackAccess, stackAccessRows } from "../policies/lib/access";
import { UNKNOWN } from "../policies/lib/internals";
import { AccessMatrixRow } from "../rbac/matrix";
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

/** The plan's result: the contract behind `npm run plan -- --json`. */
export interface PlanResult {
  stack: string;
  resources: PlanResource[];
  access: AccessMatrixRow[];
  violations: Violation[];
  summary: { resources: number; mandatory: number; advisory: number };
}

export interface PlanOptions {
  projectDir: string;
  stack: string;
  /** Policy config file; default `policies/config/<stack>.json` when it exists. */
  policyConfig?: string;
  /** The Pulumi program; default the project's index.ts. */
  program?: () => unknown;
  packs?: readonly PackDefinition[];
}

export interface PlanTimings {
  programMs: number;
  policiesMs: number;
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
  const files = loadStackFiles(options.projectDir, options.stack);
  const defaultConfig = path.join(options.projectDir, "policies", "config", `${options.stack}.json`);
  const configFile = options.policyConfig ?? (fs.existsSync(defaultConfig) ? defaultConfig : undefined);
  const policyConfig = configFile ? readPolicyConfig(configFile) : undefined;
  const program = options.program ?? require(path.join(options.projectDir, "index"));

  const cwd = process.cwd();
  const started = Date.now();
  let run;
  try {
    process.chdir(options.projectDir); // Pulumi runs programs in the project directory; role files resolve there.
    run = await runProgram(program, files);
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
  for (const pack of options.packs ?? PACKS) violations.push(...(await evaluatePack(pack, engineResources, policyConfig, version)).violations);
  const access = stackAccessRows(analyzeStackAccess(policyResources(engineResources)));
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
  return {
    stack: options.stack,
    resources,
    access,
    violations,
    summary: {
      resources: resources.length,
      mandatory: violations.filter((v) => v.enforcementLevel === "mandatory").length,
      advisory: violations.filter((v) => v.enforcementLevel === "advisory").length,
    },
  };
}
