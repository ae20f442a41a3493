import { expect } from "chai";
import { TYPES, canonicalType } from "../../core/types";

describe("core/types: type tokens", () => {
  it("drops an azure-native API version, and only from a token that starts with it", () => {
    expect(canonicalType("azure-native:storage/v20230101:StorageAccount")).to.equal(TYPES.storageAccount);
    expect(canonicalType("azure-native:machinelearningservices/v20240401preview:Workspace")).to.equal(TYPES.workspace);
    expect(canonicalType(TYPES.workspace)).to.equal(TYPES.workspace);
    expect(canonicalType("x:azure-native:storage/v1:StorageAccount")).to.equal("x:azure-native:storage/v1:StorageAccount");
    expect(canonicalType("azuread:index/group:Group")).to.equal(TYPES.group);
    expect(canonicalType("azure-native:storage/vnext/x:StorageAccount")).to.equal("azure-native:storage/vnext/x:StorageAccount");
  });
});
