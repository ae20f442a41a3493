import { workspaceManagedIdentity } from "../../../policies/security/workspaceManagedIdentity";
import { TYPES } from "../../../policies/lib/azure";
import { expectPass, expectViolation, resource, unknown } from "../../helpers/policy";
import { describeResourceRule } from "../../helpers/securityRule";

describeResourceRule(workspaceManagedIdentity, {
  type: TYPES.workspace,
  good: { identity: { type: "SystemAssigned" } },
  bad: { identity: { type: "None" } },
  message: /identity\.type must be SystemAssigned or UserAssigned/,
  unknownProps: { identity: { type: unknown.string } },
});

describe("workspace-managed-identity: the identity types Azure defines", () => {
  const ws = (type: string) => resource(TYPES.workspace, { identity: { type } });
  for (const ok of ["SystemAssigned", "UserAssigned", "SystemAssigned,UserAssigned", "SystemAssigned, UserAssigned", "userassigned"])
    it(`accepts ${ok}`, () => expectPass(workspaceManagedIdentity, [ws(ok)]));
  for (const bad of ["None", "none", "Unassigned", "NotAssigned", "NoUserAssigned", "SystemAssigned;None", ""])
    it(`refuses ${JSON.stringify(bad)}`, () => expectViolation(workspaceManagedIdentity, [ws(bad)], /identity\.type must be SystemAssigned or UserAssigned/));
});
