import { approvedOutboundHasPackageRules } from "../../../policies/security/approvedOutboundHasPackageRules";
import { TYPES } from "../../../policies/lib/azure";
import { expectPass, resource } from "../../helpers/policy";
import { describeResourceRule } from "../../helpers/securityRule";

describeResourceRule(approvedOutboundHasPackageRules, {
  type: TYPES.workspace,
  good: { managedNetwork: { isolationMode: "AllowOnlyApprovedOutbound", outboundRules: { pypi: { type: "FQDN", destination: "pypi.org" } } } },
  bad: { managedNetwork: { isolationMode: "AllowOnlyApprovedOutbound", outboundRules: { github: { type: "FQDN", destination: "github.com" } } } },
  message: /approved-only outbound with no FQDN rule for Python packages/,
  unknownProps: { managedNetwork: { isolationMode: "AllowOnlyApprovedOutbound", outboundRules: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" } },
});

describe("approved-outbound-has-package-rules: scope", () => {
  it("does not apply to internet outbound", () => expectPass(approvedOutboundHasPackageRules, [resource(TYPES.workspace, { managedNetwork: { isolationMode: "AllowInternetOutbound" } })]));
  it("accepts conda hosts too", () =>
    expectPass(approvedOutboundHasPackageRules, [resource(TYPES.workspace, { managedNetwork: { isolationMode: "AllowOnlyApprovedOutbound", outboundRules: { conda: { type: "FQDN", destination: "*.anaconda.org" } } } })]));
});
