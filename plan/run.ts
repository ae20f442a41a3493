import * as pulumi from "@pulumi/pulumi";
import { setMockOptions } from "@pulumi/pulumi/runtime/settings";
import { AzureMocks, mockRoleManagementPolicyName } from "./mocks";
import { withClock } from "../core/clock";
import { setRoleManagementPolicyNameResolver } from "../components/access/pimPolicy";
import { RecordedResource, RecordingMonitor } from "./recorder";
import { SECRET_MARKER, UNKNOWN_MARKER } from "../core/markers";
import { knownOutputs, previewOutputs } from "./outputShape";
import { assignProviders, isProviderType } from "./providers";

export interface ProgramRun {
  project: string;
  stack: string;
  resources: RecordedResource[];
  /** The default providers the engine registers for the resources (see plan/providers.ts). */
  providers: RecordedResource[];
  outputs: Record<string, unknown>;
  /** User principal names by object id, of the users the program looked up (members of groups it creates). */
  userNames: ReadonlyMap<string, string>;
}

export interface RunOptions {
  project: string;
  stack: string;
  /** Fully qualified config, as `loadStackFiles` returns it. */
  config: Record<string, string>;
  secretKeys?: string[];
  /** Run as `pulumi preview` (true, the default) or as `pulumi up`. */
  preview?: boolean;
  /**
   * Outputs of the resources the program registers: unknown, as in a first preview (false, the
   * default), or known, as for a stack whose resources exist (true). See `AzureMocks`.
   */
  knownOutputs?: boolean;
  /** The time the program runs at (what `core/clock` answers; a budget's start month). Default the real clock. */
  now?: Date;
}

// Pulumi keeps in-flight RPC accounting here; exported at run time though not in the typings.
const settings = require("@pulumi/pulumi/runtime/settings") as { waitForRPCs(): Promise<void> };

/**
 * Resolves stack outputs, unknown ones included. Preview leaves some outputs unknown (a property the
 * mocks do not return); `apply` would never run for those, so the Output's own promise is awaited
 * with unknowns allowed and each unknown becomes the string "[unknown]".
 */
async function resolved(value: unknown): Promise<unknown> {
  const output = pulumi.output(value) as unknown as { promise(withUnknowns?: boolean): Promise<unknown> };
  return replaceUnknowns(await output.promise(true));
}

/**
 * The program's outputs as `pulumi preview` lists them: a function's result or a module's exports,
 * each value resolved, unknowns as "[unknown]", secrets as "[secret]" (never their plaintext).
 */
async function stackOutputs(outputs: unknown): Promise<Record<string, unknown>> {
  if (!outputs || typeof outputs !== "object") return {};
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(outputs)) {
    if (typeof value === "function") continue;
    const secret = pulumi.Output.isInstance(value) ? await (value as any).isSecret : false;
    result[key] = secret ? SECRET_MARKER : await resolved(value);
  }
  return result;
}

function replaceUnknowns(value: unknown): unknown {
  if (pulumi.isUnknown(value)) return UNKNOWN_MARKER;
  if (Array.isArray(value)) return value.map(replaceUnknowns);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceUnknowns(v)]));
  return value;
}

type Callsites = () => unknown[];

/**
 * Runs `body` without the stack traces Pulumi's runtime captures for the engine's diagnostics, and
 * restores both settings afterwards. The runtime formats a stack trace for every output promise
 * (`debuggablePromise`: `new Error().stack`, read only by its promise-leak report) and a complete one
 * (`Resource.callsites` lifts `Error.stackTraceLimit` to Infinity) for every resource, sent as the
 * RegisterResourceRequest's sourcePosition / stackTrace: what the engine prints as "resource created
 * at". The offline runner's monitor records neither, and at scale formatting them was a quarter to a
 * third of the program's CPU time plus the garbage it leaves. Errors the program throws still carry
 * their message; a program's own stack traces are not needed either (a failing program is reported
 * by its message, as `pulumi preview` does). With PULUMI_DEBUG_PROMISE_LEAKS set, everything stays
 * as Pulumi does it, so the leak report keeps its stacks.
 */
