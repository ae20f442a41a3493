import { expect } from "chai";
import { cmkKeyVaultSameSubscription as P } from "../../../policies/deploy/cmkKeyVaultSameSubscription";
import { EngineResource } from "../../../plan/engine";
import { TYPES } from "../../../policies/lib/azure";
import { PolicyResource, StackValidationArgs } from "@pulumi/policy";
import { policyResources } from "../../../plan/engine";
import { expectDeferred, expectDocumented, expectPass, expectViolation, resource, unknown } from "../../helpers/policy";
import { id, OTHER_SUB, storage, SUB, vault, workspace } from "./fixtures";

const cmk = (keyVaultArmId: unknown) => ({ encryption: { status: "Enabled", keyVaultProperties: { keyVaultArmId, keyIdentifier: "https://kv/keys/k" } } });
const CONFIG = { subscriptionId: SUB };

/** Runs the policy on resources given providers, as the engine passes them (plan's harness has none). */
function runWithProviders(resources: EngineResource[], providers: Record<string, { urn: string; props: Record<string, unknown> }>): string[] {
  const graph = policyResources(resources) as (PolicyResource & { provider?: unknown })[];
  for (const r of graph) if (providers[r.name]) r.provider = { type: "pulumi:providers:azure-native", name: "p", ...providers[r.name] };
  const messages: string[] = [];
  P.validateStack({ resources: graph, getConfig: () => ({}) } as unknown as StackValidationArgs, (m) => messages.push(m));
  return messages;
}

