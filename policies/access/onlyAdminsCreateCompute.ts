import { StackValidationPolicy } from "@pulumi/policy";
import { WildcardReading, grantUnder, withinAssignableScopes } from "../../rbac/engine";
import { DATA_OPERATIONS, DEFAULT_ADMIN_ONLY_OPERATIONS, KeyOperation, STORAGE_KEY_ACTIONS, decidedAtRegistry, decidedAtStorage, isDataActionString } from "../../rbac/operations";
import { DeferredReads } from "../lib/azure";
import { isWorkspaceSelfGrant } from "../lib/deploy";
import {
  StackWorkspace,
  WILDCARD_READING_SCHEMA,
  adminPrincipals,
  analyzeStackAccess,
  coversRegistry,
  coversWorkspace,
  coversWorkspaceStorage,
  describePrincipal,
  operationList,
  reachesWorkspaceStorage,
  readingNote,
} from "../lib/access";

/**
 * Any principal not proven admin that holds, at a scope reaching a workspace, a role allowing an
 * admin-only operation is a violation; the finding names the team, each operation and the action
 * pattern that grants it. Operations are decided where Azure decides them: Microsoft.Storage ones
 * (readData, writeData, or a raw `Microsoft.Storage/…` string) at the workspace's storage account,
 * the rest at the workspace. A storage data action is also held through the account's keys where it
 * takes Shared Key, by whoever may list them (rbac/operations.ts STORAGE_KEY_ACTIONS), as the access
 * matrix counts it.
 */
export const onlyAdminsCreateCompute: StackValidationPolicy = {
  name: "only-admins-create-compute",
  description:
    "Only admin principals may hold a role that creates or deletes Azure ML compute, creates datastores, or tampers with the guard rails (deletes role assignments or locks, changes workspace settings, writes outbound rules) in a workspace (hubs and projects included); in prod, publishing to or deleting from an Azure ML registry too.",
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
      wildcardReading: WILDCARD_READING_SCHEMA,
    },
  },
  validateStack: (args, reportViolation) => {
    const config = args.getConfig<{ adminPrincipalIds?: string[]; adminOnlyOperations?: string[]; wildcardReading?: WildcardReading }>();
    // Stryker disable next-line StringLiteral: the engine fills the schema default ("strict") before the policy runs.
    const reading = config.wildcardReading ?? "strict";
    const access = analyzeStackAccess(args.resources);
    const admins = adminPrincipals(access, config.adminPrincipalIds ?? []);
    const operations = operationList(config.adminOnlyOperations ?? DEFAULT_ADMIN_ONLY_OPERATIONS).map((o) => ({
      ...o,
      atStorage: decidedAtStorage(o.operations[0]),
      atRegistry: decidedAtRegistry(o.operations[0]),
      // A key operation knows its plane; a raw string is a DataAction when it names data inside storage.
      dataAction: o.key ? DATA_OPERATIONS.has(o.key as KeyOperation) : isDataActionString(o.operations[0]),
    }));
    const dataReserved = operations.some((o) => o.atStorage && o.dataAction);
    const keyed = (w: StackWorkspace | undefined): w is StackWorkspace => w?.storage.sharedKeyAccess === true;
    const deferred = new DeferredReads();
    const byUrn = new Map(args.resources.map((r) => [r.urn, r]));
    for (const a of access.assignments) {
      if (admins.has(a.principal)) continue;
      // A workspace's own identity on that workspace is the service itself (Azure ML requires it).
      if (isWorkspaceSelfGrant(a, byUrn.get(a.urn)!, args.resources)) continue;
      const reach = (atStorage: boolean): (StackWorkspace | undefined)[] =>
        access.workspaces.length ? access.workspaces.filter((w) => (atStorage ? coversWorkspaceStorage(a, w) : coversWorkspace(a, w))) : [undefined];
      const reached = { workspaces: reach(false), storage: reach(true) };
      // Registry operations are decided at the stack's Azure ML registries (none: nothing to reach).
      const registries = (access.registries ?? []).filter((r) => coversRegistry(a, r));
      if (reached.workspaces.length === 0 && reached.storage.length === 0 && registries.length === 0) continue;
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
      // Azure refuses an assignment outside the custom role's AssignableScopes: it grants nothing (the deployability pack reports it).
      if (a.scope !== undefined && !withinAssignableScopes(a.role, a.scope)) continue;
      // Where the account's keys open the data: listed on the account (whatever the assignment's condition), or through the workspace.
      // Only read when a storage data operation is reserved (none by default).
      // Stryker disable next-line ConditionalExpression: reading them anyway finds nothing the operations below would use
      const byKeys = dataReserved
        ? [
            { action: STORAGE_KEY_ACTIONS.storage, where: access.workspaces.filter((w) => keyed(w) && reachesWorkspaceStorage(a, w)) },
            { action: STORAGE_KEY_ACTIONS.workspace, where: reached.workspaces.filter(keyed) },
          ]
        : [];
      const granted = new Map<string, string[]>();
      for (const o of operations) {
        let where: (StackWorkspace | { registry: string } | undefined)[] = o.atRegistry
          ? registries.map((r) => ({ registry: r.name }))
          : o.atStorage
            ? reached.storage
            : reached.workspaces;
        let found: { operation: string; pattern: string; literalOnly: boolean } | undefined;
        for (const operation of where.length ? o.operations : []) {
          const g = found ? undefined : grantUnder(a.role, operation, reading, { dataAction: o.dataAction });
          if (g) found = { operation, ...g };
        }
        // Not through its data actions: through the storage account's keys, where the role lists them.
        for (const k of o.atStorage && o.dataAction ? byKeys : []) {
          const g: ReturnType<typeof grantUnder> = found || k.where.length === 0 ? undefined : grantUnder(a.role, k.action, reading);
          if (!g) continue;
          found = { operation: `${o.operations[0]} with the storage account's keys, listed by ${k.action}`, ...g };
          where = k.where;
        }
        if (!found) continue;
        const place = where
          .map((w) => (w === undefined ? "workspaces outside this stack" : "registry" in w ? `registry ${w.registry}` : o.atStorage ? `the storage account of workspace ${w.name}` : `workspace ${w.name}`))
          .join(", ");
        granted.set(place, [...(granted.get(place) ?? []), `${o.label} (${found.operation}, granted by "${found.pattern}"${readingNote(found.literalOnly)})`]);
      }
      if (granted.size === 0) continue;
      reportViolation(
        `${describePrincipal(a)} is not an admin but holds "${a.role.name}" at ${a.scope ?? "a scope unknown until deployment"}, which allows ${[...granted]
          .map(([place, ops]) => `${ops.join(", ")} on ${place}`)
          .join("; ")}`,
        a.urn,
      );
    }
    deferred.settle();
  },
};
