// A local HTTPS server (127.0.0.1, the test certificate in test/fixtures/tls) answering as ARM,
// Resource Graph and Microsoft Graph do, with the shapes of the azure-rest-api-specs examples
// (authorization RoleEligibilitySchedules_ListByScope, resourcegraph ResourcesBasicQuery) and Graph's
// `value` / `@odata.nextLink` collections: paging, a throttled first request (429 with Retry-After),
// a subscription the caller cannot read (403), a group whose members it cannot read (403).
import * as fs from "fs";
import * as https from "https";
import * as path from "path";
import { AddressInfo } from "net";

const TLS = path.join(__dirname, "..", "fixtures", "tls");
export const TEST_CA = fs.readFileSync(path.join(TLS, "cert.pem"));

export interface FakeGroup {
  displayName: string;
  members: { id: string; userPrincipalName: string }[];
  /** Graph refuses the members (403 Authorization_RequestDenied). */
  membersForbidden?: boolean;
}

export interface FakeAzure {
  /** Subscriptions and whether the caller can read them. */
  subscriptions: Record<string, { readable: boolean; managementGroup?: string }>;
  /** `resources` table rows (id, name, type, kind, location, resourceGroup, subscriptionId, properties, identity). */
  resources: Record<string, any>[];
  /** `authorizationresources` rows (id, name, type, properties). */
  authorization: Record<string, any>[];
  /** Role eligibility schedules as ARM returns them ({ id, name, type, properties }). */
  eligibilities: Record<string, any>[];
  groups: Record<string, FakeGroup>;
  /** Subscriptions whose eligibility list answers 400 (a tenant without PIM). @default [] */
  eligibilityBadRequest?: string[];
  /** Subscriptions whose eligibility list answers a route's 404 (an ARM without the API). @default [] */
  eligibilityMissing?: string[];
  /** Deny assignments as ARM returns them ({ id, name, type, properties }); subscriptions whose list is refused. @default [] */
  denyAssignments?: Record<string, any>[];
  denyForbidden?: string[];
  /** Subscriptions whose deny assignment list fails on its second page (400). @default [] */
  denyFailSecondPage?: string[];
  /**
   * Role assignment schedule instances as ARM returns them ({ id, name, type, properties }), listed per
   * subscription at, above and below it; undefined: the route answers 404 (an ARM without it).
   */
  assignmentInstances?: Record<string, any>[];
  /** Role management policy assignments by scope (lower-cased), as ARM returns them; `forbidden` answers 403. @default {} */
  policyAssignments?: Record<string, { value: Record<string, any>[]; forbidden?: boolean; badRequest?: boolean }>;
  /** Role management policies by id (lower-cased), as Role Management Policies - Get returns them. @default {} */
  roleManagementPolicies?: Record<string, Record<string, any>>;
  /** Rows per Resource Graph page, items per ARM and Graph page. @default 2 */
  pageSize?: number;
  /** Answer the first request of each service (Resource Graph, ARM, Graph) 429 with Retry-After. @default false */
  throttleFirst?: boolean;
}

export interface FakeServer {
  url: string;
  /** Every request as `METHOD path`, in order. */
  requests: string[];
  /** Bearer tokens the requests carried. */
  tokens: Set<string>;
  /** Requests answered 429. */
  readonly throttled: number;
  /** Client-credential sign-ins at the server's Entra ID token endpoint. */
  signIns: { tenant: string; clientId: string; scope: string; grantType: string }[];
  close(): Promise<void>;
}

/** The secret a managed identity's token endpoint checks (App Service's IDENTITY_HEADER). */
export const FAKE_IDENTITY_HEADER = "fake-identity-header";

/** The only client secret the server's token endpoint accepts. */
export const FAKE_CLIENT_SECRET = "fake-secret";

const subscriptionOf = (id: string) => /^\/subscriptions\/([^/]+)/i.exec(id)?.[1].toLowerCase();

