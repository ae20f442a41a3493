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

  it("in a first preview: an unnamed stack resource of the type defers, an id built from one is the stack's, an unknown scope from nothing defers", async () => {
    const unnamed = resource(TYPES.machineLearningRegistry, { name: unknown.string }, { name: "mlr" });
    await expectDeferred(P, [unnamed, reader(mlRegistryId("fraud-models", "rg-x"))], "scope");
    await expectPass(P, [unnamed, workspace(), peRule(mlRegistryId("fraud-models", "rg-x"), { properties: [unnamed] })]);
    await expectDeferred(P, [unnamed, workspace(), peRule(mlRegistryId("fraud-models", "rg-x"))], "properties.destination.serviceResourceId");
    await expectDeferred(P, [reader(unknown.string)], "scope");
  });
});
