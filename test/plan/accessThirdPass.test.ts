// Issue 32 (access verdict, third pass), end to end through `plan`: members with known outputs, an
// adopted hub's project, role files held to their scopes, and a first preview that never shows less
// than the stack's known outputs (a property over generated stacks).
import { expect } from "chai";
import fc from "fast-check";
import * as path from "path";
import { PlanResult } from "../../plan/plan";
import { PACKS } from "../../policies/packs";
import { KEY_OPERATION_NAMES } from "../../rbac/operations";
import { plannedStack } from "../helpers/plans";
import { planConfig } from "../helpers/tempStack";

const ROOT = path.resolve(__dirname, "..", "..");
const SUB = "00000000-0000-4000-8000-000000000001";
const HUB = `/subscriptions/${SUB}/resourceGroups/rg-hub/providers/Microsoft.MachineLearningServices/workspaces/hub-shared`;

describe("plan, access third pass", function () {
  this.timeout(120000);

  it("stops with the program's error when one is thrown inside an apply that feeds a resource (no crash, no hang)", async () => {
    // Two workspaces on one adopted account and an eligible data team: one role management policy, two resources.
    const shared = `/subscriptions/${SUB}/resourceGroups/rg-shared/providers/Microsoft.Storage/storageAccounts/stshared01`;
    const config = {
      "azure-native:location": "westeurope",
      environment: "dev",
      project: "fraud",
      workspaces: [{ name: "ws0", storageAccount: { existingId: shared } }, { name: "ws1", storageAccount: { existingId: shared } }],
      teams: [{ name: "data", group: { objectId: "11111111-2222-4333-8444-555555555555" }, role: "Storage Blob Data Contributor", scope: "resourceGroup", dataAccess: "readWrite", activation: "eligible" }],
    };
    const error = await planConfig(config, { knownOutputs: true }).then(
      () => new Error("planned"),
      (e: Error) => e,
    );
    expect(error.name).to.equal("PlanInputError");
    expect((error as Error & { lines: string[] }).lines[0]).to.match(/^invalid configuration: AccessModel "access" args\.teams: eligible grants of role "Storage Blob Data Contributor" on storage-ws0 and storage-ws1 are on one scope/);
    // The next run in the same process is not disturbed.
    expect((await planConfig({ ...config, teams: [{ ...config.teams[0], activation: "active" }] }, { knownOutputs: true })).access.length).to.equal(2);
  });

  it("1: members keep their groups' access with known outputs (the created group's object id is an output)", async () => {
    for (const known of [false, true]) {
      const { result } = await plannedStack(ROOT, "prod", known);
      const fraud = result.members!.filter((m) => m.workspace === "fraud" && m.kind === "project");
      // Named as the stack file names them.
      expect(fraud.map((m) => m.member), String(known)).to.deep.equal(["alice@contoso.com", "bob@contoso.com"]);
      for (const m of fraud) expect([m.teams, m.operations.submitJob, m.operations.readData], `${m.member} ${known}`).to.deep.equal([["data-scientists"], true, true]);
    }
  });

  it("2: a project of an adopted hub gets no empty-scope assignment, no ARM id in a resource name, and uncertain data cells", async () => {
    const config = {
      "azure-native:location": "westeurope",
      environment: "dev",
      project: "fraud",
      workspaces: [{ name: "proj", kind: "project", hub: { existingId: HUB } }],
      teams: [{ name: "ds", group: { objectId: "11111111-2222-3333-4444-555555555555" }, role: "AzureML Data Scientist", scope: "workspace", dataAccess: "read" }],
    };
    for (const knownOutputs of [false, true]) {
      const result = await planConfig(config, { knownOutputs });
      const grants = result.resources.filter((r) => r.type === "azure-native:authorization:RoleAssignment");
      expect(grants.map((g) => g.inputs.scope), String(knownOutputs)).not.to.include("");
      expect(grants.map((g) => g.name).filter((n) => n.includes("/"))).to.deep.equal([]);
      expect(grants.map((g) => g.name)).to.include("access-ds-data-blob-hub-shared-projects");
      const [row] = result.access;
      expect([row.kind, row.operations.readData, row.uncertain!.includes("readData")]).to.deep.equal(["project", false, true]);
    }
  });

  it("3: a role file held to another subscription is not rewritten: the assignment is refused (known), uncertain (first preview), a config error when the subscription is set", async () => {
    const role = {
      Name: "Elsewhere",
      IsCustom: true,
      Actions: ["Microsoft.MachineLearningServices/workspaces/jobs/*"],
      AssignableScopes: ["/subscriptions/99999999-0000-4000-8000-000000000009/resourceGroups/rg-fraud-dev-ws"],
    };
    const config = {
      "azure-native:location": "westeurope",
      environment: "dev",
      project: "fraud",
      workspaces: [{ name: "ws" }],
      customRoles: [{ file: "roles/elsewhere.json" }],
      teams: [{ name: "ds", group: { objectId: "11111111-2222-3333-4444-555555555555" }, role: "Elsewhere", scope: "resourceGroup", dataAccess: "none" }],
    };
    const files = { "roles/elsewhere.json": role };
    const first = await planConfig(config, { files });
    const definition = first.resources.find((r) => r.type === "azure-native:authorization:RoleDefinition")!;
    expect(definition.inputs.assignableScopes).to.deep.equal(role.AssignableScopes);
    expect(definition.inputs.scope).to.equal(role.AssignableScopes[0]);
    expect([first.access[0].operations.submitJob, first.access[0].uncertain]).to.deep.equal([false, ["submitJob"]]);
    const known = await planConfig(config, { files, knownOutputs: true, packs: [...PACKS] });
    expect([known.access[0].operations.submitJob, known.access[0].uncertain]).to.deep.equal([false, []]);
    expect(known.violations.map((v) => v.policy)).to.include("role-assignment-within-assignable-scopes");
    const refused = await planConfig({ ...config, "azure-native:subscriptionId": SUB }, { files }).then(
      () => new Error("planned"),
      (e: Error) => e,
    );
    expect([refused.message, ...((refused as { lines?: string[] }).lines ?? [])].join("\n")).to.match(/teams\[0\]\.role: assigns custom role "Elsewhere" at resourceGroup scope of workspace ws \(resource group rg-fraud-dev-ws in subscription 00000000-0000-4000-8000-000000000001\), outside its AssignableScopes/);
  });
});

