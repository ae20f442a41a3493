// `azureml-platform plan`: preview a Pulumi TypeScript program's stack and run policy packs with no
// cloud, no Pulumi CLI and no credentials. The package bin (cli/azureml-platform.ts) and
// `npm run plan` in this repository both call `planCommand`.
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { flagError, outProblem } from "./flags";
import { PlanTimings, ProgramError, packageVersion, planWithResources } from "../plan/plan";
import { PlanDiff, diffPlans } from "../plan/diff";
import { readBasePlan } from "../plan/baseFile";
import { renderDiffMarkdown, renderDiffText } from "../plan/diffReport";
import { parsePolicyConfigOption } from "../plan/policyPacks";
import { renderPlanMarkdown, renderSarif, renderText, sarifFileUri } from "../plan/report";
import { PlanInputError, findProjectDir } from "../plan/stackFiles";

export const PLAN_USAGE = `usage: azureml-platform plan [--stack S] [--project-dir DIR] [--policy-pack DIR]... [--policy-config PACK=FILE]...
                            [--known-outputs] [--json | --sarif | --markdown] [--diff BASE.json] [--out FILE]

Runs the Pulumi TypeScript program in DIR (Pulumi.yaml name, main, runtime.options; Pulumi.<S>.yaml
config) under Pulumi's mock runtime as a preview, then policy packs over what it registers: no cloud,
no Pulumi CLI, no credentials.

  --stack S                 the stack: reads Pulumi.S.yaml (default: dev)
  --project-dir DIR         the directory holding Pulumi.yaml (default: the closest one upwards from the current directory)
  --policy-pack DIR         run exactly these policy packs (repeatable), like pulumi preview --policy-pack;
                            default: the packs azureml-platform ships
  --policy-config PACK=FILE the --policy-pack-config file for pack PACK (its name or directory name; repeatable).
                            Default: PACK/config/S.json, else PACK/config/<environment>.json by the stack's
                            azureml-platform:environment (dev | prod; prod makes the shipped packs mandatory)
  --known-outputs           outputs of the stack's resources are known (a stack that exists);
                            default: a first preview, where they are unknown
  --json                    one JSON document (the plan, or with --diff the diff)
  --sarif                   SARIF 2.1.0 for code scanning (a plan, not a --diff)
  --markdown                a pull-request comment: the plan, or with --diff the diff
  --diff BASE.json          compare with an earlier plan --json of the same project, stack and mode: creates,
                            updates, replaces, deletes, hazards, access gained and lost, new mandatory violations
  --out FILE                write the output to FILE instead of standard output
  -h, --help                this help

Exit codes:
  0  no mandatory violation (with --diff: no hazard and no new mandatory violation)
  1  at least one mandatory violation (with --diff: a hazard or a new mandatory violation)
  2  bad input, one "error:" line per problem: usage, missing or invalid Pulumi.yaml / stack file / config,
     no environment and no policy config, bad policy config or pack, a failing program, a base plan
     that is unreadable or of another project, stack or mode
`;

/** Where the command writes: injectable for tests, the process's streams otherwise. */
export interface CommandIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Whether standard error is a terminal: only then does a plan say its phases as it goes. @default false */
  stderrIsTTY?: boolean;
}

const processIO: CommandIO = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  stderrIsTTY: process.stderr.isTTY === true,
};

/** Runs `plan` with its arguments (after the word `plan`) and returns the exit code. */
const PLAN_FLAGS = {
  stack: { type: "string", default: "dev" },
  "project-dir": { type: "string" },
  "policy-pack": { type: "string", multiple: true },
  "policy-config": { type: "string", multiple: true },
  "known-outputs": { type: "boolean", default: false },
  json: { type: "boolean", default: false },
  sarif: { type: "boolean", default: false },
  markdown: { type: "boolean", default: false },
  diff: { type: "string" },
  out: { type: "string" },
  help: { type: "boolean", short: "h", default: false },
} as const;
const PLAN_OPTIONS = Object.keys(PLAN_FLAGS);

