import { expect } from "chai";
import { armRoleManagementPolicyName, armRoleManagementPolicyNameResolver, roleManagementPolicyName, setRoleManagementPolicyNameResolver } from "../../../components/access/pimPolicy";
import { runUnderMocks } from "../../helpers/harness";
import { FakeServer, TEST_CA, startFakeAzure } from "../../audit/server";
import { tenant } from "../../audit/tenant";

const RG = "/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg-fraud";
const OWNER = "/subscriptions/00000000-0000-4000-8000-000000000001/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
const READER = OWNER.replace("8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "acdd72a7-3385-48ef-bd42-f606fba81ae7");
// As ARM returns them (azure-rest-api-specs authorization RoleManagementPolicyAssignments_ListForScope example).
const assignment = (scope: string, role: string, policy: string) => ({
  id: `${scope}/providers/Microsoft.Authorization/roleManagementPolicyAssignments/${policy}_${role.split("/").pop()}`,
  name: `${policy}_${role.split("/").pop()}`,
  type: "Microsoft.Authorization/RoleManagementPolicyAssignment",
  properties: { scope, roleDefinitionId: role, policyId: `${scope}/providers/Microsoft.Authorization/roleManagementPolicies/${policy}` },
});

describe("role management policy look-up (components/access/pimPolicy.ts) through @azure/arm-authorization, against a local ARM", function () {
  this.timeout(30000);
  let server: FakeServer;
  const lookUp = async (policyAssignments: Parameters<typeof startFakeAzure>[0]["policyAssignments"], scope = RG, role = OWNER) => {
    server = await startFakeAzure({ ...tenant(), policyAssignments });
    try {
      let result: string | Error | undefined;
      // Under mocks, azure-native's getClientToken answers with a mock token (the provider's credentials in a real run).
      await runUnderMocks(async () => {
        result = await armRoleManagementPolicyNameResolver({ endpoint: server.url, tlsCa: TEST_CA })(scope, role).catch((e: Error) => e);
      });
      return result;
    } finally {
      await server.close();
    }
  };

  it("lists the scope's policy assignments with the provider's token, across pages, and returns the role's policy at that scope", async () => {
    const name = await lookUp({
      [RG.toLowerCase()]: { value: [assignment(RG, READER, "reader-policy"), assignment("/subscriptions/00000000-0000-4000-8000-000000000001", OWNER, "parent-policy"), assignment(RG, OWNER, "owner-policy")] },
    });
    expect(name).to.equal("owner-policy");
    // Two pages of two: the SDK followed nextLink.
    expect(server.requests.filter((r) => r.endsWith("/roleManagementPolicyAssignments"))).to.have.length(2);
    expect(server.requests[0]).to.equal(`GET ${RG}/providers/Microsoft.Authorization/roleManagementPolicyAssignments`);
    expect(server.tokens.size).to.equal(1);
  });

  it("fails with the HTTP status and Azure's answer, or when no policy exists", async () => {
    const denied = await lookUp({ [RG.toLowerCase()]: { value: [], forbidden: true } });
    expect((denied as Error).message).to.match(/^looking up the role management policy of .*8e3af657.* at .*rg-fraud failed \(HTTP 403\): .*roleManagementPolicyAssignments\/read/);
    const none = await lookUp({ [RG.toLowerCase()]: { value: [assignment(RG, READER, "reader-policy")] } });
    expect((none as Error).message).to.match(/^no role management policy for .* at .*rg-fraud: Azure creates one per role and scope/);
  });

  it("asks the provider's cloud by default, and refuses one it does not know", async () => {
    let error: Error | undefined;
    await runUnderMocks(
      async () => {
        await armRoleManagementPolicyName(RG, OWNER).catch((e: Error) => (error = e));
      },
      "test",
      { "azure-native:environment": "germany" },
    );
    expect(error?.message).to.equal("azure-native:environment germany names no cloud the role management policy look-up knows (public, usgovernment, china)");
  });

  it("uses the resolver set (the offline plan's), and restores the ARM look-up", async () => {
    const previous = setRoleManagementPolicyNameResolver(async (scope, role) => `${scope}|${role}`);
    expect(previous).to.equal(armRoleManagementPolicyName);
    expect(await roleManagementPolicyName("s", "r")).to.equal("s|r");
    const mine = setRoleManagementPolicyNameResolver();
    expect(mine).to.not.equal(armRoleManagementPolicyName);
    let name: string | undefined;
    await runUnderMocks(async () => {
      // runUnderMocks installs the offline resolver for its run: the module's resolver answers offline inside it.
      name = await roleManagementPolicyName(RG, OWNER);
    });
    expect(name).to.match(/^[0-9a-f-]{36}$/);
  });
});