/** A cell's answer for one operation: 0 no, 1 eligible, 2 standing; uncertain cells may be anything. */
function answers(rows: readonly { operations: object; eligibleOperations?: string[]; uncertain?: string[] }[], key: (r: any) => string) {
  const out = new Map<string, { state: number; uncertain: boolean }>();
  for (const r of rows)
    for (const op of KEY_OPERATION_NAMES)
      out.set(`${key(r)}|${op}`, { state: (r.operations as Record<string, boolean>)[op] ? ((r.eligibleOperations ?? []).includes(op) ? 1 : 2) : 0, uncertain: (r.uncertain ?? []).includes(op) });
  return out;
}

/** Where the first preview shows less than the known outputs for sure: cells whose known answer is more than a certain first answer. */
function lessInFirstPreview(first: PlanResult, known: PlanResult): string[] {
  const less: string[] = [];
  const compare = (a: Map<string, { state: number; uncertain: boolean }>, b: Map<string, { state: number; uncertain: boolean }>) => {
    for (const [cell, k] of b) {
      const f = a.get(cell);
      if (!f) less.push(`${cell}: missing in the first preview`);
      else if (!f.uncertain && f.state < k.state) less.push(`${cell}: first ${f.state}, known ${k.state}`);
    }
  };
  compare(answers(first.access, (r) => `team ${r.team}@${r.workspace}/${r.kind}`), answers(known.access, (r) => `team ${r.team}@${r.workspace}/${r.kind}`));
  compare(answers(first.members ?? [], (r) => `member ${r.member}@${r.workspace}/${r.kind}`), answers(known.members ?? [], (r) => `member ${r.member}@${r.workspace}/${r.kind}`));
  return less;
}

