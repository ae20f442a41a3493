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
