import { closest } from "../core/suggest";
import { BUILT_IN_ALIASES, BUILT_IN_ROLES } from "./builtinRoles";
import { RoleDefinition } from "./types";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(value: string): boolean {
  return GUID.test(value);
}

/** The GUID at the end of a role definition reference (`…/roleDefinitions/<guid>` or a bare GUID). */
export function roleDefinitionGuid(reference: string): string | undefined {
  const last = reference.trim().split("/").pop() ?? "";
  return isGuid(last) ? last.toLowerCase() : undefined;
}

/**
 * Built-in roles plus the stack's custom roles, looked up case-insensitively by name, alias or GUID.
 * Custom roles win over built-ins of the same name, as they do in `az role assignment create --role`.
 */
export class RoleCatalog {
  private readonly byName = new Map<string, RoleDefinition>();
  private readonly byId = new Map<string, RoleDefinition>();

  constructor(customRoles: readonly RoleDefinition[] = [], builtIns: readonly RoleDefinition[] = BUILT_IN_ROLES) {
    for (const role of [...builtIns, ...customRoles]) {
      this.byName.set(role.name.toLowerCase(), role);
      if (role.id) this.byId.set(role.id.toLowerCase(), role);
    }
  }

  get names(): string[] {
    return [...this.byName.values()].map((r) => r.name);
  }

  resolve(reference: string): RoleDefinition | undefined {
    const key = reference.trim().toLowerCase();
    const guid = roleDefinitionGuid(key);
    if (guid) return this.byId.get(guid);
    return this.byName.get(key) ?? this.byName.get((BUILT_IN_ALIASES[key] ?? "").toLowerCase());
  }

  suggestions(reference: string): string[] {
    return closest(reference, this.names);
  }
}
