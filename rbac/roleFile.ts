import * as fs from "fs";
import * as path from "path";
import { z } from "zod";
import { ConfigIssue, PlatformConfigError } from "../core/errors";
import { isGuid } from "./catalog";
import { RoleDefinition } from "./types";

/** Role files are small JSON documents: anything larger is not one (and is never read whole). */
export const ROLE_FILE_MAX_BYTES = 1024 * 1024;

const stringList = z.array(z.string().min(1));

// The file `az role definition create --role-definition` takes. az lower-cases the first letter of
// every key before it reads them (azure-cli role/custom.py), so `Name`/`name`, `Actions`/`actions`
// are the same key: keys are normalised the same way before this schema sees them.
const createShape = z.object({
  name: z.string().min(1),
  id: z.string().optional(),
  isCustom: z.boolean().optional(),
  description: z.string().optional(),
  actions: stringList.default([]),
  notActions: stringList.default([]),
  dataActions: stringList.default([]),
  notDataActions: stringList.default([]),
  assignableScopes: stringList.min(1),
  condition: z.unknown().optional(),
});

// What `az role definition list` prints: `roleName` is the display name, `name` the GUID, and the
// permissions are nested blocks.
const permissionBlock = z.object({
  actions: stringList.default([]),
  notActions: stringList.default([]),
  dataActions: stringList.default([]),
  notDataActions: stringList.default([]),
  condition: z.unknown().optional(),
  conditionVersion: z.unknown().optional(),
});
const listShape = z.object({
  roleName: z.string().min(1),
  name: z.string().optional(),
  roleType: z.string().optional(),
  description: z.string().optional(),
  permissions: z.array(permissionBlock).min(1),
  assignableScopes: stringList.min(1),
});

/** `Name` → `name`, recursively through objects and arrays: az's own key normalisation. */
function lowerFirstKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(lowerFirstKeys);
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.charAt(0).toLowerCase() + k.slice(1), lowerFirstKeys(v)]));
  return value;
}

/**
 * Parses a role definition document in either shape az knows (create file or list output, any key
 * case az accepts) into the engine's normalised form. Refuses what Azure refuses: an action string
 * with more than one `*` ("Only one is allowed"), and ABAC conditions, which this engine would
 * otherwise evaluate as unconditional grants.
 */
export function parseRoleDefinition(document: unknown, source: string): RoleDefinition {
  const raw = Array.isArray(document) && document.length === 1 ? document[0] : document;
  const doc = lowerFirstKeys(raw);
  let role: RoleDefinition;
  if (doc && typeof doc === "object" && "roleName" in doc) {
    const parsed = listShape.safeParse(doc);
    if (!parsed.success) throw roleFileError(source, parsed.error);
    const r = parsed.data;
    if (r.permissions.some((p) => p.condition !== undefined && p.condition !== null && p.condition !== ""))
      throw new PlatformConfigError([{ path: `${source}#permissions`, rule: "carries an ABAC condition, which this package cannot evaluate (a conditional grant would be shown as unconditional); remove it or assign the role outside the stack" }]);
    role = {
      id: r.name && isGuid(r.name) ? r.name.toLowerCase() : undefined,
      name: r.roleName,
      description: r.description,
      isCustom: r.roleType ? r.roleType !== "BuiltInRole" : true,
      permissions: r.permissions.map(({ actions, notActions, dataActions, notDataActions }) => ({ actions, notActions, dataActions, notDataActions })),
      assignableScopes: r.assignableScopes,
    };
  } else {
    const parsed = createShape.safeParse(doc);
    if (!parsed.success) throw roleFileError(source, parsed.error);
    const r = parsed.data;
    if (r.condition !== undefined && r.condition !== null && r.condition !== "")
      throw new PlatformConfigError([{ path: `${source}#condition`, rule: "carries an ABAC condition, which this package cannot evaluate (a conditional grant would be shown as unconditional)" }]);
    role = {
      id: r.id && isGuid(r.id) ? r.id.toLowerCase() : undefined,
      name: r.name,
      description: r.description,
      isCustom: r.isCustom ?? true,
      permissions: [{ actions: r.actions, notActions: r.notActions, dataActions: r.dataActions, notDataActions: r.notDataActions }],
      assignableScopes: r.assignableScopes,
    };
  }
  const issues: ConfigIssue[] = [];
  role.permissions.forEach((p, i) => {
    for (const [field, list] of Object.entries(p) as [string, string[]][])
      list.forEach((action, j) => {
        if (action.split("*").length > 2)
          issues.push({ path: `${source}#permissions.${i}.${field}.${j}`, rule: "must contain at most one '*' (Azure refuses the role: \"Only one is allowed\")", value: action });
      });
  });
  if (issues.length) throw new PlatformConfigError(issues);
  return role;
}

function roleFileError(source: string, error: z.ZodError): PlatformConfigError {
  const issues: ConfigIssue[] = error.issues.map((i) => ({
    path: `${source}${i.path.length ? "#" + i.path.join(".") : ""}`,
    rule: i.message.replace(/^Invalid input: /, ""),
  }));
  return new PlatformConfigError(issues);
}

/** Where a JSON syntax error is, as "line L, column C" — never the text around it. */
function jsonErrorPosition(text: string, error: Error): string {
  const at = /position (\d+)/.exec(error.message);
  if (!at) return "malformed JSON";
  const offset = Number(at[1]);
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - before.lastIndexOf("\n");
  return `malformed JSON at line ${line}, column ${column}`;
}

/**
 * Reads a role definition file on the stack's behalf. The file must be a relative path inside
 * `baseDir` (the Pulumi project directory) that stays inside it after resolving symlinks, and at
 * most 1 MiB: a stack file must not make the program read arbitrary files of the machine. Errors
 * name the file, the rule and a JSON error's position, never the file's content (it may be a
 * secret that would end up in CI logs). `configPath` names the config entry that referenced it.
 */
export function loadRoleDefinitionFile(file: string, baseDir: string, configPath: string): RoleDefinition {
  const fail = (rule: string) => new PlatformConfigError([{ path: configPath, rule, value: file }]);
  if (path.isAbsolute(file) || /^[a-zA-Z]:[\\/]/.test(file)) throw fail("custom role file must be a path relative to the project directory");
  let root: string;
  let full: string;
  try {
    root = fs.realpathSync(baseDir);
    full = fs.realpathSync(path.resolve(root, file));
  } catch {
    throw fail("custom role file must exist and be readable");
  }
  const rel = path.relative(root, full);
  if (rel === "" || rel.startsWith("..") || path.isAbsolute(rel)) throw fail("custom role file must stay inside the project directory (no '..' or symlink leaving it)");
  let text: string;
  try {
    const stat = fs.statSync(full);
    if (!stat.isFile()) throw fail("custom role file must be a regular file");
    if (stat.size > ROLE_FILE_MAX_BYTES) throw fail(`custom role file must be at most 1 MiB (it has ${stat.size} bytes)`);
    text = fs.readFileSync(full, "utf8");
  } catch (e) {
    if (e instanceof PlatformConfigError) throw e;
    throw fail("custom role file must exist and be readable");
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (e) {
    throw fail(`custom role file must be valid JSON (${jsonErrorPosition(text, e as Error)})`);
  }
  return parseRoleDefinition(document, file);
}

