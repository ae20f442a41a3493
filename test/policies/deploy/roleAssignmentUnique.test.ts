import { expect } from "chai";
import { roleAssignmentUnique as P } from "../../../policies/deploy/roleAssignmentUnique";
import { check, expectDeferred, expectDocumented, expectPass, expectViolation, unknown } from "../../helpers/policy";
import { assignment, GROUP, RG_ID, ROLE, roleDefinition, roleId, storage, uai } from "./fixtures";

const base = { scope: RG_ID, principalId: GROUP, principalType: "Group", roleDefinitionId: roleId(ROLE.reader) };

describe("role-assignment-unique", () => {
  it("is documented, citing the Azure RBAC troubleshooting page", () => {
    expectDocumented(P);
    expect(P.url).to.equal("https://learn.microsoft.com/azure/role-based-access-control/troubleshooting");
    expect(P.description).to.contain("RoleAssignmentExists");
  });

  it("reports the second assignment of the same principal, role and scope, on its own URN", async () => {
    const [v] = await expectViolation(P, [assignment(base, undefined, "first"), assignment(base, undefined, "second")], /^role assignment second repeats first: same principal 33333333-4444-5555-6666-777777777777, role \/subscriptions\/.*acdd72a7-3385-48ef-bd42-f606fba81ae7 and scope \/subscriptions\/.*\/resourceGroups\/rg-ml; ARM refuses the second with RoleAssignmentExists$/);
    expect(v.urn).to.match(/::second$/);
  });
  it("compares ids case-insensitively, ignores a trailing slash, and a role given as a bare GUID", async () => {
    await expectViolation(P, [assignment(base, undefined, "a"), assignment({ ...base, scope: `${RG_ID.toUpperCase()}/`, principalId: GROUP.toUpperCase(), roleDefinitionId: ROLE.reader.toUpperCase() }, undefined, "b")], /repeats a/);
    await expectViolation(P, [assignment({ ...base, roleDefinitionId: "custom-role-name" }, undefined, "a"), assignment({ ...base, roleDefinitionId: "Custom-Role-Name" }, undefined, "b")], /repeats a/);
  });
  it("passes assignments differing in principal, role or scope", async () => {
    await expectPass(P, [assignment(base, undefined, "a"), assignment({ ...base, principalId: "44444444-4444-4444-4444-444444444444" }, undefined, "b")]);
    await expectPass(P, [assignment(base, undefined, "a"), assignment({ ...base, roleDefinitionId: roleId(ROLE.contributor) }, undefined, "b")]);
    await expectPass(P, [assignment(base, undefined, "a"), assignment({ ...base, scope: `${RG_ID}/providers/Microsoft.Storage/storageAccounts/st` }, undefined, "b")]);
    await expectPass(P, [assignment(base, undefined, "only")]);
  });
  it("reports each duplicate once, against the first it repeats", async () => {
    const v = await check(P, [assignment(base, undefined, "a"), assignment(base, undefined, "b"), assignment(base, undefined, "c")]);
    expect(v.map((x) => x.message.split(":")[0])).to.deep.equal(["role assignment b repeats a", "role assignment c repeats a"]);
  });
  it("reports, without comparing, an assignment missing a scope, principal or role (an empty value is none)", async () => {
    const v = await check(P, [assignment({ ...base, principalId: undefined }, undefined, "a"), assignment({ ...base, principalId: " " }, undefined, "b"), assignment({ principalType: "Group" }, undefined, "c")]);
    expect(v.map((x) => x.message)).to.deep.equal([
      "role assignment a sets no principalId, so it cannot be shown unique (ARM requires them)",
      "role assignment b sets no principalId, so it cannot be shown unique (ARM requires them)",
      "role assignment c sets no scope, principalId, roleDefinitionId, so it cannot be shown unique (ARM requires them)",
    ]);
    await expectViolation(P, [assignment({ ...base, scope: 5 }, undefined, "a")], /^role assignment a sets no scope,/);
    // Empty but built from a resource (an output a preview has not filled in): compared like an unknown value.
    const id1 = uai();
    const empty = (name: string, principal = id1) => assignment({ ...base, principalId: "" }, { principalId: [principal] }, name);
    await expectDeferred(P, [id1, empty("a"), empty("b")], "principalId");
    const id2 = uai("id-2");
    await expectPass(P, [id1, id2, empty("a"), empty("b", id2)]);
  });

  describe("values unknown during preview", () => {
    it("defers two assignments built from the same resources (they may be the same)", async () => {
      const id1 = uai();
      const st = storage();
      const same = () => ({ scope: unknown.string, principalId: unknown.string, roleDefinitionId: roleId(ROLE.storageBlobDataContributor) });
      await expectDeferred(P, [id1, st, assignment(same(), { scope: [st], principalId: [id1] }, "a"), assignment(same(), { scope: [st], principalId: [id1] }, "b")], "scope");
    });
    it("takes values built from different resources, or a built value and a known one, as different", async () => {
      const id1 = uai();
      const id2 = uai("id-2");
      const st = storage();
      const grant = (props: Record<string, any> = {}) => ({ scope: unknown.string, principalId: unknown.string, roleDefinitionId: roleId(ROLE.reader), ...props });
      await expectPass(P, [id1, id2, st, assignment(grant(), { scope: [st], principalId: [id1] }, "a"), assignment(grant(), { scope: [st], principalId: [id2] }, "b")]);
      await expectPass(P, [id1, st, assignment(grant(), { scope: [st], principalId: [id1] }, "a"), assignment(grant({ principalId: GROUP }), { scope: [st] }, "b")]);
      await expectPass(P, [id1, st, assignment(grant({ principalId: GROUP }), { scope: [st] }, "a"), assignment(grant(), { scope: [st], principalId: [id1] }, "b")]);
    });
    it("defers a value built from nothing visible against anything", async () => {
      await expectDeferred(P, [assignment(base, undefined, "a"), assignment({ ...base, scope: unknown.string }, undefined, "b")], "scope");
      await expectDeferred(P, [assignment({ ...base, principalId: unknown.string }, undefined, "a"), assignment(base, undefined, "b")], "principalId");
    });
    it("compares custom roles by the role resource they are built from", async () => {
      const r1 = roleDefinition({}, undefined, "r1");
      const r2 = roleDefinition({}, undefined, "r2");
      const custom = { ...base, roleDefinitionId: unknown.string };
      await expectDeferred(P, [r1, assignment(custom, { roleDefinitionId: [r1] }, "a"), assignment(custom, { roleDefinitionId: [r1] }, "b")], "roleDefinitionId");
      await expectPass(P, [r1, r2, assignment(custom, { roleDefinitionId: [r1] }, "a"), assignment(custom, { roleDefinitionId: [r2] }, "b")]);
    });
    it("meets the pairs in the order a pairwise scan does, a value built from nothing visible included wherever it stands", async () => {
      const other = { ...base, principalId: "44444444-4444-4444-4444-444444444444" };
      const open = assignment({ ...base, scope: unknown.string }, undefined, "w");
      // w before a: b is compared with w (maybe: deferred) and then with a (reported).
      const before = await check(P, [open, assignment(other, undefined, "x"), assignment(base, undefined, "a"), assignment(base, undefined, "b")]);
      expect(before.map((x) => [x.enforcementLevel, x.message.slice(0, 35)])).to.deep.equal([
        ["mandatory", "role assignment b repeats a: same p"],
        ["advisory", "can't run policy 'role-assignment-u"],
      ]);
      // a, then b repeating it: b stops at a and never meets the later w; w meets a (maybe).
      const after = await check(P, [assignment(base, undefined, "a"), assignment(base, undefined, "b"), assignment(other, undefined, "x"), open]);
      expect(after.map((x) => [x.enforcementLevel, x.message.slice(0, 35)])).to.deep.equal([
        ["mandatory", "role assignment b repeats a: same p"],
        ["advisory", "can't run policy 'role-assignment-u"],
      ]);
      // Different keys never meet; an assignment missing a part meets nothing, even one missing the same part.
      await expectPass(P, [assignment(other, undefined, "x"), assignment(base, undefined, "a")]);
      const noRole = { ...base, roleDefinitionId: undefined };
      const v = await check(P, [assignment(noRole, undefined, "m1"), assignment(noRole, undefined, "m2")]);
      expect(v.map((x) => x.message.split(" sets")[0])).to.deep.equal(["role assignment m1", "role assignment m2"]);
    });
    it("compares an assignment whose scope is built from nothing visible part by part with every other, in either order", async () => {
      const [x, y] = [uai("id-x"), uai("id-y")];
      const open = (props: Record<string, any> = {}, deps?: Record<string, ReturnType<typeof uai>[]>) => assignment({ ...base, scope: unknown.string, ...props }, deps, "w");
      const other = (props: Record<string, any> = {}, deps?: Record<string, ReturnType<typeof uai>[]>) => assignment({ ...base, ...props }, deps, "o");
      // [what the open one has, what the other has, whether they may be the same]
      const cases: [string, ReturnType<typeof assignment>, ReturnType<typeof assignment>, boolean][] = [
        ["the same principal and role", open(), other(), true],
        ["ids in another case and a role as a bare GUID", open({ principalId: GROUP.toUpperCase(), roleDefinitionId: ROLE.reader.toUpperCase() }), other(), true],
        ["custom role names in another case", open({ roleDefinitionId: "Custom-Role" }), other({ roleDefinitionId: "custom-role" }), true],
        ["padded ids", open({ principalId: ` ${GROUP} ` }), other(), true],
        ["another principal", open(), other({ principalId: "44444444-4444-4444-4444-444444444444" }), false],
        ["another role", open(), other({ roleDefinitionId: roleId(ROLE.contributor) }), false],
        ["no role on the other", open(), other({ roleDefinitionId: undefined }), false],
        ["no role on the open one", open({ roleDefinitionId: undefined }), other(), false],
        ["principals built from the same resources, listed in another order", open({ principalId: unknown.string }, { principalId: [x, y] }), other({ principalId: unknown.string }, { principalId: [y, x] }), true],
        ["principals built from different resources", open({ principalId: unknown.string }, { principalId: [x] }), other({ principalId: unknown.string }, { principalId: [y] }), false],
        ["a principal built from a resource and a known one", open({ principalId: unknown.string }, { principalId: [x] }), other(), false],
        ["a known principal and one built from a resource", open(), other({ principalId: unknown.string }, { principalId: [x] }), false],
        ["an empty principal built from a resource and one built from the same", open({ principalId: "" }, { principalId: [x] }), other({ principalId: unknown.string }, { principalId: [x] }), true],
        ["an unknown principal built from nothing and a known one", open({ principalId: unknown.string }), other(), true],
        ["a known principal and an unknown one built from nothing", open(), other({ principalId: unknown.string }), true],
      ];
      for (const [label, w, o, maybe] of cases)
        for (const order of [[w, o], [o, w]]) {
          const violations = await check(P, [x, y, ...order]);
          const deferred = violations.some((v) => v.enforcementLevel === "advisory" && v.message.startsWith("can't run policy"));
          expect(deferred, `${label} (${order[0] === w ? "open one first" : "open one last"})`).to.equal(maybe);
          expect(violations.filter((v) => v.enforcementLevel === "mandatory" && !/sets no/.test(v.message)), label).to.deep.equal([]);
        }
    });
    it("still reports a known duplicate beside a pair it defers", async () => {
      const v = await check(P, [assignment(base, undefined, "a"), assignment(base, undefined, "b"), assignment({ ...base, scope: unknown.string }, undefined, "c")]);
      expect(v.map((x) => [x.enforcementLevel, x.message.slice(0, 35)])).to.deep.equal([
        ["mandatory", "role assignment b repeats a: same p"],
        ["advisory", "can't run policy 'role-assignment-u"],
      ]);
    });
  });
});
