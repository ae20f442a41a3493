import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import {
  DATA_OPERATIONS,
  DEFAULT_ADMIN_ONLY_OPERATIONS,
  KEY_OPERATIONS,
  KEY_OPERATION_NAMES,
  KEY_OPERATION_STRINGS,
  PROD_REGISTRY_ADMIN_ONLY_OPERATIONS,
  REGISTRY_OPERATIONS,
  decidedAtRegistry,
  decidedAtStorage,
  isDataActionString,
  isKeyOperation,
} from "../../rbac/operations";
import { RoleCatalog } from "../../rbac/catalog";
import { WILDCARD_READINGS, allowsUnder } from "../../rbac/engine";
import { RoleDefinition } from "../../rbac/types";

const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "fixtures", "rp-operations", "machinelearningservices.json"), "utf8"));
const published = new Set<string>([...fixture.operations, ...fixture.fromResourceTypes.operations, ...fixture.fromManageRegistries.operations].map((o: { name: string }) => o.name.toLowerCase()));

describe("key operation strings", () => {
  it("every Microsoft.MachineLearningServices string a key operation uses is in the pinned resource-provider operation list", () => {
    for (const op of KEY_OPERATION_NAMES)
      for (const s of KEY_OPERATION_STRINGS[op])
        if (s.startsWith("Microsoft.MachineLearningServices/")) expect(published.has(s.toLowerCase()), `${op}: ${s}`).to.equal(true);
  });
  it("writeOutboundRules is the GA path first, and the preview path counts too", () => {
    expect(KEY_OPERATIONS.writeOutboundRules).to.equal("Microsoft.MachineLearningServices/workspaces/outboundRules/write");
    expect(KEY_OPERATION_STRINGS.writeOutboundRules).to.deep.equal([
      "Microsoft.MachineLearningServices/workspaces/outboundRules/write",
      "Microsoft.MachineLearningServices/workspaces/managedNetworks/outboundRules/write",
    ]);
  });
  it("registerModel covers the model container and its versions", () => {
    expect(KEY_OPERATION_STRINGS.registerModel).to.deep.equal([
      "Microsoft.MachineLearningServices/workspaces/models/write",
      "Microsoft.MachineLearningServices/workspaces/models/versions/write",
    ]);
  });
  it("every other key operation is its one primary string", () => {
    for (const op of KEY_OPERATION_NAMES.filter((o) => o !== "registerModel" && o !== "writeOutboundRules"))
      expect(KEY_OPERATION_STRINGS[op], op).to.deep.equal([KEY_OPERATIONS[op]]);
    expect(Object.keys(KEY_OPERATION_STRINGS)).to.have.members(KEY_OPERATION_NAMES);
  });
  it("a role that allows only one of the paths holds the key operation", () => {
    const only = (action: string): RoleDefinition => ({ name: "o", isCustom: true, assignableScopes: [], permissions: [{ actions: [action], notActions: [], dataActions: [], notDataActions: [] }] });
    expect(allowsUnder(only("Microsoft.MachineLearningServices/workspaces/managedNetworks/outboundRules/write"), KEY_OPERATION_STRINGS.writeOutboundRules).documented).to.equal(true);
    expect(allowsUnder(only("Microsoft.MachineLearningServices/workspaces/outboundRules/write"), KEY_OPERATION_STRINGS.writeOutboundRules).documented).to.equal(true);
    expect(allowsUnder(only("Microsoft.MachineLearningServices/workspaces/models/versions/write"), KEY_OPERATION_STRINGS.registerModel).documented).to.equal(true);
    expect(allowsUnder(only("Microsoft.MachineLearningServices/workspaces/models/read"), KEY_OPERATION_STRINGS.registerModel).documented).to.equal(false);
  });
  it("AzureML Data Scientist writes GA outbound rules (workspaces/*/write) under both readings", () => {
    const ds = new RoleCatalog().resolve("AzureML Data Scientist")!;
    expect(allowsUnder(ds, KEY_OPERATION_STRINGS.writeOutboundRules)).to.deep.equal({ documented: true, literal: true });
  });
  it("decides Microsoft.Storage operations (data and control) at the storage account, the rest at the workspace", () => {
    expect(decidedAtStorage(KEY_OPERATIONS.readData)).to.equal(true);
    expect(decidedAtStorage(" microsoft.storage/storageAccounts/listKeys/action")).to.equal(true);
    expect(decidedAtStorage(KEY_OPERATIONS.createCompute)).to.equal(false);
    expect(decidedAtStorage("Microsoft.StorageSync/x")).to.equal(false);
    expect([...DATA_OPERATIONS].every((op) => decidedAtStorage(KEY_OPERATIONS[op]))).to.equal(true);
    expect(isKeyOperation("readData")).to.equal(true);
  });
  it("classifies raw strings: storage data inside blobs, files, queues and tables is a DataAction, the rest an Action", () => {
    for (const op of [
      "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/delete",
      " microsoft.storage/storageaccounts/fileServices/fileshares/files/read",
      "Microsoft.Storage/storageAccounts/queueServices/queues/messages/read",
      "Microsoft.Storage/storageAccounts/tableServices/tables/entities/write",
      "Microsoft.Storage/storageAccounts/fileServices/readFileBackupSemantics/action",
      "Microsoft.Storage/storageAccounts/fileServices/writeFileBackupSemantics/action",
    ])
      expect(isDataActionString(op), op).to.equal(true);
    for (const op of [
      "Microsoft.Storage/storageAccounts/listKeys/action",
      "Microsoft.Storage/storageAccounts/blobServices/containers/write",
      "Microsoft.Storage/storageAccounts/fileServices/readFileBackupSemantics/action/x",
      "x/Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read",
      KEY_OPERATIONS.readWorkspaceSecrets,
    ])
      expect(isDataActionString(op), op).to.equal(false);
    expect(isKeyOperation("toString")).to.equal(false);
  });
});

