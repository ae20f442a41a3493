import { expectPass, expectViolation } from "../../helpers/policy";
import { hub, id, project } from "../deploy/fixtures";
import { workspacePublicNetworkDisabledInProd } from "../../../policies/security/workspacePublicNetworkDisabledInProd";
import { TYPES } from "../../../policies/lib/azure";
import { unknown } from "../../helpers/policy";
import { describeResourceRule } from "../../helpers/securityRule";

describeResourceRule(workspacePublicNetworkDisabledInProd, {
  type: TYPES.workspace,
  good: { publicNetworkAccess: "Disabled" },
  bad: { publicNetworkAccess: "Enabled" },
  message: /publicNetworkAccess must be "Disabled" in prod \(got "Enabled"\)/,
  prodOnly: true,
  unknownProps: { publicNetworkAccess: unknown.string },
});

describe("workspace-public-network-disabled-in-prod: hubs and projects", () => {
  it("passes a project that sets no access under a private hub (the hub's setting passes down), reports one under a public hub", async () => {
    const good = hub();
    await expectPass(workspacePublicNetworkDisabledInProd, [good, project(good)]);
    const bad = hub({ publicNetworkAccess: "Enabled" });
    await expectViolation(workspacePublicNetworkDisabledInProd, [bad, project(bad)], /^project proj takes this from its hub hub: publicNetworkAccess must be "Disabled" in prod \(got "Enabled"\)$/m);
  });
  it("skips a project whose hub is outside the stack", () => expectPass(workspacePublicNetworkDisabledInProd, [project(id.workspace("mlw-elsewhere"))]));
});
