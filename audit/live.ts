// What Azure grants now, read with Azure's own clients: Resource Graph for resources, role
// assignments and definitions across subscriptions (few queries, paged); the Authorization client for
// PIM eligibility schedules; Microsoft Graph for group members. No Pulumi import.
import type { TokenCredential } from "@azure/core-auth";
import { AuthorizationManagementClient } from "@azure/arm-authorization";
import { ResourceGraphClient } from "@azure/arm-resourcegraph";
import { bearerTokenAuthenticationPolicy, createHttpHeaders, createPipelineFromOptions, createPipelineRequest, createDefaultHttpClient, isRestError, RestError } from "@azure/core-rest-pipeline";
import type { CloudEndpoints } from "../core/clouds";
import type { LiveDeny } from "./deny";
import { normScope, roleGuidOf, scopeRoleKey, subscriptionOfScope } from "./ids";

/** One resource as Resource Graph returns it (`project id, name, type, kind, location, resourceGroup, subscriptionId, properties`). */
export interface LiveResource {
  id: string;
  name: string;
  type: string;
  kind?: string;
  location?: string;
  resourceGroup?: string;
  subscriptionId?: string;
  properties?: Record<string, any>;
  tags?: Record<string, string>;
  /** The managed identity (workspaces, registries): Azure ML grants it roles itself at creation. */
  identity?: { principalId?: string; type?: string };
}

/** A role assignment or PIM eligibility schedule: ARM's properties, flattened. */
export interface LiveGrant {
  id: string;
  scope: string;
  principalId: string;
  principalType?: string;
  roleDefinitionId: string;
  condition?: string;
  conditionVersion?: string;
  /** `active` for a role assignment, `eligible` for a PIM eligibility schedule. */
  activation: "active" | "eligible";
}

/** The role management policy PIM applies to activating a role at a scope (its end-user rules). */
export interface LiveActivationPolicy {
  scope: string;
  roleDefinitionId: string;
  /** `<scope>/providers/Microsoft.Authorization/roleManagementPolicies/<guid>`. */
  policyId: string;
  /** The policy's `effectiveRules` (what PIM enforces), else its `rules`. */
  rules: unknown[];
}

/** A role management policy the audit could not read, and why. */
export interface LiveActivationPolicyGap {
  scope: string;
  roleDefinitionId: string;
  reason: string;
}

/**
 * A role assignment PIM made for an activation (a role assignment schedule instance of
 * `assignmentType: Activated`): a member's, or a group's, just-in-time use of an eligibility, not
 * standing access. `Assigned` instances are standing, and are not listed.
 */
export interface LiveActivation {
  scope: string;
  principalId: string;
  roleDefinitionId: string;
  /** The role assignment it created (`originRoleAssignmentId`), when ARM says. */
  roleAssignmentId?: string;
}

/** A custom role definition as ARM holds it. */
export interface LiveRoleDefinition {
  id: string;
  roleName: string;
  description?: string;
  permissions: { actions?: string[]; notActions?: string[]; dataActions?: string[]; notDataActions?: string[] }[];
  assignableScopes: string[];
}

/** A group and, when the caller may read them, its (transitive) user members. */
export interface LiveGroup {
  id: string;
  displayName?: string;
  /** Users, by object id, with their UPN; undefined when Graph refused (the audit then reports by group). */
  members?: { id: string; userPrincipalName?: string }[];
  /** Why the members are not known (`403 Authorization_RequestDenied`, …). */
  unreadable?: string;
}

export interface LiveSubscription {
  id: string;
  /** Read, or why not (a subscription the caller cannot read is reported, not fatal). */
  status: "read" | "unreadable";
  reason?: string;
  /** Why its PIM eligibilities could not be read, when they could not (they are then not shown). */
  eligibilitiesUnreadable?: string;
  /** Why its deny assignments could not be read, when they could not (they are then not applied). */
  denyAssignmentsUnreadable?: string;
  /** Why the role management policies of its eligibilities could not be read, when they could not. */
  activationPoliciesUnreadable?: string;
  /** Why its role assignment schedule instances could not be read (activations are then matched to eligibilities by principal, role and scope). */
  activationsUnreadable?: string;
}

