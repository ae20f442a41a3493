import { StackValidationPolicy } from "@pulumi/policy";
import { grantingPattern } from "../../rbac/engine";
import { DATA_OPERATIONS, DEFAULT_ADMIN_ONLY_OPERATIONS, KeyOperation } from "../../rbac/operations";
import { DeferredReads } from "../lib/azure";
import { adminPrincipals, analyzeStackAccess, coversWorkspace, describePrincipal, operationList } from "../lib/access";

/**
 * Any principal not proven admin that holds, at a scope reaching a workspace, a role allowing an
 * admin-only operation is a violation; the finding names the team, each operation and the action
 * pattern that grants it.
 */
export const onlyAdminsCreateCompute: StackValidationPolicy = {
  name: "only-admins-create-compute",
  description:
    "Only admin principals may hold a role that creates or deletes Azure ML compute, creates datastores, or tampers with the guard rails (deletes role assignments or locks, changes workspace settings, writes outbound rules) in a workspace.",
  severity: "high",
  remediationSteps:
    "Give the team a role without these operations (for example roles/data-scientist-restricted.json, or AzureML Data Scientist plus NotActions), " +
    "or mark the team admin: true in stack config, or add its object id to adminPrincipalIds in the policy config.",
  configSchema: {
    properties: {
      adminPrincipalIds: { type: "array", items: { type: "string" }, default: [], description: "Entra ID object ids of admin principals." },
      adminOnlyOperations: {
        type: "array",
        items: { type: "string" },
        default: [...DEFAULT_ADMIN_ONLY_OPERATIONS],
        description: "Key operation names (createCompute, createDatastore, deleteLocks, …) or raw Azure operations reserved to admins.",
      },
    },
  },
  validateStack: (args, reportViolation) => {
    const config = args.getConfig<{ adminPrincipalIds?: string[]; adminOnlyOperations?: string[] }>();
    const access = analyzeStackAccess(args.resources);
    const admins = adminPrincipals(access, config.adminPrincipalIds ?? []);
    const operations = operationList(config.adminOnlyOperations ?? DEFAULT_ADMIN_ONLY_OPERATIONS);
    const deferred = new DeferredReads();
    for (const a of access.assignments) {
      if (admins.has(a.principal)) continue;
      const reached = access.workspaces.length ? access.workspaces.filter((w) => coversWorkspace(a, w)) : [undefined];
      if (reached.length === 0) continue;
      if (a.roleUnknown) {
        deferred.add(a.props, "roleDefinitionId");
        continue;
      }
      if (!a.role) {
        reportViolation(
          `${describePrincipal(a)} is assigned role definition ${a.roleReference}, which cannot be resolved, so it cannot be shown not to allow ${operations.map((o) => o.label).join(", ")} (failing closed)`,
          a.urn,
        );
        continue;
      }
      const granted = operations
        .map((o) => ({ ...o, pattern: grantingPattern(a.role!, o.operation, { dataAction: DATA_OPERATIONS.has(o.label as KeyOperation) }) }))
        .filter((o) => o.pattern !== undefined);
      if (granted.length === 0) continue;
      const where = reached.map((w) => (w ? `workspace ${w.name}` : "workspaces outside this stack")).join(", ");
      reportViolation(
        `${describePrincipal(a)} is not an admin but holds "${a.role.name}" at ${a.scope ?? "a scope unknown until deployment"}, which allows ${granted
          .map((o) => `${o.label} (${o.operation}, granted by "${o.pattern}")`)
          .join(", ")} on ${where}`,
        a.urn,
      );
    }
    deferred.settle();
  },
};
