// Values a program passes as Outputs or Promises are known only at deploy time: the schemas let them
// through and Azure checks them. Shared by the workspace contract and the budget contract.
import { z } from "zod";

/** An Output or a Promise: known only at deploy time, so checked by Azure rather than here. */
export function isDeferred(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  return (value as { __pulumiOutput?: unknown }).__pulumiOutput === true || typeof (value as { then?: unknown }).then === "function";
}

/** `schema`, except that a deferred value passes: a program may pass any leaf as an Output. */
export function deferrable<T extends z.ZodType>(schema: T): T {
  return z.any().superRefine((value, ctx) => {
    if (isDeferred(value)) return;
    const result = schema.safeParse(value, { reportInput: true });
    if (!result.success) for (const issue of result.error.issues) ctx.addIssue(issue as Parameters<typeof ctx.addIssue>[0]);
  }) as unknown as T;
}
