// The node flags `azureml-platform plan` runs with, and the relaunch that applies them to the bin.
// V8 reads heap sizes once, when the process starts (`v8.setFlagsFromString` afterwards changes
// nothing), so a bin started as `#!/usr/bin/env node` restarts itself with them; a shebang cannot
// carry them portably (`env -S` is missing from BusyBox, the env of Alpine-based CI images).
// Plain `child_process` rather than a package such as foreground-child: spawning process.execPath
// needs no shell or PATH resolution, and forwarding signals and the exit status is the whole job.
import { spawn } from "child_process";

/**
 * A young generation of up to 64 MB semi-spaces (V8's default is 16 MB on 64-bit): Pulumi's runtime
 * makes an Output, with its promises, for every output property of every resource, and a workspace's
 * registrations stay in flight for a while. In the default young generation they outlive it and are
 * copied into the old one; in the larger one they die young. Measured (bench/README.md, "Scale"):
 * the 50-workspace, 200-team stack plans in 25 % less CPU time, and the prod stack in slightly less.
 */
export const PLAN_NODE_FLAGS: readonly string[] = ["--max-semi-space-size=64"];

/** Whether a process started with these node arguments (and NODE_OPTIONS) lacks a flag of PLAN_NODE_FLAGS. */
export function needsRelaunch(execArgv: readonly string[], nodeOptions = ""): boolean {
  const given = [...execArgv, ...nodeOptions.split(/\s+/)].map((a) => a.split("=")[0]);
  return PLAN_NODE_FLAGS.some((flag) => !given.includes(flag.split("=")[0]));
}

/** The node arguments of the relaunched process: the flags first, so the caller's own (`-r`, `--inspect`, …) still apply and win. */
export function relaunchArguments(execArgv: readonly string[], script: string, argv: readonly string[]): string[] {
  return [...PLAN_NODE_FLAGS, ...execArgv, script, ...argv];
}

const FORWARDED_SIGNALS: readonly NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];

/**
 * Runs this script again in a child node with PLAN_NODE_FLAGS, sharing the standard streams, and
 * ends this process as the child ends: its exit code, or the signal that stopped it.
 */
export function relaunch(script: string): void {
  const child = spawn(process.execPath, relaunchArguments(process.execArgv, script, process.argv.slice(2)), { stdio: "inherit" });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  for (const signal of FORWARDED_SIGNALS) process.on(signal, forward);
  child.on("error", (e) => {
    process.stderr.write(`error: could not start ${process.execPath}: ${e.message}\n`);
    process.exit(2);
  });
  child.on("exit", (code, signal) => {
    for (const s of FORWARDED_SIGNALS) process.off(s, forward);
    if (signal) process.kill(process.pid, signal);
    else process.exit(code ?? 2);
  });
}
