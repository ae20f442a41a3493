#!/usr/bin/env node
// The package bin: `azureml-platform plan ...` (see PLAN_USAGE). Ships compiled (dist/cli); in this
// repository `npm run plan` runs the same file through sucrase.
import { PLAN_USAGE, planCommand } from "./plan";
import { packageVersion } from "../plan/plan";

const USAGE = `usage: azureml-platform <command> [options]

Commands:
  plan      offline preview of a Pulumi TypeScript program with policy packs, and --diff review

${PLAN_USAGE}`;

// A reader that stops early (`plan --json | head -1`) closes the pipe: that ends the command quietly,
// with the exit code it already has, rather than an EPIPE stack trace.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw e;
});

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === "plan") return planCommand(rest);
  if (command === undefined || command === "help" || command === "--help" || command === "-h") {
    process.stdout.write(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command === "--version" || command === "-v") {
    process.stdout.write(`${packageVersion()}\n`);
    return 0;
  }
  process.stderr.write(`error: unknown command ${JSON.stringify(command)}\n${USAGE}`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`error: ${(e as Error)?.message ?? e}\n`);
    process.exitCode = 2;
  },
);
