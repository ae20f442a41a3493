import { allowedLocations } from "../../../policies/security/allowedLocations";
import { TYPES } from "../../../policies/lib/azure";
import { unknown } from "../../helpers/policy";
import { describeResourceRule } from "../../helpers/securityRule";

describeResourceRule(allowedLocations, {
  type: TYPES.storageAccount,
  good: { location: "westeurope" },
  bad: { location: "eastus" },
  message: /location "eastus" is not one of westeurope, northeurope/,
  unknownProps: { location: unknown.string },
});
