import { expect } from "chai";
import { grantTargetOutsideStack as P } from "../../../policies/deploy/grantTargetOutsideStack";
import { check, expectDeferred, expectDocumented, expectPass, expectViolation, resource, unknown } from "../../helpers/policy";
import { TYPES } from "../../../policies/lib/azure";
import { GROUP, ROLE, SUB, assignment, id, mlRegistryId, networkRule, rg, roleId, vault, workspace } from "./fixtures";

const reader = (scope: unknown, name = "grant", deps?: Record<string, any>) => assignment({ scope, principalId: GROUP, roleDefinitionId: roleId(ROLE.reader) }, deps, name);
const registry = (name = "fraud-models", rgName = "rg-ml") => resource(TYPES.machineLearningRegistry, { registryName: name, resourceGroupName: rgName }, { name: `mlr-${name}` });
const peRule = (serviceResourceId: unknown, deps?: Record<string, any>) =>
  networkRule({ ruleName: "registry-models", properties: { type: "PrivateEndpoint", destination: { serviceResourceId, subresourceTarget: "amlregistry" } } }, deps);

describe("grant-target-outside-stack", () => {
  it("is documented, naming what must exist and the right to grant there", () => {
    expectDocumented(P);
    expect(P.description).to.contain("Microsoft.Authorization/roleAssignments/write");
  });

  it("reports grants and outbound rules to a registry of another stack, once per target, with what must exist first", async () => {
    const prodRegistry = mlRegistryId("fraud-models", "rg-fraud-prod-registry-models");
    const [v] = await expectViolation(P, [rg(), workspace(), reader(prodRegistry, "ws-reader"), reader(prodRegistry.toUpperCase(), "cluster-reader"), peRule(prodRegistry)], /must exist before pulumi up/);
    expect(v.message).to.contain("grant ws-reader (Reader), grant cluster-reader (Reader), private-endpoint outbound rule mlw/registry-models target " + prodRegistry);
    expect(v.message).to.contain("needs Microsoft.Authorization/roleAssignments/write there");
    // An outbound rule alone needs the target, not the right to grant there.
    const [rule] = await expectViolation(P, [rg(), workspace(), peRule(prodRegistry)], /private-endpoint outbound rule mlw\/registry-models targets/);
    expect(rule.message).not.to.contain("roleAssignments/write");
    const both = await check(P, [rg(), vault(), reader(id.vault("kv-central", "rg-keys")), reader(`/subscriptions/${SUB}/resourceGroups/rg-shared`, "rg-grant")]);
    expect(both.map((x) => x.message.split(" target")[0])).to.deep.equal(["grant grant (Reader)", "grant rg-grant (Reader)"]);
  });

  it("passes what the stack creates (by name, by resource group, by dependency), a subscription, a management group and the root", async () => {
    await expectPass(P, [rg(), registry(), reader(mlRegistryId()), peRule(mlRegistryId())]);
    await expectPass(P, [rg("rg-ml"), reader(id.storage("anything", "RG-ML"))]);
    await expectPass(P, [reader(`/subscriptions/${SUB}`), reader("/providers/Microsoft.Management/managementGroups/mg", "mg"), reader("/", "root")]);
    const reg = registry("shared", "rg-other");
    await expectPass(P, [reg, reader(unknown.string, "by-dep", { scope: [reg] })]);
  });

  it("names what needs the target and the right only grants need; an eligibility and a role it cannot resolve too", async () => {
    const target = id.vault("kv-central", "rg-keys");
    const [rule] = await expectViolation(P, [workspace(), peRule(target)], /targets/);
    expect(rule.message).to.match(/it must exist before pulumi up$/);
    const eligibility = resource(TYPES.pimRoleEligibilitySchedule, { scope: target, principalId: GROUP, roleDefinitionId: roleId(ROLE.reader) }, { name: "admins-eligible" });
    const [e] = await expectViolation(P, [eligibility], /eligibility admins-eligible \(Reader\) targets/);
    expect(e.message).to.contain("roleAssignments/write");
    const unresolved = assignment({ scope: target, principalId: GROUP, roleDefinitionId: roleId("12345678-1234-1234-1234-123456789012") }, undefined, "custom");
    await expectViolation(P, [unresolved], /grant custom \(\/subscriptions\/.*roleDefinitions\/12345678-1234-1234-1234-123456789012\) targets/);
  });

  it("matches a stack resource by type and name in a group it does not create, and only resource groups count as the stack's groups", async () => {
    const shared = registry("shared", "rg-other");
    await expectPass(P, [shared, reader(mlRegistryId("shared", "rg-other")), workspace(), peRule(mlRegistryId("shared", "rg-other"))]);
    // A registry in rg-other does not make rg-other the stack's: another resource there is outside.
    await expectViolation(P, [shared, reader(id.vault("kv-other", "rg-other"))], /kv-other, which this stack does not create/);
  });

  it("leaves alone a grant without scope and a rule without destination, and defers an unknown destination built from nothing", async () => {
    await expectPass(P, [assignment({ principalId: GROUP, roleDefinitionId: roleId(ROLE.reader) }, undefined, "no-scope")]);
    await expectPass(P, [workspace(), networkRule({ ruleName: "r", properties: { type: "PrivateEndpoint", destination: {} } })]);
    await expectDeferred(P, [workspace(), peRule(unknown.string)], "properties.destination.serviceResourceId");
    const unnamed = resource(TYPES.machineLearningRegistry, { name: unknown.string }, { name: "mlr" });
    await expectPass(P, [unnamed, workspace(), peRule(unknown.string, { properties: [unnamed] })]);
    // A dependency of another type says nothing about whose registry the id names.
    const otherDep = resource(TYPES.storageAccount, { accountName: "st" }, { name: "st" });
    await expectDeferred(P, [unnamed, otherDep, workspace(), peRule(mlRegistryId("fraud-models", "rg-x"), { properties: [otherDep] })], "properties.destination.serviceResourceId");
  });

  it("in a first preview: an unnamed stack resource of the type defers, an id built from one is the stack's, an unknown scope from nothing defers", async () => {
    const unnamed = resource(TYPES.machineLearningRegistry, { name: unknown.string }, { name: "mlr" });
    await expectDeferred(P, [unnamed, reader(mlRegistryId("fraud-models", "rg-x"))], "scope");
    await expectPass(P, [unnamed, workspace(), peRule(mlRegistryId("fraud-models", "rg-x"), { properties: [unnamed] })]);
    await expectDeferred(P, [unnamed, workspace(), peRule(mlRegistryId("fraud-models", "rg-x"))], "properties.destination.serviceResourceId");
    await expectDeferred(P, [reader(unknown.string)], "scope");
  });
});
