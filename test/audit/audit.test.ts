import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import Ajv from "ajv";
import { audit, AuditResult } from "../../audit/audit";
import { PlanFile } from "../../audit/drift";
import { runCommand } from "../../cli/command";
import { readPolicyConfig } from "../../plan/policyPacks";
import { FakeServer, TEST_CA, startFakeAzure, staticCredential } from "./server";
import { activationPolicyRules } from "../../rbac/pim";
import { ADMINS, CUSTOM_ROLE, DATA_SCIENTISTS, MALLORY, OPS, OWNER_POLICY_ID, PROJECT_ID, RG_ID, ROLES, SUB, SUB_FORBIDDEN, customRole, ownerPolicy, tenant, withOutOfBandContributor } from "./tenant";

const ROOT = path.join(__dirname, "..", "..");
const PROD_ACCESS = readPolicyConfig(path.join(ROOT, "policies", "access", "config", "prod.json"));
const roleId = (guid: string) => `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;

/** A plan --json of the same platform: the data scientists' role and grant, the ops Reader, and an auditors' Reader not made yet. */
const PLAN: PlanFile = {
  stack: "prod",
  mode: "known-outputs",
  resources: [
    { urn: "urn:pulumi:prod::p::azure-native:resources:ResourceGroup::rg", type: "azure-native:resources:ResourceGroup", inputs: { resourceGroupName: "rg-fraud-prod-platform" } },
    { urn: "urn:pulumi:prod::p::azure-native:authorization:RoleDefinition::ds", type: "azure-native:authorization:RoleDefinition", inputs: { roleDefinitionId: CUSTOM_ROLE, roleName: "Data Scientist (fraud-prod)", assignableScopes: [RG_ID], permissions: customRole(false).properties.permissions } },
    { urn: "urn:pulumi:prod::p::azure-native:authorization:RoleAssignment::ds", type: "azure-native:authorization:RoleAssignment", inputs: { scope: PROJECT_ID, principalId: DATA_SCIENTISTS, roleDefinitionId: roleId(CUSTOM_ROLE) } },
    { urn: "urn:pulumi:prod::p::azure-native:authorization:RoleAssignment::ops", type: "azure-native:authorization:RoleAssignment", inputs: { scope: RG_ID, principalId: OPS, roleDefinitionId: roleId(ROLES.reader) } },
    { urn: "urn:pulumi:prod::p::azure-native:authorization:PimRoleEligibilitySchedule::admins", type: "azure-native:authorization:PimRoleEligibilitySchedule", inputs: { scope: RG_ID, principalId: ADMINS, roleDefinitionId: roleId(ROLES.owner) } },
    { urn: "urn:pulumi:prod::p::azure-native:authorization:RoleManagementPolicy::admins-owner", type: "azure-native:authorization:RoleManagementPolicy", inputs: { scope: RG_ID, roleManagementPolicyName: "[unknown]", rules: activationPolicyRules({ maxActivation: "PT8H", approverGroupIds: [] }) } },
    { urn: "urn:pulumi:prod::p::azure-native:authorization:RoleAssignment::auditors", type: "azure-native:authorization:RoleAssignment", inputs: { scope: RG_ID, principalId: "66666666-7777-8888-9999-000000000000", roleDefinitionId: roleId(ROLES.reader) } },
    { urn: "urn:pulumi:prod::p::azure-native:authorization:RoleAssignment::later", type: "azure-native:authorization:RoleAssignment", inputs: { scope: "[unknown]", principalId: ADMINS, roleDefinitionId: roleId(ROLES.reader) } },
  ],
};

describe("audit: what Azure grants now, judged as plan judges a stack (local HTTPS server, no Azure)", function () {
  this.timeout(60000);
  let server: FakeServer;
  const run = async (state = tenant(), extra: Partial<Parameters<typeof audit>[0]> = {}): Promise<AuditResult> => {
    server = await startFakeAzure(state);
    try {
      return await audit({ scope: { subscriptions: [SUB, SUB_FORBIDDEN] }, credential: staticCredential(), endpoints: { name: "test", arm: server.url, graph: server.url }, tlsCa: TEST_CA, accessConfig: PROD_ACCESS, ...extra });
    } finally {
      await server.close();
    }
  };
  const cell = (r: AuditResult, team: string, workspace: string) => r.access.find((row) => row.team === team && row.workspace === workspace);

  it("reads every page through Azure's clients with the injected token only, retrying each service's throttling", async () => {
    const r = await run(tenant({ throttleFirst: true }));
    expect([...server.tokens]).to.deep.equal(["test-token"]);
    // The first request to Resource Graph, to ARM and to Graph was answered 429 with Retry-After, and the audit still has every row.
    expect(server.throttled).to.equal(3);
    // The first Resource Graph query was answered 429 and retried; pages of 2 rows were followed.
    const graphQueries = server.requests.filter((q) => q === "POST /providers/Microsoft.ResourceGraph/resources");
    expect(graphQueries.length).to.be.greaterThan(3);
    expect(server.requests.filter((q) => q.includes("/transitiveMembers/")).length).to.be.greaterThan(2);
    expect(r.summary).to.deep.include({ subscriptions: 2, unreadableSubscriptions: 1, grants: 3, eligible: 1 });
  });

  it("reports a subscription it cannot read and a group whose members it cannot read, and goes on", async () => {
    const r = await run();
    expect(r.subscriptions).to.deep.equal([
      { id: SUB, status: "read" },
      { id: SUB_FORBIDDEN, status: "unreadable", reason: r.subscriptions[1].reason },
    ]);
    expect(r.subscriptions[1].reason).to.match(/^403 AuthorizationFailed/);
    const ops = r.groups.find((g) => g.id === OPS)!;
    expect(ops).to.deep.include({ displayName: "sg-ml-ops", members: null });
    expect(ops.unreadable).to.match(/403/);
    expect(r.groups.find((g) => g.id === DATA_SCIENTISTS)!.members).to.equal(3);
    // The ops group still has its row, by name.
    expect(cell(r, "sg-ml-ops", "mlw-fraud-prod-platform")!.roles).to.deep.equal(["Reader"]);
  });

  it("shows a PIM eligibility as eligible, and members by UPN", async () => {
    const r = await run();
    const admins = cell(r, "sg-ml-admins", "mlw-fraud-prod-fraud")!;
    expect(admins).to.deep.include({ roles: ["Owner"], activation: "eligible", eligibleRoles: ["Owner"] });
    expect(admins.eligibleOperations).to.include("createCompute");
    expect(r.members.map((m) => m.member)).to.include.members(["alice@contoso.com", "bob@contoso.com", "carol@contoso.com"]);
    expect(r.violations.filter((v) => v.enforcementLevel === "mandatory")).to.deep.equal([]);
  });

  it("finds an out-of-band Contributor and says it breaks only-admins-create-compute", async () => {
    const r = await run(withOutOfBandContributor());
    const mallory = cell(r, MALLORY, "mlw-fraud-prod-fraud")!;
    expect(mallory.roles).to.deep.equal(["Contributor"]);
    expect(mallory.operations.createCompute).to.equal(true);
    const found = r.violations.filter((v) => v.enforcementLevel === "mandatory").map((v) => `${v.policy}: ${v.message}`);
    expect(found.some((f) => f.startsWith("only-admins-create-compute") && f.includes(MALLORY))).to.equal(true);
    expect(r.summary.mandatory).to.be.greaterThan(0);
  });

  it("judges a custom role by its live definition: edited by hand to create compute, the data scientists can", async () => {
    const state = tenant();
    state.authorization = state.authorization.map((row) => (row.name === CUSTOM_ROLE ? customRole(true) : row));
    const r = await run(state);
    expect(cell(r, "sg-fraud-data-scientists", "mlw-fraud-prod-fraud")!.operations.createCompute).to.equal(true);
    expect(r.violations.some((v) => v.policy === "only-admins-create-compute" && v.message.includes(DATA_SCIENTISTS))).to.equal(true);
  });

  it("with a plan: live grants not planned, planned grants not live, and a role changed in Azure", async () => {
    const state = withOutOfBandContributor();
    state.authorization = state.authorization.map((row) => (row.name === CUSTOM_ROLE ? customRole(true) : row));
    const r = await run(state, { against: { file: "plan.json", plan: PLAN } });
    const d = r.drift!;
    expect(d.outOfBand.map((g) => `${g.principalId} ${g.roleDefinitionId} ${g.scope}`)).to.deep.equal([`${MALLORY} ${ROLES.contributor} ${RG_ID}`]);
    expect(d.missing.map((g) => g.ref)).to.deep.equal(["urn:pulumi:prod::p::azure-native:authorization:RoleAssignment::auditors"]);
    expect(d.changedRoles).to.deep.equal([{ roleName: "Data Scientist (fraud-prod)", id: roleId(CUSTOM_ROLE), changes: ["permissions[0].actions: + microsoft.machinelearningservices/workspaces/computes/*"] }]);
    expect(d.notComparable).to.equal(1);
    // Azure ML's own grant to the hub's identity is not drift.
    expect(d.azureManaged).to.equal(1);
    expect(r.summary).to.deep.include({ outOfBand: 1, missing: 1, changedRoles: 1 });
  });

  it("applies deny assignments: what one blocks for a principal (directly, by group, or Everyone less its exclusions) is not held, and says by which", async () => {
    const deny = (name: string, scope: string, actions: string[], principals: { id: string; type: string }[], excludePrincipals: { id: string; type: string }[] = [], extra: Record<string, unknown> = {}) => ({
      id: `${scope}/providers/Microsoft.Authorization/denyAssignments/${name}`,
      name,
      type: "Microsoft.Authorization/denyAssignments",
      // Deny Assignments - Get example (azure-rest-api-specs authorization GetDenyAssignmentById).
      properties: { denyAssignmentName: name, description: "Deployment stack deny settings", permissions: [{ actions, notActions: [], dataActions: [], notDataActions: [] }], scope, doNotApplyToChildScopes: false, principals, excludePrincipals, isSystemProtected: true, ...extra },
    });
    const everyone = { id: "00000000-0000-0000-0000-000000000000", type: "SystemDefined" };
    const state = withOutOfBandContributor();
    state.denyAssignments = [
      deny("stack-deny", RG_ID, ["Microsoft.MachineLearningServices/workspaces/computes/*"], [everyone], [{ id: ADMINS, type: "Group" }]),
      // At a resource: not the resource group's other resources.
      deny("elsewhere", `${RG_ID}/providers/Microsoft.KeyVault/vaults/kv`, ["*"], [everyone]),
    ];
    const r = await run(state);
    const mallory = cell(r, MALLORY, "mlw-fraud-prod-fraud")!;
    expect(mallory.operations).to.deep.include({ createCompute: false, deleteCompute: false, submitJob: true });
    expect(mallory.deniedOperations).to.deep.equal(["createCompute", "deleteCompute"]);
    expect(mallory.deniedBy).to.deep.equal([`${RG_ID}/providers/Microsoft.Authorization/denyAssignments/stack-deny`]);
    // The admins are excluded: their eligible Owner still creates compute.
    expect(cell(r, "sg-ml-admins", "mlw-fraud-prod-fraud")!.deniedOperations).to.equal(undefined);
    expect(r.summary.denyAssignments).to.equal(2);
    // A conditional deny assignment makes the answer uncertain, not no.
    const conditional = withOutOfBandContributor();
    conditional.denyAssignments = [deny("conditional", RG_ID, ["Microsoft.MachineLearningServices/workspaces/computes/write"], [{ id: MALLORY, type: "User" }], [], { condition: "@Request[x] StringEquals 'y'", conditionVersion: "2.0" })];
    const c = cell(await run(conditional), MALLORY, "mlw-fraud-prod-fraud")!;
    expect(c.operations.createCompute).to.equal(true);
    expect(c.uncertain).to.include("createCompute");
    // A management group's deny assignment (listed with atScope(), at or above the subscription) covers its subscriptions' workspaces; another group's does not.
    const above = withOutOfBandContributor();
    above.denyAssignments = [
      deny("mg-deny", "/providers/Microsoft.Management/managementGroups/mg-ml", ["Microsoft.MachineLearningServices/workspaces/computes/write"], [{ id: MALLORY, type: "User" }]),
      deny("other-mg", "/providers/Microsoft.Management/managementGroups/mg-other", ["*"], [everyone]),
    ];
    const m = await run(above);
    expect(cell(m, MALLORY, "mlw-fraud-prod-fraud")!).to.deep.include({ deniedOperations: ["createCompute"], deniedBy: ["/providers/Microsoft.Management/managementGroups/mg-ml/providers/Microsoft.Authorization/denyAssignments/mg-deny"] });
    expect(m.summary.denyAssignments).to.equal(1);
    // One unfiltered list per subscription holds those at, above and below it.
    expect(server.requests.filter((q) => q.endsWith("/denyAssignments"))).to.have.length(1);
    // A deny assignment naming one member narrows that member's row only; the group's and the other members' stay.
    const one = tenant();
    one.denyAssignments = [deny("alice-jobs", RG_ID, ["Microsoft.MachineLearningServices/workspaces/jobs/*"], [{ id: "a0a0a0a0-0000-4000-8000-000000000002", type: "User" }])];
    const a = await run(one);
    const member = (upn: string) => a.members.find((x) => x.member === upn && x.workspace === "mlw-fraud-prod-fraud")!;
    expect(member("alice@contoso.com")).to.deep.include({ deniedBy: [`${RG_ID}/providers/Microsoft.Authorization/denyAssignments/alice-jobs`] });
    expect(member("alice@contoso.com").operations.submitJob).to.equal(false);
    expect(member("bob@contoso.com").operations.submitJob).to.equal(true);
    expect(cell(a, "sg-fraud-data-scientists", "mlw-fraud-prod-fraud")!.operations.submitJob).to.equal(true);
    // A list that fails part-way is reported whole, never half applied.
    const partial = withOutOfBandContributor();
    partial.denyAssignments = [deny("first", RG_ID, ["Microsoft.MachineLearningServices/workspaces/computes/*"], [everyone]), deny("second", RG_ID, ["*"], [everyone])];
    partial.denyFailSecondPage = [SUB];
    const p = await run(partial);
    expect(p.subscriptions[0].denyAssignmentsUnreadable).to.match(/^400 BadRequest/);
    expect(p.summary.denyAssignments).to.equal(0);
    expect(cell(p, MALLORY, "mlw-fraud-prod-fraud")!.operations.createCompute).to.equal(true);
    // Refused, deny assignments are said not to apply.
    const refused = await run(tenant({ denyForbidden: [SUB] }));
    expect(refused.subscriptions[0].denyAssignmentsUnreadable).to.match(/^403 AuthorizationFailed/);
  });

  it("reads a management group's subscriptions from Resource Graph (those the caller can see)", async () => {
    const r = await run(tenant(), { scope: { subscriptions: [], managementGroup: "mg-ml" } });
    expect(r.subscriptions.map((s) => `${s.id} ${s.status}`)).to.deep.equal([`${SUB} read`]);
    expect(r.summary.grants).to.equal(3);
  });

  it("finds what is granted above the subscriptions (a management group's Owner reaches the workspaces)", async () => {
    const state = tenant();
    const mg = "/providers/Microsoft.Management/managementGroups/mg-ml";
    state.authorization = [...state.authorization, { id: `${mg}/providers/Microsoft.Authorization/roleAssignments/mg1`, name: "mg1", type: "microsoft.authorization/roleassignments", properties: { scope: mg, principalId: MALLORY, principalType: "User", roleDefinitionId: `/providers/Microsoft.Authorization/roleDefinitions/${ROLES.owner}` } }];
    const r = await run(state);
    expect(cell(r, MALLORY, "mlw-fraud-prod-fraud")!.roles).to.deep.equal(["Owner"]);
    expect(r.violations.some((v) => v.enforcementLevel === "mandatory" && v.message.includes(MALLORY))).to.equal(true);
  });

  it("without PIM's activation records, takes a role assignment of an eligibility's principal, role and scope for its activation, not standing access or drift", async () => {
    const state = tenant({ assignmentInstances: undefined });
    state.authorization = [...state.authorization, { id: `${RG_ID}/providers/Microsoft.Authorization/roleAssignments/act`, name: "act", type: "microsoft.authorization/roleassignments", properties: { scope: RG_ID, principalId: ADMINS, principalType: "Group", roleDefinitionId: roleId(ROLES.owner) } }];
    const r = await run(state, { against: { file: "plan.json", plan: PLAN } });
    expect(r.summary).to.deep.include({ grants: 3, activations: 1, eligible: 1 });
    expect(cell(r, "sg-ml-admins", "mlw-fraud-prod-fraud")).to.deep.include({ activation: "eligible" });
    expect(r.drift!.outOfBand).to.deep.equal([]);
    expect(r.subscriptions[0].activationsUnreadable).to.match(/^404 NotFound/);
  });

  describe("activations as PIM records them (role assignment schedule instances)", () => {
    // Role Assignment Schedule Instances - List For Scope (azure-rest-api-specs authorization, GetRoleAssignmentScheduleInstancesByScope.json).
    const instance = (name: string, principalId: string, principalType: string, assignmentType: "Activated" | "Assigned", originRoleAssignmentId?: string) => ({
      id: `${RG_ID}/providers/Microsoft.Authorization/roleAssignmentScheduleInstances/${name}`,
      name,
      type: "Microsoft.Authorization/RoleAssignmentScheduleInstances",
      properties: {
        scope: RG_ID,
        roleDefinitionId: roleId(ROLES.owner),
        principalId,
        principalType,
        roleAssignmentScheduleId: `${RG_ID}/providers/Microsoft.Authorization/roleAssignmentSchedules/${name}`,
        ...(originRoleAssignmentId ? { originRoleAssignmentId } : {}),
        status: "Provisioned",
        startDateTime: "2026-12-07T08:00:00Z",
        ...(assignmentType === "Activated" ? { endDateTime: "2026-12-07T16:00:00Z", linkedRoleEligibilityScheduleId: `${RG_ID}/providers/Microsoft.Authorization/roleEligibilitySchedules/e1` } : {}),
        assignmentType,
        memberType: "Direct",
      },
    });
    const ownerAssignment = (name: string, principalId: string, principalType: string) => ({ id: `${RG_ID}/providers/Microsoft.Authorization/roleAssignments/${name}`, name, type: "microsoft.authorization/roleassignments", properties: { scope: RG_ID, principalId, principalType, roleDefinitionId: roleId(ROLES.owner) } });
    const CAROL = "a0a0a0a0-0000-4000-8000-000000000001";

    it("a member of the eligible group activates as herself: her assignment is the activation, not standing Owner", async () => {
      const state = tenant({ assignmentInstances: [instance("carol-activation", CAROL, "User", "Activated", `${RG_ID}/providers/Microsoft.Authorization/roleAssignments/carol`)] });
      state.authorization = [...state.authorization, ownerAssignment("carol", CAROL, "User")];
      const r = await run(state, { against: { file: "plan.json", plan: PLAN } });
      expect(r.summary).to.deep.include({ grants: 3, activations: 1 });
      expect(r.access.some((row) => row.principalId === CAROL)).to.equal(false);
      expect(r.violations.filter((v) => v.message.includes(CAROL))).to.deep.equal([]);
      expect(r.drift!.outOfBand).to.deep.equal([]);
    });

    it("a standing assignment that matches an eligibility is standing (PIM records it Assigned), and judged as such", async () => {
      const state = tenant({ assignmentInstances: [instance("standing", ADMINS, "Group", "Assigned", `${RG_ID}/providers/Microsoft.Authorization/roleAssignments/standing`)] });
      state.authorization = [...state.authorization, ownerAssignment("standing", ADMINS, "Group")];
      const r = await run(state);
      expect(r.summary).to.deep.include({ grants: 4, activations: 0 });
      expect(r.subscriptions[0].activationsUnreadable).to.equal(undefined);
      expect(r.violations.some((v) => v.policy === "admin-access-just-in-time-in-prod" && v.message.includes(ADMINS))).to.equal(true);
    });

    it("matches an activation without its role assignment id by principal, role and scope", async () => {
      const state = tenant({ assignmentInstances: [instance("carol-activation", CAROL, "User", "Activated")] });
      state.authorization = [...state.authorization, ownerAssignment("carol", CAROL, "User")];
      expect((await run(state)).summary).to.deep.include({ grants: 3, activations: 1 });
    });
  });

  describe("PIM activation policies (role management policies of the eligible roles)", () => {
    const activation = (extra = {}) => ({ expirationRequired: true, maxActivation: "PT8H", mfa: true, justification: true, approval: false, approvers: [], ...extra });

    it("reads each eligible role's policy at its scope (the policy itself when the assignment leaves its rules out): AccessModel's controls, no weakness", async () => {
      const r = await run();
      expect(r.activationPolicies).to.deep.equal([
        { scope: RG_ID, roleDefinitionId: ROLES.owner, role: "Owner", eligible: ["sg-ml-admins"], policyId: OWNER_POLICY_ID, controls: activation(), weaknesses: [] },
      ]);
      expect(server.requests).to.include(`GET ${OWNER_POLICY_ID}`);
      // The Reader's policy at the same scope is nobody's eligibility: not read.
      expect(server.requests.filter((q) => q.includes("/roleManagementPolicies/"))).to.have.length(1);
      expect(r.summary.weakActivationPolicies).to.equal(0);
    });

    it("reports a policy loosened by hand (no MFA, no justification, 24 hours) and, with a plan, how it differs from the planned one", async () => {
      const r = await run(tenant(ownerPolicy({ enabledRules: [], maxActivation: "PT24H", inAssignment: true })), { against: { file: "plan.json", plan: PLAN } });
      const [policy] = r.activationPolicies;
      expect(policy.controls).to.deep.equal(activation({ maxActivation: "PT24H", mfa: false, justification: false }));
      expect(policy.weaknesses.map((w) => w.split(" (")[0])).to.deep.equal(["activation needs neither multifactor authentication nor an authentication context", "activation needs no justification"]);
      // The assignment carried the effective rules: the policy was not read again.
      expect(server.requests.filter((q) => q.includes("/roleManagementPolicies/"))).to.deep.equal([]);
      expect(r.drift!.changedActivationPolicies).to.deep.equal([
        { scope: RG_ID, roleDefinitionId: ROLES.owner, policyId: OWNER_POLICY_ID, changes: ["maxActivation: PT24H (planned PT8H)", "multifactor authentication: off (planned on)", "justification: off (planned on)"] },
      ]);
      expect(r.summary).to.deep.include({ weakActivationPolicies: 1, changedActivationPolicies: 1 });
    });

    it("an authentication context stands for MFA; approvers removed by hand are drift, not a weakness", async () => {
      const planned = { ...PLAN, resources: PLAN.resources.map((x) => (x.type.endsWith("RoleManagementPolicy") ? { ...x, inputs: { ...x.inputs, rules: activationPolicyRules({ maxActivation: "PT8H", approverGroupIds: [OPS] }) } } : x)) };
      const r = await run(tenant(ownerPolicy({ enabledRules: ["Justification"], authenticationContext: "c1" })), { against: { file: "plan.json", plan: planned } });
      expect(r.activationPolicies[0]).to.deep.include({ controls: activation({ authenticationContext: "c1" }), weaknesses: [] });
      expect(r.drift!.changedActivationPolicies[0].changes).to.deep.equal(["approval: off (planned on)"]);
    });

    it("an activation that need not end is standing access: its role assignment stays a grant and is judged as one", async () => {
      const state = tenant(ownerPolicy({ expirationRequired: false }));
      state.authorization = [...state.authorization, { id: `${RG_ID}/providers/Microsoft.Authorization/roleAssignments/act`, name: "act", type: "microsoft.authorization/roleassignments", properties: { scope: RG_ID, principalId: ADMINS, principalType: "Group", roleDefinitionId: roleId(ROLES.owner) } }];
      const r = await run(state);
      expect(r.summary).to.deep.include({ grants: 4, activations: 0, weakActivationPolicies: 1 });
      expect(r.activationPolicies[0].weaknesses[0]).to.match(/^an activation need not end/);
      expect(r.violations.some((v) => v.policy === "admin-access-just-in-time-in-prod" && v.message.includes(ADMINS))).to.equal(true);
    });

    it("says why a policy is unknown: refused, not found, an API this ARM lacks, or no assignment for the role at the scope", async () => {
      const refused = await run(tenant({ policyAssignments: { [RG_ID.toLowerCase()]: { value: [], forbidden: true } } }));
      expect(refused.subscriptions[0].activationPoliciesUnreadable).to.match(/^403 AuthorizationFailed/);
      expect(refused.activationPolicies[0]).to.deep.include({ role: "Owner", weaknesses: [], unread: refused.subscriptions[0].activationPoliciesUnreadable });
      expect(refused.activationPolicies[0].controls).to.equal(undefined);
      // An ARM that does not answer the API: reported the same way, and the audit goes on.
      const unsupported = await run(tenant({ policyAssignments: { [RG_ID.toLowerCase()]: { value: [], badRequest: true } } }));
      expect(unsupported.activationPolicies[0].unread).to.match(/^400 InvalidApiVersionParameter/);
      expect(unsupported.summary.grants).to.equal(3);
      // The scope not found (deleted since, or no such route): ARM's answer, per scope and role.
      const gone = await run(tenant({ policyAssignments: {} }));
      expect(gone.activationPolicies[0].unread).to.match(/^404 ResourceNotFound/);
      // A management group's eligibility whose policy the caller may not read: that row says so; the subscription's own policies were read.
      const MG = "/providers/Microsoft.Management/managementGroups/mg-ml";
      const mgState = tenant();
      mgState.eligibilities = [...mgState.eligibilities, { id: `${MG}/providers/Microsoft.Authorization/roleEligibilitySchedules/e-mg`, name: "e-mg", type: "Microsoft.Authorization/RoleEligibilitySchedules", properties: { scope: MG, roleDefinitionId: `/providers/Microsoft.Authorization/roleDefinitions/${ROLES.contributor}`, principalId: OPS, principalType: "Group", status: "Provisioned" } }];
      mgState.policyAssignments = { ...mgState.policyAssignments, [MG.toLowerCase()]: { value: [], forbidden: true } };
      const mg = await run(mgState);
      expect(mg.subscriptions[0].activationPoliciesUnreadable).to.equal(undefined);
      expect(mg.activationPolicies.find((x) => x.scope === MG)).to.deep.include({ role: "Contributor", eligible: ["sg-ml-ops"] });
      expect(mg.activationPolicies.find((x) => x.scope === MG)!.unread).to.match(/^403 AuthorizationFailed/);
      expect(mg.activationPolicies.find((x) => x.scope === RG_ID)!.controls).to.not.equal(undefined);
      // Listed, but no assignment for the role there.
      const none = await run(tenant({ policyAssignments: { [RG_ID.toLowerCase()]: { value: [] } } }));
      expect(none.subscriptions[0].activationPoliciesUnreadable).to.equal(undefined);
      expect(none.activationPolicies[0].unread).to.equal("no role management policy assignment for this role at this scope");
    });
  });

  it("reports a subscription whose PIM does not answer, and reads the rest of it", async () => {
    const r = await run(tenant({ eligibilityBadRequest: [SUB] }));
    expect(r.subscriptions[0]).to.deep.include({ id: SUB, status: "read" });
    expect(r.subscriptions[0].eligibilitiesUnreadable).to.match(/^400 BadRequest/);
    expect(r.summary).to.deep.include({ grants: 3, eligible: 0 });
    // The API's own 404 is not the subscription's: still read.
    const missing = await run(tenant({ eligibilityMissing: [SUB] }));
    expect(missing.subscriptions[0]).to.deep.include({ id: SUB, status: "read" });
    expect(missing.subscriptions[0].eligibilitiesUnreadable).to.match(/^404 NotFound/);
    expect(missing.summary.grants).to.equal(3);
  });

  it("reports a subscription ARM does not know (404 SubscriptionNotFound) as unreadable", async () => {
    const unknown = "00000000-0000-4000-8000-0000000000aa";
    const r = await run(tenant(), { scope: { subscriptions: [SUB, unknown] } });
    expect(r.subscriptions.find((s) => s.id === unknown)).to.deep.include({ status: "unreadable" });
    expect(r.subscriptions.find((s) => s.id === unknown)!.reason).to.match(/^404 SubscriptionNotFound/);
    expect(r.summary).to.deep.include({ subscriptions: 2, unreadableSubscriptions: 1, grants: 3 });
  });

  it("lists only the principals and workspaces someone holds something at", async () => {
    const r = await run();
    expect(r.access.every((row) => row.roles.length > 0 || (row.uncertain ?? []).length > 0)).to.equal(true);
    expect(r.access.length).to.be.greaterThan(0);
  });

  describe("command line", () => {
    const cli = async (args: string[], state = tenant()) => {
      server = await startFakeAzure(state);
      let stdout = "";
      let stderr = "";
      try {
        const code = await runCommand(["audit", "--arm-endpoint", server.url, "--graph-endpoint", server.url, ...args], {
          stdout: (t) => void (stdout += t),
          stderr: (t) => void (stderr += t),
          credential: staticCredential(),
          tlsCa: TEST_CA,
          env: {},
        });
        return { code, stdout, stderr };
      } finally {
        await server.close();
      }
    };
    const prodConfig = ["--policy-config", `access=${path.join(ROOT, "policies", "access", "config", "prod.json")}`];

    it("exits 1 on a live grant that breaks a mandatory policy, 0 otherwise, and prints the matrix and the gaps", async () => {
      const bad = await cli(["--subscription", SUB, "--subscription", SUB_FORBIDDEN, ...prodConfig], withOutOfBandContributor());
      expect(bad.code, bad.stderr).to.equal(1);
      expect(bad.stdout).to.contain("Access matrix").and.contain(`subscription ${SUB_FORBIDDEN} could not be read`).and.contain("group sg-ml-ops: members not readable");
      expect(bad.stdout).to.match(/Summary: 1 of 2 subscriptions read, 4 role assignments, 1 eligibilities, 0 deny assignments, 0 weak activation policies, [1-9]\d* mandatory/);
      const good = await cli(["--subscription", SUB, ...prodConfig]);
      expect(good.code, good.stderr + good.stdout).to.equal(0);
    });

    it("writes JSON of the published schema, Markdown and SARIF", async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "audit-"));
      const plan = path.join(dir, "plan.json");
      fs.writeFileSync(plan, JSON.stringify(PLAN));
      const json = await cli(["--subscription", SUB, ...prodConfig, "--against", plan, "--json"], withOutOfBandContributor());
      const doc = JSON.parse(json.stdout);
      const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(fs.readFileSync(path.join(ROOT, "audit", "audit-result.schema.json"), "utf8")));
      expect(validate(doc), JSON.stringify(validate.errors)).to.equal(true);
      expect(doc.drift.outOfBand).to.have.length(1);
      const md = await cli(["--subscription", SUB, ...prodConfig, "--markdown"], withOutOfBandContributor());
      expect(md.stdout).to.match(/^### Audit of subscription .*: :x: \d+ mandatory violations?/);
      const sarif = JSON.parse((await cli(["--subscription", SUB, ...prodConfig, "--sarif"], withOutOfBandContributor())).stdout);
      expect(sarif.version).to.equal("2.1.0");
      expect(sarif.runs[0].results.some((x: any) => x.level === "error" && x.locations[0].logicalLocations[0].fullyQualifiedName.startsWith("/subscriptions/"))).to.equal(true);
      // Code scanning refuses a result without a physical location; the fingerprint keys the alert across runs.
      for (const x of sarif.runs[0].results) {
        expect(x.locations[0].physicalLocation.artifactLocation.uri).to.be.a("string").and.not.equal("");
        expect(x.partialFingerprints["azureResource/v1"]).to.match(new RegExp(`^${x.ruleId.split("/")[1]}:`));
      }
    });

    it("shows each eligible role's activation controls, and a weakened policy as a SARIF warning that does not fail the run", async () => {
      const loosened = tenant(ownerPolicy({ enabledRules: ["Justification"] }));
      const text = await cli(["--subscription", SUB, ...prodConfig], loosened);
      expect(text.code, text.stderr).to.equal(0);
      expect(text.stdout).to.contain(`PIM activation (role management policies)\n  Owner at ${RG_ID} (eligible: sg-ml-admins): up to PT8H, no MFA, justification, no approval\n    ! activation needs neither multifactor authentication`);
      expect(text.stdout).to.contain("1 weak activation policies");
      const md = await cli(["--subscription", SUB, ...prodConfig, "--markdown"], loosened);
      expect(md.stdout).to.contain("**PIM activation** (role management policies)").and.contain("  - :warning: activation needs neither multifactor authentication");
      const sarif = JSON.parse((await cli(["--subscription", SUB, ...prodConfig, "--sarif"], loosened)).stdout);
      const run0 = sarif.runs[0];
      const warning = run0.results.find((x: any) => x.ruleId === "audit/pim-activation-policy");
      expect(warning).to.deep.include({ level: "warning" });
      expect(run0.tool.driver.rules[warning.ruleIndex].id).to.equal("audit/pim-activation-policy");
      expect(warning.locations[0].logicalLocations[0].fullyQualifiedName).to.equal(OWNER_POLICY_ID);
      expect(warning.message.text).to.match(/^Owner at .* \(eligible: sg-ml-admins\): activation needs neither/);
    });

    it("refuses bad input before reading anything: exit 2, one line per problem", async () => {
      const r = await cli(["--subscription", "not-a-guid", "--management-group", "mg", "--credential", "password", "--json", "--sarif"]);
      expect(r.code).to.equal(2);
      expect(r.stderr.split("\n").filter((l) => l.startsWith("error: "))).to.deep.equal([
        "error: --subscription and --management-group are exclusive: a management group's subscriptions are read from it",
        "error: --subscription not-a-guid: must be a subscription id (a GUID)",
        "error: choose one of --json, --markdown and --sarif",
        "error: --credential password: must be one of default, cli, env, managed-identity",
      ]);
      expect(server.requests).to.deep.equal([]);
      const none = await cli([]);
      expect(none.stderr).to.contain("error: say what to read");
    });

    it("exits 2 when no subscription could be read: nothing read is not clean", async () => {
      const r = await cli(["--subscription", SUB_FORBIDDEN, ...prodConfig]);
      expect(r.code).to.equal(2);
      expect(r.stderr).to.match(/^error: no subscription could be read \(00000000-0000-4000-8000-0000000000ff: 403 AuthorizationFailed/);
    });

    it("exits 2 with one line when Azure cannot be read", async () => {
      let stderr = "";
      const code = await runCommand(["audit", "--subscription", SUB, "--arm-endpoint", "https://127.0.0.1:9", "--graph-endpoint", "https://127.0.0.1:9"], {
        stdout: () => undefined,
        stderr: (t) => void (stderr += t),
        credential: staticCredential(),
        tlsCa: TEST_CA,
        env: {},
      });
      expect(code).to.equal(2);
      expect(stderr).to.match(/^error: the audit could not read Azure: .+\n$/);
    });
  });
});
