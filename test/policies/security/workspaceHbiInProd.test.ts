import { expect } from "chai";
import { expectDeferred, expectPass, expectViolation } from "../../helpers/policy";
import { hub, id, project } from "../deploy/fixtures";
import { workspaceHbiInProd } from "../../../policies/security/workspaceHbiInProd";
import { TYPES } from "../../../policies/lib/azure";
import { unknown } from "../../helpers/policy";
import { describeResourceRule } from "../../helpers/securityRule";

describeResourceRule(workspaceHbiInProd, {
  type: TYPES.workspace,
  good: { hbiWorkspace: true },
  bad: { hbiWorkspace: false },
  message: /hbiWorkspace must be true in prod/,
  prodOnly: true,
  unknownProps: { hbiWorkspace: unknown.boolean },
});

describe("workspace-hbi-in-prod: hubs and projects", () => {
  it("passes a project under an HBI hub, reports one under a hub that is not", async () => {
    const good = hub();
    await expectPass(workspaceHbiInProd, [good, project(good)]);
    const bad = hub({ hbiWorkspace: false });
    const v = await expectViolation(workspaceHbiInProd, [bad, project(bad)], /^project proj takes this from its hub hub: hbiWorkspace must be true in prod \(got false\)$/m);
    expect(v.map((x) => x.urn!.split("::").pop())).to.deep.equal(["hub", "proj"]);
  });
  it("leaves a project whose hub is outside the stack to that stack, defers an unknown hub", async () => {
    await expectPass(workspaceHbiInProd, [project(id.workspace("mlw-elsewhere"))]);
    await expectDeferred(workspaceHbiInProd, [project(undefined, { hubResourceId: unknown.string })], "hubResourceId");
  });
});
