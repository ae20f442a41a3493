import { expect } from "chai";
import { PolicyResource } from "@pulumi/policy";
import { EngineResource, policyResources } from "../../../plan/engine";
import { StackAssignment } from "../../../policies/lib/access";
import { armTypeOf, belongsToWorkspace, findGrant, indices, principalIs, scopeReaches, segments, stackAssignments, subscriptionOf, Target, targetOfId, targetOfValue, usesCustomerManagedKey } from "../../../policies/lib/deploy";
import { TYPES, UNKNOWN } from "../../../policies/lib/azure";
import { unknown } from "../../helpers/policy";
import { assignment, id, networkRule, RG_ID, ROLE, roleId, storage, SUB, uai, workspace } from "../deploy/fixtures";

const graph = (...rs: Parameters<typeof policyResources>[0]) => policyResources(rs);
const asAssignment = (scope: string | undefined, deps: string[] = [], props: Record<string, unknown> = {}): StackAssignment =>
  ({ urn: "a", principal: "p", scope, scopeDependencies: deps, roleReference: "r", roleUnknown: false, props, platformIdentity: false }) as StackAssignment;

describe("policies/lib/deploy", () => {
  it("splits ids into lower-cased segments and reads subscription and type", () => {
    expect(segments("/Subscriptions//S1/resourceGroups/RG/")).to.deep.equal(["subscriptions", "s1", "resourcegroups", "rg"]);
    expect(subscriptionOf(`/subscriptions/${SUB.toUpperCase()}/x`)).to.equal(SUB);
    expect(subscriptionOf("/subscriptions")).to.equal(undefined);
    expect(subscriptionOf("/providers/x/subscriptions/s")).to.equal(undefined);
    expect(armTypeOf(id.storage())).to.equal("microsoft.storage/storageaccounts");
    expect(armTypeOf(`${id.workspace()}/computes/c`)).to.equal(undefined);
    expect(armTypeOf(RG_ID)).to.equal(undefined);
    expect(armTypeOf("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts")).to.equal(undefined);
    expect(targetOfId(id.vault("KV-A"))).to.deep.equal({ id: id.vault("KV-A"), armType: "microsoft.keyvault/vaults", name: "kv-a" });
    expect(targetOfId(RG_ID)).to.deep.equal({ id: RG_ID, armType: undefined, name: undefined });
    expect(indices([unknown.string, 1, 2])).to.deep.equal([0, 1, 2]);
  });

  describe("targetOfValue", () => {
    it("prefers a dependency of the wanted types, keeping a known id", () => {
      const [st, other] = graph(storage(), uai());
      expect(targetOfValue(UNKNOWN, [other, st], [st, other], [TYPES.storageAccount])).to.include({ resource: st, name: "stml", resourceGroup: "rg-ml", armType: "microsoft.storage/storageaccounts" });
      expect(targetOfValue("x", [st], [st], [TYPES.storageAccount])).to.include({ resource: st, id: "x" });
      expect(targetOfValue(UNKNOWN, [other], [st, other], [TYPES.storageAccount])).to.equal("unknown");
      expect(targetOfValue(undefined, [], [st], [TYPES.storageAccount])).to.equal(undefined);
    });
    it("matches a known id to a stack resource by type segment and name", () => {
      const [st] = graph(storage());
      expect(targetOfValue(id.storage("STML"), [], [st], [TYPES.storageAccount])).to.include({ resource: st });
      expect(targetOfValue(id.vault("stml"), [], [st], [TYPES.storageAccount])).to.not.have.property("resource");
      expect(targetOfValue(id.storage("stml2"), [], [st], [TYPES.storageAccount])).to.not.have.property("resource");
      expect(targetOfValue(id.storage(), [], [st], [TYPES.keyVault])).to.not.have.property("resource");
    });
  });

  describe("scopeReaches", () => {
    const [st, group] = graph(storage({ id: undefined }), workspace());
    const t: Target = { resource: st, armType: "microsoft.storage/storageaccounts", name: "stml", resourceGroup: "rg-ml", resourceGroupUrn: "urn:rg" };
    it("decides known scopes structurally when the target's id is unknown", () => {
      expect(scopeReaches(asAssignment(`/subscriptions/${SUB}/resourceGroups/RG-ML/providers/Microsoft.Storage/storageAccounts/STML`), t)).to.equal(true);
      expect(scopeReaches(asAssignment(`/subscriptions/${SUB}/resourceGroups/rg-ml/providers/Microsoft.Storage/storageAccounts/other`), t)).to.equal(false);
      expect(scopeReaches(asAssignment(`/subscriptions/${SUB}/resourceGroups/rg-ml/providers/Microsoft.KeyVault/vaults/stml`), t)).to.equal(false);
      expect(scopeReaches(asAssignment(`/subscriptions/${SUB}/resourceGroups/rg-ml/xproviders/Microsoft.Storage/storageAccounts/stml`), t)).to.equal(false);
      expect(scopeReaches(asAssignment(`/subscriptions/${SUB}/resourceGroups/rg-ml/providers/Microsoft.Storage/storageAccounts/stml/blobServices`), t)).to.equal(false);
      expect(scopeReaches(asAssignment(`/subscriptions/${SUB}/resourceGroups/rg-ml`), t)).to.equal(true);
      expect(scopeReaches(asAssignment(`/subscriptions/${SUB}/resourceGroups/rg-x`), t)).to.equal(false);
      expect(scopeReaches(asAssignment(`/subscriptions/${SUB}/locks/rg-ml`), t)).to.equal(false);
      expect(scopeReaches(asAssignment(`/subscriptions/${SUB}`), t)).to.equal(true);
      expect(scopeReaches(asAssignment("/"), t)).to.equal(true);
      expect(scopeReaches(asAssignment("/providers/Microsoft.Management/managementGroups/m"), t)).to.equal(true);
      expect(scopeReaches(asAssignment("/providers/Microsoft.Other/x"), t)).to.equal(false);
      expect(scopeReaches(asAssignment(`/subscriptions/${SUB}/resourceGroups/rg-ml`), { ...t, resourceGroup: undefined })).to.equal("unknown");
      expect(scopeReaches(asAssignment(`/subscriptions/${SUB}/resourceGroups/rg-ml/providers/Microsoft.Storage/storageAccounts/x`), { ...t, name: undefined })).to.equal("unknown");
    });
    it("uses the target's known id when there is one", () => {
      const known = targetOfId(id.storage());
      expect(scopeReaches(asAssignment(RG_ID), known)).to.equal(true);
      expect(scopeReaches(asAssignment(`/subscriptions/other/resourceGroups/rg-ml`), known)).to.equal(false);
    });
    it("decides unknown scopes by what they are built from", () => {
      expect(scopeReaches(asAssignment(undefined, [st.urn], { scope: UNKNOWN }), t)).to.equal(true);
      expect(scopeReaches(asAssignment(undefined, ["urn:rg"], { scope: UNKNOWN }), t)).to.equal(true);
      expect(scopeReaches(asAssignment(undefined, ["urn:rg"], { scope: UNKNOWN }), { ...t, resourceGroupUrn: undefined })).to.equal(false);
      expect(scopeReaches(asAssignment(undefined, [group.urn], { scope: UNKNOWN }), t)).to.equal(false);
      expect(scopeReaches(asAssignment(undefined, [], { scope: UNKNOWN }), t)).to.equal("unknown");
      expect(scopeReaches(asAssignment(undefined, [], {}), t)).to.equal(false);
      expect(scopeReaches(asAssignment(undefined, [st.urn], {}), { armType: "x" })).to.equal(false);
    });
  });

  describe("principalIs and findGrant", () => {
    it("matches by dependency, by known id, or by elimination for an external identity", () => {
      const me = uai();
      const rs = graph(me, assignment({ principalId: unknown.string }, { principalId: [me] }, "dep"), assignment({ principalId: "ABC" }, undefined, "known"), assignment({ principalId: unknown.string }, undefined, "unk"), assignment({ principalId: 7 }, undefined, "odd"));
      const [byDep, byId, unk, odd] = stackAssignments(rs);
      expect(principalIs(byDep.a, { urns: [rs[0].urn], ids: [] }, byDep.r)).to.equal(true);
      expect(principalIs(byDep.a, { urns: [], ids: [] }, byDep.r)).to.equal(false);
      expect(principalIs(byId.a, { urns: [], ids: ["abc"] }, byId.r)).to.equal(true);
      expect(principalIs(byId.a, { urns: [], ids: [] }, byId.r)).to.equal(false);
      expect(principalIs(byId.a, { urns: [], ids: [], external: true }, byId.r)).to.equal(true);
      expect(principalIs({ ...byId.a, principalType: "Group" }, { urns: [], ids: [], external: true }, byId.r)).to.equal(false);
      expect(principalIs(byDep.a, { urns: [], ids: [], external: true }, { ...byDep.r, props: { principalId: "abc" } } as PolicyResource)).to.equal(false);
      expect(principalIs(unk.a, { urns: [], ids: [] }, unk.r)).to.equal("unknown");
      expect(principalIs(odd.a, { urns: [], ids: [] }, odd.r)).to.equal(false);
    });
    it("answers as a scan of every assignment would, for any identity (its index only skips assignments to others)", () => {
      const [me, other] = [uai(), uai("id-2")];
      const target = targetOfId(id.storage());
      const reader = roleId(ROLE.reader);
      const rs = graph(
        me,
        other,
        assignment({ scope: RG_ID, principalId: unknown.string, roleDefinitionId: reader }, { principalId: [other] }, "to-other"),
        assignment({ scope: unknown.string, principalId: "P", roleDefinitionId: reader, principalType: "Group" }, undefined, "known-group"),
        assignment({ scope: RG_ID, principalId: "sp", roleDefinitionId: reader, principalType: "ServicePrincipal" }, undefined, "external-sp"),
        assignment({ scope: RG_ID, principalId: unknown.string, roleDefinitionId: unknown.string }, undefined, "anyone"),
        assignment({ scope: RG_ID, principalId: unknown.string, roleDefinitionId: reader }, { principalId: [me] }, "to-me"),
        assignment({ scope: RG_ID, principalId: 7, roleDefinitionId: reader }, undefined, "odd"),
      );
      const all = stackAssignments(rs);
      const scan = (assignments: typeof all, q: Parameters<typeof findGrant>[1]) => {
        let pending: { props: unknown; path: string } | undefined;
        for (const { a, r } of assignments) {
          const role = a.roleUnknown ? "unknown" : a.role !== undefined && q.role(a.role);
          const principal = principalIs(a, q.identity, r);
          const scope = scopeReaches(a, q.target);
          if (role === true && principal === true && scope === true) return { result: true };
          if (role === false || principal === false || scope === false) continue;
          pending ??= { props: r.props, path: role === "unknown" ? "roleDefinitionId" : principal === "unknown" ? "principalId" : "scope" };
        }
        return pending ? { result: "unknown", pending } : { result: false };
      };
      const identities = [
        { urns: [me.urn], ids: [] },
        { urns: [other.urn], ids: [] },
        { urns: [], ids: ["p"] },
        { urns: [], ids: ["sp"] },
        { urns: [], ids: [], external: true },
        { urns: [], ids: [] },
        { urns: [me.urn, other.urn], ids: ["p", "sp"] },
      ];
      const answers = new Set<string>();
      for (const assignments of [all, all.filter((x) => x.r.name !== "anyone")])
        for (const identity of identities)
          for (const role of [() => true, () => false]) {
            const q = { identity, target, role };
            expect(findGrant(assignments, q), JSON.stringify(identity)).to.deep.equal(scan(assignments, q));
            answers.add(JSON.stringify(findGrant(assignments, q).result));
          }
      // The cases above reach every answer.
      expect([...answers].sort()).to.deep.equal(["\"unknown\"", "false", "true"]);
      // Grants to someone else are not even considered: without the open assignment, my answer ignores theirs.
      const mine = stackAssignments(graph(me, other, assignment({ scope: unknown.string, principalId: unknown.string, roleDefinitionId: reader }, { principalId: [other] }, "to-other")));
      expect(findGrant(mine, { identity: { urns: [me.urn], ids: [] }, target, role: () => true })).to.deep.equal({ result: false });
    });
    it("returns the first pending value in the order role, principal, scope", () => {
      const target = targetOfId(id.storage());
      const rs = graph(
        assignment({ scope: RG_ID, principalId: "p", roleDefinitionId: unknown.string }, undefined, "role-unknown"),
        assignment({ scope: unknown.string, principalId: unknown.string, roleDefinitionId: roleId(ROLE.reader) }, undefined, "both-unknown"),
      );
      const q = { identity: { urns: [], ids: ["p"] }, target, role: () => true };
      expect(findGrant(stackAssignments(rs), q)).to.deep.include({ result: "unknown", pending: { props: rs[0].props, path: "roleDefinitionId" } });
      expect(findGrant(stackAssignments([rs[1]]), q).pending?.path).to.equal("principalId");
      const scopeOnly = graph(assignment({ scope: unknown.string, principalId: "p", roleDefinitionId: roleId(ROLE.reader) }));
      expect(findGrant(stackAssignments(scopeOnly), q).pending?.path).to.equal("scope");
      expect(findGrant(stackAssignments(graph(assignment({ scope: RG_ID, principalId: "p", roleDefinitionId: "nonsense" }))), q)).to.deep.equal({ result: false });
      expect(findGrant(stackAssignments(graph(assignment({ scope: RG_ID, principalId: "p", roleDefinitionId: roleId(ROLE.reader) }))), q)).to.deep.equal({ result: true });
    });
  });

  it("tells which workspace a child belongs to", () => {
    const wsE = workspace();
    const otherE = workspace({ workspaceName: "mlw-b" }, undefined, "b");
    const mine = (props: Record<string, unknown>, deps: EngineResource[] = [], owner = wsE) => {
      const g = graph(wsE, otherE, owner, networkRule(props, { workspaceName: deps }));
      return belongsToWorkspace(g[3], g[2]);
    };
    expect(mine({ workspaceName: unknown.string }, [wsE])).to.equal(true);
    expect(mine({ workspaceName: unknown.string }, [otherE])).to.equal(false);
    expect(mine({ workspaceName: unknown.string })).to.equal("unknown");
    expect(mine({ workspaceName: "MLW-A", resourceGroupName: "RG-ML" })).to.equal(true);
    expect(mine({ workspaceName: "mlw-a", resourceGroupName: "rg-2" })).to.equal(false);
    expect(mine({ workspaceName: "mlw-a", resourceGroupName: unknown.string })).to.equal(true);
    expect(mine({ workspaceName: "mlw-b" })).to.equal(false);
    expect(mine({ workspaceName: 3 })).to.equal(false);
    expect(mine({ workspaceName: "mlw-a" }, [], workspace({ workspaceName: unknown.string }, undefined, "nameless"))).to.equal(false);
    expect(mine({ workspaceName: "mlw-a" }, [], workspace({ resourceGroupName: unknown.string }, undefined, "rg-unknown"))).to.equal(true);
  });

  it("reads whether a workspace uses a customer-managed key", () => {
    const [a, b, c, d, e] = graph(
      workspace({ encryption: { status: "ENABLED" } }, undefined, "a"),
      workspace({ encryption: { status: "Disabled" } }, undefined, "b"),
      workspace({ encryption: { status: 1 } }, undefined, "c"),
      workspace({ encryption: unknown.object }, undefined, "d"),
      workspace({ encryption: { status: unknown.string } }, undefined, "e"),
    );
    expect([a, b, c].map(usesCustomerManagedKey)).to.deep.equal([true, false, false]);
    expect(usesCustomerManagedKey(d)).to.deep.equal({ props: d.props, path: "encryption" });
    expect(usesCustomerManagedKey(e)).to.deep.equal({ props: e.props, path: "encryption.status" });
  });
});
