import { v5 as uuidv5 } from "uuid";

/** Namespace for every deterministic id this package derives (UUID v5 of the package URL). */
export const PACKAGE_UUID_NAMESPACE = uuidv5("https://www.npmjs.com/package/azureml-platform", uuidv5.URL);

/** Deterministic UUID v5 over case-folded parts: same inputs, same id, on every machine. */
export function deterministicGuid(...parts: string[]): string {
  return uuidv5(parts.map((p) => p.trim().toLowerCase()).join("|"), PACKAGE_UUID_NAMESPACE);
}

/** Role assignment name from (scope, principal, role): a re-run never creates a duplicate assignment. */
export function roleAssignmentGuid(scope: string, principalId: string, roleDefinitionId: string): string {
  return deterministicGuid("role-assignment", scope, principalId, roleDefinitionId.split("/").pop() ?? roleDefinitionId);
}

const MARKER = /^azureml-platform team=([a-z0-9-]+)(?: (admin))?$/;

/**
 * The description AccessModel writes on each role assignment. It names the team and whether the team
 * is an admin team, so auditors see it in the portal and the access policies can tell admin grants
 * declared in the stack from hand-written ones.
 */
export function assignmentDescription(team: string, admin: boolean): string {
  return `azureml-platform team=${team}${admin ? " admin" : ""}`;
}

export function parseAssignmentDescription(description: unknown): { team: string; admin: boolean } | undefined {
  if (typeof description !== "string") return undefined;
  const m = MARKER.exec(description);
  return m ? { team: m[1], admin: m[2] === "admin" } : undefined;
}
