// The audit at tenant scale against the local HTTPS server (test/audit/server.ts): 10,000 role
// assignments over 50 subscriptions, with workspaces, groups and eligibilities, read and judged.
import * as https from "https";
import { audit } from "../audit/audit";
import { readPolicyConfig } from "../plan/policyPacks";
import * as path from "path";
import { FakeAzure, TEST_CA, startFakeAzure, staticCredential } from "../test/audit/server";
import { ownerPolicyRules } from "../test/audit/tenant";

const SUBSCRIPTIONS = 50;
const ASSIGNMENTS = 10_000;
const guid = (prefix: number, n: number) => `${prefix.toString(16).padStart(8, "0")}-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;
const ROLES = ["acdd72a7-3385-48ef-bd42-f606fba81ae7", "b24988ac-6180-42a0-ab88-20f7382dd24c", "f6c7c914-8db3-469d-8ca1-694a8f32e121", "ba92f5b4-2d11-453d-a403-e96b0029c9fe"];

/** A tenant of the contract's size: per subscription a hub and a project, 200 assignments to 40 groups and users. */
export function largeTenant(): FakeAzure {
  const azure: FakeAzure = { subscriptions: {}, resources: [], authorization: [], eligibilities: [], groups: {}, policyAssignments: {}, roleManagementPolicies: {}, assignmentInstances: [], pageSize: 1000 };
  for (let g = 0; g < 40; g++) azure.groups[guid(0xa, g)] = { displayName: `sg-team-${g}`, members: Array.from({ length: 5 }, (_, m) => ({ id: guid(0xb, g * 10 + m), userPrincipalName: `user${g}-${m}@contoso.com` })) };
  for (let s = 0; s < SUBSCRIPTIONS; s++) {
    const sub = guid(0x5, s);
    azure.subscriptions[sub] = { readable: true };
    const rg = `/subscriptions/${sub}/resourceGroups/rg-ml-${s}`;
    const hub = `${rg}/providers/Microsoft.MachineLearningServices/workspaces/mlw-hub-${s}`;
    azure.resources.push(
      { id: hub, name: `mlw-hub-${s}`, type: "microsoft.machinelearningservices/workspaces", kind: "Hub", location: "westeurope", resourceGroup: `rg-ml-${s}`, subscriptionId: sub, properties: {} },
      { id: `${rg}/providers/Microsoft.MachineLearningServices/workspaces/mlw-project-${s}`, name: `mlw-project-${s}`, type: "microsoft.machinelearningservices/workspaces", kind: "Project", location: "westeurope", resourceGroup: `rg-ml-${s}`, subscriptionId: sub, properties: { hubResourceId: hub } },
    );
    for (let a = 0; a < ASSIGNMENTS / SUBSCRIPTIONS; a++) {
      const group = a % 2 === 0;
      const principalId = group ? guid(0xa, (s + a) % 40) : guid(0xc, s * 1000 + a);
      const scope = a % 3 === 0 ? `/subscriptions/${sub}` : rg;
      azure.authorization.push({ id: `${scope}/providers/Microsoft.Authorization/roleAssignments/${guid(0xd, s * 1000 + a)}`, name: guid(0xd, s * 1000 + a), type: "microsoft.authorization/roleassignments", properties: { scope, principalId, principalType: group ? "Group" : "User", roleDefinitionId: `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/${ROLES[a % ROLES.length]}` } });
    }
    // An admin group eligible for Owner on the resource group, under the policy AccessModel writes (read through its assignment, then the policy).
    const owner = `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635`;
    const policyId = `${rg}/providers/Microsoft.Authorization/roleManagementPolicies/${guid(0xe, s)}`;
    azure.eligibilities.push({ id: `${rg}/providers/Microsoft.Authorization/roleEligibilitySchedules/${guid(0xf, s)}`, name: guid(0xf, s), type: "Microsoft.Authorization/RoleEligibilitySchedules", properties: { scope: rg, roleDefinitionId: owner, principalId: guid(0xa, s % 40), principalType: "Group", status: "Provisioned" } });
    azure.policyAssignments![rg.toLowerCase()] = { value: [{ id: `${rg}/providers/Microsoft.Authorization/roleManagementPolicyAssignments/${guid(0xe, s)}_owner`, name: `${guid(0xe, s)}_owner`, type: "Microsoft.Authorization/RoleManagementPolicyAssignment", properties: { scope: rg, roleDefinitionId: owner, policyId } }] };
    azure.roleManagementPolicies![policyId.toLowerCase()] = { id: policyId, name: guid(0xe, s), type: "Microsoft.Authorization/RoleManagementPolicies", properties: { scope: rg, rules: ownerPolicyRules() } };
  }
  return azure;
}

/** The floor: the same pages fetched with bare https requests, no client, no judging. */
async function transportFloor(url: string, azure: FakeAzure): Promise<number> {
  const agent = new https.Agent({ ca: TEST_CA, keepAlive: true });
  const post = (body: object) =>
    new Promise<any>((resolve, reject) => {
      const req = https.request(`${url}/providers/Microsoft.ResourceGraph/resources?api-version=2024-04-01`, { method: "POST", agent, headers: { authorization: "Bearer t", "content-type": "application/json" } }, (res) => {
        let text = "";
        res.on("data", (c) => (text += c));
        res.on("end", () => resolve(JSON.parse(text)));
      });
      req.on("error", reject);
      req.end(JSON.stringify(body));
    });
  const started = performance.now();
  const subscriptions = Object.keys(azure.subscriptions);
  for (const query of ["resources | where type in~ ('x')", "authorizationresources | where type =~ 'y'"]) {
    let skip: string | undefined;
    do {
      const page = await post({ query, subscriptions, options: { resultFormat: "objectArray", ...(skip ? { $skipToken: skip } : {}) } });
      skip = page.$skipToken;
    } while (skip);
  }
  agent.destroy();
  return performance.now() - started;
}

/** Records: the audit's client time for the tenant, against the transport floor. */
export async function auditScale(record: (name: string, value: number, unit: string, baseline: number, baselineLabel: string, target?: string, detail?: string) => void): Promise<void> {
  const azure = largeTenant();
  const server = await startFakeAzure(azure);
  try {
    const floor = await transportFloor(server.url, azure);
    const started = performance.now();
    const result = await audit({
      scope: { subscriptions: Object.keys(azure.subscriptions) },
      credential: staticCredential(),
      endpoints: { name: "bench", arm: server.url, graph: server.url },
      tlsCa: TEST_CA,
      accessConfig: readPolicyConfig(path.join(__dirname, "..", "policies", "access", "config", "prod.json")),
    });
    const ms = performance.now() - started;
    // What --json writes: it must fit in a string (a matrix of every principal × workspace would not).
    const json = JSON.stringify(result);
    record(
      `audit of ${ASSIGNMENTS} role assignments over ${SUBSCRIPTIONS} subscriptions (client time)`,
      ms / 1000,
      "s",
      floor / 1000,
      "the same Resource Graph pages over bare https, nothing judged",
      "< 60 s",
      `${result.summary.grants} assignments and ${result.summary.eligible} eligibilities read (${result.activationPolicies.filter((p) => p.controls).length} activation policies), ${result.access.length} matrix rows, ${result.violations.length} findings, ${server.requests.length} requests, --json ${(json.length / 1e6).toFixed(1)} MB`,
    );
  } finally {
    await server.close();
  }
}
