import { expect } from "chai";
import { roleAssignmentMustSetPrincipalType as P } from "../../../policies/access/roleAssignmentMustSetPrincipalType";
import { TYPES } from "../../../policies/lib/azure";
import { OTHER, READER, RG, assignment, role } from "../../helpers/access";
import { check, expectDeferred, expectDocumented, expectPass, expectViolation, resource, unknown } from "../../helpers/policy";

describe("role-assignment-must-set-principal-type", () => {
  const base = { principalId: OTHER, scope: RG, roleDefinitionId: role(READER) };
  it("is documented", () => expectDocumented(P));
  it("passes a set principal type matching the principal's source", () => {
    const group = resource(TYPES.group, { displayName: "g" });
    return expectPass(P, [group, assignment({ ...base, principalType: "Group" }, { deps: { principalId: [group.urn] } })]);
  });
  it("reports a missing or invalid principal type", async () => {
    await expectViolation(P, [assignment({ ...base, principalType: undefined })], /must be one of User, Group, ServicePrincipal/);
    await expectViolation(P, [assignment({ ...base, principalType: "Robot" })], /got "Robot"/);
  });
  it("reports a group assigned as User (azure-native's default when principalType is omitted)", () => {
    const group = resource(TYPES.group, { displayName: "g" }, { name: "contractors" });
    return expectViolation(P, [group, assignment({ ...base, principalType: "User" }, { deps: { principalId: [group.urn] } })], /Group contractors with principalType User; it must be Group/);
  });
  it("expects ServicePrincipal for a workspace's managed identity", () => {
    const ws = resource(TYPES.workspace, {}, { name: "mlw" });
    return expectViolation(P, [ws, assignment({ ...base, principalType: "User" }, { deps: { principalId: [ws.urn] } })], /must be ServicePrincipal/);
  });
  it("defers to the update when the type is unknown during preview", () => expectDeferred(P, [assignment({ ...base, principalType: unknown.string })], "principalType"));
  it("still reports a wrong type beside an unknown one", async () => {
    const v = await check(P, [assignment({ ...base, principalType: unknown.string }), assignment({ ...base, principalType: "Robot" })]);
    expect(v.map((x) => x.enforcementLevel)).to.deep.equal(["mandatory", "advisory"]);
    expect(v[0].message).to.match(/must be one of User, Group, ServicePrincipal.*\(got "Robot"\)/);
  });
});
