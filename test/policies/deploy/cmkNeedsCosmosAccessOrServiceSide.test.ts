import { expect } from "chai";
import { cmkNeedsCosmosAccessOrServiceSide as P, COSMOS_DB_APP_IDS } from "../../../policies/deploy/cmkNeedsCosmosAccessOrServiceSide";
import { DEPLOY_TYPES } from "../../../policies/lib/deploy";
import { check, expectDeferred, expectDocumented, expectPass, expectViolation, resource, unknown } from "../../helpers/policy";
import { assignment, COSMOS_APP, id, RG_ID, ROLE, roleId, servicePrincipal, SUB, vault, workspace } from "./fixtures";

const KV = id.vault("kv-cmk", "rg-keys");
const cmk = (extra: Record<string, any> = {}) => ({ encryption: { status: "Enabled", keyVaultProperties: { keyVaultArmId: KV, keyIdentifier: "https://kv-cmk.vault.azure.net/keys/k/1" }, ...extra } });
const COSMOS_OBJECT = "44444444-5555-6666-7777-888888888888";

describe("cmk-needs-cosmos-access-or-service-side", () => {
  it("is documented, citing how-to-setup-customer-managed-keys", () => {
    expectDocumented(P);
    expect(P.url).to.match(/how-to-setup-customer-managed-keys#allow-azure-cosmos-db-to-access-the-key$/);
    expect(P.description).to.contain("a232010e-820c-4083-83bb-3ace5fc29d0b");
    expect(COSMOS_DB_APP_IDS).to.deep.equal([COSMOS_APP, "57506a73-e302-42a9-b869-6f12d9ec29e9"]);
  });

  it("reports classic CMK with nothing letting Cosmos DB reach the key", async () => {
    const [v] = await expectViolation(P, [workspace(cmk())], /workspace mlw uses classic customer-managed-key encryption, but nothing in the stack lets the Azure Cosmos DB app \(a232010e-820c-4083-83bb-3ace5fc29d0b\) get, wrap and unwrap the key in \/subscriptions\/.*\/vaults\/kv-cmk: workspace creation fails/);
    expect(v.urn).to.contain("::mlw");
    expect(v.enforcementLevel).to.equal("mandatory");
  });

  it("does not apply without CMK, with encryption disabled, or with service-side encryption", async () => {
    await expectPass(P, [workspace()]);
    await expectPass(P, [workspace({ encryption: null })]);
    await expectPass(P, [workspace({ encryption: { status: "Disabled", keyVaultProperties: { keyVaultArmId: KV } } })]);
    await expectPass(P, [workspace({ encryption: { keyVaultProperties: { keyVaultArmId: KV } } })]);
    await expectPass(P, [workspace({ ...cmk(), enableServiceSideCMKEncryption: true })]);
    await expectViolation(P, [workspace({ ...cmk(), enableServiceSideCMKEncryption: false })], /classic customer-managed-key/);
    await expectViolation(P, [workspace({ encryption: { status: "enabled", keyVaultProperties: { keyVaultArmId: KV } } })], /classic customer-managed-key/);
  });

  it("defers what a first preview cannot know", async () => {
    await expectDeferred(P, [workspace({ encryption: unknown.object })], "encryption");
    await expectDeferred(P, [workspace({ encryption: { status: unknown.string } })], "encryption.status");
    await expectDeferred(P, [workspace({ ...cmk(), enableServiceSideCMKEncryption: unknown.boolean })], "enableServiceSideCMKEncryption");
    await expectDeferred(P, [workspace({ encryption: { status: "Enabled", keyVaultProperties: { keyVaultArmId: unknown.string } } })], "encryption.keyVaultProperties.keyVaultArmId");
  });

  it("reports CMK without a key vault", () =>
    expectViolation(P, [workspace({ encryption: { status: "Enabled", keyVaultProperties: {} } })], /^workspace mlw enables a customer-managed key but encryption\.keyVaultProperties\.keyVaultArmId is not set$/));

  describe("a role assignment on the vault", () => {
    const sp = () => servicePrincipal(COSMOS_APP);
    const grant = (s: ReturnType<typeof sp>, props: Record<string, any> = {}) => assignment({ scope: KV, principalId: unknown.string, roleDefinitionId: roleId(ROLE.cryptoUser), ...props }, { principalId: [s] });

    it("passes Key Vault Crypto Service Encryption User for the Cosmos DB service principal", () => {
      const s = sp();
      return expectPass(P, [workspace(cmk()), s, grant(s)]);
    });
    it("recognises the principal by app id case-insensitively, in Azure Government too", async () => {
      const s = servicePrincipal(COSMOS_APP.toUpperCase());
      await expectPass(P, [workspace(cmk()), s, grant(s, { scope: KV.toUpperCase() })]);
      const gov = servicePrincipal("57506a73-e302-42a9-b869-6f12d9ec29e9");
      await expectPass(P, [workspace(cmk()), gov, grant(gov)]);
    });
    it("does not take another service principal", () => {
      const s = servicePrincipal("11111111-0000-0000-0000-000000000000");
      return expectViolation(P, [workspace(cmk()), s, grant(s)], /classic customer-managed-key/);
    });
    it("accepts a grant at the vault's resource group or subscription", async () => {
      const s = sp();
      await expectPass(P, [workspace(cmk()), s, grant(s, { scope: `/subscriptions/${SUB}/resourceGroups/RG-KEYS` })]);
      await expectPass(P, [workspace(cmk()), s, grant(s, { scope: `/subscriptions/${SUB}` })]);
      await expectViolation(P, [workspace(cmk()), s, grant(s, { scope: RG_ID })], /classic customer-managed-key/);
    });
    it("needs get, wrap and unwrap: Key Vault Secrets User is not enough", () => {
      const s = sp();
      return expectViolation(P, [workspace(cmk()), s, grant(s, { roleDefinitionId: roleId(ROLE.keyVaultSecretsUser) })], /classic customer-managed-key/);
    });
    it("takes a grant whose description names the Cosmos DB app (a principal looked up with getServicePrincipal)", async () => {
      const marked = assignment({ scope: KV, principalId: COSMOS_OBJECT, roleDefinitionId: roleId(ROLE.cryptoUser), description: `Azure Cosmos DB (${COSMOS_APP.toUpperCase()}) unwraps the CMK` });
      await expectPass(P, [workspace(cmk()), marked]);
      const unmarked = assignment({ scope: KV, principalId: COSMOS_OBJECT, roleDefinitionId: roleId(ROLE.cryptoUser), description: "some grant" });
      await expectViolation(P, [workspace(cmk()), unmarked], /classic customer-managed-key/);
    });
    it("takes a marked grant whose principal comes from another resource", () => {
      const lookup = resource("azure-native:resources:Resource", {}, { name: "lookup" });
      const marked = assignment({ scope: KV, principalId: unknown.string, roleDefinitionId: roleId(ROLE.cryptoUser), description: COSMOS_APP }, { principalId: [lookup] });
      return expectPass(P, [workspace(cmk()), lookup, marked]);
    });
    it("takes the object ids listed in cosmosDbPrincipalIds", async () => {
      const a = assignment({ scope: KV, principalId: COSMOS_OBJECT, roleDefinitionId: roleId(ROLE.cryptoUser) });
      await expectPass(P, [workspace(cmk()), a], { cosmosDbPrincipalIds: [COSMOS_OBJECT.toUpperCase()] });
      await expectViolation(P, [workspace(cmk()), a], /classic customer-managed-key/, { cosmosDbPrincipalIds: [] });
    });
    it("defers a candidate grant whose principal is unknown and comes from nothing in the stack", () =>
      expectDeferred(P, [workspace(cmk()), assignment({ scope: KV, principalId: unknown.string, roleDefinitionId: roleId(ROLE.cryptoUser) })], "principalId"));
    it("passes a vault the stack creates, granted on its id", () => {
      const s = sp();
      const kv = vault({ properties: { enableRbacAuthorization: true } });
      const ws = workspace({ encryption: { status: "Enabled", keyVaultProperties: { keyVaultArmId: unknown.string } } }, { encryption: [kv] });
      return expectPass(P, [ws, kv, s, assignment({ scope: unknown.string, principalId: unknown.string, roleDefinitionId: roleId(ROLE.cryptoUser) }, { scope: [kv], principalId: [s] })]);
    });
    it("ignores role assignments on a vault using access policies", () => {
      const s = sp();
      const kv = vault({ properties: { enableRbacAuthorization: false } });
      const ws = workspace({ encryption: { status: "Enabled", keyVaultProperties: { keyVaultArmId: unknown.string } } }, { encryption: [kv] });
      return expectViolation(P, [ws, kv, s, assignment({ scope: unknown.string, principalId: unknown.string, roleDefinitionId: roleId(ROLE.cryptoUser) }, { scope: [kv], principalId: [s] })], /kv-ml|its key vault/);
    });
  });

  describe("an access policy on the vault", () => {
    const entry = (objectId: unknown, keys: unknown) => ({ tenantId: "t", objectId, permissions: { keys } });
    const setup = (policies: unknown, props: Record<string, any> = {}, deps?: any) => {
      const kv = vault({ properties: { accessPolicies: policies, ...props } }, deps);
      const ws = workspace({ encryption: { status: "Enabled", keyVaultProperties: { keyVaultArmId: unknown.string } } }, { encryption: [kv] });
      return [ws, kv];
    };
    it("passes get, wrapKey and unwrapKey (any case) for a listed principal", () =>
      expectPass(P, setup([entry("x", ["get"]), entry(COSMOS_OBJECT, ["Get", "WrapKey", "UnwrapKey"])]), { cosmosDbPrincipalIds: [COSMOS_OBJECT] }));
    it("passes `all`", () => expectPass(P, setup([entry(COSMOS_OBJECT, ["all"])]), { cosmosDbPrincipalIds: [COSMOS_OBJECT] }));
    it("reports a missing permission or another principal", async () => {
      await expectViolation(P, setup([entry(COSMOS_OBJECT, ["get", "wrapKey"])]), /kv-ml/, { cosmosDbPrincipalIds: [COSMOS_OBJECT] });
      await expectViolation(P, setup([entry(COSMOS_OBJECT, ["get", "wrapKey", "unwrapKey"])]), /kv-ml/, { cosmosDbPrincipalIds: [] });
      await expectViolation(P, setup([entry(COSMOS_OBJECT, "get")]), /kv-ml/, { cosmosDbPrincipalIds: [COSMOS_OBJECT] });
      await expectViolation(P, setup([entry(42, ["all"])]), /kv-ml/, { cosmosDbPrincipalIds: ["42"] });
      await expectViolation(P, setup("none"), /kv-ml/);
    });
    it("ignores access policies on a vault using RBAC", () =>
      expectViolation(P, setup([entry(COSMOS_OBJECT, ["all"])], { enableRbacAuthorization: true }), /kv-ml/, { cosmosDbPrincipalIds: [COSMOS_OBJECT] }));
    it("takes an entry whose object id comes from the Cosmos DB service principal", () => {
      const s = servicePrincipal(COSMOS_APP);
      return expectPass(P, [...setup([entry(unknown.string, ["get", "wrapKey", "unwrapKey"])], {}, { properties: [s] }), s]);
    });
    it("defers entries it cannot read yet", async () => {
      await expectDeferred(P, setup([entry(unknown.string, ["all"])]), "properties.accessPolicies");
      await expectDeferred(P, setup([entry(COSMOS_OBJECT, unknown.array)]), "properties.accessPolicies", { cosmosDbPrincipalIds: [COSMOS_OBJECT] });
      await expectDeferred(P, setup([entry(COSMOS_OBJECT, [unknown.string])]), "properties.accessPolicies", { cosmosDbPrincipalIds: [COSMOS_OBJECT] });
      await expectDeferred(P, setup(unknown.array), "properties.accessPolicies");
    });
    it("passes as soon as one entry grants, even beside an unknown one", () =>
      expectPass(P, setup([entry(unknown.string, ["all"]), entry(COSMOS_OBJECT, ["all"])]), { cosmosDbPrincipalIds: [COSMOS_OBJECT] }));

    it("reads AccessPolicy resources on the vault, by dependency or by name", async () => {
      const kv = vault({ properties: {} });
      const ws = workspace({ encryption: { status: "Enabled", keyVaultProperties: { keyVaultArmId: unknown.string } } }, { encryption: [kv] });
      const policy = (vaultName: unknown, deps: Record<string, string[]> = {}) =>
        resource(DEPLOY_TYPES.keyVaultAccessPolicy, { vaultName, resourceGroupName: "rg-ml", policy: entry(COSMOS_OBJECT, ["get", "wrapKey", "unwrapKey"]) }, { propertyDependencies: deps });
      const config = { cosmosDbPrincipalIds: [COSMOS_OBJECT] };
      await expectPass(P, [ws, kv, policy(unknown.string, { vaultName: [kv.urn] })], config);
      await expectPass(P, [ws, kv, policy("KV-ML")], config);
      await expectViolation(P, [ws, kv, policy("kv-other")], /kv-ml/, config);
      await expectViolation(P, [ws, kv, policy(unknown.string)], /kv-ml/, config);
      // A vault outside the stack, named by id: its access policy resources count too.
      await expectPass(P, [workspace(cmk()), policy("kv-cmk")], config);
    });
  });

  it("checks every workspace and reports each on its own URN", async () => {
    const v = await check(P, [workspace(cmk(), undefined, "a"), workspace({ ...cmk(), workspaceName: "mlw-b" }, undefined, "b"), workspace({}, undefined, "c")]);
    expect(v.map((x) => x.urn!.split("::").pop())).to.deep.equal(["a", "b"]);
  });
});
