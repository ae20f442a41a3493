import { ProgramRun, runProgram } from "../../plan/run";
import { RecordedResource } from "../../plan/recorder";
import { plainInputs } from "../../plan/props";
import { canonicalType } from "../../plan/mocks";

export const PROJECT = "azureml-platform";

/**
 * Runs `program` under the recording mock runtime with `azure-native:location` set, as a stack named
 * `stack`, with known outputs (ids and names as Azure returns them) unless `knownOutputs` is false.
 */
export function runUnderMocks(program: () => unknown, stack = "test", extraConfig: Record<string, string> = {}, knownOutputs = true): Promise<ProgramRun> {
  return runProgram(async () => program(), {
    project: PROJECT,
    stack,
    config: { "azure-native:location": "westeurope", ...extraConfig },
    knownOutputs,
  });
}

/** Resources of a type token (API-version-agnostic), e.g. `azure-native:storage:StorageAccount`. */
export function ofType(run: ProgramRun, type: string): RecordedResource[] {
  return run.resources.filter((r) => canonicalType(r.type) === type);
}

export function single(run: ProgramRun, type: string): RecordedResource {
  const found = ofType(run, type);
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}: ${found.map((r) => r.name).join(", ")}`);
  return found[0];
}

export function inputs(run: ProgramRun, type: string): Record<string, any> {
  return plainInputs(single(run, type));
}

export { plainInputs };
