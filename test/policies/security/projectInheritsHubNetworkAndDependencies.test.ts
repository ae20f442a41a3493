import { expect } from "chai";
import { projectInheritsHubNetworkAndDependencies as P } from "../../../policies/security/projectInheritsHubNetworkAndDependencies";
import { TYPES } from "../../../policies/lib/azure";
import { check, expectDeferred, expectDocumented, expectPass, expectViolation, resource, unknown } from "../../helpers/policy";
import { hub, id, networkRule, project, workspace } from "../deploy/fixtures";

describe("project-inherits-hub-network-and-dependencies", () => {
  it("is documented, citing concept-hub-workspace", () => {
    expectDocumented(P);
    expect(P.url).to.match(/concept-hub-workspace/);
  });
  it("passes a project that sets only its own identity, description and location", () => {
    const h = hub();
    return expectPass(P, [h, project(h, { friendlyName: "Fraud", description: "d", sku: { name: "Basic" } })]);
  });
  it("reports each network, dependency and encryption setting a project makes, even an unknown one built from another resource", async () => {
    const h = hub();
    const storage = resource(TYPES.storageAccount, {}, { name: "st" });
    const p = project(h, {
      managedNetwork: { isolationMode: "AllowOnlyApprovedOutbound" },
      publicNetworkAccess: "Disabled",
      ipAllowlist: ["1.2.3.4"],
      networkAcls: { defaultAction: "Deny" },
      storageAccount: unknown.string,
      keyVault: id.vault(),
      containerRegistry: "/x",
      encryption: { status: "Enabled" },
      workspaceHubConfig: { defaultWorkspaceResourceGroup: "/rg" },
    });
    p.propertyDependencies = { ...p.propertyDependencies, storageAccount: [storage.urn] };
    const v = await check(P, [h, storage, p]);
    expect(v.map((x) => x.message)).to.deep.equal([
      "project proj sets its own managedNetwork (network); a project takes it from its hub",
      "project proj sets its own publicNetworkAccess (network); a project takes it from its hub",
      "project proj sets its own ipAllowlist (network); a project takes it from its hub",
      "project proj sets its own networkAcls (network); a project takes it from its hub",
      "project proj sets its own storageAccount (dependency); a project takes it from its hub",
      "project proj sets its own keyVault (dependency); a project takes it from its hub",
      "project proj sets its own containerRegistry (dependency); a project takes it from its hub",
      "project proj sets its own encryption (encryption); a project takes it from its hub",
      "project proj sets its own workspaceHubConfig (hub setting); a project takes it from its hub",
    ]);
    expect(v.every((x) => x.urn === p.urn && x.enforcementLevel === "mandatory")).to.equal(true);
  });
  it("reads an unknown output that no resource fed as the provider's placeholder (a first preview's outputs), not as a setting", async () => {
    const h = hub();
    const placeholders = { managedNetwork: unknown.string, publicNetworkAccess: unknown.string, storageAccount: unknown.string, keyVault: unknown.string, containerRegistry: unknown.string, encryption: unknown.string, workspaceHubConfig: unknown.string };
    await expectPass(P, [h, project(h, placeholders)]);
    await expectPass(P, [h, project(h, { keyVault: null })]);
  });
  it("lets a project override Application Insights (documented per project)", () => {
    const h = hub();
    return expectPass(P, [h, project(h, { applicationInsights: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Insights/components/appi-proj" })]);
  });
  it("reports a private endpoint to a project (by dependency or id) and an outbound rule resource on it", async () => {
    const h = hub();
    const p = project(h);
    const pe = resource(TYPES.privateEndpoint, { privateLinkServiceConnections: [{ privateLinkServiceId: unknown.string }] }, { name: "pe-proj", propertyDependencies: { privateLinkServiceConnections: [p.urn] } });
    const [v] = await expectViolation(P, [h, p, pe], /^private endpoint pe-proj connects to project proj; a project is reached through its hub's single private endpoint$/);
    expect(v.urn).to.equal(pe.urn);
    await expectViolation(P, [h, p, resource(TYPES.privateEndpoint, { privateLinkServiceConnections: [{ privateLinkServiceId: id.workspace("MLW-PROJ") }] }, { name: "pe2" })], /^private endpoint pe2 connects to project proj/);
    await expectPass(P, [h, p, resource(TYPES.privateEndpoint, { privateLinkServiceConnections: [{ privateLinkServiceId: unknown.string }] }, { name: "pe-hub", propertyDependencies: { privateLinkServiceConnections: [h.urn] } })]);
    await expectPass(P, [h, p, resource(TYPES.privateEndpoint, { privateLinkServiceConnections: "none" }, { name: "odd" })]);
    const [r] = await expectViolation(P, [h, p, networkRule({ workspaceName: "mlw-proj", properties: { type: "FQDN", destination: "pypi.org" } }, undefined, "proj-rule")], /^outbound rule proj-rule is on project proj; a project uses its hub's managed network, so outbound rules go on the hub$/);
    expect(r.urn).to.match(/::proj-rule$/);
    await expectPass(P, [h, p, networkRule({ workspaceName: "mlw-hub", properties: { type: "FQDN", destination: "pypi.org" } })]);
  });
  it("does not apply to default workspaces and hubs", () => expectPass(P, [hub({ storageAccount: "/s", encryption: { status: "Enabled" } }), workspace({ managedNetwork: { isolationMode: "Disabled" }, keyVault: "/kv" })]));
  it("applies in every environment", () => expectViolation(P, [project(id.workspace("mlw-hub"), { tags: { environment: "dev" }, keyVault: "/kv" })], /sets its own keyVault/));
  it("defers a workspace whose kind or a rule whose workspace is unknown", async () => {
    await expectDeferred(P, [workspace({ kind: unknown.string, keyVault: "/kv" })], "kind");
    await expectDeferred(P, [project(id.workspace("mlw-hub")), networkRule({ workspaceName: unknown.string, properties: {} })], "workspaceName");
  });
});
