// The subset of the Azure Policy rule language the pinned control-plane definitions use, evaluated over
// an ARM request body: logical allOf / anyOf / not; `field` and `value` conditions with equals,
// notEquals, in, notIn, exists, less, lessOrEquals, greater, greaterOrEquals, like, notLike; and the
// template functions parameters(), field(), empty(), length(). Semantics as
// https://learn.microsoft.com/azure/governance/policy/concepts/definition-structure-policy-rule documents
// them: string comparison is case-insensitive, an absent field is "not equal" to everything and in
// nothing. Anything else (count, other functions) is reported, never guessed.
import { ArmResource } from "./arm";
import { readField } from "./aliases";
import { UNKNOWN_MARKER } from "../core/markers";

export class PolicyLanguageError extends Error {}

/** A value the plan cannot know until the update ("[unknown]" in `plan --json`). */
export class UnknownValueError extends Error {}

export interface EvaluationContext {
  resource: ArmResource;
  /** Parameter values of the assignment (defaults already applied). */
  parameters: Record<string, unknown>;
  /** Whether a value is a preview's unknown; default: the "[unknown]" marker of `plan --json`. */
  isUnknown?: (value: unknown) => boolean;
}

const isUnknownMarker = (v: unknown) => v === UNKNOWN_MARKER;

function field(ctx: EvaluationContext, name: string): unknown {
  const value = readField(ctx.resource, name);
  if ((ctx.isUnknown ?? isUnknownMarker)(value)) throw new UnknownValueError(`${name} is unknown until the update`);
  return value;
}

// ---- template expressions: "[fn('a', fn2(...))]" -------------------------------------------------

function parseCall(src: string, ctx: EvaluationContext): unknown {
  let i = 0;
  const skip = () => {
    while (src[i] === " ") i++;
  };
  const expr = (): unknown => {
    skip();
    if (src[i] === "'") {
      let out = "";
      for (i++; i < src.length; i++) {
        if (src[i] === "'" && src[i + 1] === "'") (out += "'"), i++;
        else if (src[i] === "'") break;
        else out += src[i];
      }
      if (src[i] !== "'") throw new PolicyLanguageError(`unterminated string in [${src}]`);
      i++;
      return out;
    }
    const num = /^-?\d+/.exec(src.slice(i));
    if (num) return (i += num[0].length), Number(num[0]);
    const name = /^[a-zA-Z]+/.exec(src.slice(i))?.[0];
    if (!name || src[i + name.length] !== "(") throw new PolicyLanguageError(`cannot parse [${src}] at ${i}`);
    i += name.length + 1;
    const args: unknown[] = [];
    skip();
    while (src[i] !== ")") {
      args.push(expr());
      skip();
      if (src[i] === ",") i++;
      else if (src[i] !== ")") throw new PolicyLanguageError(`expected , or ) in [${src}] at ${i}`);
    }
    i++;
    return call(name, args, ctx);
  };
  const result = expr();
  skip();
  if (i !== src.length) throw new PolicyLanguageError(`unexpected text after the expression in [${src}]`);
  return result;
}

function call(name: string, args: unknown[], ctx: EvaluationContext): unknown {
  const arg = () => {
    if (args.length !== 1) throw new PolicyLanguageError(`${name}() takes one argument, got ${args.length}`);
    return args[0];
  };
  switch (name) {
    case "parameters": {
      const p = String(arg());
      if (!(p in ctx.parameters)) throw new PolicyLanguageError(`parameter '${p}' has no value`);
      return ctx.parameters[p];
    }
    case "field":
      return field(ctx, String(arg()));
    case "empty": {
      const v = arg();
      if (v === undefined || v === null || v === "") return true;
      // An array's keys are its indexes: empty exactly when it has no element.
      return typeof v === "object" ? Object.keys(v as object).length === 0 : false;
    }
    case "length": {
      const v = arg();
      if (typeof v === "string" || Array.isArray(v)) return v.length;
      if (v && typeof v === "object") return Object.keys(v).length;
      throw new PolicyLanguageError(`length() of ${JSON.stringify(v)}`);
    }
    default:
      throw new PolicyLanguageError(`template function ${name}() is not supported`);
  }
}

