// What AccessModel reports: who can do what at each workspace and registry (rbac/matrix.ts over the
// model's resolved grants), and the Markdown that adds the members of the groups it creates.
import * as pulumi from "@pulumi/pulumi";
import { AccessReport, WorkspaceScope, buildAccess, renderMatrixMarkdown } from "../../rbac/matrix";
import { Assignment } from "../../rbac/types";
import { AccessModelArgs } from "./args";

/**
 * The places access is decided: each workspace (its storage account, its projects' container prefix,
 * whether the account takes Shared Key) and each registry.
 */
function accessScopes(args: Pick<AccessModelArgs, "workspaces" | "registries">): pulumi.Output<WorkspaceScope[]> {
  const registries = args.registries ?? [];
  return pulumi
    .all([pulumi.all(args.workspaces.map((w) => pulumi.all([w.workspaceId, w.storageAccountId, w.dataContainerPrefix, w.storageSharedKeyAccess]))), pulumi.all(registries.map((r) => r.registryId))])
    .apply(([ids, registryIds]) => [
      ...args.workspaces.map((w, i) => ({
        name: w.name,
        id: ids[i][0],
        storageAccountId: ids[i][1],
        ...(ids[i][2] ? { dataContainerPrefix: ids[i][2] } : {}),
        // Not said (an adopted account): its Shared Key setting is not visible, so what its keys give is uncertain.
        sharedKeyAccess: typeof ids[i][3] === "boolean" ? ids[i][3] : ("maybe" as const),
        kind: w.kind === "hub" || w.kind === "project" ? w.kind : ("workspace" as const),
      })),
      ...registries.map((r, i) => ({ name: r.name, id: registryIds[i], kind: "registry" as const })),
    ]);
}

/** A group the model creates with members (user principal names), and its object id once created. */
export interface CreatedGroup {
  members: readonly string[];
  id: pulumi.Input<string>;
}

/** The access report of the model's grants, and its Markdown with a table per member of the groups it creates. */
export function accessReport(
  assignments: pulumi.Output<Assignment>[],
  args: Pick<AccessModelArgs, "workspaces" | "registries">,
  groups: readonly CreatedGroup[],
): { report: pulumi.Output<AccessReport>; markdown: pulumi.Output<string> } {
  // Members by user principal name: what each can do through its groups.
  const memberships = pulumi.all(groups.map((g) => g.id)).apply((ids) => {
    const byMember = new Map<string, string[]>();
    groups.forEach((g, i) => {
      for (const upn of g.members) byMember.set(upn.toLowerCase(), [...(byMember.get(upn.toLowerCase()) ?? []), ids[i]]);
    });
    return [...byMember].map(([member, ids]) => ({ member, groups: ids }));
  });
  const report = pulumi.all([pulumi.all(assignments), accessScopes(args), memberships]).apply(([resolved, scopes, m]) => buildAccess(resolved, scopes, { memberships: m }));
  const markdown = report.apply((r) => renderMatrixMarkdown(r.rows, { members: r.members }));
  return { report, markdown };
}
