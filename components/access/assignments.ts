import * as pulumi from "@pulumi/pulumi";
import { PlatformConfigError } from "../../config/errors";
import { defaultDataAccess } from "../../config/access";
import { nameSlug } from "../../naming";
import { parseResourceId } from "../../naming/resourceIds";
import { BUILT_IN_ROLES } from "../../rbac/builtinRoles";
import { RoleDefinition } from "../../rbac/types";
import { AccessModelArgs, AccessTargetArgs, TeamArgs } from "./args";

// Where AccessModel grants each team's roles: one planned grant per (team, role, scope), named and
// keyed before deployment; the component turns each into a role assignment or a PIM eligibility.

/**
 * Data-plane roles per access level (docs: how-to-identity-based-service-authentication, "data
 * access"): blob for datastores and job inputs/outputs, file (privileged, identity-based) for
 * notebooks and the studio's file share.
 */
const DATA_ROLES: Record<"read" | "readWrite", RoleDefinition[]> = {
  read: ["2a2b9908-6ea1-4ae2-8e65-a410df84e7d1", "b8eda974-7b85-4f76-af95-65846b26df6d"].map(builtIn),
  readWrite: ["ba92f5b4-2d11-453d-a403-e96b0029c9fe", "69566ab7-960f-475b-8e7c-b3118f30c6bd"].map(builtIn),
};

/**
 * Registry roles per access level (how-to-manage-registries, "Add users to the registry"): Reader
 * to use a registry's assets; AzureML Registry User (registries/read and registries/assets/*) to
 * create and delete them without managing the registry, which Contributor and Owner would allow.
 */
const READER = builtIn("acdd72a7-3385-48ef-bd42-f606fba81ae7");
const REGISTRY_ROLES: Record<"read" | "publish", RoleDefinition> = {
  read: READER,
  publish: builtIn("1823dd4f-9b8c-4ab6-ab4e-7397a3684615"),
};

function builtIn(id: string): RoleDefinition {
  return BUILT_IN_ROLES.find((r) => r.id === id)!;
}

/** One grant AccessModel will make. */
export interface PlannedAssignment {
  team: TeamArgs;
  role: RoleDefinition;
  /** Resource name of the assignment. */
  resourceName: string;
  scope: pulumi.Output<string>;
  /**
   * The scope as known before deployment (`workspace:<name>`, `resourceGroup:<name>`, …): grants of
   * one role on one key share the role's management policy there.
   */
  scopeKey: string;
  /** What kind of scope, and whether the key alone tells it apart from others of its kind (rbac/pim.ts PlannedPolicy). */
  scopeKind: "workspace" | "resourceGroup" | "storage" | "subscription" | "registry";
  scopeDistinct: boolean;
  /**
   * Where a custom role must be assignable for this assignment: the resource group (or subscription)
   * containing the scope. It exists before the workspace does, so the role definition need not wait
   * for the workspace, which keeps it off the deployment's critical path.
   */
  definitionScope: pulumi.Output<string>;
  /** Blob container prefixes the assignment is limited to (projects' data in their hub's storage). */
  containerPrefixes?: pulumi.Output<string[]>;
}

/**
 * Where each team's roles are assigned, deduplicated so (scope, principal, role) is unique, plus the
 * team's data roles on each of its workspaces' storage accounts.
 */
