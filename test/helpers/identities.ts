import * as path from "path";
import { AZURE_NAME_INPUT, canonicalType } from "../../plan/mocks";
import { plainInputs } from "../../plan/props";
import { runProgram } from "../../plan/run";
import { loadStackFiles } from "../../plan/stackFiles";
import { plannedStack } from "./plans";

const ROOT = path.resolve(__dirname, "..", "..");

/**
 * Every URN and the Azure name it deploys to: what must not change without an alias. From the shared
 * plan of the stack, or with `fresh` from a run of its own (to compare two runs).
 */
export async function identities(stack: string, fresh = false): Promise<{ urn: string; azureName: string | null }[]> {
  // Known outputs: role assignment names derive from scopes that are unknown in a first preview.
  const resources = fresh
    ? (await runProgram(require(path.join(ROOT, "index")), { ...loadStackFiles(ROOT, stack), knownOutputs: true })).resources
    : (await plannedStack(ROOT, stack, true)).recorded;
  return resources
    .map((r) => {
      const field = AZURE_NAME_INPUT[canonicalType(r.type)];
      const value = field ? plainInputs(r)[field] : undefined;
      return { urn: r.urn, azureName: typeof value === "string" ? value : null };
    })
    .sort((a, b) => a.urn.localeCompare(b.urn));
}

