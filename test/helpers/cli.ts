import { spawnSync } from "child_process";
import * as path from "path";

export const ROOT = path.resolve(__dirname, "..", "..");

/** Runs what `npm run plan -- <args>` runs (the bin's `plan` in a separate node process), returning exit code and output. */
export function planCli(args: string[], cwd = ROOT): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ["-r", "sucrase/register/ts", path.join(ROOT, "cli", "azureml-platform.ts"), "plan", ...args], {
    cwd,
    encoding: "utf8",
    timeout: 120_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
