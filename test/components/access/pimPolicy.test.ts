import { expect } from "chai";
import { armRoleManagementPolicyName, roleManagementPolicyName, setRoleManagementPolicyNameResolver } from "../../../components/access/pimPolicy";
import { runUnderMocks } from "../../helpers/harness";

const RG = "/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg-fraud";
const OWNER = "/subscriptions/00000000-0000-4000-8000-000000000001/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
const assignment = (scope: string, role: string, policy: string) => ({ properties: { scope, roleDefinitionId: role, policyId: `${scope}/providers/Microsoft.Authorization/roleManagementPolicies/${policy}` } });

describe("role management policy look-up (components/access/pimPolicy.ts)", () => {
  const realFetch = globalThis.fetch;
  let calls: { url: string; auth?: string }[];
  const answer = (pages: { status?: number; body: unknown }[]) => {
    calls = [];
    let i = 0;
    globalThis.fetch = (async (url: string, init?: { headers?: Record<string, string> }) => {
      calls.push({ url, auth: init?.headers?.Authorization });
      const page = pages[i++];
      return { ok: (page.status ?? 200) < 400, status: page.status ?? 200, json: async () => page.body, text: async () => JSON.stringify(page.body) } as unknown as Response;
    }) as typeof fetch;
  };
  afterEach(() => {
    globalThis.fetch = realFetch;
  });
  // The ARM resolver asks azure-native for the provider's token (getClientToken); under mocks that invoke answers its inputs.

  it("lists the scope's policy assignments with the provider's token and returns the role's policy name", async () => {
    answer([{ body: { value: [assignment(RG, OWNER.replace("8e3af657", "acdd72a7"), "reader-policy"), assignment(RG, OWNER, "owner-policy")] } }]);
    let name: string | undefined;
    await runUnderMocks(async () => {
      name = await armRoleManagementPolicyName(RG, OWNER);
    });
    expect(name).to.equal("owner-policy");
    expect(calls).to.have.length(1);
    expect(calls[0].url).to.equal(`https://management.azure.com${RG}/providers/Microsoft.Authorization/roleManagementPolicyAssignments?api-version=2020-10-01`);
    expect(calls[0].auth).to.equal("Bearer mock-access-token");
  });

  it("follows nextLink until the role's policy appears", async () => {
    answer([{ body: { value: [assignment(RG, OWNER.replace("8e3af657", "acdd72a7"), "reader-policy")], nextLink: "https://management.azure.com/next-page" } }, { body: { value: [assignment(RG, OWNER, "owner-policy")] } }]);
    let name: string | undefined;
    await runUnderMocks(async () => {
      name = await armRoleManagementPolicyName(RG, OWNER);
    });
    expect(name).to.equal("owner-policy");
    expect(calls.map((c) => c.url)).to.deep.equal([`https://management.azure.com${RG}/providers/Microsoft.Authorization/roleManagementPolicyAssignments?api-version=2020-10-01`, "https://management.azure.com/next-page"]);
  });

  it("fails with the HTTP status and Azure's answer, or when no policy exists", async () => {
    answer([{ status: 403, body: { error: { code: "AuthorizationFailed" } } }]);
    let error = undefined as Error | undefined;
    await runUnderMocks(async () => {
      await armRoleManagementPolicyName(RG, OWNER).catch((e) => (error = e));
    });
    expect(error?.message).to.match(/^looking up the role management policy of .*8e3af657.* at .*rg-fraud failed \(HTTP 403\): \{"error":\{"code":"AuthorizationFailed"\}\}$/);
    answer([{ body: { value: [] } }]);
    error = undefined;
    await runUnderMocks(async () => {
      await armRoleManagementPolicyName(RG, OWNER).catch((e) => (error = e));
    });
    expect((error as Error | undefined)?.message).to.match(/^no role management policy for .* at .*rg-fraud: Azure creates one per role and scope/);
  });

  it("uses the resolver set (the offline plan's), and restores the ARM look-up", async () => {
    const previous = setRoleManagementPolicyNameResolver(async (scope, role) => `${scope}|${role}`);
    expect(previous).to.equal(armRoleManagementPolicyName);
    expect(await roleManagementPolicyName("s", "r")).to.equal("s|r");
    const mine = setRoleManagementPolicyNameResolver();
    expect(mine).to.not.equal(armRoleManagementPolicyName);
    answer([{ body: { value: [assignment(RG, OWNER, "owner-policy")] } }]);
    let name: string | undefined;
    await runUnderMocks(async () => {
      // runUnderMocks installs the offline resolver for its run: the module's resolver answers offline inside it.
      name = await roleManagementPolicyName(RG, OWNER);
    });
    expect(name).to.match(/^[0-9a-f-]{36}$/);
    expect(calls).to.deep.equal([]);
  });
});
