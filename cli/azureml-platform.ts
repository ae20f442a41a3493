#!/usr/bin/env node
// The package bin: `azureml-platform plan ...` (see cli/command.ts). Ships compiled (dist/cli); in
// this repository `npm run plan` runs the same file through sucrase, with the same node flags.
import { missingPeers, missingPeersMessage } from "./peers";
import { needsRelaunch, relaunch } from "./relaunch";

const missing = missingPeers((id) => require.resolve(id));
if (missing.length) {
  process.stderr.write(missingPeersMessage(missing));
  process.exitCode = 2;
} else if (needsRelaunch(process.execArgv, process.env.NODE_OPTIONS)) {
  // Before anything heavy is loaded: the relaunched process does the work (cli/relaunch.ts).
  relaunch(__filename);
} else {
  // A reader that stops early (`plan --json | head -1`) closes the pipe: that ends the command quietly,
  // with the exit code it already has, rather than an EPIPE stack trace.
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw e;
  });
  // Loaded here, not imported above, so that the relaunching process loads none of it.
  const { runCommand } = require("./command") as typeof import("./command");
  runCommand(process.argv.slice(2), {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
  }).then((code) => {
    process.exitCode = code;
  });
}
