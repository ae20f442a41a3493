import { PRINCIPAL_TYPES } from "../../config/schema";
import { TYPES } from "../lib/azure";
import { resourceRule } from "../lib/define";

export const roleAssignmentMustSetPrincipalType = resourceRule({
  name: "role-assignment-must-set-principal-type",
  description:
    "Role assignments must set principalType: without it Azure looks the principal up and fails with PrincipalNotFound when the group or identity was created moments before.",
  severity: "medium",
  remediationSteps: "Set principalType to User, Group or ServicePrincipal (managed identities are ServicePrincipal).",
  types: [TYPES.roleAssignment],
  check: (ctx) => ctx.expect<string>("principalType", (v) => (PRINCIPAL_TYPES as readonly string[]).includes(v), `be one of ${PRINCIPAL_TYPES.join(", ")}`),
});