const ADOPTED_STORAGE = `/subscriptions/${SUB}/resourceGroups/rg-shared/providers/Microsoft.Storage/storageAccounts/stshared`;
const ROLE_FILE = {
  Name: "Builder",
  IsCustom: true,
  // A whole-segment '*' in NotActions: the two readings differ on computes/write.
  Actions: ["Microsoft.MachineLearningServices/workspaces/*", "Microsoft.Storage/storageAccounts/listKeys/action"],
  NotActions: ["Microsoft.MachineLearningServices/workspaces/computes/*/write"],
  AssignableScopes: ["/subscriptions/<subscription_id>"],
};

/** Stacks over hubs and projects (created and adopted hubs), standalone workspaces with created or adopted storage, a registry, and teams of every scope, data access and activation. */
const stackArb = fc
  .record({
    hubs: fc.integer({ min: 0, max: 2 }),
    projects: fc.array(fc.constantFrom("created", "adopted"), { maxLength: 3 }),
    standalone: fc.array(fc.constantFrom("created", "adopted"), { maxLength: 2 }),
    registry: fc.boolean(),
    teams: fc.array(
      fc.record({
        // Data roles and scopes above a workspace weigh more: they are where a project's data is easy to miss.
        role: fc.oneof(
          { arbitrary: fc.constantFrom("Storage Blob Data Reader", "Storage Blob Data Contributor"), weight: 3 },
          { arbitrary: fc.constantFrom("Reader", "AzureML Data Scientist", "AzureML Compute Operator", "Contributor", "Builder", "Owner"), weight: 4 },
        ),
        scope: fc.constantFrom("workspace", "resourceGroup", "resourceGroup", "subscription"),
        dataAccess: fc.constantFrom(undefined, "none", "none", "read", "readWrite"),
        eligible: fc.boolean(),
        created: fc.boolean(),
        subset: fc.boolean(),
        registryAccess: fc.constantFrom(undefined, "read", "publish"),
      }),
      { minLength: 1, maxLength: 3 },
    ),
  })
  .map((s) => {
    const hubs = Array.from({ length: s.hubs }, (_, i) => ({ name: `hub${i}`, kind: "hub" }));
    const projects = s.projects
      .map((p, i) => (p === "adopted" ? { name: `proj${i}`, kind: "project", hub: { existingId: HUB } } : hubs.length ? { name: `proj${i}`, kind: "project", hub: hubs[i % hubs.length].name } : undefined))
      .filter((p) => p !== undefined);
    // One adopted account per workspace: two workspaces on one account with an eligible data team is refused by AccessModel (one role management policy per scope).
    const standalone = s.standalone.map((w, i) => (w === "adopted" ? { name: `ws${i}`, storageAccount: { existingId: `${ADOPTED_STORAGE}${i}` } } : { name: `ws${i}` }));
    const workspaces = [...hubs, ...projects, ...standalone];
    if (!workspaces.length) workspaces.push({ name: "ws9" });
    const teams = s.teams.map((t, i) => {
      const admin = t.role === "Owner";
      return {
        name: `team${i}`,
        ...(admin ? { admin: true } : {}),
        group: t.created ? { displayName: `sg-team${i}`, create: true, members: [`user${i}@contoso.com`, "shared@contoso.com"] } : { objectId: `1111111${i}-2222-4333-8444-555555555555` },
        role: t.role,
        scope: t.scope,
        ...(t.dataAccess ? { dataAccess: t.dataAccess } : {}),
        ...(t.eligible ? { activation: "eligible" } : {}),
        ...(t.subset && workspaces.length > 1 ? { workspaces: [workspaces[i % workspaces.length].name] } : {}),
        ...(s.registry && t.registryAccess ? { registries: ["models"], registryAccess: t.registryAccess } : {}),
      };
    });
    return {
      "azure-native:location": "westeurope",
      environment: "dev",
      project: "fraud",
      workspaces,
      ...(s.registry ? { registries: [{ name: "models", locations: ["westeurope"] }] } : {}),
      customRoles: [{ file: "roles/builder.json" }],
      teams,
    };
  });

