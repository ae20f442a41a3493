// Scopes and role references as the audit compares them. No Pulumi import.
import { roleDefinitionGuid } from "../rbac/catalog";

/** A scope as ARM compares it: case-insensitive, no trailing slash. */
export const normScope = (scope: string) => scope.toLowerCase().replace(/\/+$/, "");

/** A role definition's GUID (lower-cased) from its id or a bare GUID; the reference lower-cased when it ends in none. */
export const roleGuidOf = (id: string) => roleDefinitionGuid(id.replace(/\/+$/, "")) ?? id.toLowerCase();

/** The subscription a scope is in (lower-cased); undefined above the subscriptions (a management group, the root). */
export const subscriptionOfScope = (scope: string) => /^\/subscriptions\/([^/]+)/i.exec(scope)?.[1].toLowerCase();
