// Plans a stack config written to a project of its own (a temporary directory beside nothing else),
// with this repository's program: what an adopter's stack file would plan to.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { stringify } from "yaml";
import { PlanResult, planWithResources } from "../../plan/plan";
import { PackDefinition } from "../../policies/packs";

const ROOT = path.resolve(__dirname, "..", "..");

export interface TempStackOptions {
  knownOutputs?: boolean;
  /** Role files by path relative to the project. */
  files?: Record<string, unknown>;
  /** Policy packs to run. @default none (the access report alone) */
  packs?: PackDefinition[];
}

/** `config` keys without a namespace get `azureml-platform:`. */
export async function planConfig(config: Record<string, unknown>, options: TempStackOptions = {}): Promise<PlanResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "amlp-stack-"));
  try {
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: azureml-platform\nruntime: nodejs\n");
    const namespaced = Object.fromEntries(Object.entries(config).map(([k, v]) => [k.includes(":") ? k : `azureml-platform:${k}`, v]));
    fs.writeFileSync(path.join(dir, "Pulumi.t.yaml"), stringify({ config: namespaced }));
    for (const [file, content] of Object.entries(options.files ?? {})) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), JSON.stringify(content));
    }
    const program = require(path.join(ROOT, "index"));
    const { result } = await planWithResources({ projectDir: dir, stack: "t", knownOutputs: options.knownOutputs ?? false, program, packs: options.packs ?? [] });
    return result;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