/** A literal, or the value of a template expression (`[...]`; `[[` escapes a literal `[`). */
export function resolveValue(value: unknown, ctx: EvaluationContext): unknown {
  if (typeof value !== "string" || !value.startsWith("[") || !value.endsWith("]")) return value;
  if (value.startsWith("[[")) return value.slice(1);
  return parseCall(value.slice(1, -1), ctx);
}

// ---- conditions ------------------------------------------------------------------------------

function asBoolean(v: unknown): boolean | undefined {
  if (typeof v === "boolean") return v;
  if (typeof v === "string" && /^(true|false)$/i.test(v)) return v.toLowerCase() === "true";
  return undefined;
}

function same(a: unknown, b: unknown): boolean {
  // A boolean side is defined, so a string that is no boolean never equals it.
  if (typeof a === "boolean" || typeof b === "boolean") return asBoolean(a) === asBoolean(b);
  if (typeof a === "string" && typeof b === "string") return a.toLowerCase() === b.toLowerCase();
  // Numbers, arrays, objects, absent: by value (3 is not "3"; absent equals only absent).
  return JSON.stringify(a) === JSON.stringify(b);
}

function order(a: unknown, b: unknown, op: string): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "string" && typeof b === "string") return a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0;
  throw new PolicyLanguageError(`${op} compares numbers or strings, got ${JSON.stringify(a)} and ${JSON.stringify(b)}`);
}

function like(a: unknown, pattern: unknown): boolean {
  if (typeof a !== "string" || typeof pattern !== "string") return false;
  const re = new RegExp(`^${pattern.split("*").map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`, "i");
  return re.test(a);
}

function list(v: unknown, op: string): unknown[] {
  if (!Array.isArray(v)) throw new PolicyLanguageError(`${op} needs an array, got ${JSON.stringify(v)}`);
  return v;
}

const OPERATORS: Readonly<Record<string, (a: unknown, b: unknown) => boolean>> = {
  equals: (a, b) => same(a, b),
  notEquals: (a, b) => !same(a, b),
  in: (a, b) => list(b, "in").some((x) => same(a, x)),
  notIn: (a, b) => !list(b, "notIn").some((x) => same(a, x)),
  exists: (a, b) => {
    const want = asBoolean(b);
    if (want === undefined) throw new PolicyLanguageError(`exists takes true or false, got ${JSON.stringify(b)}`);
    return (a !== undefined && a !== null) === want;
  },
  less: (a, b) => a !== undefined && order(a, b, "less") < 0,
  lessOrEquals: (a, b) => a !== undefined && order(a, b, "lessOrEquals") <= 0,
  greater: (a, b) => a !== undefined && order(a, b, "greater") > 0,
  greaterOrEquals: (a, b) => a !== undefined && order(a, b, "greaterOrEquals") >= 0,
  like: (a, b) => like(a, b),
  notLike: (a, b) => !like(a, b),
};

/** Whether `condition` holds for the context's resource (for a rule's `if`: the resource is non-compliant). */
export function evaluateCondition(condition: unknown, ctx: EvaluationContext): boolean {
  if (condition === null || typeof condition !== "object" || Array.isArray(condition)) throw new PolicyLanguageError(`a condition must be an object, got ${JSON.stringify(condition)}`);
  const c = condition as Record<string, unknown>;
  const keys = Object.keys(c);
  const only = (key: string) => {
    if (keys.length !== 1) throw new PolicyLanguageError(`${key} takes no sibling keys, got ${keys.join(", ")}`);
  };
  if ("allOf" in c) return only("allOf"), list(c.allOf, "allOf").every((x) => evaluateCondition(x, ctx));
  if ("anyOf" in c) return only("anyOf"), list(c.anyOf, "anyOf").some((x) => evaluateCondition(x, ctx));
  if ("not" in c) return only("not"), !evaluateCondition(c.not, ctx);
  const source = "field" in c ? "field" : "value" in c ? "value" : undefined;
  if (!source) throw new PolicyLanguageError(`unsupported condition with keys ${keys.join(", ")}`);
  const ops = keys.filter((k) => k !== source);
  if (ops.length !== 1 || !(ops[0] in OPERATORS)) throw new PolicyLanguageError(`unsupported operator in condition with keys ${keys.join(", ")}`);
  const left = source === "field" ? field(ctx, String(resolveValue(c.field, ctx))) : resolveValue(c.value, ctx);
  return OPERATORS[ops[0]](left, resolveValue(c[ops[0]], ctx));
}
