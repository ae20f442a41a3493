import { requiredTags } from "../../../policies/security/requiredTags";
import { TYPES } from "../../../policies/lib/azure";
import { unknown } from "../../helpers/policy";
import { describeResourceRule } from "../../helpers/securityRule";

describeResourceRule(requiredTags, {
  type: TYPES.workspace,
  good: {},
  bad: { tags: { environment: "prod" } },
  message: /missing required tags: project/,
  unknownProps: { tags: unknown.object },
});