describe("operation sets pinned", () => {
  it("the default admin-only operations", () =>
    expect(DEFAULT_ADMIN_ONLY_OPERATIONS).to.deep.equal(["createCompute", "deleteCompute", "createDatastore", "deleteRoleAssignments", "deleteLocks", "changeWorkspaceSettings", "writeOutboundRules"]));
  it("the wildcard readings", () => expect(WILDCARD_READINGS).to.deep.equal(["documented", "strict"]));
  it("anchors the file backup data actions at the start", () =>
    expect(isDataActionString("x/Microsoft.Storage/storageAccounts/fileServices/readFileBackupSemantics/action")).to.equal(false));
});

describe("registry operations (rbac/operations)", () => {
  it("decides Azure ML registry operations at registries only, in any case and with stray spaces", () => {
    const OPS = KEY_OPERATIONS;
    expect(decidedAtRegistry(" Microsoft.MachineLearningServices/Registries/assets/write ")).to.equal(true);
    expect(decidedAtRegistry("microsoft.machinelearningservices/registries/read")).to.equal(true);
    expect(decidedAtRegistry("Microsoft.MachineLearningServices/workspaces/registries/x")).to.equal(false);
    expect(decidedAtRegistry("Microsoft.ContainerRegistry/registries/pull/read")).to.equal(false);
    expect(decidedAtRegistry("x/Microsoft.MachineLearningServices/registries/")).to.equal(false);
    for (const op of REGISTRY_OPERATIONS) expect(decidedAtRegistry(OPS[op]), op).to.equal(true);
    expect([...REGISTRY_OPERATIONS].sort()).to.deep.equal(["deleteRegistryAssets", "publishToRegistry", "readRegistryAssets"]);
  });

  it("reserves publishing to and deleting from a prod registry to admins: the prod access config adds them to the defaults", () => {
    expect(PROD_REGISTRY_ADMIN_ONLY_OPERATIONS).to.deep.equal(["publishToRegistry", "deleteRegistryAssets"]);
    const prod = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "policies", "access", "config", "prod.json"), "utf8"));
    expect(prod["only-admins-create-compute"].adminOnlyOperations).to.deep.equal([...DEFAULT_ADMIN_ONLY_OPERATIONS, ...PROD_REGISTRY_ADMIN_ONLY_OPERATIONS]);
    const dev = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "policies", "access", "config", "dev.json"), "utf8"));
    expect(dev["only-admins-create-compute"].adminOnlyOperations).to.equal(undefined);
  });
});
