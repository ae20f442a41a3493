import { dataProtectedInProd } from "../../../policies/security/dataProtectedInProd";
import { TYPES } from "../../../policies/lib/azure";
import { expectDocumented, expectPass, expectViolation, resource } from "../../helpers/policy";

describe("data-protected-in-prod", () => {
  const prod = { tags: { environment: "prod" } };
  it("is documented", () => expectDocumented(dataProtectedInProd));
  it("passes protected prod storage and key vaults", () =>
    expectPass(dataProtectedInProd, [resource(TYPES.storageAccount, prod, { protect: true }), resource(TYPES.keyVault, prod, { protect: true })]));
  it("reports unprotected prod storage and key vaults", async () => {
    await expectViolation(dataProtectedInProd, [resource(TYPES.storageAccount, prod, { name: "st" })], /st is not protected/);
    await expectViolation(dataProtectedInProd, [resource(TYPES.keyVault, prod, { name: "kv" })], /kv is not protected/);
  });
  it("treats a resource without an environment tag as prod (fail closed)", () => expectViolation(dataProtectedInProd, [resource(TYPES.keyVault, {})], /not protected/));
  it("does not apply in dev", () => expectPass(dataProtectedInProd, [resource(TYPES.storageAccount, { tags: { environment: "dev" } })]));
});
