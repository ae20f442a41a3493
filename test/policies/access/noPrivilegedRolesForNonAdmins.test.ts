import { noPrivilegedRolesForNonAdmins as P } from "../../../policies/access/noPrivilegedRolesForNonAdmins";
import { TYPES } from "../../../policies/lib/azure";
import { ADMIN_GROUP, OTHER, OWNER, READER, RG, WS_ID, accessModel, assignment, role, workspace } from "../../helpers/access";
import { expectDocumented, expectPass, expectViolation, resource, unknown } from "../../helpers/policy";

describe("no-privileged-roles-for-non-admins", () => {
  it("is documented", () => expectDocumented(P));
  it("passes Owner for an admin team and Reader for anyone", () =>
    expectPass(P, [workspace(), accessModel(), assignment({ principalId: ADMIN_GROUP, scope: RG, roleDefinitionId: role(OWNER) }, { team: "admins", admin: true }), assignment({ principalId: OTHER, scope: RG, roleDefinitionId: role(READER) })]));
  it("reports Owner, User Access Administrator and RBAC Administrator for non-admins", async () => {
    await expectViolation(P, [assignment({ principalId: OTHER, scope: RG, roleDefinitionId: role(OWNER) })], /holds privileged role "Owner"/);
    await expectViolation(P, [assignment({ principalId: OTHER, scope: RG, roleDefinitionId: role("18d7d88d-d35e-4fb5-a5c3-7773c20a72d9") })], /User Access Administrator/);
    await expectViolation(P, [assignment({ principalId: OTHER, scope: RG, roleDefinitionId: role("f58310d9-a9f6-439a-9e8d-f62e7b41a168") })], /Role Based Access Control Administrator/);
  });
  it("reports a custom role that can write role assignments", () => {
    const def = resource(TYPES.roleDefinition, { roleName: "Granter", roleDefinitionId: "5a1d4c1e-0000-4000-8000-00000000e5c1", permissions: [{ actions: ["Microsoft.Authorization/roleAssignments/*"] }], assignableScopes: [RG] });
    return expectViolation(P, [def, assignment({ principalId: OTHER, scope: WS_ID, roleDefinitionId: role("5a1d4c1e-0000-4000-8000-00000000e5c1") })], /privileged role "Granter"/);
  });
  it("passes an admin from the policy config", () => expectPass(P, [assignment({ principalId: OTHER, scope: RG, roleDefinitionId: role(OWNER) })], { adminPrincipalIds: [OTHER] }));
  it("fails closed on an unresolvable role", () => expectViolation(P, [assignment({ principalId: OTHER, scope: RG, roleDefinitionId: "not-a-role" })], /cannot be resolved/));
});

describe("no-privileged-roles-for-non-admins: wildcard reading", () => {
  const sneaky = resource(TYPES.roleDefinition, { roleName: "Sneaky", permissions: [{ actions: ["Microsoft.Authorization/*/write"], notActions: ["Microsoft.Authorization/roleAssignments/*/write"] }], assignableScopes: [RG] });
  const use = assignment({ principalId: OTHER, scope: RG, roleDefinitionId: unknown.string }, { deps: { roleDefinitionId: [sneaky.urn] } });
  it("strict (default and prod): a role that writes role assignments only under the literal reading is privileged, and says so", async () => {
    await expectViolation(P, [sneaky, use], /holds privileged role "Sneaky", which can grant access to others \(Microsoft\.Authorization\/roleAssignments\/write granted by "Microsoft\.Authorization\/\*\/write", only under the literal reading of a whole-segment "\*"\)$/);
    await expectViolation(P, [sneaky, use], /Sneaky/, { wildcardReading: "strict" });
  });
  it("documented: the same role passes", () => expectPass(P, [sneaky, use], { wildcardReading: "documented" }));
  it("a role that grants under both readings carries no reading note", () =>
    expectViolation(P, [assignment({ principalId: OTHER, scope: RG, roleDefinitionId: role("8e3af657-a8ff-443c-a75c-2fe8c4bcb635") })], /holds privileged role "Owner", which can grant access to others$/));
});
