// `npm run plan -- --stack <name> [--json | --sarif] [--out FILE]`: preview a stack and run both
// policy packs with no cloud, no Pulumi CLI and no credentials.
//
// Run through sucrase (see package.json): it strips types without loading the TypeScript compiler,
// which keeps the whole plan under the bench's 3 s budget; `npm test` type-checks with tsc.
//
// Exit codes: 0 no mandatory violation, 1 at least one, 2 bad input (missing stack file, invalid
// YAML or config, bad policy config) reported as one line per problem, never a stack trace.
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { PlanTimings, planWithResources } from "../plan/plan";
import { PlanDiff, diffPlans } from "../plan/diff";
import { readBasePlan } from "../plan/baseFile";
import { renderDiffMarkdown, renderDiffText } from "../plan/diffReport";
import { renderSarif, renderText } from "../plan/report";
import { PlanInputError } from "../plan/stackFiles";

const USAGE =
  "usage: npm run plan -- [--stack <name>] [--json | --sarif] [--out FILE] [--known-outputs] [--policy-config <pack>=FILE]... [--project-dir DIR]\n" +
  "       npm run plan -- --stack <name> --diff BASE.json [--json | --markdown] [--out FILE]\n" +
  "  --diff BASE.json         compare with an earlier plan --json of the same stack: changes, hazards, access gained and lost (exit 1 on a hazard)\n" +
  "  --known-outputs          outputs of the stack's resources are known (a stack that exists); default: a first preview, where they are unknown\n" +
  "  --policy-config P=FILE   the --policy-pack-config file for pack P (access | security); default policies/<pack>/config/<stack>.json";

/** `access=FILE` → ["access", FILE]. */
function packConfigOption(value: string): [string, string] {
  const eq = value.indexOf("=");
  if (eq <= 0 || eq === value.length - 1) throw new PlanInputError(`--policy-config takes <pack>=<file> (e.g. access=policies/access/config/prod.json), got ${JSON.stringify(value)}`);
  return [value.slice(0, eq), path.resolve(value.slice(eq + 1))];
}

async function main(argv: string[]): Promise<number> {
  // node:util parseArgs is the standard library's parser: no dependency needed for five flags.
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        stack: { type: "string", default: "dev" },
        json: { type: "boolean", default: false },
        sarif: { type: "boolean", default: false },
        out: { type: "string" },
        "policy-config": { type: "string", multiple: true },
        "known-outputs": { type: "boolean", default: false },
        diff: { type: "string" },
        markdown: { type: "boolean", default: false },
        "project-dir": { type: "string" },
        timings: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
    }));
  } catch (e) {
    process.stderr.write(`error: ${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if ([values.json, values.sarif, values.markdown].filter(Boolean).length > 1) {
    process.stderr.write(`error: choose one of --json, --sarif and --markdown\n${USAGE}\n`);
    return 2;
  }
  if (values.markdown && values.diff === undefined) {
    process.stderr.write(`error: --markdown renders a --diff\n${USAGE}\n`);
    return 2;
  }
  if (values.sarif && values.diff !== undefined) {
    process.stderr.write(`error: --sarif renders a plan, not a --diff\n${USAGE}\n`);
    return 2;
  }
  const projectDir = path.resolve(values["project-dir"] ?? path.join(__dirname, ".."));
  const timings: PlanTimings = { programMs: 0, policiesMs: 0 };
  // performance.now() counts from process start: what it reads here is module loading and startup.
  const loadMs = Math.round(performance.now());
  let result;
  let diff: PlanDiff | undefined;
  try {
    // Read the base first: a bad base file is reported before the program runs.
    const base = values.diff !== undefined ? readBasePlan(values.diff, values.stack!) : undefined;
    const policyConfigs = Object.fromEntries((values["policy-config"] ?? []).map(packConfigOption));
    const planned = await planWithResources({ projectDir, stack: values.stack!, policyConfigs, knownOutputs: values["known-outputs"] }, timings);
    result = planned.result;
    if (base) {
      const aliases = new Map(planned.recorded.map((r) => [r.urn, r.options.aliases]));
      diff = diffPlans(base, { ...result, resources: result.resources.map((r) => ({ ...r, aliases: aliases.get(r.urn) })) }, values.diff!);
    }
  } catch (e) {
    if (e instanceof PlanInputError) {
      for (const line of e.lines) process.stderr.write(`error: ${line}\n`);
      return 2;
    }
    throw e;
  }
  if (diff) {
    const text = values.json ? JSON.stringify(diff, null, 2) + "\n" : values.markdown ? renderDiffMarkdown(diff) : renderDiffText(diff);
    if (values.out) fs.writeFileSync(values.out, text);
    else process.stdout.write(text);
    return diff.summary.hazards > 0 ? 1 : 0;
  }
  const version = require("../package.json").version as string;
  const output = values.json
    ? JSON.stringify(result, null, 2) + "\n"
    : values.sarif
      ? JSON.stringify(renderSarif(result, version), null, 2) + "\n"
      : renderText(result, "azureml-platform");
  if (values.out) fs.writeFileSync(values.out, output);
  else process.stdout.write(output);
  if (values.timings) {
    process.stderr.write(`timings: load ${loadMs} ms, program ${timings.programMs} ms, policies ${timings.policiesMs} ms, total ${Math.round(performance.now())} ms\n`);
  }
  return result.summary.mandatory > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`error: ${(e as Error).message ?? e}\n`);
    process.exitCode = 2;
  },
);