export interface LiveState {
  subscriptions: LiveSubscription[];
  managementGroup?: string;
  resources: LiveResource[];
  grants: LiveGrant[];
  customRoles: LiveRoleDefinition[];
  /** Deny assignments in the read subscriptions (Deny Assignments - List). */
  denies: LiveDeny[];
  /** The role management policies of the eligibilities' roles at their scopes. */
  activationPolicies: LiveActivationPolicy[];
  /** Those that could not be read, per scope and role. */
  activationPolicyGaps: LiveActivationPolicyGap[];
  /** Role assignments PIM made for activations, in the subscriptions whose instances could be read. */
  activations: LiveActivation[];
  groups: LiveGroup[];
  /** Client time spent reading, for bench/. */
  elapsedMs: number;
}

export interface LiveScope {
  subscriptions: string[];
  managementGroup?: string;
}

export interface ReadOptions {
  credential: TokenCredential;
  endpoints: CloudEndpoints;
  /** Trust for a TLS endpoint the system does not know (tests: the local server's certificate). */
  tlsCa?: string | Buffer;
  /** Parallel requests per kind (eligibility per subscription, Graph per group). @default 8 */
  concurrency?: number;
}

const ML_TYPES = ["microsoft.machinelearningservices/workspaces", "microsoft.machinelearningservices/registries", "microsoft.storage/storageaccounts"];

/** KQL string literal list. */
const kqlList = (values: readonly string[]) => values.map((v) => `'${v.replace(/'/g, "\\'")}'`).join(", ");

const RESOURCES_QUERY = `resources
| where type in~ (${kqlList(ML_TYPES)})
| project id, name, type, kind, location, resourceGroup, subscriptionId, tags, properties, identity`;

// authorizationresources holds role assignments and role definitions (Resource Graph, "Supported tables
// and resource types": authorizationresources). Built-in definitions resolve from the package's catalog.
const AUTHORIZATION_QUERY = `authorizationresources
| where type =~ 'microsoft.authorization/roleassignments' or (type =~ 'microsoft.authorization/roledefinitions' and tostring(properties.type) =~ 'CustomRole')
| project id, name, type, properties`;

const SUBSCRIPTIONS_QUERY = `resourcecontainers
| where type =~ 'microsoft.resources/subscriptions'
| project subscriptionId`;

/** Runs `fn` over `items`, `limit` at a time. */
async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i]);
      }
    }),
  );
  return results;
}

/**
 * Every row of a Resource Graph query, following `$skipToken` (Resource Graph, "Paging results").
 * `above`: also what is assigned or defined above the scope (management groups, the root), which
 * reaches the scope's resources; `authorizationScopeFilter` defaults to `AtScopeAndBelow`
 * (QueryRequestOptions, azure-rest-api-specs resourcegraph), which leaves those out.
 */
async function queryAll(client: ResourceGraphClient, query: string, scope: LiveScope, above = false): Promise<Record<string, any>[]> {
  const rows: Record<string, any>[] = [];
  let skipToken: string | undefined;
  do {
    const page = await client.resources({
      query,
      ...(scope.managementGroup ? { managementGroups: [scope.managementGroup] } : { subscriptions: scope.subscriptions }),
      options: { resultFormat: "objectArray", ...(above ? { authorizationScopeFilter: "AtScopeAboveAndBelow" as const } : {}), ...(skipToken ? { skipToken } : {}) },
    });
    rows.push(...pageRows(page.data));
    skipToken = page.skipToken;
  } while (skipToken);
  return rows;
}

/**
 * A page's rows: an array of objects (`resultFormat: objectArray`, what the audit asks for), or a
 * table of `columns` and `rows` (the format older API versions answer with by default).
 */
export function pageRows(data: unknown): Record<string, any>[] {
  if (Array.isArray(data)) return data;
  const table = data as { columns?: { name: string }[]; rows?: unknown[][] } | undefined;
  if (!table || !Array.isArray(table.columns) || !Array.isArray(table.rows)) return [];
  return table.rows.map((row) => Object.fromEntries(table.columns!.map((c, i) => [c.name, row[i]])));
}

