/** One `permissions` block of an Azure role definition. */
export interface Permission {
  actions: string[];
  notActions: string[];
  dataActions: string[];
  notDataActions: string[];
}

/** An Azure role definition, built-in or custom, normalised to camelCase. */
export interface RoleDefinition {
  /** Role definition GUID (the last segment of its ARM id). Custom roles get theirs at deploy time. */
  id?: string;
  /** `roleName` / `Name`. */
  name: string;
  description?: string;
  isCustom: boolean;
  permissions: Permission[];
  /** Scopes the role may be assigned at; `/` for built-in roles. */
  assignableScopes: string[];
}

/** A role granted to a principal at a scope (an Azure role assignment, reduced to what RBAC evaluation needs). */
export interface Assignment {
  principalId: string;
  principalType?: string;
  /** ARM scope: `/`, `/subscriptions/…`, `/subscriptions/…/resourceGroups/…`, or a resource id. */
  scope: string;
  role: RoleDefinition;
  /** Free-form label carried into reports, e.g. the team name. */
  label?: string;
  /**
   * An ABAC condition limiting the assignment's data actions to blob containers whose names start
   * with one of these prefixes (a project's containers in its hub's storage).
   */
  containerPrefixes?: string[];
  /** `eligible`: a PIM eligibility, granting the role only once activated. @default "active" */
  activation?: "active" | "eligible";
}
