import { deserializeProperties } from "../policies/lib/internals";
import { RecordedResource } from "./recorder";

/**
 * Wire-form properties (a resource's inputs or outputs) as a policy sees them: secrets unwrapped,
 * unknown values left as Pulumi's unknown sentinels (so `unknownCheckingProxy` can flag them).
 */
export function plainProps(wire: Record<string, unknown>): Record<string, any> {
  return deserializeProperties({ toJavaScript: () => wire }, false);
}

/** A recorded resource's inputs as a policy sees them (see `plainProps`). */
export function plainInputs(resource: RecordedResource): Record<string, any> {
  return plainProps(resource.inputs);
}
