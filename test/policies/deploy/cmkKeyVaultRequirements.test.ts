import { expect } from "chai";
import { cmkKeyVaultRequirements as P } from "../../../policies/deploy/cmkKeyVaultRequirements";
import { TYPES } from "../../../policies/lib/azure";
import { check, expectDeferred, expectDocumented, expectPass, expectViolation, resource, unknown } from "../../helpers/policy";
import { ROLE, SUB, assignment, roleId, vault, workspace } from "./fixtures";

const KV_ID = `/subscriptions/${SUB}/resourceGroups/rg-ml/providers/Microsoft.KeyVault/vaults/kv-ml`;
const cmk = (extra: Record<string, unknown> = {}) => ({ encryption: { status: "Enabled", keyVaultProperties: { keyVaultArmId: KV_ID, keyIdentifier: "https://kv-ml.vault.azure.net/keys/k/0123" } }, ...extra });
const key = (props: Record<string, unknown>, name = "key") => resource(TYPES.keyVaultKey, { keyName: "k", vaultName: "kv-ml", ...props }, { name });
const recoverable = { enableSoftDelete: true, enablePurgeProtection: true };

describe("cmk-key-vault-requirements", () => {
  it("is documented, quoting the hub's and Azure ML's key requirements", () => {
    expectDocumented(P);
    expect(P.description).to.contain("Supported keys: RSA / RSA-HSM 2048").and.contain("Allow trusted services if firewalling");
  });

  it("reports a hub's vault in another region, by location however written", async () => {
    await expectViolation(P, [vault({ location: "northeurope", properties: recoverable }), workspace(cmk({ kind: "Hub", location: "West Europe" }))], /in key vault kv, in northeurope, not the hub's region westeurope/);
    await expectPass(P, [vault({ location: "westeurope", properties: recoverable }), workspace(cmk({ kind: "Hub", location: "West Europe" }))]);
    // Stated for hubs only: a workspace's vault elsewhere is not reported.
    await expectPass(P, [vault({ location: "northeurope", properties: recoverable }), workspace(cmk({ kind: "Default", location: "westeurope" }))]);
  });

  it("reports a firewall that lets no trusted Microsoft service through", async () => {
    const fw = (networkAcls: unknown) => [vault({ properties: { ...recoverable, networkAcls } }), workspace(cmk())];
    await expectViolation(P, fw({ defaultAction: "Deny", bypass: "None" }), /denies by default without letting trusted Microsoft services through/);
    await expectViolation(P, fw({ defaultAction: "Deny" }), /networkAcls.bypass: AzureServices/);
    await expectPass(P, fw({ defaultAction: "Deny", bypass: "AzureServices" }));
    await expectPass(P, fw({ defaultAction: "Deny", bypass: "Logging, AzureServices" }));
    await expectPass(P, fw({ defaultAction: "Allow", bypass: "None" }));
    await expectPass(P, [workspace(cmk())]); // a vault outside the stack is not visible
  });

  it("reports a key of the stack that is not RSA or under 2048 bits, read from outputs or inputs", async () => {
    const withKey = (k: ReturnType<typeof key>) => [vault({ properties: recoverable }), k, workspace(cmk(), { encryption: [k] } as any)];
    await expectViolation(P, withKey(key({ kty: "EC" })), /customer-managed key key is EC, not RSA or RSA-HSM/);
    await expectViolation(P, withKey(key({ properties: { kty: "RSA", keySize: 1024 } })), /is 1024 bits, under 2048/);
    await expectPass(P, withKey(key({ kty: "RSA-HSM", keySize: 3072 })));
    await expectPass(P, withKey(key({ properties: { kty: "RSA" } })));
    const found = await check(P, withKey(key({ kty: "oct", keySize: 256 })));
    expect(found.map((v) => v.message.split(": ").pop())).to.have.length(2);
  });

  it("reads what it can see and nothing more: no location, Allow whatever the bypass, a key of exactly 2048 bits, no key type", async () => {
    await expectPass(P, [vault({ properties: recoverable }), workspace(cmk({ kind: "Hub", location: "westeurope" }))]);
    await expectPass(P, [vault({ location: "northeurope", properties: recoverable }), workspace(cmk({ kind: "Hub" }))]);
    await expectPass(P, [vault({ properties: { ...recoverable, networkAcls: { defaultAction: "Allow", bypass: unknown.string } } }), workspace(cmk())]);
    const k = (props: Record<string, unknown>) => key(props);
    const withKey = (kk: ReturnType<typeof key>) => [kk, workspace(cmk(), { encryption: [kk] } as any)];
    await expectPass(P, withKey(k({ kty: "RSA", keySize: 2048 })));
    await expectViolation(P, withKey(k({ keySize: 4096 })), /key key is of no type, not RSA or RSA-HSM/);
    // A workspace whose encryption names no vault: nothing to read.
    await expectPass(P, [workspace({ encryption: { status: "Enabled", keyVaultProperties: { keyIdentifier: "https://kv.vault.azure.net/keys/k/1" } } })]);
  });

  it("reports grants the vault's permission model ignores: key roles on an access-policy vault, access policies on an RBAC vault", async () => {
    const kv = vault({ properties: { ...recoverable, enableRbacAuthorization: false } });
    const crypto = assignment({ scope: KV_ID, principalId: "11111111-2222-3333-4444-555555555555", roleDefinitionId: roleId("e147488a-f6f5-4113-8e2d-b22465e65bf6") }, undefined, "crypto-user");
    const [v] = await expectViolation(P, [kv, crypto, workspace(cmk())], /role assignment crypto-user \(Key Vault Crypto Service Encryption User\) does nothing there: the vault uses access policies/);
    expect(v.message).to.match(/^workspace mlw's customer-managed key is in key vault kv: /);
    // A role without key data actions, or on another vault, is not the key's grant.
    await expectPass(P, [kv, assignment({ scope: KV_ID, principalId: "11111111-2222-3333-4444-555555555555", roleDefinitionId: roleId(ROLE.reader) }), workspace(cmk())]);
    await expectPass(P, [kv, assignment({ scope: `/subscriptions/${SUB}/resourceGroups/rg-ml/providers/Microsoft.KeyVault/vaults/kv-other`, principalId: "11111111-2222-3333-4444-555555555555", roleDefinitionId: roleId("e147488a-f6f5-4113-8e2d-b22465e65bf6") }), workspace(cmk())]);
    const rbacVault = vault({ properties: { ...recoverable, enableRbacAuthorization: true, accessPolicies: [{ objectId: "x", tenantId: "t", permissions: { keys: ["get", "wrapKey", "unwrapKey"] } }] } });
    await expectViolation(P, [rbacVault, workspace(cmk())], /its 1 access policy does nothing there: the vault uses Azure RBAC/);
    const policyResource = resource("azure-native:keyvault:AccessPolicy", { vaultName: "kv-ml", policy: { objectId: "y" } }, { name: "ap", propertyDependencies: { vaultName: [rbacVault.urn] } });
    await expectViolation(P, [rbacVault, policyResource, workspace(cmk())], /its 2 access policies do nothing there/);
    await expectPass(P, [vault({ properties: { ...recoverable, enableRbacAuthorization: true } }), crypto, workspace(cmk())]);
    await expectPass(P, [vault({ properties: { ...recoverable, accessPolicies: [{ objectId: "x" }] } }), crypto, workspace(cmk())]);
    await expectDeferred(P, [vault({ properties: { ...recoverable, enableRbacAuthorization: unknown.boolean } }), workspace(cmk())], "properties.enableRbacAuthorization");
  });

  it("defers what a first preview cannot read", async () => {
    await expectDeferred(P, [vault({ properties: recoverable }), workspace({ encryption: { status: "Enabled", keyVaultProperties: { keyVaultArmId: unknown.string } } })], "encryption.keyVaultProperties.keyVaultArmId");
    await expectDeferred(P, [vault({ location: "westeurope", properties: recoverable }), workspace(cmk({ kind: "Hub", location: unknown.string }))], "location");
    const sized = key({ kty: "RSA", keySize: unknown.number });
    await expectDeferred(P, [sized, workspace(cmk(), { encryption: [sized] } as any)], "keySize");
    await expectDeferred(P, [vault({ location: unknown.string, properties: recoverable }), workspace(cmk({ kind: "Hub", location: "westeurope" }))], "location");
    await expectDeferred(P, [vault({ properties: { networkAcls: { defaultAction: unknown.string } } }), workspace(cmk())], "properties.networkAcls.defaultAction");
    await expectDeferred(P, [vault({ properties: { networkAcls: { defaultAction: "Deny", bypass: unknown.string } } }), workspace(cmk())], "properties.networkAcls.bypass");
    const k = key({ kty: unknown.string });
    await expectDeferred(P, [k, workspace(cmk(), { encryption: [k] } as any)], "kty");
    await expectDeferred(P, [vault({ properties: recoverable }), workspace(cmk({ kind: unknown.string }))], "kind");
  });
});
