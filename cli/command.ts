// The `azureml-platform` command without the process around it: the bin (cli/azureml-platform.ts)
// hands it the arguments and the process's streams; tests call it in process with captured ones,
// which exercises everything the bin does except starting node.
import { CommandIO, PLAN_USAGE, planCommand } from "./plan";
import { AUDIT_USAGE, AuditIO, auditCommand } from "./audit";
import { packageVersion } from "../plan/plan";

export type { CommandIO };

export const USAGE = `usage: azureml-platform <command> [options]

Commands:
  plan      offline preview of a Pulumi TypeScript program with policy packs, and --diff review
  audit     what Azure grants now: the access matrix and the access pack's verdict, and drift from a plan

${PLAN_USAGE}
${AUDIT_USAGE}`;

/** Runs the command line (the words after `azureml-platform`) and returns the exit code; never throws. */
export async function runCommand(argv: string[], io: CommandIO | AuditIO): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === "plan") return await planCommand(rest, io);
    if (command === "audit") return await auditCommand(rest, io);
    if (command === undefined || command === "help" || command === "--help" || command === "-h") {
      io.stdout(USAGE);
      return command === undefined ? 2 : 0;
    }
    if (command === "--version" || command === "-v") {
      io.stdout(`${packageVersion()}\n`);
      return 0;
    }
    io.stderr(`error: unknown command ${JSON.stringify(command)}\n${USAGE}`);
    return 2;
  } catch (e) {
    // Anything planCommand does not report itself is still one line, not a stack trace.
    io.stderr(`error: ${(e as Error)?.message ?? e}\n`);
    return 2;
  }
}
