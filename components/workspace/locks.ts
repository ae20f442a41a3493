import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import { ChildContext } from "./context";

/**
 * A `CanNotDelete` lock on a resource that holds data. Locks go on the data (storage account, key
 * vault), never on the workspace: a lock applies to a resource's child and extension resources and
 * prevents deleting role assignments at its scope (Azure lock docs, lock-resources), so a workspace
 * lock would block this stack's own updates that remove a compute, a role assignment or the
 * diagnostic setting. The workspace is `protect`ed instead.
 */
export function lockAgainstDeletion(ctx: ChildContext, label: string, scope: pulumi.Input<string>, why: string): authorization.ManagementLockByScope {
  return new authorization.ManagementLockByScope(
    `${ctx.name}-${label}-lock`,
    { lockName: "do-not-delete", scope, level: "CanNotDelete", notes: `Managed by azureml-platform: ${why}.` },
    { parent: ctx.parent },
  );
}
