import { expect } from "chai";
import { AZURE_NAME_RULES, invalidNames, nameSuffix, workspaceResourceNames } from "../../naming";

describe("naming", () => {
  it("derives every Azure name from project, environment and logical name", () => {
    const n = workspaceResourceNames("fraud", "dev", "fraud");
    expect(n.resourceGroup).to.equal("rg-fraud-dev-fraud");
    expect(n.storageAccount).to.match(/^stfrauddevfraud[0-9a-f]{6}$/);
    expect(n.keyVault).to.match(/^kv-fraud-dev-frau-[0-9a-f]{6}$/);
    expect(n.containerRegistry).to.match(/^crfrauddevfraud[0-9a-f]{6}$/);
    expect(n.workspace).to.match(/^mlw-fraud-dev-fraud-[0-9a-f]{6}$/);
    expect(n.logAnalytics).to.equal("log-fraud-dev-fraud");
    expect(n.applicationInsights).to.equal("appi-fraud-dev-fraud");
    expect(invalidNames(n)).to.deep.equal([]);
  });

  it("is deterministic: same inputs, same names (no time, randomness or environment)", () => {
    expect(workspaceResourceNames("fraud", "prod", "scoring")).to.deep.equal(workspaceResourceNames("fraud", "prod", "scoring"));
    // Pinned: sha256("a/b") starts with c14cdd (computed with sha256sum), so the scheme cannot drift silently.
    expect(nameSuffix("a", "b")).to.equal("c14cdd");
  });

  it("gives different stacks different globally unique names", () => {
    const dev = workspaceResourceNames("fraud", "dev", "fraud");
    const prod = workspaceResourceNames("fraud", "prod", "fraud");
    expect(dev.storageAccount).to.not.equal(prod.storageAccount);
    expect(dev.keyVault).to.not.equal(prod.keyVault);
    expect(dev.workspace).to.not.equal(prod.workspace);
  });

  it("keeps the longest allowed logical names within every Azure rule", () => {
    const n = workspaceResourceNames("a23456789012", "prod", "b2345678901234567890");
    expect(invalidNames(n)).to.deep.equal([]);
    expect(n.storageAccount.length).to.equal(24);
    expect(n.keyVault.length).to.be.at.most(24);
    expect(n.workspace.length).to.be.at.most(33);
  });

  it("derives valid, distinct names for 40-character project and workspace names", () => {
    const project = "customer-lifetime-value-estimation-retail"; // 40 characters
    const a = workspaceResourceNames(project, "prod", "churn-propensity-scoring-batch-inference");
    const b = workspaceResourceNames(project, "prod", "churn-propensity-scoring-batch-inference2".slice(0, 40).replace(/e$/, "x"));
    for (const n of [a, b]) expect(invalidNames(n), JSON.stringify(n)).to.deep.equal([]);
    // Truncated names keep a suffix, so two long names that share a prefix still differ.
    for (const kind of ["resourceGroup", "storageAccount", "keyVault", "logAnalytics", "containerRegistry", "workspace"] as const) expect(a[kind], kind).to.not.equal(b[kind]);
    expect(a.logAnalytics.length).to.equal(63);
    expect(a.logAnalytics.endsWith(`-${a.suffix}`)).to.equal(true);
    expect(a.userAssignedIdentity).to.equal(`id-${project}-prod-churn-propensity-scoring-batch-inference`);
  });

  it("leaves names that fit untouched (no replacement for existing stacks)", () => {
    const n = workspaceResourceNames("fraud", "prod", "scoring");
    expect([n.resourceGroup, n.logAnalytics, n.applicationInsights, n.userAssignedIdentity]).to.deep.equal(["rg-fraud-prod-scoring", "log-fraud-prod-scoring", "appi-fraud-prod-scoring", "id-fraud-prod-scoring"]);
  });

  it("never leaves a hyphen before the suffix after truncation", () => {
    const n = workspaceResourceNames("ab", "dev", "abcde-fghij");
    expect(n.keyVault).to.not.match(/--/);
    expect(AZURE_NAME_RULES.keyVault.pattern.test(n.keyVault)).to.equal(true);
  });

  it("reports names that break their Azure rule", () => {
    expect(invalidNames({ storageAccount: "Has-Caps", keyVault: "9starts-with-digit" })).to.have.length(2);
  });
});
