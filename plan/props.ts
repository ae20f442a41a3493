import { deserializeProperties } from "../policies/lib/internals";
import { RecordedResource } from "./recorder";

/**
 * A recorded resource's inputs as a policy sees them: secrets unwrapped, unknown values left as
 * Pulumi's unknown sentinels (so `unknownCheckingProxy` can flag them).
 */
export function plainInputs(resource: RecordedResource): Record<string, any> {
  return deserializeProperties({ toJavaScript: () => resource.inputs }, false);
}
