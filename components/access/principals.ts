import * as pulumi from "@pulumi/pulumi";
import * as azuread from "@pulumi/azuread";
import { TeamArgs } from "./args";

export interface TeamPrincipal {
  id: pulumi.Output<string>;
  type: string;
}

/** The principal a team's roles go to: an existing group, a looked-up group, a new group, or a direct principal. */
export function teamPrincipal(model: string, team: TeamArgs, parent: pulumi.Resource): TeamPrincipal {
  const opts = { parent };
  if (team.principalObjectId !== undefined) return { id: pulumi.output(team.principalObjectId), type: team.principalType as string };
  if (team.groupObjectId !== undefined) return { id: pulumi.output(team.groupObjectId), type: "Group" };
  const displayName = team.groupDisplayName as string;
  if (!team.createGroup) return { id: azuread.getGroupOutput({ displayName, securityEnabled: true }, opts).objectId, type: "Group" };
  // Members by UPN, as `az ml workspace share --user` takes them.
  const members = (team.members ?? []).map((upn) => azuread.getUserOutput({ userPrincipalName: upn }, opts).objectId);
  const group = new azuread.Group(
    `${model}-${team.name}-group`,
    { displayName, description: `Azure ML team ${team.name} (managed by azureml-platform)`, securityEnabled: true, mailEnabled: false, preventDuplicateNames: true, members },
    opts,
  );
  return { id: group.objectId, type: "Group" };
}
