import { StackValidationPolicy } from "@pulumi/policy";
import { allows } from "../../rbac/engine";
import { DeferredReads } from "../lib/azure";
import { adminPrincipals, analyzeStackAccess, coversWorkspace, describePrincipal, operationList } from "../lib/access";

const DEFAULT_ADMIN_ONLY_OPERATIONS = ["createCompute", "deleteCompute"];

/**
 * The seed's rule: "only allows users in the Azure administrators group to create compute targets
 * and datastores". Any principal not proven admin that holds, at a scope reaching a workspace, a role
 * allowing an admin-only operation is a violation.
 */
export const onlyAdminsCreateCompute: StackValidationPolicy = {
  name: "only-admins-create-compute",
  description:
    "Only admin principals may hold a role that creates or deletes Azure ML compute (and, when configured, datastores) in a workspace.",
  severity: "high",
  remediationSteps:
    "Give the team a role without compute write/delete (for example AzureML Data Scientist or the seed's custom Data Scientist role), " +
    "or mark the team admin: true in stack config, or add its object id to adminPrincipalIds in the policy config.",
  configSchema: {
    properties: {
      adminPrincipalIds: { type: "array", items: { type: "string" }, default: [], description: "Entra ID object ids of admin principals." },
      adminOnlyOperations: {
        type: "array",
        items: { type: "string" },
        default: DEFAULT_ADMIN_ONLY_OPERATIONS,
        description: "Key operation names (createCompute, deleteCompute, createDatastore, …) or raw Azure operations reserved to admins.",
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
      const granted = operations.filter((o) => allows(a.role!, o.operation));
      if (granted.length === 0) continue;
      const where = reached.map((w) => (w ? `workspace ${w.name}` : "workspaces outside this stack")).join(", ");
      reportViolation(
        `${describePrincipal(a)} is not an admin but holds "${a.role.name}" at ${a.scope ?? "a scope unknown until deployment"}, which allows ${granted
          .map((o) => `${o.label} (${o.operation})`)
          .join(", ")} on ${where}`,
        a.urn,
      );
    }
    deferred.settle();
  },
};