const statusOf = (e: unknown) => (isRestError(e) ? e.statusCode : undefined);
const reasonOf = (e: unknown) => {
  if (isRestError(e)) return `${e.statusCode ?? ""} ${e.code ?? ""}`.trim() + (e.message ? `: ${e.message.split("\n")[0].slice(0, 200)}` : "");
  return e instanceof Error ? e.message : String(e);
};

/** The subscriptions of a management group (and below), from Resource Graph's resourcecontainers. */
async function subscriptionsOf(client: ResourceGraphClient, managementGroup: string): Promise<string[]> {
  const rows = await queryAll(client, SUBSCRIPTIONS_QUERY, { subscriptions: [], managementGroup });
  return [...new Set(rows.map((r) => String(r.subscriptionId).toLowerCase()))].sort();
}

/**
 * Reads the live state of a scope. Role eligibility schedules are listed per subscription with no
 * filter, which returns those "at, above or below the scope" (Role Eligibility Schedules - List For
 * Scope); a 403 there marks the subscription unreadable and leaves it out of the Resource Graph
 * queries. Throttling (429 with Retry-After) is retried by the clients' pipeline
 * (core-rest-pipeline's throttlingRetryPolicy).
 */
export async function readLiveState(scope: LiveScope, options: ReadOptions): Promise<LiveState> {
  const started = Date.now();
  const scopes = [`${options.endpoints.arm}/.default`];
  const tls = options.tlsCa ? { tlsOptions: { ca: options.tlsCa } } : {};
  const graph = new ResourceGraphClient(options.credential, { endpoint: options.endpoints.arm, credentials: { scopes }, ...tls });
  const concurrency = options.concurrency ?? 8;

  const subscriptionIds = scope.managementGroup ? await subscriptionsOf(graph, scope.managementGroup) : [...new Set(scope.subscriptions.map((s) => s.toLowerCase()))];
  const subscriptions: LiveSubscription[] = [];
  const grants: LiveGrant[] = [];
  const seenEligibility = new Set<string>();
  const denies: LiveDeny[] = [];
  const activationPolicies = new Map<string, LiveActivationPolicy>();
  const policyScopesAsked = new Set<string>();
  const policyGaps: LiveActivationPolicyGap[] = [];
  const activations: LiveActivation[] = [];
  await mapLimited(subscriptionIds, concurrency, async (id) => {
    const client = new AuthorizationManagementClient(options.credential, id, { endpoint: options.endpoints.arm, $host: options.endpoints.arm, credentialScopes: scopes, ...tls });
    // The eligibilities are also how a subscription the caller cannot read shows itself.
    let eligibilitiesUnreadable: string | undefined;
    try {
      // The SDK's path is `/{scope}/providers/…`: the scope goes without its leading slash (its samples' form).
      for await (const s of client.roleEligibilitySchedules.listForScope(`subscriptions/${id}`)) {
        if (!s.id || seenEligibility.has(s.id.toLowerCase())) continue;
        seenEligibility.add(s.id.toLowerCase());
        if (s.status && !/^(provisioned|accepted|granted|scheduled)$/i.test(s.status)) continue;
        if (!s.scope || !s.principalId || !s.roleDefinitionId) continue;
        grants.push({ id: s.id, scope: s.scope, principalId: s.principalId, principalType: s.principalType, roleDefinitionId: s.roleDefinitionId, condition: s.condition, conditionVersion: s.conditionVersion, activation: "eligible" });
      }
    } catch (e) {
      const status = statusOf(e);
      // Refused, or a subscription ARM does not know (404 SubscriptionNotFound: another tenant's, or
      // deleted). Any other 404 is this API missing, not the subscription.
      const unknownSubscription = status === 404 && isRestError(e) && /^SubscriptionNotFound$/i.test(e.code ?? "");
      if (status === 403 || status === 401 || unknownSubscription) {
        subscriptions.push({ id, status: "unreadable", reason: reasonOf(e) });
        return;
      }
      // Readable, but PIM does not answer (a tenant without PIM answers 400): the eligibilities are not in this audit.
      if (status === undefined) throw e;
      eligibilitiesUnreadable = reasonOf(e);
    }
    // Each of the rest stands alone: one that fails is reported, the others still apply.
    const denyRead = await readDenies(client, id, denies);
    const activationsRead = await readActivations(client, id, activations);
    // This subscription's eligibilities, and those above it (a management group's) not asked about yet.
    const mine = grants.filter((g) => g.activation === "eligible" && (subscriptionOfScope(g.scope) ?? id) === id);
    const policyRead = await readActivationPolicies(client, id, mine, activationPolicies, policyGaps, policyScopesAsked, concurrency);
    subscriptions.push({
      id,
      status: "read",
      ...(eligibilitiesUnreadable ? { eligibilitiesUnreadable } : {}),
      ...(denyRead ? { denyAssignmentsUnreadable: denyRead } : {}),
      ...(activationsRead ? { activationsUnreadable: activationsRead } : {}),
      ...(policyRead ? { activationPoliciesUnreadable: policyRead } : {}),
    });
  });
  subscriptions.sort((a, b) => a.id.localeCompare(b.id));
  const readable = subscriptions.filter((s) => s.status === "read").map((s) => s.id);
  const argScope: LiveScope = scope.managementGroup && readable.length === subscriptionIds.length ? { subscriptions: [], managementGroup: scope.managementGroup } : { subscriptions: readable };

  let resources: LiveResource[] = [];
  const customRoles: LiveRoleDefinition[] = [];
  if (readable.length) {
    const [resourceRows, authorizationRows] = await Promise.all([queryAll(graph, RESOURCES_QUERY, argScope), queryAll(graph, AUTHORIZATION_QUERY, argScope, true)]);
    resources = resourceRows.map((r) => ({ id: r.id, name: r.name, type: String(r.type).toLowerCase(), kind: r.kind, location: r.location, resourceGroup: r.resourceGroup, subscriptionId: r.subscriptionId, properties: r.properties ?? {}, ...(r.tags ? { tags: r.tags } : {}), ...(r.identity ? { identity: r.identity } : {}) }));
    for (const row of authorizationRows) {
      const p = row.properties ?? {};
      if (String(row.type).toLowerCase() === "microsoft.authorization/roleassignments") {
        if (!p.scope || !p.principalId || !p.roleDefinitionId) continue;
        grants.push({ id: row.id, scope: p.scope, principalId: p.principalId, principalType: p.principalType, roleDefinitionId: p.roleDefinitionId, condition: p.condition ?? undefined, conditionVersion: p.conditionVersion ?? undefined, activation: "active" });
      } else {
        customRoles.push({ id: row.id, roleName: p.roleName, description: p.description, permissions: p.permissions ?? [], assignableScopes: p.assignableScopes ?? [] });
      }
    }
  }
  grants.sort((a, b) => a.id.localeCompare(b.id));

  const groupIds = [...new Set(grants.filter((g) => (g.principalType ?? "").toLowerCase() === "group").map((g) => g.principalId.toLowerCase()))].sort();
  const groups = await readGroups(groupIds, options, concurrency);
  return { subscriptions, ...(scope.managementGroup ? { managementGroup: scope.managementGroup } : {}), resources, grants, customRoles, denies: dedupe(denies), activations, activationPolicyGaps: policyGaps, activationPolicies: [...activationPolicies.values()].sort((a, b) => `${a.scope} ${a.roleDefinitionId}`.localeCompare(`${b.scope} ${b.roleDefinitionId}`)), groups, elapsedMs: Date.now() - started };
}

