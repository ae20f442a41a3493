// How `plan --json` (and its report) writes the values a preview cannot show. Part of the plan
// result's contract (plan/plan-result.schema.json): the diff and the governance assessment read
// the very strings the plan writes, so they are spelled once, here.

/** A value unknown until the update (a first preview's outputs and the inputs built from them). */
export const UNKNOWN_MARKER = "[unknown]";

/** A secret: stack config marked secure and secret outputs, never their plaintext. */
export const SECRET_MARKER = "[secret]";
