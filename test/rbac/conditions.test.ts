import { expect } from "chai";
import { containerPrefixCondition } from "../../rbac/conditions";
import { buildAccessMatrix } from "../../rbac/matrix";
import { RoleCatalog } from "../../rbac/catalog";

describe("ABAC container-prefix conditions", () => {
  it("lets the blob data actions act only in containers with one of the prefixes, sorted and deduplicated", () => {
    const c = containerPrefixCondition(["b-guid", "a-guid", "b-guid"]);
    expect(c).to.equal(
      "((" +
        [
          "!(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'})",
          "!(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write'})",
          "!(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/delete'})",
          "!(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/add/action'})",
          "!(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/move/action'})",
        ].join(" AND ") +
        ") OR (@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringStartsWith 'a-guid' OR @Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringStartsWith 'b-guid'))",
    );
  });
  it("drops quotes from a prefix and refuses an empty list", () => {
    expect(containerPrefixCondition(["x'y"])).to.contain("StringStartsWith 'xy'");
    expect(() => containerPrefixCondition([])).to.throw(/at least one prefix/);
  });
});

describe("access matrix: registries and projects' data", () => {
  const c = new RoleCatalog();
  const SUB = "/subscriptions/s/resourceGroups";
  const HUB_STORAGE = `${SUB}/rg-hub/providers/Microsoft.Storage/storageAccounts/sthub`;
  const targets = [
    { name: "hub", id: `${SUB}/rg-hub/providers/Microsoft.MachineLearningServices/workspaces/hub`, storageAccountId: HUB_STORAGE },
    { name: "p1", id: `${SUB}/rg-p1/providers/Microsoft.MachineLearningServices/workspaces/p1`, storageAccountId: HUB_STORAGE, dataContainerPrefix: "guid-1" },
    { name: "p2", id: `${SUB}/rg-p2/providers/Microsoft.MachineLearningServices/workspaces/p2`, storageAccountId: HUB_STORAGE, dataContainerPrefix: "guid-2" },
    { name: "models", id: `${SUB}/rg-reg/providers/Microsoft.MachineLearningServices/registries/models`, kind: "registry" as const },
  ];
  const row = (rows: ReturnType<typeof buildAccessMatrix>, target: string) => rows.find((r) => r.workspace === target)!;

  it("decides registry operations at registries only, and workspace operations at workspaces only", () => {
    const rows = buildAccessMatrix([{ principalId: "o", scope: "/subscriptions/s", role: c.resolve("Owner")!, label: "owners" }], targets);
    expect(row(rows, "models")).to.deep.include({ kind: "registry" });
    expect(row(rows, "models").operations).to.deep.include({ readRegistryAssets: true, publishToRegistry: true, deleteRegistryAssets: true, createCompute: false, readData: false });
    expect(row(rows, "hub").operations).to.deep.include({ createCompute: true, readRegistryAssets: false, publishToRegistry: false });
    expect(row(rows, "hub")).to.deep.include({ kind: "workspace" });
  });

  it("reads Reader as using a registry and AzureML Registry User as publishing to it", () => {
    const reg = targets[3].id;
    const rows = buildAccessMatrix(
      [
        { principalId: "r", scope: reg, role: c.resolve("Reader")!, label: "readers" },
        { principalId: "u", scope: reg, role: c.resolve("AzureML Registry User")!, label: "publishers" },
      ],
      targets,
    );
    const cell = (team: string) => rows.find((r) => r.team === team && r.workspace === "models")!.operations;
    expect(cell("readers")).to.deep.include({ readRegistryAssets: true, publishToRegistry: false, deleteRegistryAssets: false });
    expect(cell("publishers")).to.deep.include({ readRegistryAssets: true, publishToRegistry: true, deleteRegistryAssets: true });
    // A registry role reaches no workspace.
    expect(rows.filter((r) => r.workspace !== "models").every((r) => r.roles.length === 0)).to.equal(true);
  });

  it("lets a container-prefix condition reach the named projects' data only, and an unconditioned role every workspace on the storage", () => {
    const blob = c.resolve("Storage Blob Data Contributor")!;
    const limited = buildAccessMatrix([{ principalId: "t", scope: HUB_STORAGE, role: blob, label: "t", containerPrefixes: ["guid-1"] }], targets);
    expect(row(limited, "p1").operations).to.deep.include({ readData: true, writeData: true });
    expect(row(limited, "p2").operations).to.deep.include({ readData: false });
    expect(row(limited, "hub").operations).to.deep.include({ readData: false });
    const whole = buildAccessMatrix([{ principalId: "t", scope: HUB_STORAGE, role: blob, label: "t" }], targets);
    expect(["hub", "p1", "p2"].map((t) => row(whole, t).operations.readData)).to.deep.equal([true, true, true]);
    expect(row(whole, "models").operations.readData).to.equal(false);
  });

  it("does not let a hub-scoped assignment reach its projects: they are top-level resources", () => {
    const rows = buildAccessMatrix([{ principalId: "d", scope: targets[0].id, role: c.resolve("AzureML Data Scientist")!, label: "d" }], targets);
    expect(row(rows, "hub").operations.submitJob).to.equal(true);
    expect(row(rows, "p1").operations.submitJob).to.equal(false);
  });
});