describe("cmk-key-vault-same-subscription", () => {
  it("is documented, citing the CMK limitations", () => {
    expectDocumented(P);
    expect(P.url).to.match(/how-to-setup-customer-managed-keys#limitations$/);
  });

  it("reports a vault in another subscription than the configured one", () =>
    expectViolation(P, [workspace(cmk(id.vault("kv", "rg", OTHER_SUB)))], new RegExp(`^workspace mlw deploys to subscription ${SUB} but its customer-managed key's vault /subscriptions/${OTHER_SUB}/.*/vaults/kv is in subscription ${OTHER_SUB}: Azure ML requires`), CONFIG));
  it("passes the same subscription, compared case-insensitively", async () => {
    await expectPass(P, [workspace(cmk(id.vault("kv", "rg", SUB.toUpperCase())))], CONFIG);
    await expectPass(P, [workspace(cmk(id.vault("kv", "rg", SUB)))], { subscriptionId: SUB.toUpperCase() });
  });
  it("does not apply without CMK", async () => {
    await expectPass(P, [workspace({})], CONFIG);
    await expectPass(P, [workspace({ encryption: { status: "Disabled", keyVaultProperties: { keyVaultArmId: id.vault("kv", "rg", OTHER_SUB) } } })], CONFIG);
  });
  it("defers an unknown encryption or vault id", async () => {
    await expectDeferred(P, [workspace({ encryption: unknown.object })], "encryption", CONFIG);
    await expectDeferred(P, [workspace(cmk(unknown.string))], "encryption.keyVaultProperties.keyVaultArmId", CONFIG);
  });
  it("reports a missing or malformed vault id", async () => {
    await expectViolation(P, [workspace({ encryption: { status: "Enabled", keyVaultProperties: {} } })], /keyVaultArmId is not set$/, CONFIG);
    await expectViolation(P, [workspace(cmk(42))], /keyVaultArmId is not set$/, CONFIG);
    await expectViolation(P, [workspace(cmk("kv-by-name"))], /"kv-by-name" is not an ARM id of a key vault/, CONFIG);
  });

  describe("the workspace's subscription", () => {
    it("comes from its ARM id first", async () => {
      await expectViolation(P, [workspace({ ...cmk(id.vault("kv", "rg", SUB)), id: id.workspace("mlw-a", "rg-ml", OTHER_SUB) })], new RegExp(`deploys to subscription ${OTHER_SUB}`), CONFIG);
      await expectDeferred(P, [workspace({ ...cmk(id.vault("kv", "rg", SUB)), id: unknown.string })], "id");
    });
    it("then from the associated resources the stack creates through the same provider", async () => {
      const st = storage();
      await expectPass(P, [st, workspace({ ...cmk(id.vault()), storageAccount: id.storage() }, { storageAccount: [st] })]);
      await expectViolation(P, [st, workspace({ ...cmk(id.vault("kv", "rg", OTHER_SUB)), storageAccount: id.storage() }, { storageAccount: [st] })], new RegExp(`deploys to subscription ${SUB}`));
      await expectDeferred(P, [st, workspace({ ...cmk(id.vault()), storageAccount: unknown.string }, { storageAccount: [st] })], "storageAccount");
      const kv = vault();
      await expectPass(P, [kv, workspace({ ...cmk(id.vault()), keyVault: "garbage", applicationInsights: id.storage() }, { keyVault: [kv], applicationInsights: [kv] })]);
    });
    it("fails closed when nothing shows it: an associated resource outside the stack says nothing", async () => {
      await expectViolation(P, [workspace({ ...cmk(id.vault()), storageAccount: id.storage() })], /its subscription is not visible .* set subscriptionId in the policy config$/);
      await expectViolation(P, [workspace(cmk(id.vault()))], /not visible/, { subscriptionId: "" });
    });
    it("comes from the provider's subscriptionId when the engine passes it", () => {
      const ws = workspace(cmk(id.vault("kv", "rg", OTHER_SUB)));
      expect(runWithProviders([ws], { mlw: { urn: "urn:p", props: { subscriptionId: SUB } } })).to.have.length(1);
      expect(runWithProviders([ws], { mlw: { urn: "urn:p", props: { subscriptionId: OTHER_SUB.toUpperCase() } } })).to.deep.equal([]);
      expect(runWithProviders([ws], { mlw: { urn: "urn:p", props: { subscriptionId: "" } } })[0]).to.match(/not visible/);
    });
  });

  describe("a vault the stack creates", () => {
    it("is in the workspace's subscription when created through the same provider", () => {
      const kv = vault();
      return expectPass(P, [kv, workspace(cmk(unknown.string), { encryption: [kv] })]);
    });
    it("is compared by its provider's subscription when created through another provider", () => {
      const kv = vault();
      const ws = workspace(cmk(unknown.string), { encryption: [kv] });
      expect(runWithProviders([kv, ws], { kv: { urn: "urn:other", props: { subscriptionId: OTHER_SUB } }, mlw: { urn: "urn:p", props: { subscriptionId: SUB } } })[0]).to.match(
        new RegExp(`vault kv-ml is in subscription ${OTHER_SUB}`),
      );
      expect(runWithProviders([kv, ws], { kv: { urn: "urn:other", props: { subscriptionId: SUB } }, mlw: { urn: "urn:p", props: { subscriptionId: SUB } } })).to.deep.equal([]);
      // Without the provider's subscription, the vault's own id decides; unknown, the rule waits.
      const withId = vault({ id: id.vault("kv-ml", "rg-ml", OTHER_SUB) });
      const ws2 = workspace(cmk(unknown.string), { encryption: [withId] });
      expect(runWithProviders([withId, ws2], { kv: { urn: "urn:other", props: {} }, mlw: { urn: "urn:p", props: { subscriptionId: SUB } } })[0]).to.match(/is in subscription 00000000-0000-4000-8000-0000000000ff/);
      let threw: unknown;
      try {
        runWithProviders([kv, ws], { kv: { urn: "urn:other", props: {} }, mlw: { urn: "urn:p", props: { subscriptionId: SUB } } });
      } catch (e) {
        threw = e;
      }
      expect((threw as Error)?.message).to.match(/keyVaultArmId can't be known during preview/);
    });
    it("is compared by its known id once it exists", () => {
      const kv = vault();
      return expectViolation(P, [kv, workspace(cmk(id.vault("kv-ml", "rg-ml", OTHER_SUB)), { encryption: [kv] })], /is in subscription 00000000-0000-4000-8000-0000000000ff/, CONFIG);
    });
  });

  it("ignores other resources", () => expectPass(P, [resource(TYPES.keyVault, { ...cmk(id.vault("kv", "rg", OTHER_SUB)) })], CONFIG));
});
