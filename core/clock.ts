// The one clock the components read (a budget's start date is the first of the current month), so
// `plan` and tests can run a program "in" another month: under `pulumi up` it is the real clock.

let fixed: Date | undefined;

/** The current time, or the time the running plan was given. */
export function now(): Date {
  return new Date(fixed ? fixed.getTime() : Date.now());
}

/** Runs `fn` with `now()` answering `at` (the real clock when `at` is undefined), restored afterwards. */
export async function withClock<T>(at: Date | undefined, fn: () => Promise<T>): Promise<T> {
  if (at === undefined) return fn();
  const before = fixed;
  fixed = new Date(at.getTime());
  try {
    return await fn();
  } finally {
    fixed = before;
  }
}