/** Starts the server on 127.0.0.1 and an ephemeral port. */
export async function startFakeAzure(azure: FakeAzure): Promise<FakeServer> {
  const pageSize = azure.pageSize ?? 2;
  const throttleLeft = new Set(azure.throttleFirst ? ["resourcegraph", "arm", "graph"] : []);
  const requests: string[] = [];
  const tokens = new Set<string>();
  const signIns: FakeServer["signIns"] = [];
  let throttled = 0;
  const server = https.createServer({ cert: fs.readFileSync(path.join(TLS, "cert.pem")), key: fs.readFileSync(path.join(TLS, "key.pem")) }, (req, res) => {
    // The path as sent (a `//` would read as a host); ARM does not collapse slashes either.
    const url = new URL(`https://127.0.0.1${req.url!.startsWith("/") ? "" : "/"}${req.url}`.replace(/^(https:\/\/127\.0\.0\.1)\/\/+/, "$1/DOUBLE-SLASH/"));
    requests.push(`${req.method} ${url.pathname}`);
    const auth = req.headers.authorization;
    if (auth?.startsWith("Bearer ")) tokens.add(auth.slice(7));
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const send = (status: number, json: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { "content-type": "application/json", ...headers });
        res.end(JSON.stringify(json));
      };
      const base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
      // Microsoft Entra ID as an authority a private cloud configures (AZURE_AUTHORITY_HOST): its OpenID
      // metadata (MSAL reads authorization_endpoint, token_endpoint, issuer, jwks_uri) and the v2.0
      // token endpoint, which issues `entra-token:<client_id>` for a client credential.
      const entra = /^\/([^/]+)\/(v2\.0\/\.well-known\/openid-configuration|oauth2\/v2\.0\/token)$/.exec(url.pathname);
      if (entra && !entra[2].startsWith("oauth2")) {
        const t = `${base}/${entra[1]}`;
        return send(200, { authorization_endpoint: `${t}/oauth2/v2.0/authorize`, token_endpoint: `${t}/oauth2/v2.0/token`, issuer: `${t}/v2.0`, jwks_uri: `${t}/discovery/v2.0/keys`, end_session_endpoint: `${t}/oauth2/v2.0/logout` });
      }
      if (entra && req.method === "POST") {
        const form = new URLSearchParams(body);
        signIns.push({ tenant: entra[1], clientId: form.get("client_id") ?? "", scope: form.get("scope") ?? "", grantType: form.get("grant_type") ?? "" });
        if (form.get("client_secret") !== FAKE_CLIENT_SECRET) return send(401, { error: "invalid_client", error_description: "AADSTS7000215: Invalid client secret provided." });
        return send(200, { token_type: "Bearer", expires_in: 3599, ext_expires_in: 3599, access_token: `entra-token:${form.get("client_id")}` });
      }
      // A managed identity's token endpoint as App Service and Azure Functions expose it (IDENTITY_ENDPOINT
      // with the X-IDENTITY-HEADER secret, api-version 2019-08-01).
      if (req.method === "GET" && url.pathname === "/msi/token") {
        signIns.push({ tenant: "", clientId: url.searchParams.get("client_id") ?? "", scope: url.searchParams.get("resource") ?? "", grantType: "managed_identity" });
        if (req.headers["x-identity-header"] !== FAKE_IDENTITY_HEADER) return send(401, { error: "invalid_request", error_description: "missing X-IDENTITY-HEADER" });
        return send(200, { access_token: "msi-token", expires_on: String(Math.floor(Date.now() / 1000) + 3600), resource: url.searchParams.get("resource"), token_type: "Bearer", client_id: url.searchParams.get("client_id") ?? "" });
      }
      if (!auth) return send(401, { error: { code: "AuthenticationFailed", message: "no bearer token" } });
      // Throttling, as each service answers it: 429 with Retry-After, once per service.
      const service = /^\/v1\.0\//.test(url.pathname) ? "graph" : /resourcegraph/i.test(url.pathname) ? "resourcegraph" : "arm";
      if (throttleLeft.delete(service)) {
        throttled++;
        return send(429, { error: { code: service === "graph" ? "TooManyRequests" : "RateLimiting", message: "Too many requests" } }, { "retry-after": "1" });
      }
      const page = <T>(items: T[], skip: number) => ({ items: items.slice(skip, skip + pageSize), next: skip + pageSize < items.length ? skip + pageSize : undefined });

      // Resource Graph: POST /providers/Microsoft.ResourceGraph/resources
      if (req.method === "POST" && url.pathname.toLowerCase() === "/providers/microsoft.resourcegraph/resources") {

        const q = JSON.parse(body || "{}");
        const query = String(q.query ?? "");
        const table = query.trimStart().split(/\s/)[0];
        const inScope = (sub: string | undefined) => {
          if (!sub) return false;
          if (q.managementGroups?.length) return q.managementGroups.some((mg: string) => azure.subscriptions[sub]?.managementGroup === mg) && azure.subscriptions[sub]?.readable;
          return (q.subscriptions ?? []).map((s: string) => s.toLowerCase()).includes(sub) && azure.subscriptions[sub]?.readable;
        };
        let rows: Record<string, any>[];
        // Resource Graph returns only what the caller can read: an unreadable subscription is not listed.
        if (table === "resourcecontainers") rows = Object.keys(azure.subscriptions).filter((s) => q.managementGroups?.includes(azure.subscriptions[s].managementGroup) && azure.subscriptions[s].readable).map((s) => ({ subscriptionId: s }));
        else if (table === "resources") rows = azure.resources.filter((r) => inScope(subscriptionOf(r.id)));
        else if (table === "authorizationresources") {
          // Above the scope (a management group, the root) only with authorizationScopeFilter asking for it.
          const above = ["AtScopeAboveAndBelow", "AtScopeAndAbove"].includes(q.options?.authorizationScopeFilter);
          rows = azure.authorization.filter((r) => {
            const sub = subscriptionOf(String(r.properties?.scope ?? r.id));
            return sub ? inScope(sub) : above;
          });
        }
        else return send(400, { error: { code: "BadRequest", message: `unknown table ${table}` } });
        const skip = Number(q.options?.$skipToken ?? 0);
        const { items, next } = page(rows, skip);
        return send(200, { totalRecords: rows.length, count: items.length, resultTruncated: "false", ...(next !== undefined ? { $skipToken: String(next) } : {}), data: items });
      }

      // ARM: GET /subscriptions/{id}/providers/Microsoft.Authorization/roleEligibilitySchedules
      const eligibility = /^\/subscriptions\/([^/]+)\/providers\/microsoft\.authorization\/roleeligibilityschedules$/i.exec(url.pathname);
      if (req.method === "GET" && eligibility) {
        const sub = eligibility[1].toLowerCase();
        if (!azure.subscriptions[sub]) return send(404, { error: { code: "SubscriptionNotFound", message: `The subscription '${sub}' could not be found.` } });
        // An ARM without the API: the route's 404, not the subscription's.
        if (azure.eligibilityMissing?.includes(sub)) return send(404, { error: { code: "NotFound", message: `${req.method} ${url.pathname}` } });
        if (!azure.subscriptions[sub]?.readable)
          return send(403, { error: { code: "AuthorizationFailed", message: `The client does not have authorization to perform action 'Microsoft.Authorization/roleEligibilitySchedules/read' over scope '/subscriptions/${sub}'` } });
        if (azure.eligibilityBadRequest?.includes(sub)) return send(400, { error: { code: "BadRequest", message: "The tenant does not have a valid Microsoft Entra ID P2 or Microsoft Entra ID Governance license." } });
        // At, above (the subscription's management group, the root) and below the subscription.
        const mg = azure.subscriptions[sub]?.managementGroup?.toLowerCase();
        const mine = azure.eligibilities.filter((e) => {
          const scope = String(e.properties.scope).toLowerCase();
          return subscriptionOf(scope) === sub || scope === "/" || (mg !== undefined && scope === `/providers/microsoft.management/managementgroups/${mg}`);
        });
        const skip = Number(url.searchParams.get("$skiptoken") ?? 0);
        const { items, next } = page(mine, skip);
        const nextLink = next !== undefined ? `${base}${url.pathname}?api-version=${url.searchParams.get("api-version")}&$skiptoken=${next}` : undefined;
        return send(200, { value: items, ...(nextLink ? { nextLink } : {}) });
      }

      // ARM: GET /subscriptions/{id}/providers/Microsoft.Authorization/roleAssignmentScheduleInstances
      const instances = /^\/subscriptions\/([^/]+)\/providers\/microsoft\.authorization\/roleassignmentscheduleinstances$/i.exec(url.pathname);
      if (req.method === "GET" && instances && azure.assignmentInstances) {
        const sub = instances[1].toLowerCase();
        return send(200, { value: azure.assignmentInstances.filter((i) => (subscriptionOf(String(i.properties.scope)) ?? sub) === sub) });
      }

      // ARM: GET /subscriptions/{id}/providers/Microsoft.Authorization/denyAssignments (everything in the subscription)
      const denies = /^\/subscriptions\/([^/]+)\/providers\/microsoft\.authorization\/denyassignments$/i.exec(url.pathname);
      if (req.method === "GET" && denies) {
        const sub = denies[1].toLowerCase();
        if (azure.denyForbidden?.includes(sub)) return send(403, { error: { code: "AuthorizationFailed", message: `The client does not have authorization to perform action 'Microsoft.Authorization/denyAssignments/read' over scope '/subscriptions/${sub}'` } });
        // No filter: at, above and below the subscription (Learn, "List Azure deny assignments using the
        // REST API"). `$filter=atScope()`: at or above it.
        const atOrAbove = url.searchParams.get("$filter") === "atScope()";
        const mg = azure.subscriptions[sub]?.managementGroup?.toLowerCase();
        const listed = (azure.denyAssignments ?? []).filter((d) => {
          const scope = String(d.properties.scope).toLowerCase();
          const above = scope === "/" || (mg !== undefined && scope === `/providers/microsoft.management/managementgroups/${mg}`);
          return above || (atOrAbove ? scope === `/subscriptions/${sub}` : subscriptionOf(scope) === sub);
        });
        if (azure.denyFailSecondPage?.includes(sub) && url.searchParams.get("$skiptoken")) return send(400, { error: { code: "BadRequest", message: "Invalid skip token." } });
        if (azure.denyFailSecondPage?.includes(sub) && listed.length > 1) return send(200, { value: listed.slice(0, 1), nextLink: `${base}${url.pathname}?api-version=${url.searchParams.get("api-version")}&$skiptoken=1` });
        return send(200, { value: listed });
      }

      // ARM: GET /{scope}/providers/Microsoft.Authorization/roleManagementPolicyAssignments
      const policies = /^(.*)\/providers\/microsoft\.authorization\/rolemanagementpolicyassignments$/i.exec(url.pathname);
      if (req.method === "GET" && policies) {
        const at = azure.policyAssignments?.[policies[1].toLowerCase()];
        if (!at) return send(404, { error: { code: "ResourceNotFound", message: `scope ${policies[1]} not found` } });
        if (at.badRequest) return send(400, { error: { code: "InvalidApiVersionParameter", message: "The api-version is invalid for this resource type." } });
        if (at.forbidden) return send(403, { error: { code: "AuthorizationFailed", message: `The client does not have authorization to perform action 'Microsoft.Authorization/roleManagementPolicyAssignments/read' over scope '${policies[1]}'` } });
        const skip = Number(url.searchParams.get("$skiptoken") ?? 0);
        const { items, next } = page(at.value, skip);
        const nextLink = next !== undefined ? `${base}${url.pathname}?api-version=${url.searchParams.get("api-version")}&$skiptoken=${next}` : undefined;
        return send(200, { value: items, ...(nextLink ? { nextLink } : {}) });
      }

      // Microsoft Graph: /v1.0/groups/{id} and /v1.0/groups/{id}/transitiveMembers/microsoft.graph.user
      const group = /^\/v1\.0\/groups\/([^/]+)(\/transitiveMembers\/microsoft\.graph\.user)?$/i.exec(url.pathname);
      if (req.method === "GET" && group) {
        const g = azure.groups[group[1].toLowerCase()];
        if (!g) return send(404, { error: { code: "Request_ResourceNotFound", message: `Resource '${group[1]}' does not exist` } });
        if (!group[2]) return send(200, { id: group[1], displayName: g.displayName });
        if (g.membersForbidden) return send(403, { error: { code: "Authorization_RequestDenied", message: "Insufficient privileges to complete the operation." } });
        const skip = Number(url.searchParams.get("$skiptoken") ?? 0);
        const { items, next } = page(g.members, skip);
        const nextLink = next !== undefined ? `${base}${url.pathname}?$select=id,userPrincipalName&$skiptoken=${next}` : undefined;
        return send(200, { "@odata.context": `${base}/v1.0/$metadata#users`, value: items, ...(nextLink ? { "@odata.nextLink": nextLink } : {}) });
      }
      // ARM: GET /{scope}/providers/Microsoft.Authorization/roleManagementPolicies/{name}
      const policy = /^(.*\/providers\/microsoft\.authorization\/rolemanagementpolicies\/[^/]+)$/i.exec(url.pathname);
      if (req.method === "GET" && policy) {
        const found = azure.roleManagementPolicies?.[policy[1].toLowerCase()];
        return found ? send(200, found) : send(404, { error: { code: "RoleManagementPolicyNotFound", message: `${policy[1]} not found` } });
      }
      return send(404, { error: { code: "NotFound", message: `${req.method} ${url.pathname}` } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    requests,
    tokens,
    signIns,
    get throttled() {
      return throttled;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A credential that hands out a fixed token and never asks anyone (no metadata endpoint, no login). */
export const staticCredential = (token = "test-token") => ({
  getToken: async () => ({ token, expiresOnTimestamp: Date.now() + 3600_000 }),
});
