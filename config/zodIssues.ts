import { z } from "zod";
import { ConfigIssue } from "./errors";
import { closest } from "./suggest";

function unwrap(schema: z.ZodType | undefined): z.ZodType | undefined {
  let s = schema as any;
  while (s && ["optional", "default", "nullable", "pipe"].includes(s.def?.type)) {
    // A preprocessed schema is a pipe from a transform into the schema that checks the value.
    if (s.def.type === "pipe") s = s.def.in?.def?.type === "transform" ? s.def.out : s.def.in;
    else s = s.def.innerType;
  }
  return s;
}

/** Keys of the object schema at `segments` (for suggestions on unknown keys). */
function knownKeysAt(root: z.ZodType, segments: readonly PropertyKey[]): string[] {
  let s: any = root;
  for (const seg of segments) {
    s = unwrap(s);
    if (!s) return [];
    if (s.def.type === "array") s = s.def.element;
    else if (s.def.type === "object") s = s.def.shape[seg as string];
    else if (s.def.type === "union") s = s.def.options.find((o: any) => o.def.type === "object")?.def.shape[seg as string];
    else return [];
  }
  s = unwrap(s);
  if (s?.def.type === "union") s = s.def.options.find((o: any) => o.def.type === "object");
  return s?.def.type === "object" ? Object.keys(s.def.shape) : [];
}

/** Zod's issues as ConfigIssues, with paths written by `pathOf` and unknown keys given the nearest known one of `root`. */
export function zodIssues(error: z.ZodError, pathOf: (segments: readonly PropertyKey[]) => string, root: z.ZodType): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const i of error.issues) {
    if (i.code === "unrecognized_keys") {
      const known = knownKeysAt(root, i.path);
      for (const k of i.keys) {
        const hint = known.length ? `; did you mean ${closest(k, known, 1)[0]}?` : "";
        issues.push({ path: pathOf([...i.path, k]), rule: `is not a known setting${hint}` });
      }
      continue;
    }
    const issue: ConfigIssue = { path: pathOf(i.path), rule: i.message };
    if (i.code === "invalid_type" && i.input === undefined) issue.rule = `is required (${i.message})`;
    else if ("input" in i) issue.value = i.input;
    issues.push(issue);
  }
  return issues;
}
