import { dataDeleteLockInProd as P } from "../../../policies/security/dataDeleteLockInProd";
import { TYPES } from "../../../policies/lib/azure";
import { expectDocumented, expectPass, expectViolation, resource, unknown } from "../../helpers/policy";

describe("data-delete-lock-in-prod", () => {
  const storage = (env: string) => resource(TYPES.storageAccount, { accountName: "stfraud", tags: { environment: env } }, { name: "storage" });
  const vault = (env: string) => resource(TYPES.keyVault, { vaultName: "kv-fraud", tags: { environment: env } }, { name: "kv" });
  const lock = (props: Record<string, any>, extra = {}) => resource(TYPES.lock, { level: "CanNotDelete", ...props }, extra);

  it("is documented", () => expectDocumented(P));
  it("passes prod storage and key vault locked through scope dependencies", () => {
    const s = storage("prod");
    const v = vault("prod");
    return expectPass(P, [s, v, lock({ scope: "[unknown]" }, { propertyDependencies: { scope: [s.urn] } }), lock({ scope: "[unknown]" }, { propertyDependencies: { scope: [v.urn] } })]);
  });
  it("passes data locked by scope id (case-insensitive, as ARM compares)", () =>
    expectPass(P, [
      storage("prod"),
      vault("prod"),
      lock({ scope: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/STFRAUD" }),
      lock({ scope: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-fraud" }),
    ]));
  it("reports each prod data resource without a CanNotDelete lock, naming it", async () => {
    await expectViolation(P, [storage("prod"), vault("prod")], /storage \(StorageAccount\) has no CanNotDelete lock\nkv \(Vault\) has no CanNotDelete lock/);
    await expectViolation(P, [storage("prod"), lock({ level: "ReadOnly", scope: "/x/providers/Microsoft.Storage/storageAccounts/stfraud" })], /storage \(StorageAccount\) has no CanNotDelete lock/);
  });
  it("does not count a lock on another account", () =>
    expectViolation(P, [storage("prod"), lock({ scope: "/x/providers/Microsoft.Storage/storageAccounts/stother" })], /storage \(StorageAccount\) has no CanNotDelete lock/));
  it("does not require locks in dev", () => expectPass(P, [storage("dev"), vault("dev")]));
  it("does not require a lock on the data of a workspace with a managed network (no-lock-under-managed-network forbids it), only without one", async () => {
    const st = storage("prod");
    const kv = vault("prod");
    const workspace = (isolationMode: string) =>
      resource(TYPES.workspace, { workspaceName: "mlw", storageAccount: unknown.string, keyVault: unknown.string, managedNetwork: { isolationMode } }, { name: "mlw", propertyDependencies: { storageAccount: [st.urn], keyVault: [kv.urn] } });
    await expectPass(P, [st, kv, workspace("AllowOnlyApprovedOutbound")]);
    await expectViolation(P, [st, kv, workspace("Disabled")], /storage \(StorageAccount\) has no CanNotDelete lock/);
  });
});

