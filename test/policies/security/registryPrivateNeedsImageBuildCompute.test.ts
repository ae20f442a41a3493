import { registryPrivateNeedsImageBuildCompute as P } from "../../../policies/security/registryPrivateNeedsImageBuildCompute";
import { TYPES } from "../../../policies/lib/azure";
import { expectDeferred, expectDocumented, expectPass, expectViolation, resource, unknown } from "../../helpers/policy";

describe("registry-private-needs-image-build-compute", () => {
  const registry = (publicNetworkAccess: string) => resource(TYPES.containerRegistry, { registryName: "crfraud", publicNetworkAccess }, { name: "acr" });
  const ws = (reg: { urn: string }, props: Record<string, any> = {}) =>
    resource(TYPES.workspace, { workspaceName: "mlw", containerRegistry: unknown.string, ...props }, { name: "mlw", propertyDependencies: { containerRegistry: [reg.urn] } });

  it("is documented", () => expectDocumented(P));
  it("reports a workspace on a private registry without imageBuildCompute", () => {
    const r = registry("Disabled");
    return expectViolation(P, [r, ws(r)], /workspace mlw uses private registry acr but sets no imageBuildCompute/);
  });
  it("passes with imageBuildCompute, or with a public registry", async () => {
    const r = registry("Disabled");
    await expectPass(P, [r, ws(r, { imageBuildCompute: "cpu-cluster" })]);
    const pub = registry("Enabled");
    await expectPass(P, [pub, ws(pub)]);
  });
  it("links the registry by id too", () =>
    expectViolation(P, [registry("Disabled"), resource(TYPES.workspace, { containerRegistry: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/CRFRAUD" }, { name: "mlw" })], /private registry acr/));
  it("defers an imageBuildCompute unknown during preview", () => {
    const r = registry("Disabled");
    return expectDeferred(P, [r, ws(r, { imageBuildCompute: unknown.string })], "imageBuildCompute");
  });
});
