// Plans of the repository's stacks, made once per test process and shared by the specs that only read
// them (plan, protocol, golden, data-kept): the same stack in the same mode always plans the same, so
// planning it again per spec was only time. Frozen, so a spec cannot change what another one reads;
// a spec that needs a plan of its own (idempotence, determinism across runs) calls `plan` itself.
import * as path from "path";
import { PlanResult, planWithResources } from "../../plan/plan";
import { RecordedResource } from "../../plan/recorder";

export interface SharedPlan {
  result: PlanResult;
  recorded: readonly RecordedResource[];
  /** The default providers the engine registers for `recorded`. */
  providers: readonly RecordedResource[];
}

const plans = new Map<string, Promise<SharedPlan>>();

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** `planWithResources` of a project's stack with the package's packs and their default configs, once per process. */
export function plannedStack(projectDir: string, stack: string, knownOutputs = false): Promise<SharedPlan> {
  const key = JSON.stringify([path.resolve(projectDir), stack, knownOutputs]);
  let planned = plans.get(key);
  if (!planned) {
    planned = planWithResources({ projectDir, stack, knownOutputs }).then(({ result, recorded, providers }) => deepFreeze({ result, recorded, providers }));
    // A failed plan is not kept: the next spec that asks reports its own failure.
    planned.catch(() => plans.delete(key));
    plans.set(key, planned);
  }
  return planned;
}
