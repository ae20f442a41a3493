import { expect } from "chai";
import { cmkKeyVaultRecoverable as P } from "../../../policies/deploy/cmkKeyVaultRecoverable";
import { expectDeferred, expectDocumented, expectPass, expectViolation, unknown } from "../../helpers/policy";
import { SUB, vault, workspace } from "./fixtures";

const KV_ID = `${SUB}/resourceGroups/rg-ml/providers/Microsoft.KeyVault/vaults/kv-ml`;
const cmk = (keyVaultArmId: unknown) => ({ encryption: { status: "Enabled", keyVaultProperties: { keyVaultArmId, keyIdentifier: "https://kv-ml.vault.azure.net/keys/k/0123" } } });

describe("cmk-key-vault-recoverable", () => {
  it("is documented, quoting the CMK prerequisites", () => {
    expectDocumented(P);
    expect(P.description).to.contain("The key vault must enable soft delete and purge protection.");
  });
  it("reports a stack vault without purge protection, or with soft delete off, by id or dependency", async () => {
    await expectViolation(P, [vault({ properties: { enableSoftDelete: false, enablePurgeProtection: true } }), workspace(cmk(KV_ID))], /in key vault kv, which has no soft delete: Azure ML requires both/);
    await expectViolation(P, [vault({ properties: {} }), workspace(cmk(KV_ID))], /which has no purge protection/);
    const kv = vault({ properties: { enableSoftDelete: false } });
    await expectViolation(P, [kv, workspace(cmk(unknown.string), { encryption: [kv] } as any)], /which has no soft delete and no purge protection/);
  });
  it("passes a recoverable vault, soft delete on by default, and a vault outside the stack (not visible)", async () => {
    await expectPass(P, [vault({ properties: { enablePurgeProtection: true } }), workspace(cmk(KV_ID))]);
    await expectPass(P, [vault({ properties: { enableSoftDelete: true, enablePurgeProtection: true } }), workspace(cmk(KV_ID))]);
    await expectPass(P, [workspace(cmk(`${SUB}/resourceGroups/rg-keys/providers/Microsoft.KeyVault/vaults/kv-central`))]);
    await expectPass(P, [vault({ properties: {} }), workspace({})]);
  });
  it("reads a first preview's placeholder as not set, and defers a setting fed by another resource or an unknown vault", async () => {
    await expectViolation(P, [vault({ properties: { enablePurgeProtection: unknown.boolean } }), workspace(cmk(KV_ID))], /which has no purge protection/);
    const source = vault({ vaultName: "kv-source" }, undefined, "source");
    await expectDeferred(P, [source, vault({ properties: { enablePurgeProtection: unknown.boolean } }, { properties: [source] }), workspace(cmk(KV_ID))], "properties.enablePurgeProtection");
    await expectDeferred(P, [workspace(cmk(unknown.string))], "encryption.keyVaultProperties.keyVaultArmId");
  });
});
