import { expect } from "chai";
import { liveEngineResources, liveIdOf, liveUrn } from "../../audit/resources";
import type { LiveState } from "../../audit/live";
import { TYPES } from "../../core/types";

const RG = "/subscriptions/s/resourceGroups/rg";
const HUB = `${RG}/providers/Microsoft.MachineLearningServices/workspaces/hub`;
const ST = `${RG}/providers/Microsoft.Storage/storageAccounts/st`;
const state = (over: Partial<LiveState> = {}): LiveState => ({ subscriptions: [], resources: [], grants: [], customRoles: [], denies: [], activationPolicies: [], activationPolicyGaps: [], activations: [], groups: [], elapsedMs: 0, ...over });

describe("audit/resources: the live state as the resources a stack policy sees", () => {
  it("names each by its ARM id in the audit's own URN namespace, and reads the id back", () => {
    expect(liveUrn(TYPES.workspace, HUB)).to.equal(`urn:pulumi:live::azure::${TYPES.workspace}::${HUB.toLowerCase()}`);
    expect(liveIdOf(liveUrn(TYPES.workspace, HUB))).to.equal(HUB.toLowerCase());
    expect(liveIdOf("urn:pulumi:prod::p::t::n")).to.equal("urn:pulumi:prod::p::t::n");
  });

  it("gives storage, registries and workspaces azure-native's input names, links a project to its hub and a workspace to its storage when read", () => {
    const res = liveEngineResources(
      state({
        resources: [
          { id: ST, name: "st", type: "microsoft.storage/storageaccounts", resourceGroup: "rg", location: "westeurope", properties: { allowSharedKeyAccess: false, publicNetworkAccess: "Disabled" } },
          { id: `${RG}/providers/Microsoft.MachineLearningServices/registries/reg`, name: "reg", type: "microsoft.machinelearningservices/registries", resourceGroup: "rg", location: "westeurope", properties: { publicNetworkAccess: "Disabled" } },
          { id: HUB, name: "hub", type: "microsoft.machinelearningservices/workspaces", kind: "Hub", resourceGroup: "rg", location: "westeurope", properties: { storageAccount: ST.toUpperCase() } },
          { id: `${RG}/providers/Microsoft.MachineLearningServices/workspaces/p`, name: "p", type: "microsoft.machinelearningservices/workspaces", kind: "Project", resourceGroup: "rg", properties: { hubResourceId: HUB, workspaceId: "guid-1" } },
          { id: `${RG}/providers/Microsoft.MachineLearningServices/workspaces/w`, name: "w", type: "microsoft.machinelearningservices/workspaces", kind: "Default", resourceGroup: "rg", properties: { storageAccount: `${RG}/providers/Microsoft.Storage/storageAccounts/elsewhere` } },
          { id: `${RG}/providers/Microsoft.Web/sites/x`, name: "x", type: "microsoft.web/sites" },
        ],
      }),
    );
    const by = (name: string) => res.find((r) => r.name === name)!;
    expect(res.map((r) => `${r.type} ${r.name}`)).to.deep.equal([`${TYPES.storageAccount} st`, `${TYPES.machineLearningRegistry} reg`, `${TYPES.workspace} hub`, `${TYPES.workspace} p`, `${TYPES.workspace} w`]);
    expect(by("st")).to.deep.include({ custom: true, protect: false, props: { id: ST, accountName: "st", resourceGroupName: "rg", location: "westeurope", allowSharedKeyAccess: false, publicNetworkAccess: "Disabled" } });
    expect(by("reg").props).to.deep.equal({ id: `${RG}/providers/Microsoft.MachineLearningServices/registries/reg`, registryName: "reg", resourceGroupName: "rg", location: "westeurope", publicNetworkAccess: "Disabled" });
    expect(by("hub").props).to.deep.include({ kind: "Hub", storageAccount: ST.toUpperCase(), workspaceName: "hub" });
    expect(by("hub").propertyDependencies).to.deep.equal({ storageAccount: [liveUrn(TYPES.storageAccount, ST)] });
    expect(by("p").props).to.deep.include({ kind: "Project", hubResourceId: HUB, workspaceId: "guid-1" });
    expect(by("p").propertyDependencies).to.deep.equal({ hubResourceId: [liveUrn(TYPES.workspace, HUB)] });
    expect(by("p").dependencies).to.deep.equal([liveUrn(TYPES.workspace, HUB)]);
    // A storage account that was not read: the id stays, no dependency.
    expect(by("w").propertyDependencies).to.deep.equal({ storageAccount: [] });
    expect(by("w").props).not.to.have.property("hubResourceId");
  });

  it("gives grants, eligibilities, custom roles and groups with members azure-native's shapes", () => {
    const role = "/subscriptions/s/providers/Microsoft.Authorization/roleDefinitions/aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";
    const res = liveEngineResources(
      state({
        customRoles: [{ id: role, roleName: "R", permissions: [{ actions: ["a"] }], assignableScopes: [RG] }],
        grants: [
          { id: `${RG}/providers/Microsoft.Authorization/roleAssignments/g1`, scope: RG, principalId: "p", principalType: "User", roleDefinitionId: role, activation: "active", condition: "c" },
          { id: `${RG}/providers/Microsoft.Authorization/roleEligibilitySchedules/e1`, scope: RG, principalId: "q", roleDefinitionId: role, activation: "eligible" },
        ],
        groups: [
          { id: "g", displayName: "G", members: [{ id: "m1" }] },
          { id: "empty", members: [] },
          { id: "refused", unreadable: "403" },
        ],
      }),
    );
    expect(res.find((r) => r.type === TYPES.roleDefinition)!.props).to.deep.equal({
      id: role,
      roleName: "R",
      roleDefinitionId: "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee",
      description: undefined,
      permissions: [{ actions: ["a"], notActions: [], dataActions: [], notDataActions: [] }],
      assignableScopes: [RG],
    });
    const grant = res.find((r) => r.type === TYPES.roleAssignment)!;
    expect(grant.name).to.equal("g1");
    expect(grant.props).to.deep.equal({ id: `${RG}/providers/Microsoft.Authorization/roleAssignments/g1`, scope: RG, principalId: "p", principalType: "User", roleDefinitionId: role, condition: "c", conditionVersion: "2.0" });
    const eligible = res.find((r) => r.type === TYPES.pimRoleEligibilitySchedule)!;
    expect(eligible.name).to.equal("e1");
    expect(eligible.props).to.deep.equal({ id: `${RG}/providers/Microsoft.Authorization/roleEligibilitySchedules/e1`, scope: RG, principalId: "q", roleDefinitionId: role });
    expect(res.filter((r) => r.type === TYPES.group).map((r) => ({ name: r.name, props: r.props }))).to.deep.equal([{ name: "G", props: { objectId: "g", displayName: "G", members: ["m1"] } }]);
    const unnamed = liveEngineResources(state({ customRoles: [{ id: "/x/not-a-guid", roleName: "S", permissions: [{}], assignableScopes: [] }], groups: [{ id: "h", members: [{ id: "m" }] }] }));
    expect(unnamed[0].props).not.to.have.property("roleDefinitionId");
    expect(unnamed[0].props.permissions).to.deep.equal([{ actions: [], notActions: [], dataActions: [], notDataActions: [] }]);
    expect(unnamed[1].name).to.equal("h");
  });
});
