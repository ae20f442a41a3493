import * as fs from "fs";
import { DiffSide } from "./diff";
import { PlanInputError } from "./stackFiles";

/** A base plan is an earlier `plan --json`; anything larger than this is not one. */
const BASE_MAX_BYTES = 64 * 1024 * 1024;

/**
 * Reads the base of `plan --diff`: an earlier `plan --json` of the same stack. Missing, unreadable,
 * not JSON, not a plan, or another stack's plan are one-line input errors (exit 2), never a stack trace.
 */
export function readBasePlan(file: string, stack: string): DiffSide {
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
    throw new PlanInputError(`base plan ${file} is not valid JSON (make it with npm run plan -- --stack ${stack} --json)`);
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
  return {
    stack: doc.stack,
    resources: doc.resources.map((r: any) => ({ ...r, protect: r.protect === true, parent: r.parent ?? null })),
    access: doc.access,
  };
}
