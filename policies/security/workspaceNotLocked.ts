import { StackValidationPolicy } from "@pulumi/policy";
import { DeferredReads, isType, read, refersTo, TYPES, UNKNOWN } from "../lib/azure";

export const workspaceNotLocked: StackValidationPolicy = {
  name: "workspace-not-locked",
  description:
    "No management lock is scoped to an Azure ML workspace. A lock applies to the resource's child and extension resources and prevents deleting role assignments at its scope (Azure docs, lock-resources), so it makes the stack's own updates fail when they remove a compute, change a role assignment or drop the diagnostic setting. Protect the workspace with Pulumi's protect and lock its storage and key vault instead.",
  severity: "medium",
  remediationSteps: "Remove the lock on the workspace; set protect: true on the workspace and lock the storage account and key vault (WorkspaceStack does in prod).",
  validateStack: (args, reportViolation) => {
    const workspaces = args.resources.filter((r) => isType(r.type, TYPES.workspace));
    const deferred = new DeferredReads();
    for (const lock of args.resources.filter((r) => isType(r.type, TYPES.lock))) {
      const scope = read<string>(lock.props, "scope");
      const target = workspaces.find((ws) => refersTo(lock, "scope", ws, "microsoft.machinelearningservices/workspaces", "workspaceName"));
      const byId = typeof scope === "string" && /\/providers\/microsoft\.machinelearningservices\/workspaces\/[^/]+$/i.test(scope);
      if (target || byId) reportViolation(`${lock.name} locks workspace ${target?.name ?? String(scope)}: later updates cannot delete its computes, role assignments or diagnostic settings`, lock.urn);
      // A scope unknown in preview and tied to no resource of the stack could be a workspace.
      else if (scope === UNKNOWN && !(lock.propertyDependencies?.scope ?? []).length) deferred.add(lock.props, "scope");
    }
    deferred.settle();
  },
};