/**
 * A subscription's deny assignments. Unfiltered, the list holds those "at, above, and below" the
 * subscription (Learn, "List Azure deny assignments using the REST API"): a management group's and the
 * root's are tagged with the subscription, which they cover. Reading needs
 * Microsoft.Authorization/denyAssignments/read (Reader has it). Kept only when every page came: a list
 * that fails part-way is reported whole (their effect not applied), never half applied.
 */
async function readDenies(client: AuthorizationManagementClient, subscriptionId: string, into: LiveDeny[]): Promise<string | undefined> {
  const read: LiveDeny[] = [];
  try {
    for await (const d of client.denyAssignments.list()) {
      if (!d.id || !d.scope) continue;
      const above = !/^\/subscriptions\//i.test(d.scope);
      read.push({
        id: d.id,
        name: d.denyAssignmentName,
        scope: d.scope,
        permissions: d.permissions ?? [],
        principals: (d.principals ?? []).filter((p) => p.id).map((p) => ({ id: p.id!, type: p.type })),
        excludePrincipals: (d.excludePrincipals ?? []).filter((p) => p.id).map((p) => ({ id: p.id!, type: p.type })),
        doNotApplyToChildScopes: d.doNotApplyToChildScopes,
        condition: d.condition,
        ...(above ? { subscriptions: [subscriptionId] } : {}),
      });
    }
  } catch (e) {
    // Refused, a route this ARM lacks, or a server error after the retries: reported, not fatal.
    if (statusOf(e) !== undefined) return reasonOf(e);
    throw e;
  }
  into.push(...read);
  return undefined;
}

