import { WildcardReading, grantUnder } from "../../rbac/engine";
import { TYPES } from "../lib/azure";
import { resourceRule } from "../lib/define";
import { WILDCARD_READING_SCHEMA, readingNote, roleFromProps } from "../lib/access";

/**
 * Operations that change who can do what, or remove a guard rail: a custom role must not be able to
 * perform any of them. Deletes count as much as writes: deleting a role assignment, a role
 * definition, a policy assignment or a lock undoes the platform's access model just as surely.
 */
export const AUTHORIZATION_WRITES = [
  "Microsoft.Authorization/roleAssignments/write",
  "Microsoft.Authorization/roleDefinitions/write",
  "Microsoft.Authorization/policyAssignments/write",
  "Microsoft.Authorization/locks/write",
  "Microsoft.Authorization/roleAssignments/delete",
  "Microsoft.Authorization/roleDefinitions/delete",
  "Microsoft.Authorization/policyAssignments/delete",
  "Microsoft.Authorization/locks/delete",
];

export const customRoleMustExcludeAuthorizationWrites = resourceRule({
  name: "custom-role-must-exclude-authorization-writes",
  description:
    "Custom roles must not allow Microsoft.Authorization writes or deletes (role assignments, role definitions, policy assignments, locks). The seed's Data Scientist role excludes the writes with Microsoft.Authorization/*/write but not the deletes.",
  severity: "critical",
  remediationSteps: 'Add "Microsoft.Authorization/*/write" and "Microsoft.Authorization/*/delete" to the role\'s NotActions (roles/data-scientist-restricted.json does), or narrow its Actions.',
  types: [TYPES.roleDefinition],
  configSchema: { properties: { wildcardReading: WILDCARD_READING_SCHEMA } },
  check: (ctx) => {
    const reading = (ctx.config.wildcardReading as WildcardReading | undefined) ?? "strict";
    if (ctx.get("permissions") === undefined) {
      ctx.report("permissions are not set, so the role cannot be shown to exclude authorization writes");
      return;
    }
    const role = roleFromProps(ctx.props, ctx.args.name);
    if (!role) return ctx.defer("permissions");
    const allowed = AUTHORIZATION_WRITES.map((op) => ({ op, grant: grantUnder(role, op, reading) })).filter((g) => g.grant !== undefined);
    if (allowed.length) ctx.report(`role "${role.name}" allows ${allowed.map((g) => `${g.op} (granted by "${g.grant!.pattern}"${readingNote(g.grant!.literalOnly)})`).join(", ")}`);
  },
});