export function planAssignments(model: string, args: AccessModelArgs, teamRoles: RoleDefinition[][], subscriptionScope: pulumi.Output<string>): PlannedAssignment[] {
  const workspaceNames = args.workspaces.map((w) => w.name);
  const workspaceByName = new Map(args.workspaces.map((w) => [w.name, w]));
  const registryById = new Map((args.registries ?? []).map((r) => [r.name, r]));
  const planned: PlannedAssignment[] = [];
  const hubLabel = hubLabels(args.workspaces.map((w) => w.hub).filter((h): h is string => h !== undefined));
  args.teams.forEach((team, i) => {
    const targets = (team.workspaces ?? workspaceNames).map((w) => workspaceByName.get(w) as AccessTargetArgs);
    const scope = team.scope ?? "workspace";
    teamRoles[i].forEach((role, j) => {
      // The first role keeps the names single-role teams always had (no replacement on upgrade).
      const prefix = j === 0 ? `${model}-${team.name}` : `${model}-${team.name}-${nameSlug(role.name)}`;
      if (scope === "subscription") {
        planned.push({ team, role, resourceName: `${prefix}-subscription`, scope: subscriptionScope, scopeKey: "subscription", scopeKind: "subscription", scopeDistinct: true, definitionScope: subscriptionScope });
      } else if (scope === "resourceGroup") {
        const seen = new Set<string>();
        const unnamed: { workspace: string; id: pulumi.Output<string> }[] = [];
        for (const w of targets) {
          const rgName = w.resourceGroupName;
          const rg = pulumi.output(w.resourceGroupId);
          if (typeof rgName === "string") {
            // Known before deployment: workspaces sharing the group share one assignment.
            if (seen.has(rgName.toLowerCase())) continue;
            seen.add(rgName.toLowerCase());
            planned.push({ team, role, resourceName: `${prefix}-${rgName}`, scope: rg, scopeKey: `rg-${rgName.toLowerCase()}`, scopeKind: "resourceGroup", scopeDistinct: true, definitionScope: rg });
          } else unnamed.push({ workspace: w.name, id: rg });
        }
        // Names known only after deployment: one assignment per workspace, and two on one group refused
        // when the ids resolve (both would be the same Azure role assignment, each owned by a resource).
        const ids = pulumi.all(unnamed.map((u) => u.id));
        unnamed.forEach((u, k) => {
          const checked = ids.apply((all) => {
            const error = sharedResourceGroupError(model, team.name, unnamed.map((x) => x.workspace), all, k);
            if (error) throw error;
            return all[k];
          });
          planned.push({ team, role, resourceName: `${prefix}-rg-${u.workspace}`, scope: checked, scopeKey: `rg-of-${u.workspace}`, scopeKind: "resourceGroup", scopeDistinct: false, definitionScope: checked });
        });
      } else {
        for (const w of targets)
          planned.push({ team, role, resourceName: `${prefix}-${w.name}`, scope: pulumi.output(w.workspaceId), scopeKey: `workspace-${w.name}`, scopeKind: "workspace", scopeDistinct: true, definitionScope: pulumi.output(w.resourceGroupId) });
      }
    });
    // hub-rbac-azure-ai-foundry ("Default roles for projects"): a project's members get Reader on its
    // hub, which the portal assigns itself; a project is a top-level resource, so nothing a team holds
    // on the project reaches the hub (or the other way round).
    if (scope === "workspace" && teamRoles[i].length) {
      const hubs = new Set(targets.map((w) => w.hub).filter((h): h is string => h !== undefined && workspaceByName.has(h) && !(team.workspaces ?? workspaceNames).includes(h)));
      for (const hub of hubs) {
        const hubTarget = workspaceByName.get(hub)!;
        planned.push({
          team,
          role: READER,
          resourceName: `${model}-${team.name}-hub-reader-${hub}`,
          scope: pulumi.output(hubTarget.workspaceId),
          scopeKey: `workspace-${hub}`,
          scopeKind: "workspace",
          scopeDistinct: true,
          definitionScope: pulumi.output(hubTarget.resourceGroupId),
        });
      }
    }
    const registryAccess = team.registryAccess ?? "read";
    for (const r of team.registries ?? []) {
      const registry = pulumi.output(registryById.get(r)!.registryId);
      planned.push({ team, role: REGISTRY_ROLES[registryAccess], resourceName: `${model}-${team.name}-registry-${r}`, scope: registry, scopeKey: `registry-${r}`, scopeKind: "registry", scopeDistinct: true, definitionScope: registry });
    }
    const access = team.dataAccess ?? defaultDataAccess(teamRoles[i]);
    if (access === "none") return;
    const projects = new Map<string, AccessTargetArgs[]>();
    for (const w of targets) {
      if (w.storageAccountId === undefined) continue;
      if (w.dataContainerPrefix !== undefined && w.hub !== undefined) {
        // Grouped by hub: one conditioned assignment per role names all of the team's projects there.
        projects.set(w.hub, [...(projects.get(w.hub) ?? []), w]);
        continue;
      }
      const storage = pulumi.output(w.storageAccountId);
      for (const role of DATA_ROLES[access]) {
        const kind = role.name.includes("Blob") ? "blob" : "file";
        planned.push({ team, role, resourceName: `${model}-${team.name}-data-${kind}-${w.name}`, scope: storage, scopeKey: `storage-${w.name}`, scopeKind: "storage", scopeDistinct: w.storageAccountOwned === true, definitionScope: storage });
      }
    }
    for (const [hub, members] of projects) {
      // The team's own access to the hub's whole storage already covers its projects' containers.
      if (targets.some((w) => w.name === hub)) continue;
      const storage = pulumi.output(members[0].storageAccountId!);
      const prefixes = pulumi.all(members.map((w) => w.dataContainerPrefix!)).apply((p) => [...new Set(p)].sort());
      // Blob roles conditioned on the projects' containers; ABAC conditions cover Blob and Queue
      // storage, not Azure Files (conditions-overview), so the file role (what notebooks and prompt
      // flow need on identity-based hub storage, how-to-disable-local-auth-storage) is the whole
      // account's shares, unless the team keeps them apart (projectFileShares: false).
      for (const role of DATA_ROLES[access]) {
        const blob = role.name.includes("Blob");
        if (!blob && team.projectFileShares === false) continue;
        planned.push({
          team,
          role,
          resourceName: `${model}-${team.name}-data-${blob ? "blob" : "file"}-${hubLabel.get(hub)}-projects`,
          scope: storage,
          scopeKey: `storage-${hub}`,
          scopeKind: "storage",
          scopeDistinct: false,
          definitionScope: storage,
          ...(blob ? { containerPrefixes: prefixes } : {}),
        });
      }
    }
  });
  return planned;
}

