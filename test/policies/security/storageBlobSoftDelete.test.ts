import { storageBlobSoftDelete } from "../../../policies/security/storageBlobSoftDelete";
import { TYPES } from "../../../policies/lib/azure";
import { expectDeferred, expectDocumented, expectPass, expectViolation, resource, unknown } from "../../helpers/policy";

describe("storage-blob-soft-delete", () => {
  const account = () => resource(TYPES.storageAccount, { accountName: "stfraud" }, { name: "storage" });
  const blob = (props: Record<string, any>, dependsOn?: string) =>
    resource(TYPES.blobServiceProperties, props, { name: "blob", propertyDependencies: dependsOn ? { accountName: [dependsOn] } : {} });
  const on = { deleteRetentionPolicy: { enabled: true, days: 7 }, containerDeleteRetentionPolicy: { enabled: true, days: 7 } };

  it("is documented", () => expectDocumented(storageBlobSoftDelete));
  it("passes an account whose blob service keeps deleted blobs and containers (linked by dependency)", () => {
    const a = account();
    return expectPass(storageBlobSoftDelete, [a, blob({ accountName: "[unknown]", ...on }, a.urn)]);
  });
  it("passes when linked by account name", () => expectPass(storageBlobSoftDelete, [account(), blob({ accountName: "stfraud", ...on })]));
  it("reports an account without blob service properties", () => expectViolation(storageBlobSoftDelete, [account()], /has no BlobServiceProperties/));
  it("reports soft delete turned off", () =>
    expectViolation(storageBlobSoftDelete, [account(), blob({ accountName: "stfraud", ...on, containerDeleteRetentionPolicy: { enabled: false } })], /containerDeleteRetentionPolicy\.enabled of blob must be true/));
  it("defers to the update when the setting is unknown during preview", () =>
    expectDeferred(storageBlobSoftDelete, [account(), blob({ accountName: "stfraud", ...on, deleteRetentionPolicy: { enabled: unknown.boolean } })], "deleteRetentionPolicy.enabled"));

  it("does not count another account's blob service, by dependency or by name", () => {
    const a = account();
    const other = resource(TYPES.storageAccount, { accountName: "stother" }, { name: "other" });
    return expectViolation(storageBlobSoftDelete, [a, other, blob({ accountName: "stother", ...on }, other.urn)], /storage account storage has no BlobServiceProperties/);
  });
  it("matches an account whose name is not set only by dependency", () =>
    expectViolation(storageBlobSoftDelete, [resource(TYPES.storageAccount, {}, { name: "storage" }), blob({ ...on })], /storage account storage has no BlobServiceProperties/));
  it("asks only storage accounts for blob services", () =>
    expectPass(storageBlobSoftDelete, [resource(TYPES.workspace, { workspaceName: "mlw" }), resource(TYPES.keyVault, { vaultName: "kv" })]));
});
