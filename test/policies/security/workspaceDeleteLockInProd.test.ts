import { workspaceDeleteLockInProd } from "../../../policies/security/workspaceDeleteLockInProd";
import { TYPES } from "../../../policies/lib/azure";
import { expectDocumented, expectPass, expectViolation, resource } from "../../helpers/policy";

describe("workspace-delete-lock-in-prod", () => {
  const ws = (env: string) => resource(TYPES.workspace, { workspaceName: "mlw-fraud", tags: { environment: env } }, { name: "mlw" });
  const lock = (props: Record<string, any>, extra = {}) => resource(TYPES.lock, { level: "CanNotDelete", ...props }, extra);

  it("is documented", () => expectDocumented(workspaceDeleteLockInProd));
  it("passes a prod workspace locked through a scope dependency", () => {
    const w = ws("prod");
    return expectPass(workspaceDeleteLockInProd, [w, lock({ scope: "[unknown]" }, { propertyDependencies: { scope: [w.urn] } })]);
  });
  it("passes a prod workspace locked by scope id", () =>
    expectPass(workspaceDeleteLockInProd, [ws("prod"), lock({ scope: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud" })]));
  it("reports a prod workspace without a lock, or with a ReadOnly one only", async () => {
    await expectViolation(workspaceDeleteLockInProd, [ws("prod")], /workspace mlw has no CanNotDelete lock/);
    await expectViolation(workspaceDeleteLockInProd, [ws("prod"), lock({ level: "ReadOnly", scope: "/x/workspaces/mlw-fraud" })], /no CanNotDelete lock/);
  });
  it("does not require a lock in dev", () => expectPass(workspaceDeleteLockInProd, [ws("dev")]));
});
