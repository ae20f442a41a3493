import { StackValidationPolicy } from "@pulumi/policy";
import { WildcardReading, grantUnder, withinAssignableScopes } from "../../rbac/engine";
import { DATA_OPERATIONS, DEFAULT_ADMIN_ONLY_OPERATIONS, KeyOperation, decidedAtStorage, isDataActionString } from "../../rbac/operations";
import { DeferredReads, isProd, isType, TYPES } from "../lib/azure";
import { isWorkspaceSelfGrant } from "../lib/deploy";
import { WILDCARD_READING_SCHEMA, analyzeStackAccess, coversWorkspace, coversWorkspaceStorage, describePrincipal, operationList, readingNote } from "../lib/access";

/** Admin-only by default: what only-admins-create-compute reserves to admins, and granting access to others. */
export const JIT_DEFAULT_OPERATIONS: readonly KeyOperation[] = [...DEFAULT_ADMIN_ONLY_OPERATIONS, "writeRoleAssignments"];

/**
 * In prod, admin access is held just in time: a principal holding an admin-only operation (the
 * only-admins-create-compute set, plus writing role assignments: Owner, User Access Administrator, …)
 * on a workspace through an ACTIVE role assignment is a finding; the same role through a PIM
 * eligibility (PimRoleEligibilitySchedule, AccessModel's `activation: eligible`) is not. Admin or
 * not: this is about standing access, which only-admins-create-compute does not judge. The
 * platform's own identities (WorkspaceStack's grants, the workspace's own identity) are the service,
 * not people, and PIM takes users and groups only: they are left out. Prod is decided by the
 * workspaces' `environment` tag (isProd: anything but dev, fail closed).
 *
 * Advisory unless the policy config sets `enforcementLevel: mandatory` for it (prod.json's `all`
 * would otherwise make it mandatory, so the config names it advisory explicitly).
 */
export const adminAccessJustInTimeInProd: StackValidationPolicy = {
  name: "admin-access-just-in-time-in-prod",
  description:
    "In prod, admin-only operations (creating or deleting compute and datastores, removing guard rails, granting access) are held just in time through PIM eligibility, not through standing role assignments.",
  severity: "high",
  enforcementLevel: "advisory",
  remediationSteps:
    "Set activation: eligible on the team (with maxActivation and, optionally, requireApproval) so the role is a PIM eligibility activated just in time, " +
    "or give the team a role without these operations; list break-glass principals in exemptPrincipalIds.",
  configSchema: {
    properties: {
      adminOnlyOperations: {
        type: "array",
        items: { type: "string" },
        default: [...JIT_DEFAULT_OPERATIONS],
        description: "Key operation names (createCompute, writeRoleAssignments, …) or raw Azure operations that must be held just in time in prod.",
      },
      exemptPrincipalIds: {
        type: "array",
        items: { type: "string" },
        default: [],
        description: "Entra ID object ids allowed standing admin access in prod (break-glass accounts, deployment service principals PIM cannot take).",
      },
      wildcardReading: WILDCARD_READING_SCHEMA,
    },
  },
  validateStack: (args, reportViolation) => {
    const config = args.getConfig<{ adminOnlyOperations?: string[]; exemptPrincipalIds?: string[]; wildcardReading?: WildcardReading }>();
    if (!args.resources.some((r) => isType(r.type, TYPES.workspace) && isProd(r.props))) return;
    // Stryker disable next-line StringLiteral,LogicalOperator: the engine fills the schema default ("strict") before the policy runs.
    const reading = config.wildcardReading ?? "strict";
    // Stryker disable next-line ArrayDeclaration: the engine fills the schema default ([]) before the policy runs.
    const exempt = new Set((config.exemptPrincipalIds ?? []).map((id) => id.toLowerCase()));
    const access = analyzeStackAccess(args.resources);
    const operations = operationList(config.adminOnlyOperations ?? JIT_DEFAULT_OPERATIONS).map((o) => ({
      ...o,
      atStorage: decidedAtStorage(o.operations[0]),
      dataAction: o.key ? DATA_OPERATIONS.has(o.key as KeyOperation) : isDataActionString(o.operations[0]),
    }));
    const deferred = new DeferredReads();
    const byUrn = new Map(args.resources.map((r) => [r.urn, r]));
    for (const a of access.assignments) {
      if (a.activation === "eligible" || a.platformIdentity || exempt.has(a.principal)) continue;
      if (isWorkspaceSelfGrant(a, byUrn.get(a.urn)!, args.resources)) continue;
      const reached = { workspaces: access.workspaces.filter((w) => coversWorkspace(a, w)), storage: access.workspaces.filter((w) => coversWorkspaceStorage(a, w)) };
      if (reached.workspaces.length === 0 && reached.storage.length === 0) continue;
      if (a.roleUnknown) {
        deferred.add(a.props, "roleDefinitionId");
        continue;
      }
      if (!a.role) {
        reportViolation(`${describePrincipal(a)} holds role definition ${a.roleReference} through an active assignment; it cannot be resolved, so it cannot be shown not to be admin access (failing closed)`, a.urn);
        continue;
      }
      // Azure refuses an assignment outside the custom role's AssignableScopes: it grants nothing.
      if (a.scope !== undefined && !withinAssignableScopes(a.role, a.scope)) continue;
      const granted: string[] = [];
      for (const o of operations) {
        const where = o.atStorage ? reached.storage : reached.workspaces;
        if (where.length === 0) continue;
        let found: { operation: string; pattern: string; literalOnly: boolean } | undefined;
        for (const operation of o.operations) {
          const g = found ? undefined : grantUnder(a.role, operation, reading, { dataAction: o.dataAction });
          if (g) found = { operation, ...g };
        }
        if (found) granted.push(`${o.label} on ${where.map((w) => w.name).join(", ")} (granted by "${found.pattern}"${readingNote(found.literalOnly)})`);
      }
      if (granted.length === 0) continue;
      reportViolation(
        `${describePrincipal(a)} holds "${a.role.name}" at ${a.scope ?? "a scope unknown until deployment"} through a standing (active) role assignment, which allows ${granted.join("; ")}; in prod hold it just in time (activation: eligible)`,
        a.urn,
      );
    }
    deferred.settle();
  },
};
