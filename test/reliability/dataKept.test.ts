import { expect } from "chai";
import * as path from "path";
import { EngineResource, evaluatePack } from "../../plan/engine";
import { engineResources, packConfig } from "../../plan/plan";
import { securityPack } from "../../policies/packs";
import { TYPES, isType } from "../../policies/lib/azure";
import { plannedStack } from "../helpers/plans";

const ROOT = path.resolve(__dirname, "..", "..");
const PROD_CONFIG = packConfig(securityPack, "prod");

describe("data is kept in prod", function () {
  this.timeout(120_000);
  let prod: EngineResource[];
  before(async () => {
    const planned = await plannedStack(ROOT, "prod", true);
    prod = engineResources({ resources: planned.recorded, providers: planned.providers });
  });
  const of = (type: string) => prod.filter((r) => isType(r.type, type));

  it("protects every storage account, key vault, workspace and Azure ML registry", () => {
    for (const r of [...of(TYPES.storageAccount), ...of(TYPES.keyVault), ...of(TYPES.workspace), ...of(TYPES.machineLearningRegistry)]) expect(r.protect, r.name).to.equal(true);
    expect(of(TYPES.machineLearningRegistry)).to.have.length(1);
  });
  it("locks nothing: every workspace has a managed network, whose internal operations locks on Azure ML resources may block (how-to-managed-network, Limitations)", () => {
    expect(of(TYPES.lock)).to.deep.equal([]);
    for (const ws of of(TYPES.workspace)) expect(ws.props.managedNetwork?.isolationMode ?? "(a project: its hub's)", ws.name).to.not.equal("Disabled");
  });
  it("turns on key vault purge protection and storage blob/container soft delete", () => {
    for (const kv of of(TYPES.keyVault)) expect(kv.props.properties).to.deep.include({ enablePurgeProtection: true, enableSoftDelete: true });
    const blobs = of(TYPES.blobServiceProperties);
    expect(blobs).to.have.length(of(TYPES.storageAccount).length);
    for (const b of blobs) {
      expect(b.props.deleteRetentionPolicy.enabled).to.equal(true);
      expect(b.props.containerDeleteRetentionPolicy.enabled).to.equal(true);
    }
  });

  it("the security pack passes the prod stack and reports a prod stack that turns any safeguard off", async () => {
    expect((await evaluatePack(securityPack, prod, PROD_CONFIG)).violations).to.deep.equal([]);
    const weakened = prod
      .filter((r) => !isType(r.type, TYPES.lock))
      .map((r) => {
        // Weakened in what resource policies see (inputs) and what stack policies see (outputs) alike.
        const copy: EngineResource = { ...r, props: structuredClone(r.props), stackProps: structuredClone(r.stackProps ?? r.props), protect: false };
        for (const props of [copy.props, copy.stackProps!]) {
          if (isType(r.type, TYPES.keyVault)) props.properties.enablePurgeProtection = false;
          if (isType(r.type, TYPES.blobServiceProperties)) props.deleteRetentionPolicy.enabled = false;
        }
        return copy;
      });
    const { violations } = await evaluatePack(securityPack, weakened, PROD_CONFIG);
    const fired = new Set(violations.map((v) => v.policy));
    // Locks are not among them: the data sits under managed networks (data-delete-lock-in-prod exempts it).
    for (const p of ["data-protected-in-prod", "key-vault-purge-protection", "storage-blob-soft-delete"]) expect(fired.has(p), p).to.equal(true);
    expect(fired.has("data-delete-lock-in-prod")).to.equal(false);
    expect(violations.every((v) => v.enforcementLevel === "mandatory")).to.equal(true);
  });
});
