import * as fs from "fs";
import { DiffSide } from "./diff";
import type { PlanMode } from "./plan";
import { PlanInputError } from "./stackFiles";

/** A base plan is an earlier `plan --json`; anything larger than this is not one. */
const BASE_MAX_BYTES = 64 * 1024 * 1024;

/**
 * Reads the base of `plan --diff`: an earlier `plan --json` of the same stack in the same mode.
 * Missing, unreadable, not JSON, not a plan, another stack's plan, or a plan made in the other mode
 * (whose unknowns differ: every unknown would read as a change) are one-line input errors (exit 2),
 * never a stack trace. The project is checked by the caller once the head's program is known.
 */
export function readBasePlan(file: string, head: { stack: string; mode: PlanMode }): DiffSide & { project: string } {
  const stack = head.stack;
  let text: string;
  try {
    if (fs.statSync(file).size > BASE_MAX_BYTES) throw new PlanInputError(`base plan ${file} is larger than 64 MiB; it is not a plan --json`);
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    if (e instanceof PlanInputError) throw e;
    throw new PlanInputError(`base plan not found or unreadable: ${file}`);
  }
  let doc: any;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new PlanInputError(`base plan ${file} is not valid JSON (make it with azureml-platform plan --stack ${stack} --json)`);
  }
  const isPlan =
    doc !== null &&
    typeof doc === "object" &&
    typeof doc.stack === "string" &&
    Array.isArray(doc.resources) &&
    Array.isArray(doc.access) &&
    doc.resources.every((r: any) => r && typeof r.urn === "string" && typeof r.type === "string" && typeof r.name === "string" && r.inputs && typeof r.inputs === "object" && Array.isArray(r.dependencies));
  if (!isPlan) throw new PlanInputError(`base plan ${file} is not a plan --json document (needs stack, resources[] with urn, type, name, inputs, dependencies, and access[])`);
  if (doc.stack !== stack) throw new PlanInputError(`base plan ${file} is a plan of stack ${doc.stack}, not ${stack}: compare plans of the same stack`);
  if (typeof doc.project !== "string" || (doc.mode !== "first-preview" && doc.mode !== "known-outputs"))
    throw new PlanInputError(`base plan ${file} does not say its project and mode (made by an older azureml-platform): make the base and the head with the same version`);
  if (doc.mode !== head.mode) {
    const flag = (m: PlanMode) => (m === "known-outputs" ? "with --known-outputs" : "without --known-outputs");
    throw new PlanInputError(`base plan ${file} was made ${flag(doc.mode)} (${doc.mode}), this plan ${flag(head.mode)} (${head.mode}): make both in the same mode`);
  }
  const violations = Array.isArray(doc.violations) ? doc.violations.filter((v: any) => v && typeof v.pack === "string" && typeof v.policy === "string") : [];
  return {
    project: doc.project,
    stack: doc.stack,
    violations,
    resources: doc.resources.map((r: any) => ({ ...r, protect: r.protect === true, parent: r.parent ?? null })),
    access: doc.access,
  };
}