async function withoutDiagnosticStacks<T>(body: () => Promise<T>): Promise<T> {
  if (process.env.PULUMI_DEBUG_PROMISE_LEAKS) return body();
  const resource = pulumi.Resource as unknown as { callsites: Callsites };
  const callsites = resource.callsites;
  const limit = Error.stackTraceLimit;
  resource.callsites = () => [];
  Error.stackTraceLimit = 0;
  try {
    return await body();
  } finally {
    Error.stackTraceLimit = limit;
    resource.callsites = callsites;
  }
}

/**
 * Runs a Pulumi program (a function returning its stack outputs, as index.ts exports) under Pulumi's
 * mock runtime with the given config, and returns every resource it registered as the engine saw it.
 */
export async function runProgram(program: () => Promise<unknown> | unknown, options: RunOptions): Promise<ProgramRun> {
  return withoutDiagnosticStacks(() => runWithStacks(program, options));
}

async function runWithStacks(program: () => Promise<unknown> | unknown, options: RunOptions): Promise<ProgramRun> {
  // The stack's azure-native:subscriptionId is where azure-native deploys (its provider config); the mocks answer for it.
  const mocks = new AzureMocks(options.knownOutputs ?? false, options.config["azure-native:subscriptionId"] || undefined);
  const monitor = new RecordingMonitor(mocks);
  // No Azure to ask for role management policy names offline (components/access/pimPolicy.ts).
  const previousResolver = setRoleManagementPolicyNameResolver(mockRoleManagementPolicyName);
  pulumi.runtime.setAllConfig(options.config, options.secretKeys ?? []);
  setMockOptions(monitor, options.project, options.stack, options.preview ?? true);
  // The program's error is captured rather than rethrown inside the stack, so no promise of the
  // runtime rejects unobserved; it is rethrown once the runtime has settled.
  // The program's own return value is kept: the stack's output promise drops everything when any
  // output is unknown, as some are in preview.
  let failure: { error: unknown } | undefined;
  let outputs: unknown;
  // An error thrown inside an `apply` that feeds a resource input rejects that registration, which
  // nothing awaits: the Node.js language host reports it as the program's error and stops
  // (pulumi/pulumi sdk/nodejs/cmd/run/run.ts, its uncaughtException/unhandledRejection handlers). The
  // first one is the run's failure, and the run stops waiting for RPCs that will never finish.
  let stopped: (error: unknown) => void = () => undefined;
  const unhandled = new Promise<never>((_, reject) => (stopped = reject));
  unhandled.catch(() => undefined);
  const onUnhandled = (reason: unknown) => stopped(reason);
  process.on("unhandledRejection", onUnhandled);
  try {
    await Promise.race([
      unhandled,
      withClock(options.now, async () => {
        await pulumi.runtime.runInPulumiStack(async () => {
          try {
            outputs = await program();
            return outputs;
          } catch (error) {
            failure = { error };
            return undefined;
          }
        });
        await settings.waitForRPCs();
        // A registration that failed leaves its RPC count, and Node reports its unhandled rejection
        // only once the microtasks have drained: a turn of the event loop lets it arrive first.
        await new Promise((resolve) => setImmediate(resolve));
      }),
    ]);
  } catch (error) {
    failure ??= { error };
  } finally {
    process.off("unhandledRejection", onUnhandled);
    setRoleManagementPolicyNameResolver(previousResolver);
  }
  if (failure) throw failure.error;
  const providers = assignProviders(monitor.recorded, options);
  for (const r of monitor.recorded) r.outputs = stackView(r, options.knownOutputs ?? false, monitor.stateOf(r.urn));
  return {
    project: options.project,
    stack: options.stack,
    resources: monitor.recorded,
    providers,
    outputs: await stackOutputs(outputs),
    userNames: mocks.userNames,
  };
}

/**
 * What a stack policy sees of a resource. A custom resource: its preview outputs in a first preview,
 * its known outputs when it exists (plan/outputShape.ts). A provider: its inputs (a provider's state
 * holds its config). A component: what it registered with, as the engine holds no provider outputs for it.
 */
function stackView(r: RecordedResource, known: boolean, state: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!r.custom || isProviderType(r.type)) return r.inputs;
  return known ? knownOutputs(r.type, state ?? r.inputs) : previewOutputs(r.type, r.inputs);
}
