// What users configure and read: each access policy's config schema (the keys, types and defaults
// its policy config file may set) and the rules at the edges the other specs do not reach.
import { expect } from "chai";
import { accessPolicies } from "../../../policies/access/policies";
import { customRoleAssignableScopesNotBroaderThanResourceGroup as CS, scopeLevel } from "../../../policies/access/customRoleAssignableScopesNotBroaderThanResourceGroup";
import { noPrivilegedRolesForNonAdmins as NP } from "../../../policies/access/noPrivilegedRolesForNonAdmins";
import { onlyAdminsCreateCompute as OA } from "../../../policies/access/onlyAdminsCreateCompute";
import { roleAssignmentMustSetPrincipalType as PT } from "../../../policies/access/roleAssignmentMustSetPrincipalType";
import { TYPES } from "../../../policies/lib/azure";
import { DEFAULT_ADMIN_ONLY_OPERATIONS } from "../../../rbac/operations";
import { OTHER, READER, RG, WS_ID, assignment, role, workspace } from "../../helpers/access";
import { check, expectDeferred, expectPass, expectViolation, resource, unknown } from "../../helpers/policy";

const stringArray = (d: unknown) => ({ type: "array", items: { type: "string" }, default: d });

describe("access policies: configuration contract", () => {
  it("each schema has exactly its documented keys, types and defaults, each described", () => {
    const schemas = Object.fromEntries(accessPolicies.map((p) => [p.name, p.configSchema?.properties ?? {}]));
    const shape = (props: Record<string, any>) => Object.fromEntries(Object.entries(props).map(([k, v]) => [k, { type: v.type, items: v.items, default: v.default }]));
    const reading = { type: "string", items: undefined, default: "strict" };
    expect(shape(schemas["only-admins-create-compute"])).to.deep.equal({ adminPrincipalIds: stringArray([]), adminOnlyOperations: stringArray([...DEFAULT_ADMIN_ONLY_OPERATIONS]), wildcardReading: reading });
    expect(shape(schemas["no-privileged-roles-for-non-admins"])).to.deep.equal({ adminPrincipalIds: stringArray([]), wildcardReading: reading });
    expect(shape(schemas["custom-role-must-exclude-authorization-writes"])).to.deep.equal({ wildcardReading: reading });
    for (const name of ["only-admins-create-compute", "no-privileged-roles-for-non-admins", "custom-role-must-exclude-authorization-writes"])
      expect((schemas[name] as any).wildcardReading.enum, name).to.deep.equal(["documented", "strict"]);
    expect(shape(schemas["custom-role-assignable-scopes-not-broader-than-resource-group"])).to.deep.equal({ allowSubscriptionScope: { type: "boolean", items: undefined, default: false } });
    for (const [name, props] of Object.entries(schemas)) for (const [k, v] of Object.entries(props as Record<string, any>)) expect(v.description, `${name}.${k}`).to.match(/\w{3,}/);
  });
  it("tells how to fix each finding", () => {
    expect(OA.remediationSteps).to.match(/data-scientist-restricted\.json/).and.match(/admin: true/).and.match(/adminPrincipalIds/);
    for (const p of accessPolicies) expect(p.remediationSteps ?? "", p.name).to.have.length.greaterThan(30);
  });
});

describe("no-privileged-roles-for-non-admins: edges", () => {
  for (const name of ["Owner", "user access administrator", "ROLE BASED ACCESS CONTROL ADMINISTRATOR"]) {
    it(`treats a role named "${name}" as privileged, whatever its permissions`, () => {
      const def = resource(TYPES.roleDefinition, { roleName: name, permissions: [{ actions: ["*/read"] }], assignableScopes: [RG] });
      return expectViolation(NP, [def, assignment({ principalId: OTHER, scope: RG, roleDefinitionId: unknown.string }, { deps: { roleDefinitionId: [def.urn] } })], new RegExp(`holds privileged role "${name}"`, "i"));
    });
  }
  it("passes a non-admin reader, and an admin listed in the config holding Owner", async () => {
    await expectPass(NP, [assignment({ principalId: OTHER, scope: RG, roleDefinitionId: role(READER) })]);
    await expectPass(NP, [assignment({ principalId: OTHER, scope: RG, roleDefinitionId: role("8e3af657-a8ff-443c-a75c-2fe8c4bcb635") })], { adminPrincipalIds: [OTHER] });
  });
  it("defers a role definition unknown during preview and tied to nothing", () => expectDeferred(NP, [assignment({ principalId: OTHER, scope: RG, roleDefinitionId: unknown.string })], "roleDefinitionId"));
});

