import { StackValidationPolicy } from "@pulumi/policy";
import { ROLE_ASSIGNMENT_WRITE, WildcardReading, grantUnder } from "../../rbac/engine";
import { DeferredReads } from "../lib/azure";
import { WILDCARD_READING_SCHEMA, adminPrincipals, analyzeStackAccess, describePrincipal, readingNote } from "../lib/access";

const PRIVILEGED = new Set(["owner", "user access administrator", "role based access control administrator"]);

export const noPrivilegedRolesForNonAdmins: StackValidationPolicy = {
  name: "no-privileged-roles-for-non-admins",
  description:
    "Owner, User Access Administrator, Role Based Access Control Administrator and any role that can write role assignments are for admin principals only (privilege escalation).",
  severity: "critical",
  remediationSteps: "Assign a non-privileged role, or mark the team admin: true, or list the principal in adminPrincipalIds.",
  configSchema: {
    properties: {
      adminPrincipalIds: { type: "array", items: { type: "string" }, default: [], description: "Entra ID object ids of admin principals." },
      wildcardReading: WILDCARD_READING_SCHEMA,
    },
  },
  validateStack: (args, reportViolation) => {
    const config = args.getConfig<{ adminPrincipalIds?: string[]; wildcardReading?: WildcardReading }>();
    const reading = config.wildcardReading ?? "strict";
    const access = analyzeStackAccess(args.resources);
    const admins = adminPrincipals(access, config.adminPrincipalIds ?? []);
    const deferred = new DeferredReads();
    for (const a of access.assignments) {
      if (admins.has(a.principal)) continue;
      if (a.roleUnknown) deferred.add(a.props, "roleDefinitionId");
      else if (!a.role) {
        reportViolation(`${describePrincipal(a)} is assigned role definition ${a.roleReference}, which cannot be resolved, so it cannot be shown to be unprivileged (failing closed)`, a.urn);
      } else {
        const grant = grantUnder(a.role, ROLE_ASSIGNMENT_WRITE, reading);
        if (PRIVILEGED.has(a.role.name.toLowerCase()) || grant)
          reportViolation(
            `${describePrincipal(a)} is not an admin but holds privileged role "${a.role.name}", which can grant access to others${grant?.literalOnly ? ` (${ROLE_ASSIGNMENT_WRITE} granted by "${grant.pattern}"${readingNote(true)})` : ""}`,
            a.urn,
          );
      }
    }
    deferred.settle();
  },
};