const ISSUE_CASE = {
  "azure-native:location": "westeurope",
  environment: "dev",
  project: "fraud",
  workspaces: [{ name: "hub0", kind: "hub" }, { name: "proj0", kind: "project", hub: "hub0" }],
  customRoles: [{ file: "roles/builder.json" }],
  teams: [{ name: "readers", group: { objectId: "11111111-2222-4333-8444-555555555555" }, role: "Storage Blob Data Reader", scope: "resourceGroup", dataAccess: "none", workspaces: ["hub0"] }],
};

describe("plan, access third pass: a first preview never shows less than known outputs (6)", function () {
  this.timeout(300000);
  it("holds for generated stacks: every cell granted with known outputs is granted or uncertain in the first preview, for teams and members", async () => {
    const files = { "roles/builder.json": ROLE_FILE };
    let planned = 0;
    await fc.assert(
      fc.asyncProperty(stackArb, async (config) => {
        const first = await planConfig(config, { files }).catch((e: Error & { lines?: string[] }) => {
          // A generated combination the config refuses (a team shape the validator rejects) is no stack.
          if (e.name === "PlanInputError") return undefined;
          throw e;
        });
        fc.pre(first !== undefined);
        const known = await planConfig(config, { files, knownOutputs: true });
        planned++;
        expect(lessInFirstPreview(first!, known), JSON.stringify(config)).to.deep.equal([]);
      }),
      {
        numRuns: 60,
        seed: 32,
        // The evaluator's case: Storage Blob Data Reader at the hub's resource group reaches its projects' data.
        examples: [[ISSUE_CASE as unknown as ReturnType<(typeof stackArb)["generate"]>["value"]]],
      },
    );
    // Not vacuous: most generated stacks are valid.
    expect(planned).to.be.greaterThan(25);
  });

  it("the comparison finds a first preview that shows less", () => {
    const row = (readData: boolean, uncertain: string[] = []) => ({ team: "t", workspace: "w", kind: "workspace", principalId: "p", roles: [], operations: { ...Object.fromEntries(KEY_OPERATION_NAMES.map((op) => [op, false])), readData } as any, uncertain });
    const plan = (r: ReturnType<typeof row>) => ({ access: [r], members: [] }) as unknown as PlanResult;
    expect(lessInFirstPreview(plan(row(false)), plan(row(true)))).to.deep.equal(["team t@w/workspace|readData: first 0, known 2"]);
    expect(lessInFirstPreview(plan(row(false, ["readData"])), plan(row(true)))).to.deep.equal([]);
  });
});

describe("plan: a project team's file shares on its hub's storage (issue 33)", function () {
  this.timeout(60000);
  const config = (projectFileShares?: boolean) => ({
    "azure-native:location": "westeurope",
    environment: "dev",
    project: "fraud",
    workspaces: [{ name: "hub", kind: "hub" }, { name: "proj", kind: "project", hub: "hub" }],
    teams: [{ name: "ds", group: { objectId: "11111111-2222-4333-8444-555555555555" }, role: "Reader", workspaces: ["proj"], dataAccess: "read", ...(projectFileShares === undefined ? {} : { projectFileShares }) }],
  });
  const grants = (r: PlanResult) => r.resources.filter((x) => x.type === "azure-native:authorization:RoleAssignment" && x.name.startsWith("access-ds-data-"));

  it("grants the file data role beside the conditioned blob role by default (notebooks and prompt flow need it), unconditioned", async () => {
    const r = await planConfig(config(), { knownOutputs: true });
    const byName = new Map(grants(r).map((g) => [g.name, g.inputs]));
    expect([...byName.keys()].sort()).to.deep.equal(["access-ds-data-blob-hub-projects", "access-ds-data-file-hub-projects"]);
    expect(byName.get("access-ds-data-blob-hub-projects")!.condition).to.be.a("string");
    expect(byName.get("access-ds-data-file-hub-projects")!.condition).to.equal(undefined);
    expect(String(byName.get("access-ds-data-file-hub-projects")!.roleDefinitionId)).to.match(/b8eda974-7b85-4f76-af95-65846b26df6d$/);
  });
  it("leaves the file shares out with projectFileShares: false", async () => {
    const r = await planConfig(config(false), { knownOutputs: true });
    expect(grants(r).map((g) => g.name)).to.deep.equal(["access-ds-data-blob-hub-projects"]);
  });
});
