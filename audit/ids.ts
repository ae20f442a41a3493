// Scopes and role references as the audit compares them. No Pulumi import.
import { UNKNOWN_MARKER } from "../core/markers";
import { roleDefinitionGuid } from "../rbac/catalog";

/** A scope as ARM compares it: case-insensitive, no trailing slash. */
export const normScope = (scope: string) => scope.toLowerCase().replace(/\/+$/, "");

/** A role definition's GUID (lower-cased) from its id (a trailing slash allowed) or a bare GUID; undefined when it ends in none. */
export const roleGuid = (id: string) => roleDefinitionGuid(id.replace(/\/+$/, ""));

/** A role definition's GUID, or the reference lower-cased when it ends in none. */
export const roleGuidOf = (id: string) => roleGuid(id) ?? id.toLowerCase();

/** One role at one scope, as a key: a role management policy's, and the eligibilities it governs. */
export const scopeRoleKey = (scope: string, roleDefinitionId: string) => `${normScope(scope)} ${roleGuidOf(roleDefinitionId)}`;

/** The subscription a scope is in (lower-cased); undefined above the subscriptions (a management group, the root). */
export const subscriptionOfScope = (scope: string) => /^\/subscriptions\/([^/]+)/i.exec(scope)?.[1].toLowerCase();

/** A plan value that is known and not empty (a first-preview plan writes the unknown marker). */
export const isKnown = (v: unknown): v is string => typeof v === "string" && v !== UNKNOWN_MARKER && v !== "";
