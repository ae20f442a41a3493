import * as fs from "fs";
import * as path from "path";
import { z } from "zod";
import { ConfigIssue, PlatformConfigError } from "../config/errors";
import { isGuid } from "./catalog";
import { RoleDefinition } from "./types";

const stringList = z.array(z.string().min(1));

// The file `az role definition create --role-definition` takes (PascalCase, flat).
const pascalRole = z.object({
  Name: z.string().min(1),
  Id: z.string().optional(),
  IsCustom: z.boolean().optional(),
  Description: z.string().optional(),
  Actions: stringList.default([]),
  NotActions: stringList.default([]),
  DataActions: stringList.default([]),
  NotDataActions: stringList.default([]),
  AssignableScopes: stringList.min(1),
});

// What `az role definition list` prints (camelCase, nested permissions).
const camelPermission = z.object({
  actions: stringList.default([]),
  notActions: stringList.default([]),
  dataActions: stringList.default([]),
  notDataActions: stringList.default([]),
});
const camelRole = z.object({
  roleName: z.string().min(1),
  name: z.string().optional(),
  roleType: z.string().optional(),
  description: z.string().optional(),
  permissions: z.array(camelPermission).min(1),
  assignableScopes: stringList.min(1),
});

/** Parses a role definition document (PascalCase or camelCase) into the engine's normalised form. */
export function parseRoleDefinition(document: unknown, source: string): RoleDefinition {
  const doc = Array.isArray(document) && document.length === 1 ? document[0] : document;
  if (doc && typeof doc === "object" && "roleName" in doc) {
    const parsed = camelRole.safeParse(doc);
    if (!parsed.success) throw roleFileError(source, parsed.error);
    const r = parsed.data;
    return {
      id: r.name && isGuid(r.name) ? r.name.toLowerCase() : undefined,
      name: r.roleName,
      description: r.description,
      isCustom: r.roleType ? r.roleType !== "BuiltInRole" : true,
      permissions: r.permissions,
      assignableScopes: r.assignableScopes,
    };
  }
  const parsed = pascalRole.safeParse(doc);
  if (!parsed.success) throw roleFileError(source, parsed.error);
  const r = parsed.data;
  return {
    id: r.Id && isGuid(r.Id) ? r.Id.toLowerCase() : undefined,
    name: r.Name,
    description: r.Description,
    isCustom: r.IsCustom ?? true,
    permissions: [{ actions: r.Actions, notActions: r.NotActions, dataActions: r.DataActions, notDataActions: r.NotDataActions }],
    assignableScopes: r.AssignableScopes,
  };
}

function roleFileError(source: string, error: z.ZodError): PlatformConfigError {
  const issues: ConfigIssue[] = error.issues.map((i) => ({
    path: `${source}${i.path.length ? "#" + i.path.join(".") : ""}`,
    rule: i.message.replace(/^Invalid input: /, ""),
  }));
  return new PlatformConfigError(issues);
}

/**
 * Reads a role definition file. `configPath` names the config entry that referenced it, so a missing
 * or malformed file is reported against the user's config, not as a stack trace.
 */
export function loadRoleDefinitionFile(file: string, baseDir: string, configPath: string): RoleDefinition {
  const full = path.resolve(baseDir, file);
  let text: string;
  try {
    text = fs.readFileSync(full, "utf8");
  } catch {
    throw new PlatformConfigError([{ path: configPath, rule: "custom role file must exist and be readable", value: file }]);
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (e) {
    throw new PlatformConfigError([
      { path: configPath, rule: `custom role file must be valid JSON (${(e as Error).message})`, value: file },
    ]);
  }
  return parseRoleDefinition(document, file);
}

/** True for scopes copied from documentation, e.g. `/subscriptions/<subscription_id>/…`. */
export function isPlaceholderScope(scope: string): boolean {
  return /<[^>]+>|\{[^}]+\}/.test(scope);
}