/**
 * The role assignments PIM made for activations: role assignment schedule instances (Role Assignment
 * Schedule Instances - List For Scope, at, above and below the subscription) of `assignmentType`
 * `Activated`, each linked to the eligibility it uses (`linkedRoleEligibilityScheduleId`). A member of
 * an eligible group activates as itself: its assignment names the member, not the group, so matching
 * an assignment to an eligibility by principal would take it for standing access, and a standing
 * assignment that happens to match an eligibility for an activation.
 */
async function readActivations(client: AuthorizationManagementClient, subscriptionId: string, into: LiveActivation[]): Promise<string | undefined> {
  const read: LiveActivation[] = [];
  try {
    for await (const i of client.roleAssignmentScheduleInstances.listForScope(`subscriptions/${subscriptionId}`)) {
      if (String(i.assignmentType).toLowerCase() !== "activated" || !i.scope || !i.principalId || !i.roleDefinitionId) continue;
      read.push({ scope: i.scope, principalId: i.principalId, roleDefinitionId: i.roleDefinitionId, ...(i.originRoleAssignmentId ? { roleAssignmentId: i.originRoleAssignmentId } : {}) });
    }
  } catch (e) {
    if (statusOf(e) !== undefined) return reasonOf(e);
    throw e;
  }
  into.push(...read);
  return undefined;
}