export async function planCommand(argv: string[], io: CommandIO = processIO): Promise<number> {
  // node:util parseArgs is the standard library's parser: no dependency needed for these flags.
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: PLAN_FLAGS,
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    io.stderr(`error: ${flagError(e, PLAN_OPTIONS)}\n${PLAN_USAGE}`);
    return 2;
  }
  if (values.help) {
    io.stdout(PLAN_USAGE);
    return 0;
  }
  const usageError = (message: string) => {
    io.stderr(`error: ${message}\n${PLAN_USAGE}`);
    return 2;
  };
  if ([values.json, values.sarif, values.markdown].filter(Boolean).length > 1) return usageError("choose one of --json, --sarif and --markdown");
  if (values.sarif && values.diff !== undefined) return usageError("--sarif renders a plan, not a --diff");
  // Checked before planning: a plan that takes seconds must not end in a write that cannot happen.
  const out = outProblem(values.out);
  if (out) return usageError(out);

  // Like the Pulumi CLI, the closest directory upwards that holds Pulumi.yaml.
  const projectDir = values["project-dir"] !== undefined ? path.resolve(values["project-dir"]) : findProjectDir(process.cwd());
  const stack = values.stack!;
  const knownOutputs = values["known-outputs"]!;
  const timings: PlanTimings = { programMs: 0, policiesMs: 0 };
  // performance.now() counts from process start: what it reads here is module loading and startup.
  const loadMs = Math.round(performance.now());
  let output: string;
  let code: number;
  try {
    const policyConfigs = Object.fromEntries((values["policy-config"] ?? []).map(parsePolicyConfigOption));
    // Read the base first: a bad base file is reported before the program runs.
    const baseFile = values.diff;
    const base = baseFile !== undefined ? readBasePlan(baseFile, { stack, mode: knownOutputs ? "known-outputs" : "first-preview" }) : undefined;
    // A person at a terminal hears the phases of a long plan; pipes, CI logs and documents get nothing extra.
    const machine = values.json || values.sarif || values.markdown;
    const progress = io.stderrIsTTY && !machine ? (phase: string) => io.stderr(`… ${phase}\n`) : undefined;
    progress?.(`running the program of stack ${stack}`);
    const planned = await planWithResources({ projectDir, stack, policyConfigs, knownOutputs, policyPacks: values["policy-pack"], progress }, timings);
    progress?.("writing the report");
    const result = planned.result;
    if (base && baseFile !== undefined) {
      if (base.project !== result.project) throw new PlanInputError(`base plan ${baseFile} is a plan of project ${base.project}, not ${result.project}: compare plans of the same project`);
      const aliases = new Map(planned.recorded.map((r) => [r.urn, r.options.aliases]));
      const diff: PlanDiff = diffPlans(base, { ...result, resources: result.resources.map((r) => ({ ...r, aliases: aliases.get(r.urn) })) }, baseFile);
      output = values.json ? JSON.stringify(diff, null, 2) + "\n" : values.markdown ? renderDiffMarkdown(diff) : renderDiffText(diff);
      code = diff.summary.hazards > 0 || diff.violations.new.length > 0 ? 1 : 0;
    } else {
      output = values.json
        ? JSON.stringify(result, null, 2) + "\n"
        : values.sarif
          ? JSON.stringify(renderSarif(result, packageVersion(), planned.packs.map((p) => p.definition), sarifFileUri(planned.stackFile, process.cwd()), fs.readFileSync(planned.stackFile, "utf8")), null, 2) + "\n"
          : values.markdown
            ? renderPlanMarkdown(result)
            : renderText(result);
      code = result.summary.mandatory > 0 ? 1 : 0;
    }
  } catch (e) {
    if (e instanceof PlanInputError) {
      for (const line of e.lines) io.stderr(`error: ${line}\n`);
      return 2;
    }
    if (e instanceof ProgramError) {
      io.stderr(`error: the program failed: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  if (values.out) fs.writeFileSync(values.out, output);
  else {
    io.stdout(output);
    // `npm run` (unless --silent) has already written its "> azureml-platform@x plan" banner to
    // standard output, ahead of this document; say how to get the document alone.
    const env = process.env;
    const npmRunPlan = (env.npm_command === "run" || env.npm_command === "run-script") && env.npm_lifecycle_event === "plan";
    if ((values.json || values.sarif) && npmRunPlan && env.npm_config_loglevel !== "silent")
      io.stderr(`note: npm printed its script banner on standard output before this document; for the document alone use npm run --silent plan -- ... or --out FILE\n`);
  }
  // For bench/run.ts only, so the command line stays exactly the documented flags.
  if (process.env.AZUREML_PLATFORM_PLAN_TIMINGS === "1") {
    io.stderr(`timings: load ${loadMs} ms, program ${timings.programMs} ms, policies ${timings.policiesMs} ms, total ${Math.round(performance.now())} ms\n`);
  }
  return code;
}
