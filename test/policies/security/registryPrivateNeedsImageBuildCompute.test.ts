import { hub, id, project } from "../deploy/fixtures";
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

describe("registry-private-needs-image-build-compute: hubs and projects", () => {
  const acr = () => resource(TYPES.containerRegistry, { registryName: "crhub", publicNetworkAccess: "Disabled" }, { name: "crhub" });
  const linked = (cr: ReturnType<typeof acr>, props: Record<string, any> = {}) => {
    const h = hub({ containerRegistry: unknown.string, ...props });
    // Keep the dependencies the fixture gives (an unknown kind's source), and add the registry's.
    return { ...h, propertyDependencies: { ...h.propertyDependencies, containerRegistry: [cr.urn] } };
  };
  it("passes a hub with a managed network and no imageBuildCompute: serverless compute builds its images", async () => {
    const cr = acr();
    await expectPass(P, [cr, linked(cr)]);
    await expectPass(P, [cr, linked(cr, { managedNetwork: { isolationMode: "allowinternetoutbound" } })]);
  });
  it("reports a hub on a private registry without a managed network or imageBuildCompute", async () => {
    const cr = acr();
    await expectViolation(P, [cr, linked(cr, { managedNetwork: { isolationMode: "Disabled" } })], /^hub hub uses private registry crhub without a managed network, so serverless compute cannot reach it/);
    await expectViolation(P, [cr, linked(cr, { managedNetwork: undefined })], /^hub hub uses private registry crhub without a managed network/);
    await expectPass(P, [cr, linked(cr, { managedNetwork: undefined, imageBuildCompute: "ci-builder" })]);
  });
  it("judges a project by its hub, skips a hub outside the stack, defers unknowns", async () => {
    const cr = acr();
    const bad = linked(cr, { managedNetwork: { isolationMode: "Disabled" } });
    await expectViolation(P, [cr, bad, project(bad)], /^project proj takes this from its hub hub: hub hub uses private registry crhub/m);
    const good = linked(cr);
    await expectPass(P, [cr, good, project(good)]);
    await expectPass(P, [cr, project(id.workspace("mlw-elsewhere"))]);
    await expectDeferred(P, [cr, project(undefined, { hubResourceId: unknown.string })], "hubResourceId");
    await expectDeferred(P, [cr, linked(cr, { managedNetwork: { isolationMode: unknown.string } })], "managedNetwork.isolationMode");
    await expectDeferred(P, [cr, linked(cr, { kind: unknown.string })], "kind");
  });
  it("keeps default workspaces to imageBuildCompute even with a managed network", () => {
    const cr = acr();
    return expectViolation(P, [cr, { ...linked(cr, { kind: undefined }) }], /^workspace hub uses private registry crhub but sets no imageBuildCompute/);
  });
});