/** One entry per deny assignment; one above the subscriptions covers every subscription it was listed for. */
function dedupe(denies: LiveDeny[]): LiveDeny[] {
  const byId = new Map<string, LiveDeny>();
  for (const d of denies) {
    const seen = byId.get(d.id.toLowerCase());
    if (!seen) byId.set(d.id.toLowerCase(), { ...d });
    else if (d.subscriptions) seen.subscriptions = [...new Set([...(seen.subscriptions ?? []), ...d.subscriptions])].sort();
  }
  return [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
}


/**
 * The role management policy of each eligible role at its scope. Role settings are "defined per role
 * and per resource" and a higher scope's "aren't inherited on a lower level" (Learn, "Configure Azure
 * resource role settings in PIM"), so the policy is the one at the eligibility's own scope: Role
 * Management Policy Assignments - List For Scope links a role there to its policy (`policyId`) and
 * carries the rules PIM enforces (`effectiveRules`, in the 2020-10-01 answer); where it leaves them out,
 * Role Management Policies - Get reads the policy by its id. Reading needs
 * Microsoft.Authorization/roleManagementPolicies/read (Reader has it). What cannot be read is recorded
 * per scope and role; the subscription's own refusals are returned.
 */
async function readActivationPolicies(
  client: AuthorizationManagementClient,
  subscriptionId: string,
  eligibilities: readonly LiveGrant[],
  into: Map<string, LiveActivationPolicy>,
  gaps: LiveActivationPolicyGap[],
  asked: Set<string>,
  concurrency: number,
): Promise<string | undefined> {
  const rolesAt = new Map<string, { scope: string; roles: Map<string, string> }>();
  for (const e of eligibilities) {
    const key = scopeRoleKey(e.scope, e.roleDefinitionId);
    if (asked.has(key)) continue;
    asked.add(key);
    const entry = rolesAt.get(normScope(e.scope)) ?? { scope: e.scope, roles: new Map<string, string>() };
    entry.roles.set(roleGuidOf(e.roleDefinitionId), e.roleDefinitionId);
    rolesAt.set(normScope(e.scope), entry);
  }
  let refusedHere: string | undefined;
  await mapLimited([...rolesAt.values()], concurrency, async ({ scope, roles }) => {
    const found = new Set<string>();
    try {
      for await (const a of client.roleManagementPolicyAssignments.listForScope(scope.replace(/^\/+/, ""))) {
        if (!a.scope || !a.roleDefinitionId || !a.policyId || normScope(a.scope) !== normScope(scope) || !roles.has(roleGuidOf(a.roleDefinitionId))) continue;
        let rules: unknown[] | undefined = a.effectiveRules;
        if (!rules?.length) {
          // The policy's own scope and name, from its id: `<scope>/providers/Microsoft.Authorization/roleManagementPolicies/<name>`.
          const at = /^(.*)\/providers\/microsoft\.authorization\/rolemanagementpolicies\/([^/]+)$/i.exec(a.policyId);
          const policy = at ? await client.roleManagementPolicies.get(at[1].replace(/^\/+/, ""), at[2]) : undefined;
          rules = policy?.effectiveRules?.length ? policy.effectiveRules : (policy?.rules ?? []);
        }
        found.add(roleGuidOf(a.roleDefinitionId));
        into.set(scopeRoleKey(scope, a.roleDefinitionId), { scope, roleDefinitionId: a.roleDefinitionId, policyId: a.policyId, rules });
      }
    } catch (e) {
      if (statusOf(e) === undefined) throw e;
      // Refused, a scope deleted since, or an ARM without the API (these policies cannot be deleted:
      // a 404 is the scope's or the route's): the reason, per role still unread here.
      const reason = reasonOf(e);
      for (const [guid, roleDefinitionId] of roles) if (!found.has(guid)) gaps.push({ scope, roleDefinitionId, reason });
      if ((subscriptionOfScope(scope) ?? "") === subscriptionId) refusedHere ??= reason;
      return;
    }
    for (const [guid, roleDefinitionId] of roles) if (!found.has(guid)) gaps.push({ scope, roleDefinitionId, reason: "no role management policy assignment for this role at this scope" });
  });
  return refusedHere;
}



/**
 * Each group's name and transitive user members from Microsoft Graph (`GET /v1.0/groups/{id}` and
 * `/transitiveMembers/microsoft.graph.user`, following `@odata.nextLink`). Reading members needs
 * GroupMember.Read.All (or Directory.Read.All); refused, the group is reported without them.
 */
async function readGroups(ids: readonly string[], options: ReadOptions, concurrency: number): Promise<LiveGroup[]> {
  if (!ids.length) return [];
  const pipeline = createPipelineFromOptions({ ...(options.tlsCa ? { tlsOptions: { ca: options.tlsCa } } : {}), retryOptions: { maxRetries: 3 } });
  pipeline.addPolicy(bearerTokenAuthenticationPolicy({ credential: options.credential, scopes: `${options.endpoints.graph}/.default` }));
  const http = createDefaultHttpClient();
  const get = async (url: string): Promise<any> => {
    const response = await pipeline.sendRequest(http, createPipelineRequest({ url, method: "GET", headers: createHttpHeaders({ accept: "application/json" }), ...(options.tlsCa ? { tlsSettings: { ca: options.tlsCa } } : {}) }));
    if (response.status >= 400) throw new RestError(`GET ${url}: HTTP ${response.status}`, { statusCode: response.status, code: tryCode(response.bodyAsText ?? undefined) });
    return JSON.parse(response.bodyAsText ?? "{}");
  };
  return mapLimited(ids, concurrency, async (id) => {
    const base = `${options.endpoints.graph}/v1.0/groups/${id}`;
    let displayName: string | undefined;
    try {
      displayName = (await get(`${base}?$select=id,displayName`)).displayName;
      const members: { id: string; userPrincipalName?: string }[] = [];
      let url: string | undefined = `${base}/transitiveMembers/microsoft.graph.user?$select=id,userPrincipalName`;
      while (url) {
        const page: any = await get(url);
        for (const m of page.value ?? []) members.push({ id: String(m.id).toLowerCase(), userPrincipalName: m.userPrincipalName });
        url = page["@odata.nextLink"];
      }
      return { id, displayName, members };
    } catch (e) {
      return { id, ...(displayName ? { displayName } : {}), unreadable: reasonOf(e) };
    }
  });
}

function tryCode(body: string | undefined): string | undefined {
  try {
    return JSON.parse(body ?? "").error?.code;
  } catch {
    return undefined;
  }
}
