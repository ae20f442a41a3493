import { expect } from "chai";
import { registryRegionsIncludePrimary as P } from "../../../policies/deploy/registryRegionsIncludePrimary";
import { check, expectDeferred, expectDocumented, expectPass, expectViolation, unknown } from "../../helpers/policy";
import { mlRegistry } from "./fixtures";

const regions = (...locations: unknown[]) => locations.map((location) => ({ location }));

describe("registry-regions-include-primary", () => {
  it("is documented, citing reference-yaml-registry", () => {
    expectDocumented(P);
    expect(P.url).to.match(/reference-yaml-registry$/);
  });
  it("passes the primary among its regions, in any case or spacing", async () => {
    await expectPass(P, [mlRegistry()]);
    await expectPass(P, [mlRegistry({ location: "West Europe", regionDetails: regions("northeurope", "westeurope") })]);
    await expectPass(P, [mlRegistry({ regionDetails: regions("WestEurope") })]);
  });
  it("reports a primary that is not replicated to", () =>
    expectViolation(P, [mlRegistry({ regionDetails: regions("northeurope", "swedencentral") })], /^registry mlr's primary location westeurope is not among its regionDetails \(northeurope, swedencentral\): replication locations must include the primary$/));
  it("reports no regions, a region twice, a region without location, a registry without location", async () => {
    await expectViolation(P, [mlRegistry({ regionDetails: [] })], /^registry mlr lists no region in regionDetails$/);
    await expectViolation(P, [mlRegistry({ regionDetails: undefined })], /^registry mlr lists no region in regionDetails$/);
    await expectViolation(P, [mlRegistry({ regionDetails: regions("westeurope", "West Europe") })], /^registry mlr lists region West Europe twice in regionDetails$/);
    await expectViolation(P, [mlRegistry({ regionDetails: [{ acrDetails: [] }, { location: "westeurope" }] })], /^regionDetails\[0\] of registry mlr names no location$/);
    const v = await check(P, [mlRegistry({ location: undefined })]);
    expect(v.map((x) => x.message)).to.deep.equal(["registry mlr has no location (its primary region)"]);
  });
  it("defers what a first preview cannot know, still reporting what it can", async () => {
    await expectDeferred(P, [mlRegistry({ regionDetails: unknown.array })], "regionDetails");
    await expectDeferred(P, [mlRegistry({ regionDetails: regions(unknown.string, "westeurope") })], "regionDetails.0.location");
    await expectDeferred(P, [mlRegistry({ location: unknown.string })], "location");
    const v = await check(P, [mlRegistry({ regionDetails: regions("northeurope", unknown.string, "northeurope") })]);
    expect(v.map((x) => [x.enforcementLevel, x.message.split(":")[0]])).to.deep.equal([
      ["mandatory", "registry mlr lists region northeurope twice in regionDetails"],
      ["advisory", "can't run policy 'registry-regions-include-primary' from policy pack 'test-pack@v0.0.0' during preview"],
    ]);
  });
});
