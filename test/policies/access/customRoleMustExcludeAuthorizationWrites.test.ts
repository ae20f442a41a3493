import { customRoleMustExcludeAuthorizationWrites as P } from "../../../policies/access/customRoleMustExcludeAuthorizationWrites";
import { TYPES } from "../../../policies/lib/azure";
import { loadRoleDefinitionFile } from "../../../rbac/roleFile";
import { expectDeferred, expectDocumented, expectPass, expectViolation, resource, unknown } from "../../helpers/policy";

const seed = loadRoleDefinitionFile("roles/data-scientist.json", process.cwd(), "test");
const def = (permissions: unknown) => resource(TYPES.roleDefinition, { roleName: "R", permissions, assignableScopes: ["/subscriptions/s/resourceGroups/rg"] });

describe("custom-role-must-exclude-authorization-writes", () => {
  it("is documented", () => expectDocumented(P));
  it("passes the seed's Data Scientist role (Microsoft.Authorization/*/write in NotActions)", () => expectPass(P, [def(seed.permissions)]));
  it("reports Actions * without the exclusion", () => expectViolation(P, [def([{ actions: ["*"] }])], /allows Microsoft\.Authorization\/roleAssignments\/write, Microsoft\.Authorization\/roleDefinitions\/write/));
  it("reports a narrower grant such as roleAssignments/*", () => expectViolation(P, [def([{ actions: ["Microsoft.Authorization/roleAssignments/*"] }])], /roleAssignments\/write/));
  it("defers to the update when permissions are unknown during preview", () => expectDeferred(P, [def(unknown.array)], "permissions"));
  it("reports a role whose permissions are not set at all", () => expectViolation(P, [resource(TYPES.roleDefinition, { roleName: "R" })], /permissions are not set/));
});