/**
 * How resource names show each hub: its logical name, or an adopted hub's (lower-cased) id by its
 * Azure name, prefixed with its resource group (then subscription) where two adopted hubs share one.
 * A Pulumi resource name is no place for an ARM id's slashes.
 */
export function hubLabels(hubs: readonly string[]): Map<string, string> {
  const keys = [...new Set(hubs)];
  const parts = (key: string) => {
    const id = parseResourceId(key);
    return id ? [id.name, id.resourceGroup, id.subscription] : [key];
  };
  const labels = new Map<string, string>();
  for (const key of keys) {
    const own = parts(key);
    let depth = 1;
    while (depth < own.length && keys.some((k) => k !== key && parts(k).slice(0, depth).join("-") === own.slice(0, depth).join("-"))) depth++;
    labels.set(key, nameSlug(own.slice(0, depth).reverse().join("-")));
  }
  return labels;
}

/**
 * When the `k`th of workspaces whose resource group name is an Output shares its group (by resolved
 * id, any case) with an earlier one: the error that stops the deployment. Both assignments would be
 * the same Azure role assignment, owned by two resources.
 */
export function sharedResourceGroupError(model: string, team: string, workspaces: readonly string[], ids: readonly string[], k: number): PlatformConfigError | undefined {
  const first = ids.findIndex((id) => id.toLowerCase() === ids[k].toLowerCase());
  if (first === k) return undefined;
  return new PlatformConfigError([
    {
      path: `AccessModel "${model}" args.workspaces`,
      rule: `workspaces ${workspaces[first]} and ${workspaces[k]} share resource group ${ids[k]}; pass resourceGroupName as a plain string so team ${team} gets one resource-group assignment`,
      value: ids[k],
    },
  ]);
}
