import { expect } from "chai";
import { hasAvailabilityZones, registryZoneRedundancy } from "../../config/regions";

describe("region facts (config/regions.ts)", () => {
  it("knows the documented zone regions, in any case or spacing, and no others", () => {
    expect(["westeurope", "West Europe", "NORTHEUROPE", "eastus2"].map(hasAvailabilityZones)).to.deep.equal([true, true, true, true]);
    expect(["westcentralus", "ukwest", "northcentralus", "", undefined].map(hasAvailabilityZones)).to.deep.equal([false, false, false, false, false]);
  });
  it("sets a registry zone redundant only where the region has zones, leaving Azure's default elsewhere", () => {
    expect(registryZoneRedundancy("westeurope")).to.equal("Enabled");
    expect(registryZoneRedundancy("ukwest")).to.equal(undefined);
    expect(registryZoneRedundancy(undefined)).to.equal(undefined);
  });
});
