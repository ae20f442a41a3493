import { allows } from "../../rbac/engine";
import { TYPES } from "../lib/azure";
import { resourceRule } from "../lib/define";
import { roleFromProps } from "../lib/access";

/** Operations that change who can do what: a custom role must not be able to perform any of them. */
export const AUTHORIZATION_WRITES = [
  "Microsoft.Authorization/roleAssignments/write",
  "Microsoft.Authorization/roleDefinitions/write",
  "Microsoft.Authorization/policyAssignments/write",
  "Microsoft.Authorization/locks/write",
];

export const customRoleMustExcludeAuthorizationWrites = resourceRule({
  name: "custom-role-must-exclude-authorization-writes",
  description:
    "Custom roles must not allow Microsoft.Authorization writes (role assignments, role definitions, policy assignments, locks); the seed's Data Scientist role excludes them with Microsoft.Authorization/*/write.",
  severity: "critical",
  remediationSteps: 'Add "Microsoft.Authorization/*/write" to the role\'s NotActions, or narrow its Actions.',
  types: [TYPES.roleDefinition],
  check: (ctx) => {
    if (ctx.get("permissions") === undefined) {
      ctx.report("permissions are not set, so the role cannot be shown to exclude authorization writes");
      return;
    }
    const role = roleFromProps(ctx.props, ctx.args.name);
    if (!role) return ctx.defer("permissions");
    const allowed = AUTHORIZATION_WRITES.filter((op) => allows(role, op));
    if (allowed.length) ctx.report(`role "${role.name}" allows ${allowed.join(", ")}`);
  },
});
