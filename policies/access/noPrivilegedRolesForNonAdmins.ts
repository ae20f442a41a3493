import { StackValidationPolicy } from "@pulumi/policy";
import { grantsRoleAssignmentWrite } from "../../rbac/engine";
import { DeferredReads } from "../lib/azure";
import { adminPrincipals, analyzeStackAccess, describePrincipal } from "../lib/access";

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
    },
  },
  validateStack: (args, reportViolation) => {
    const config = args.getConfig<{ adminPrincipalIds?: string[] }>();
    const access = analyzeStackAccess(args.resources);
    const admins = adminPrincipals(access, config.adminPrincipalIds ?? []);
    const deferred = new DeferredReads();
    for (const a of access.assignments) {
      if (admins.has(a.principal)) continue;
      if (a.roleUnknown) deferred.add(a.props, "roleDefinitionId");
      else if (!a.role) {
        reportViolation(`${describePrincipal(a)} is assigned role definition ${a.roleReference}, which cannot be resolved, so it cannot be shown to be unprivileged (failing closed)`, a.urn);
      } else if (PRIVILEGED.has(a.role.name.toLowerCase()) || grantsRoleAssignmentWrite(a.role)) {
        reportViolation(`${describePrincipal(a)} is not an admin but holds privileged role "${a.role.name}", which can grant access to others`, a.urn);
      }
    }
    deferred.settle();
  },
};
