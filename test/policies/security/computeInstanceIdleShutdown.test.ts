import { computeInstanceIdleShutdown } from "../../../policies/security/computeInstanceIdleShutdown";
import { TYPES } from "../../../policies/lib/azure";

import { expectPass, expectViolation, resource } from "../../helpers/policy";
import { describeResourceRule } from "../../helpers/securityRule";

describeResourceRule(computeInstanceIdleShutdown, {
  type: TYPES.compute,
  good: { properties: { computeType: "ComputeInstance", properties: { idleTimeBeforeShutdown: "PT60M" } } },
  bad: { properties: { computeType: "ComputeInstance", properties: {} } },
  message: /idleTimeBeforeShutdown must be an ISO 8601 duration/,
});

describe("compute-instance-idle-shutdown: what counts as idle shutdown", () => {
  const instance = (idleTimeBeforeShutdown: unknown) =>
    resource(TYPES.compute, { properties: { computeType: "ComputeInstance", properties: { idleTimeBeforeShutdown } } });
  it("leaves compute clusters alone (they scale to zero instead)", () =>
    expectPass(computeInstanceIdleShutdown, [resource(TYPES.compute, { properties: { computeType: "AmlCompute", properties: {} } })]));
  for (const ok of ["PT15M", "PT2H", "PT1H30M"]) it(`accepts ${ok}`, () => expectPass(computeInstanceIdleShutdown, [instance(ok)]));
  for (const bad of ["60", "PT", "PT60", "PT60S", "PT30M1H", "xPT60M", "PT60M ", 60])
    it(`refuses ${JSON.stringify(bad)}`, () => expectViolation(computeInstanceIdleShutdown, [instance(bad)], /idleTimeBeforeShutdown must be an ISO 8601 duration/));
});
