import { customRoleMustExcludeAuthorizationWrites as P } from "../../../policies/access/customRoleMustExcludeAuthorizationWrites";
import { TYPES } from "../../../policies/lib/azure";
import { loadRoleDefinitionFile } from "../../../rbac/roleFile";
import { check, expectDeferred, expectDocumented, expectPass, expectViolation, resource, unknown } from "../../helpers/policy";
import { expect } from "chai";

const seed = loadRoleDefinitionFile("roles/data-scientist.json", process.cwd(), "test");
const restricted = loadRoleDefinitionFile("roles/data-scientist-restricted.json", process.cwd(), "test");
const def = (permissions: unknown) => resource(TYPES.roleDefinition, { roleName: "R", permissions, assignableScopes: ["/subscriptions/s/resourceGroups/rg"] });

describe("custom-role-must-exclude-authorization-writes", () => {
  it("is documented", () => expectDocumented(P));
  it("reports the seed's Data Scientist role: it excludes authorization writes but not deletes", () =>
    expectViolation(P, [def(seed.permissions)], /^role "R" allows Microsoft\.Authorization\/roleAssignments\/delete \(granted by "\*"\), Microsoft\.Authorization\/roleDefinitions\/delete \(granted by "\*"\), Microsoft\.Authorization\/policyAssignments\/delete \(granted by "\*"\), Microsoft\.Authorization\/locks\/delete \(granted by "\*"\)$/));
  it("passes the restricted Data Scientist role, which excludes both", () => expectPass(P, [def(restricted.permissions)]));
  it("reports Actions * without the exclusion, naming the pattern that grants each", () =>
    expectViolation(P, [def([{ actions: ["*"] }])], /allows Microsoft\.Authorization\/roleAssignments\/write \(granted by "\*"\), Microsoft\.Authorization\/roleDefinitions\/write \(granted by "\*"\)/));
  it("reports a role that may only delete locks", () =>
    expectViolation(P, [def([{ actions: ["Microsoft.Authorization/locks/*"] }])], /^role "R" allows Microsoft\.Authorization\/locks\/write \(granted by "Microsoft\.Authorization\/locks\/\*"\), Microsoft\.Authorization\/locks\/delete/));
  it("reports a narrower grant such as roleAssignments/*", () => expectViolation(P, [def([{ actions: ["Microsoft.Authorization/roleAssignments/*"] }])], /roleAssignments\/write/));
  it("defers to the update when permissions are unknown during preview", () => expectDeferred(P, [def(unknown.array)], "permissions"));
  it("reports a role whose permissions are not set at all", () => expectViolation(P, [resource(TYPES.roleDefinition, { roleName: "R" })], /permissions are not set/));
});

describe("custom-role-must-exclude-authorization-writes: wildcard reading", () => {
  const sneaky = () => resource(TYPES.roleDefinition, { roleName: "Sneaky", permissions: [{ actions: ["*"], notActions: ["Microsoft.Authorization/*/*/write", "Microsoft.Authorization/*/delete", "Microsoft.Authorization/roleAssignments/*/write", "Microsoft.Authorization/roleDefinitions/write", "Microsoft.Authorization/policyAssignments/write", "Microsoft.Authorization/locks/write"] }], assignableScopes: ["/subscriptions/s/resourceGroups/rg"] });
  it("strict (default): reports a write only the literal reading grants, and says so", async () => {
    const v = await check(P, [sneaky()]);
    expect(v.map((x) => x.message)).to.deep.equal(['role "Sneaky" allows Microsoft.Authorization/roleAssignments/write (granted by "*", only under the literal reading of a whole-segment "*")']);
  });
  it("documented: passes it", () => expectPass(P, [sneaky()], { wildcardReading: "documented" }));
});
