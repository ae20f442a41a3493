import { customRoleMustExcludeAuthorizationWrites as P } from "../../../policies/access/customRoleMustExcludeAuthorizationWrites";
import { TYPES } from "../../../policies/lib/azure";
import { loadRoleDefinitionFile } from "../../../rbac/roleFile";
import { expectDocumented, expectPass, expectViolation, resource, unknown } from "../../helpers/policy";

const seed = loadRoleDefinitionFile("roles/data-scientist.json", process.cwd(), "test");
const def = (permissions: unknown) => resource(TYPES.roleDefinition, { roleName: "R", permissions, assignableScopes: ["/subscriptions/s/resourceGroups/rg"] });

describe("custom-role-must-exclude-authorization-writes", () => {
  it("is documented", () => expectDocumented(P));
  it("passes the seed's Data Scientist role (Microsoft.Authorization/*/write in NotActions)", () => expectPass(P, [def(seed.permissions)]));
  it("reports Actions * without the exclusion", () => expectViolation(P, [def([{ actions: ["*"] }])], /allows Microsoft\.Authorization\/roleAssignments\/write, Microsoft\.Authorization\/roleDefinitions\/write/));
  it("reports a narrower grant such as roleAssignments/*", () => expectViolation(P, [def([{ actions: ["Microsoft.Authorization/roleAssignments/*"] }])], /roleAssignments\/write/));
  it("fails closed when permissions are unknown", () => expectViolation(P, [def(unknown.array)], /unknown until deployment/));
});
