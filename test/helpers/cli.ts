import { spawnSync } from "child_process";
import * as path from "path";
import { runCommand } from "../../cli/command";

export const ROOT = path.resolve(__dirname, "..", "..");

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `azureml-platform plan <args>` in this process, in `cwd`, through the function the bin hands
 * its arguments and streams to (cli/command.ts): everything the bin does but start node and load the
 * project, which a separate process pays again for each case (most of this suite's time once). What
 * only a real process shows (its exit status, a closed pipe, npm's banner) is covered by `planProcess`.
 */
export async function planCli(args: string[], cwd = ROOT): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const before = process.cwd();
  process.chdir(cwd);
  try {
    const code = await runCommand(["plan", ...args], { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text) });
    return { code, stdout, stderr };
  } finally {
    process.chdir(before);
  }
}

/** Runs what `npm run plan -- <args>` runs (the bin's `plan` in a separate node process), returning exit status and output. */
export function planProcess(args: string[], cwd = ROOT): CliResult {
  const r = spawnSync(process.execPath, ["-r", "sucrase/register/ts", path.join(ROOT, "cli", "azureml-platform.ts"), "plan", ...args], {
    cwd,
    encoding: "utf8",
    timeout: 120_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
