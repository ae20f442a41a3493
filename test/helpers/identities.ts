import * as path from "path";
import { AZURE_NAME_INPUT, canonicalType } from "../../plan/mocks";
import { plainInputs } from "../../plan/props";
import { runProgram } from "../../plan/run";
import { loadStackFiles } from "../../plan/stackFiles";

const ROOT = path.resolve(__dirname, "..", "..");

/** Every URN and the Azure name it deploys to: what must not change without an alias. */
export async function identities(stack: string): Promise<{ urn: string; azureName: string | null }[]> {
  // Known outputs: role assignment names derive from scopes that are unknown in a first preview.
  const run = await runProgram(require(path.join(ROOT, "index")), { ...loadStackFiles(ROOT, stack), knownOutputs: true });
  return run.resources
    .map((r) => {
      const field = AZURE_NAME_INPUT[canonicalType(r.type)];
      const value = field ? plainInputs(r)[field] : undefined;
      return { urn: r.urn, azureName: typeof value === "string" ? value : null };
    })
    .sort((a, b) => a.urn.localeCompare(b.urn));
}

