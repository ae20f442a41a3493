import * as pulumi from "@pulumi/pulumi";
import { setMockOptions } from "@pulumi/pulumi/runtime/settings";
import { AzureMocks } from "./mocks";
import { RecordedResource, RecordingMonitor } from "./recorder";

export interface ProgramRun {
  project: string;
  stack: string;
  resources: RecordedResource[];
  outputs: Record<string, unknown>;
}

export interface RunOptions {
  project: string;
  stack: string;
  /** Fully qualified config, as `loadStackFiles` returns it. */
  config: Record<string, string>;
  secretKeys?: string[];
  /** Run as `pulumi preview` (true, the default) or as `pulumi up`. */
  preview?: boolean;
}

// Pulumi keeps in-flight RPC accounting here; exported at run time though not in the typings.
const settings = require("@pulumi/pulumi/runtime/settings") as { waitForRPCs(): Promise<void> };

function resolved<T>(value: pulumi.Input<T>): Promise<pulumi.Unwrap<T>> {
  return new Promise((resolve) => {
    pulumi.output(value).apply((v) => {
      resolve(v);
      return v;
    });
  });
}

/**
 * Runs a Pulumi program (a function returning its stack outputs, as index.ts exports) under Pulumi's
 * mock runtime with the given config, and returns every resource it registered as the engine saw it.
 */
export async function runProgram(program: () => Promise<unknown> | unknown, options: RunOptions): Promise<ProgramRun> {
  const monitor = new RecordingMonitor(new AzureMocks());
  pulumi.runtime.setAllConfig(options.config, options.secretKeys ?? []);
  setMockOptions(monitor, options.project, options.stack, options.preview ?? true);
  // The program's error is captured rather than rethrown inside the stack, so no promise of the
  // runtime rejects unobserved; it is rethrown once the runtime has settled.
  let failure: { error: unknown } | undefined;
  const outputs = await pulumi.runtime.runInPulumiStack(async () => {
    try {
      return await program();
    } catch (error) {
      failure = { error };
      return undefined;
    }
  });
  await settings.waitForRPCs();
  if (failure) throw failure.error;
  return {
    project: options.project,
    stack: options.stack,
    resources: monitor.recorded,
    outputs: ((await resolved(outputs ?? {})) ?? {}) as Record<string, unknown>,
  };
}
