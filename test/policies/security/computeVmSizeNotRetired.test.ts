import { expect } from "chai";
import { computeVmSizeNotRetired as P } from "../../../policies/security/computeVmSizeNotRetired";
import { RETIRED_VM_SERIES, retiredSeriesOf } from "../../../policies/lib/retiredVmSizes";
import { TYPES } from "../../../policies/lib/azure";
import { expectDeferred, expectPass, expectViolation, resource, unknown } from "../../helpers/policy";
import { describeResourceRule } from "../../helpers/securityRule";

const cluster = (vmSize: unknown) => resource(TYPES.compute, { tags: { environment: "prod" }, properties: { computeType: "AmlCompute", properties: { vmSize } } });

describeResourceRule(P, {
  type: TYPES.compute,
  good: { properties: { computeType: "AmlCompute", properties: { vmSize: "Standard_NC24ads_A100_v4" } } },
  bad: { properties: { computeType: "AmlCompute", properties: { vmSize: "Standard_NC6s_v3" } } },
  message: /vmSize Standard_NC6s_v3 is in the NCv3 series, retired on 2025-09-30 \(Microsoft notice ncv3-nc6s-nc12s-nc24s-retirement\); use Standard_NC24ads_A100_v4/,
  unknownProps: { properties: { computeType: "AmlCompute", properties: { vmSize: unknown.string } } },
});

describe("compute-vm-size-not-retired: the retirement table", () => {
  it("knows every series of the notices, with a date and a current successor", () => {
    expect(RETIRED_VM_SERIES.map((s) => s.series)).to.deep.equal(["NC", "NCv2", "NCv3", "ND", "NV", "Av1"]);
    for (const s of RETIRED_VM_SERIES) {
      expect(s.retires, s.series).to.match(/^20\d\d-\d\d-\d\d$/);
      expect(retiredSeriesOf(s.successor), `${s.series} successor ${s.successor}`).to.equal(undefined);
    }
  });
  const cases: [string, string | undefined][] = [
    ["Standard_NC6", "NC"],
    ["Standard_NC24r", "NC"],
    ["Standard_NC12s_v2", "NCv2"],
    ["standard_nc24rs_v3", "NCv3"],
    ["Standard_ND24s", "ND"],
    ["Standard_NV12", "NV"],
    ["Standard_A4", "Av1"],
    ["Basic_A1", "Av1"],
    // Current sizes whose names resemble retired ones are not caught.
    ["Standard_NC4as_T4_v3", undefined],
    ["Standard_NC6s_v4", undefined],
    ["Standard_ND96asr_v4", undefined],
    ["Standard_NV6ads_A10_v5", undefined],
    ["Standard_A2_v2", undefined],
    ["Standard_DS3_v2", undefined],
    ["Standard_NC60", undefined],
  ];
  for (const [size, series] of cases) it(`${size} → ${series ?? "current"}`, () => expect(retiredSeriesOf(size)?.series).to.equal(series));
  it("checks compute instances too, and defers an unknown type", async () => {
    await expectViolation(P, [resource(TYPES.compute, { tags: { environment: "dev" }, properties: { computeType: "ComputeInstance", properties: { vmSize: "Standard_NV6" } } })], /NV series, retired on 2023-09-06/);
    await expectDeferred(P, [resource(TYPES.compute, { properties: { computeType: unknown.string } })], "properties.computeType");
    await expectPass(P, [cluster("Standard_D4s_v3")]);
  });
});

describe("compute-vm-size-not-retired: the notices, pinned", () => {
  it("carries each series' retirement date, successor and notice as Microsoft published them", () => {
    expect(RETIRED_VM_SERIES.map((s) => [s.series, s.retires, s.successor, s.notice])).to.deep.equal([
      ["NC", "2023-09-06", "Standard_NC4as_T4_v3", "nc-series-retirement"],
      ["NCv2", "2023-09-06", "Standard_NC24ads_A100_v4", "ncv2-series-retirement"],
      ["NCv3", "2025-09-30", "Standard_NC24ads_A100_v4", "ncv3-nc6s-nc12s-nc24s-retirement"],
      ["ND", "2023-09-06", "Standard_ND96asr_v4", "nd-series-retirement"],
      ["NV", "2023-09-06", "Standard_NV6ads_A10_v5", "nv-series-retirement"],
      ["Av1", "2024-08-31", "Standard_D2as_v5", "av1-series-retirement"],
    ]);
  });
  const sizes: [string, string | undefined][] = [
    ...["Standard_NC6", "Standard_NC12", "Standard_NC24", "Standard_NC24r", "Standard_NC6_Promo", "Standard_NC24r_Promo"].map((s): [string, string] => [s, "NC"]),
    ...["Standard_NC6s_v2", "Standard_NC12s_v2", "Standard_NC24s_v2", "Standard_NC24rs_v2"].map((s): [string, string] => [s, "NCv2"]),
    ...["Standard_NC6s_v3", "Standard_NC12s_v3", "Standard_NC24s_v3", "Standard_NC24rs_v3"].map((s): [string, string] => [s, "NCv3"]),
    ...["Standard_ND6s", "Standard_ND12s", "Standard_ND24s", "Standard_ND24rs"].map((s): [string, string] => [s, "ND"]),
    ...["Standard_NV6", "Standard_NV12", "Standard_NV24", "Standard_NV12_Promo"].map((s): [string, string] => [s, "NV"]),
    ...["Standard_A0", "Standard_A7", "Standard_A10", "Standard_A11", "Basic_A0", "Basic_A4"].map((s): [string, string] => [s, "Av1"]),
    ["Standard_NC48", undefined],
    ["Standard_NC6s", undefined],
    ["Standard_NC6s_v3_extra", undefined],
    ["xStandard_NC6", undefined],
    ["Standard_ND40rs_v2", undefined],
    ["Standard_NV6s_v2", undefined],
    ["Standard_A12", undefined],
    ["Standard_A1_v2", undefined],
    ["Premium_A1", undefined],
  ];
  for (const [size, series] of sizes) it(`${size} → ${series ?? "current"}`, () => expect(retiredSeriesOf(size)?.series).to.equal(series));
});

describe("compute-vm-size-not-retired: whole size names only", () => {
  // Azure compares a size by its whole name: text before or after a retired size is another size.
  const samples = ["Standard_NC6", "Standard_NC12s_v2", "Standard_NC24s_v3", "Standard_ND12s", "Standard_NV24", "Standard_A4", "Basic_A1"];
  for (const size of samples) {
    it(`${size} is retired, but neither x${size} nor ${size}_x is`, () => {
      expect(retiredSeriesOf(size)).to.not.equal(undefined);
      expect(retiredSeriesOf(`x${size}`)).to.equal(undefined);
      expect(retiredSeriesOf(`${size}_x`)).to.equal(undefined);
    });
  }
});
