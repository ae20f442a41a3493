import { StackValidationPolicy } from "@pulumi/policy";
import { azureName, isProd, isType, read, TYPES } from "../lib/azure";

export const workspaceDeleteLockInProd: StackValidationPolicy = {
  name: "workspace-delete-lock-in-prod",
  description: "Prod Azure ML workspaces carry a CanNotDelete management lock (run history, models and lineage cannot be recreated). Platform rule.",
  severity: "high",
  remediationSteps: "Add a ManagementLockByScope with level CanNotDelete scoped to the workspace (WorkspaceStack does in prod).",
  validateStack: (args, reportViolation) => {
    const locks = args.resources.filter((r) => isType(r.type, TYPES.lock) && read(r.props, "level") === "CanNotDelete");
    for (const ws of args.resources.filter((r) => isType(r.type, TYPES.workspace) && isProd(r.props))) {
      const name = azureName(ws.props, "workspaceName");
      const locked = locks.some((l) => {
        if ((l.propertyDependencies?.scope ?? []).some((d) => d.urn === ws.urn)) return true;
        const scope = read<string>(l.props, "scope");
        return typeof scope === "string" && name !== undefined && scope.toLowerCase().endsWith(`/workspaces/${name.toLowerCase()}`);
      });
      if (!locked) reportViolation(`workspace ${ws.name} has no CanNotDelete lock`, ws.urn);
    }
  },
};
