// What `plan` and `audit` say alike about their flags. No Pulumi import.
import * as fs from "fs";
import * as path from "path";
import { distance } from "fastest-levenshtein";

/**
 * node:util parseArgs's refusal, with the known flag that was meant when an unknown one is near it
 * (`--stak` → `--stack`), as git does.
 */
export function flagError(error: unknown, flags: readonly string[]): string {
  const message = (error as Error).message;
  const typed = /Unknown option '(--?[^']+)'/.exec(message)?.[1]?.replace(/^-+/, "");
  const meant = typed ? flags.map((o) => ({ o, d: distance(typed, o) })).sort((a, b) => a.d - b.d)[0] : undefined;
  return `${message}${meant && meant.d <= 2 ? ` (did you mean --${meant.o}?)` : ""}`;
}

/** Why `--out FILE` cannot be written, checked before the work: its directory does not exist. */
export function outProblem(out: string | undefined): string | undefined {
  if (out === undefined) return undefined;
  const dir = path.dirname(path.resolve(out));
  return fs.existsSync(dir) ? undefined : `--out ${out}: directory ${dir} does not exist`;
}
