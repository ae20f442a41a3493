import { hub, project } from "../deploy/fixtures";
import { approvedOutboundHasPackageRules } from "../../../policies/security/approvedOutboundHasPackageRules";
import { TYPES } from "../../../policies/lib/azure";
import { expectDeferred, expectPass, expectViolation, resource, unknown } from "../../helpers/policy";
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

describe("approved-outbound-has-package-rules: which rules count", () => {
  const ws = (outboundRules: Record<string, unknown>) => resource(TYPES.workspace, { managedNetwork: { isolationMode: "AllowOnlyApprovedOutbound", outboundRules } });
  // Each host of the docs' list is enough on its own (a team may mirror only pip or only conda).
  for (const host of ["pypi.org", "*.pythonhosted.org", "files.pythonhosted.org", "anaconda.com", "*.anaconda.com", "*.anaconda.org", "conda.anaconda.org", "PyPI.org"])
    it(`counts an FQDN rule to ${host}`, () => expectPass(approvedOutboundHasPackageRules, [ws({ r: { type: "FQDN", destination: host } })]));
  it("counts a package rule among others", () =>
    expectPass(approvedOutboundHasPackageRules, [ws({ github: { type: "FQDN", destination: "github.com" }, mcr: { type: "ServiceTag", destination: { serviceTag: "MicrosoftContainerRegistry" } }, pypi: { type: "FQDN", destination: "pypi.org" } })]));
  it("does not count look-alike hosts or service tags", () =>
    expectViolation(approvedOutboundHasPackageRules, [ws({ a: { type: "FQDN", destination: "pypi.org.evil.example" }, b: { type: "ServiceTag", destination: { serviceTag: "pypi.org" } } })], /no FQDN rule for Python packages/));
  it("reports no rules at all", () =>
    expectViolation(approvedOutboundHasPackageRules, [resource(TYPES.workspace, { managedNetwork: { isolationMode: "AllowOnlyApprovedOutbound" } })], /no FQDN rule for Python packages/));
  it("defers while the isolation mode is unknown", () =>
    expectDeferred(approvedOutboundHasPackageRules, [resource(TYPES.workspace, { managedNetwork: { isolationMode: unknown.string } })], "managedNetwork.isolationMode"));
});

describe("approved-outbound-has-package-rules: hubs and projects", () => {
  const pypi = { pypi: { type: "FQDN", destination: "pypi.org" } };
  it("judges a project by its hub's shared managed network", async () => {
    const good = hub({ managedNetwork: { isolationMode: "AllowOnlyApprovedOutbound", outboundRules: pypi } });
    await expectPass(approvedOutboundHasPackageRules, [good, project(good)]);
    const bad = hub();
    await expectViolation(approvedOutboundHasPackageRules, [bad, project(bad)], /^project proj takes this from its hub hub: approved-only outbound with no FQDN rule/m);
  });
});