describe("only-admins-create-compute: edges", () => {
  it("defers a role definition unknown during preview and tied to nothing", () =>
    expectDeferred(OA, [workspace(), assignment({ principalId: OTHER, scope: WS_ID, roleDefinitionId: unknown.string })], "roleDefinitionId"));
  it("names workspaces outside the stack when the stack has none", () =>
    expectViolation(OA, [assignment({ principalId: OTHER, scope: RG, roleDefinitionId: role("e503ece1-11d0-4e8e-8e2c-7a6c3bf38815") })], /on workspaces outside this stack$/));
  it("says which role definition it could not resolve", () =>
    expectViolation(OA, [workspace(), assignment({ principalId: OTHER, scope: WS_ID, roleDefinitionId: "not-a-role" })], /^33333333-4444-5555-6666-777777777777 is assigned role definition not-a-role, which cannot be resolved, so it cannot be shown not to allow createCompute, deleteCompute, createDatastore, deleteRoleAssignments, deleteLocks, changeWorkspaceSettings, writeOutboundRules \(failing closed\)$/));
  it("ignores an assignment that reaches none of the stack's workspaces", () =>
    expectPass(OA, [workspace(), assignment({ principalId: OTHER, scope: "/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg-other", roleDefinitionId: role("e503ece1-11d0-4e8e-8e2c-7a6c3bf38815") })]));
  it("decides a configured data operation on DataActions", async () => {
    const blob = assignment({ principalId: OTHER, scope: RG, roleDefinitionId: role("ba92f5b4-2d11-453d-a403-e96b0029c9fe") });
    await expectViolation(OA, [workspace(), blob], /allows writeData \(Microsoft\.Storage\/storageAccounts\/blobServices\/containers\/blobs\/write, granted by "Microsoft\.Storage\/storageAccounts\/blobServices\/containers\/blobs\/write"\)/, { adminOnlyOperations: ["writeData"] });
    // Owner's "*" is control plane only: no DataActions, so no writeData.
    await expectPass(OA, [workspace(), assignment({ principalId: OTHER, scope: RG, roleDefinitionId: role("8e3af657-a8ff-443c-a75c-2fe8c4bcb635") })], { adminOnlyOperations: ["writeData"] });
  });
});

describe("role-assignment-must-set-principal-type: the principal's source decides", () => {
  const base = { principalId: unknown.string, scope: RG, roleDefinitionId: role(READER) };
  const cases: [string, string, string][] = [
    ["azuread:index/user:User", "Group", "User"],
    ["azuread:index/servicePrincipal:ServicePrincipal", "User", "ServicePrincipal"],
    [TYPES.compute, "User", "ServicePrincipal"],
    [TYPES.group, "ServicePrincipal", "Group"],
  ];
  for (const [type, given, expected] of cases) {
    it(`${type} assigned as ${given} must be ${expected}`, async () => {
      const source = resource(type, {}, { name: "src" });
      await expectViolation(PT, [source, assignment({ ...base, principalType: given }, { deps: { principalId: [source.urn] } })], new RegExp(`src with principalType ${given}; it must be ${expected}$`));
      await expectPass(PT, [source, assignment({ ...base, principalType: expected }, { deps: { principalId: [source.urn] } })]);
    });
  }
  it("reports a missing principalType and accepts any valid one for an outside principal", async () => {
    await expectViolation(PT, [assignment({ principalId: OTHER, scope: RG, roleDefinitionId: role(READER), principalType: undefined })], /must be one of User, Group, ServicePrincipal, ForeignGroup, Device \(got undefined\)/);
    await expectPass(PT, [assignment({ principalId: OTHER, scope: RG, roleDefinitionId: role(READER), principalType: "ForeignGroup" })]);
    const other = resource("random:index/randomString:RandomString", {}, { name: "r" });
    await expectPass(PT, [other, assignment({ ...base, principalType: "Device" }, { deps: { principalId: [other.urn] } })]);
  });
});

describe("custom-role-assignable-scopes: scope levels", () => {
  const levels: [string, string][] = [
    ["/", "root"],
    ["", "root"],
    ["/providers/Microsoft.Management/managementGroups/mg", "managementGroup"],
    ["/providers/Microsoft.Other/things/x", "invalid"],
    ["/subscriptions", "invalid"],
    ["/tenants/t", "invalid"],
    ["/subscriptions/s", "subscription"],
    ["/subscriptions/s/", "subscription"],
    ["/Subscriptions/S/ResourceGroups/RG", "resourceGroup"],
    ["/subscriptions/s/resourceGroups", "invalid"],
    ["/subscriptions/s/providers/Microsoft.Compute/x", "invalid"],
    ["/subscriptions/s/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/w", "resourceGroup"],
  ];
  for (const [scope, level] of levels) it(`${JSON.stringify(scope)} is ${level}`, () => expect(scopeLevel(scope)).to.equal(level));
  it("says a malformed scope is not a valid scope", async () => {
    const v = await check(CS, [resource(TYPES.roleDefinition, { roleName: "R", permissions: [{ actions: ["*/read"] }], assignableScopes: ["/tenants/t"] })]);
    expect(v.map((x) => x.message)).to.deep.equal(['assignable scope "/tenants/t" is not a valid scope, broader than a resource group']);
  });
});
