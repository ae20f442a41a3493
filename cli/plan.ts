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
import { plan, PlanTimings } from "../plan/plan";
import { renderSarif, renderText } from "../plan/report";
import { PlanInputError } from "../plan/stackFiles";

const USAGE =
  "usage: npm run plan -- [--stack <name>] [--json | --sarif] [--out FILE] [--known-outputs] [--policy-config <pack>=FILE]... [--project-dir DIR]\n" +
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
  if (values.json && values.sarif) {
    process.stderr.write(`error: choose one of --json and --sarif\n${USAGE}\n`);
    return 2;
  }
  const projectDir = path.resolve(values["project-dir"] ?? path.join(__dirname, ".."));
  const timings: PlanTimings = { programMs: 0, policiesMs: 0 };
  // performance.now() counts from process start: what it reads here is module loading and startup.
  const loadMs = Math.round(performance.now());
  let result;
  try {
    const policyConfigs = Object.fromEntries((values["policy-config"] ?? []).map(packConfigOption));
    result = await plan({ projectDir, stack: values.stack!, policyConfigs, knownOutputs: values["known-outputs"] }, timings);
  } catch (e) {
    if (e instanceof PlanInputError) {
      for (const line of e.lines) process.stderr.write(`error: ${line}\n`);
      return 2;
    }
    throw e;
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
