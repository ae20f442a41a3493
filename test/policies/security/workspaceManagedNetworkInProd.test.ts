import { expectDeferred, expectPass, expectViolation } from "../../helpers/policy";
import { hub, id, project } from "../deploy/fixtures";
import { workspaceManagedNetworkInProd } from "../../../policies/security/workspaceManagedNetworkInProd";
import { TYPES } from "../../../policies/lib/azure";
import { unknown } from "../../helpers/policy";
import { describeResourceRule } from "../../helpers/securityRule";

describeResourceRule(workspaceManagedNetworkInProd, {
  type: TYPES.workspace,
  good: { managedNetwork: { isolationMode: "AllowOnlyApprovedOutbound" } },
  bad: { managedNetwork: { isolationMode: "Disabled" } },
  message: /isolationMode must be/,
  prodOnly: true,
  unknownProps: { managedNetwork: unknown.object },
});

describe("workspace-managed-network-in-prod: hubs and projects", () => {
  it("passes a project that sets no network under an isolated hub, reports one under a hub without isolation", async () => {
    const good = hub();
    await expectPass(workspaceManagedNetworkInProd, [good, project(good)]);
    const bad = hub({ managedNetwork: { isolationMode: "Disabled" } });
    await expectViolation(workspaceManagedNetworkInProd, [bad, project(bad)], /^project proj takes this from its hub hub: managedNetwork\.isolationMode must be AllowOnlyApprovedOutbound or AllowInternetOutbound in prod \(got "Disabled"\)$/m);
  });
  it("judges a project that sets its own managed network by it", () => {
    const good = hub();
    return expectViolation(workspaceManagedNetworkInProd, [good, project(good, { managedNetwork: { isolationMode: "Disabled" } })], /^managedNetwork\.isolationMode must be/);
  });
  it("defers an unknown hub network, skips a hub outside the stack", async () => {
    const h = hub({ managedNetwork: unknown.object });
    await expectDeferred(workspaceManagedNetworkInProd, [h, project(h)], "managedNetwork");
    await expectPass(workspaceManagedNetworkInProd, [project(id.workspace("mlw-elsewhere"))]);
  });
});
