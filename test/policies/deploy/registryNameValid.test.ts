import { expect } from "chai";
import { registryNameValid as P } from "../../../policies/deploy/registryNameValid";
import { expectDeferred, expectDocumented, expectPass, expectViolation, unknown } from "../../helpers/policy";
import { mlRegistry } from "./fixtures";

describe("registry-name-valid", () => {
  it("is documented, citing how-to-manage-registries", () => {
    expectDocumented(P);
    expect(P.url).to.match(/how-to-manage-registries#choose-a-name$/);
  });
  it("accepts 2-32 letters, digits, '-' and '_' starting with a letter or digit", async () => {
    for (const name of ["ab", "9models", "Fraud_Models-1", "a".repeat(32)]) await expectPass(P, [mlRegistry({ registryName: name })]);
  });
  it("refuses names too short or long, with other characters, or starting with '-' or '_'", async () => {
    for (const name of ["a", "a".repeat(33), "-models", "_models", "fraud.models", "fraud models"])
      await expectViolation(P, [mlRegistry({ registryName: name })], new RegExp(`^registry name ${JSON.stringify(name).replace(/[.]/g, "\\.")} is not 2-32 letters, digits, '-' or '_', starting with a letter or digit$`));
  });
  it("reads the output name a real preview's stack policies see, and reports a registry without one", async () => {
    await expectPass(P, [mlRegistry({ registryName: undefined, name: "fraud-models" })]);
    await expectViolation(P, [mlRegistry({ registryName: undefined, name: "-x" })], /^registry name "-x"/);
    await expectViolation(P, [mlRegistry({ registryName: undefined })], /^registry mlr has no registryName$/);
  });
  it("defers a name unknown in preview", () => expectDeferred(P, [mlRegistry({ registryName: unknown.string })], "registryName"));
});
