import { expect } from "chai";
import { workspaceNotLocked as P } from "../../../policies/security/workspaceNotLocked";
import { TYPES } from "../../../policies/lib/azure";
import { expectDeferred, expectDocumented, expectPass, expectViolation, resource, unknown } from "../../helpers/policy";

describe("workspace-not-locked", () => {
  const ws = () => resource(TYPES.workspace, { workspaceName: "mlw-fraud", tags: { environment: "prod" } }, { name: "mlw" });
  const lock = (props: Record<string, any>, extra = {}) => resource(TYPES.lock, { level: "CanNotDelete", ...props }, extra);

  it("is documented, citing why a workspace lock breaks updates", () => {
    expectDocumented(P);
    expect(P.description).to.match(/prevents deleting role assignments/);
  });
  it("reports a lock tied to the workspace through its scope dependency", () => {
    const w = ws();
    return expectViolation(P, [w, lock({ scope: unknown.string }, { name: "ws-lock", propertyDependencies: { scope: [w.urn] } })], /ws-lock locks workspace mlw: later updates cannot delete its computes, role assignments or diagnostic settings/);
  });
  it("reports a lock on any workspace id, ReadOnly too", () =>
    expectViolation(P, [lock({ level: "ReadOnly", scope: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/other" }, { name: "l" })], /l locks workspace \/subscriptions\/s\/.*\/workspaces\/other/));
  it("passes locks on storage and key vault", () =>
    expectPass(P, [ws(), lock({ scope: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st" }), lock({ scope: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv" })]));
  it("passes a lock tied to another resource even while its scope is unknown", () => {
    const st = resource(TYPES.storageAccount, { accountName: "st" });
    return expectPass(P, [ws(), st, lock({ scope: unknown.string }, { propertyDependencies: { scope: [st.urn] } })]);
  });
  it("defers a lock whose scope is unknown and tied to nothing", () => expectDeferred(P, [ws(), lock({ scope: unknown.string })], "scope"));
});
