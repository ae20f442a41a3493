import { expect } from "chai";
import * as path from "path";
import { allows, allowsUnder, effective, grantingPattern, isManagementGroupScope, normaliseScope, scopeCovers, withinAssignableScopes } from "../../rbac/engine";
import { KEY_OPERATION_STRINGS } from "../../rbac/operations";
import { RoleCatalog, isGuid, roleDefinitionGuid } from "../../rbac/catalog";
import { loadRoleDefinitionFile, parseRoleDefinition } from "../../rbac/roleFile";
import { KEY_OPERATIONS as OP } from "../../rbac/operations";
import { Assignment, RoleDefinition } from "../../rbac/types";

const catalog = new RoleCatalog();
const role = (name: string) => catalog.resolve(name) as RoleDefinition;
const seed = loadRoleDefinitionFile("roles/data-scientist.json", path.resolve(__dirname, "../.."), "test");
const SUB = "/subscriptions/00000000-0000-0000-0000-000000000001";
const RG = `${SUB}/resourceGroups/rg-fraud`;
const WS = `${RG}/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud`;
const JOBS = OP.submitJob;
const COMPUTE_READ = "Microsoft.MachineLearningServices/workspaces/computes/read";

describe("scope normalisation and multi-block roles", () => {
  it("normalises scopes: case, surrounding space, trailing slashes; the root stays '/'", () => {
    expect(normaliseScope(" /Subscriptions/S/ResourceGroups/RG// ")).to.equal("/subscriptions/s/resourcegroups/rg");
    expect(normaliseScope("/")).to.equal("/");
    expect(scopeCovers("/", "/subscriptions/s")).to.equal(true);
    expect(scopeCovers("/subscriptions/s/", "/subscriptions/s/resourceGroups/rg")).to.equal(true);
    expect(scopeCovers("/subscriptions/s", "/subscriptions/s2")).to.equal(false);
  });
  it("takes a management group to contain every scope but root (its hierarchy is tenant state), and nothing else to contain what is above it", () => {
    const MG = "/providers/Microsoft.Management/managementGroups/mg-ml";
    expect(isManagementGroupScope(MG)).to.equal(true);
    expect(isManagementGroupScope(`${MG.toUpperCase()}/`)).to.equal(true);
    // Slashes doubled, as a hand-built scope may have them: still the group (the policies' segment reading drops empty parts too).
    expect(isManagementGroupScope("//providers/Microsoft.Management//managementGroups/mg-ml")).to.equal(true);
    for (const notMg of ["/", SUB, "/providers/Microsoft.Management", "/providers/Microsoft.Management/managementGroups", `${MG}/subscriptions/s`, `/x${MG}`, "/providers/Microsoft.Authorization/managementGroups/mg"])
      expect(isManagementGroupScope(notMg), notMg).to.equal(false);
    for (const target of [MG, `${MG}-child`, SUB, RG, WS]) expect(scopeCovers(MG, target), target).to.equal(true);
    expect(scopeCovers(MG, "/")).to.equal(false);
    expect(scopeCovers(SUB, MG)).to.equal(false);
    expect(scopeCovers(WS, RG)).to.equal(false);
    expect(effective([{ principalId: "p", scope: MG, role: role("Owner") }], OP.createCompute, WS).allowed).to.equal(true);
  });
  it("grants when any permission block grants, each block's NotActions subtracting only from itself", () => {
    const role = { name: "r", isCustom: true, assignableScopes: [], permissions: [
      { actions: ["a/*"], notActions: ["a/x"], dataActions: [], notDataActions: [] },
      { actions: ["b/read"], notActions: [], dataActions: [], notDataActions: [] },
    ] };
    expect(allows(role, "a/y")).to.equal(true);
    expect(allows(role, "a/x")).to.equal(false);
    expect(allows(role, "b/read")).to.equal(true);
    expect(allows(role, "c/read")).to.equal(false);
  });
});

describe("granting pattern (why a role allows an operation)", () => {
  const cat = new RoleCatalog();
  it("names the Actions pattern that grants, skipping blocks whose NotActions deny", () => {
    expect(grantingPattern(cat.resolve("AzureML Data Scientist")!, "Microsoft.MachineLearningServices/workspaces/datastores/write")).to.equal("Microsoft.MachineLearningServices/workspaces/*/write");
    expect(grantingPattern(cat.resolve("AzureML Data Scientist")!, "Microsoft.MachineLearningServices/workspaces/write")).to.equal(undefined);
    expect(grantingPattern(cat.resolve("Owner")!, "Microsoft.Authorization/locks/delete")).to.equal("*");
    expect(grantingPattern(cat.resolve("Contributor")!, "Microsoft.Authorization/locks/delete")).to.equal(undefined);
    const twoBlocks = { name: "t", isCustom: true, assignableScopes: [], permissions: [
      { actions: ["x/*"], notActions: ["x/a/write"], dataActions: [], notDataActions: [] },
      { actions: ["x/a/*"], notActions: [], dataActions: [], notDataActions: [] },
    ] };
    expect(grantingPattern(twoBlocks, "x/a/write")).to.equal("x/a/*");
  });
  it("looks at DataActions for data operations", () => {
    const blob = cat.resolve("Storage Blob Data Reader")!;
    expect(grantingPattern(blob, "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read", { dataAction: true })).to.equal("Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read");
    expect(grantingPattern(blob, "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read")).to.equal(undefined);
  });
});

describe("RBAC engine", () => {
  describe("the seed's custom Data Scientist role", () => {
    it("loads verbatim from the PascalCase file az role definition create takes", () => {
      expect(seed.name).to.equal("Data Scientist");
      expect(seed.isCustom).to.equal(true);
      expect(seed.permissions[0].actions).to.deep.equal(["*"]);
      // The docs' four NotActions, plus the explicit strings that hold under the literal reading of '/*/'.
      expect(seed.permissions[0].notActions.slice(0, 4)).to.deep.equal([
        "Microsoft.MachineLearningServices/workspaces/*/delete",
        "Microsoft.MachineLearningServices/workspaces/computes/*/write",
        "Microsoft.MachineLearningServices/workspaces/computes/*/delete",
        "Microsoft.Authorization/*/write",
      ]);
      expect(seed.permissions[0].notActions).to.have.length(7);
      expect(seed.assignableScopes[0]).to.contain("<subscription_id>");
    });
    it("can't create, update or delete compute, delete the workspace or write role assignments, under either reading of '/*/'", () => {
      for (const op of [OP.createCompute, OP.deleteCompute, OP.deleteWorkspace, OP.writeRoleAssignments, "Microsoft.Authorization/roleDefinitions/write"])
        expect(allowsUnder(seed, op), op).to.deep.equal({ documented: false, literal: false });
    });
    it("can submit jobs, register models and read compute", () => {
      for (const op of [JOBS, OP.registerModel, COMPUTE_READ, OP.createDatastore]) expect(allows(seed, op), op).to.equal(true);
    });
  });

  describe("built-in roles", () => {
    it("AzureML Data Scientist: jobs and models, no compute writes, no workspace delete, no keys", () => {
      const r = role("AzureML Data Scientist");
      expect(allows(r, JOBS)).to.equal(true);
      expect(allows(r, OP.registerModel)).to.equal(true);
      expect(allows(r, COMPUTE_READ)).to.equal(true);
      for (const op of [OP.createCompute, OP.deleteCompute, OP.deleteWorkspace, OP.readWorkspaceSecrets, OP.writeRoleAssignments]) expect(allows(r, op), op).to.equal(false);
    });
    it("AzureML Compute Operator: compute only", () => {
      const r = role("AzureML Compute Operator");
      expect(allows(r, OP.createCompute)).to.equal(true);
      expect(allows(r, OP.deleteCompute)).to.equal(true);
      expect(allows(r, JOBS)).to.equal(false);
      expect(allows(r, OP.deleteWorkspace)).to.equal(false);
    });
    it("Contributor: everything except access management", () => {
      const r = role("Contributor");
      expect(allows(r, OP.createCompute)).to.equal(true);
      expect(allows(r, OP.deleteWorkspace)).to.equal(true);
      expect(allows(r, OP.writeRoleAssignments)).to.equal(false);
    });
    it("Reader: reads only", () => {
      const r = role("Reader");
      expect(allows(r, COMPUTE_READ)).to.equal(true);
      expect(allows(r, OP.createCompute)).to.equal(false);
      expect(allows(r, OP.readWorkspaceSecrets)).to.equal(false);
    });
    it("Owner and User Access Administrator can write role assignments; RBAC Administrator too, without compute", () => {
      expect(allows(role("Owner"), OP.writeRoleAssignments)).to.equal(true);
      expect(allows(role("User Access Administrator"), OP.writeRoleAssignments)).to.equal(true);
      expect(allows(role("Role Based Access Control Administrator"), OP.writeRoleAssignments)).to.equal(true);
      expect(allows(role("Role Based Access Control Administrator"), OP.createCompute)).to.equal(false);
    });
  });

  describe("matching", () => {
    const r = (actions: string[], notActions: string[] = []): RoleDefinition => ({
      name: "t",
      isCustom: true,
      assignableScopes: [],
      permissions: [{ actions, notActions, dataActions: [], notDataActions: [] }],
    });
    it("is case-insensitive in patterns and operations", () => {
      expect(allows(r(["microsoft.machinelearningservices/WORKSPACES/computes/WRITE"]), OP.createCompute)).to.equal(true);
      expect(allows(r(["*"], ["MICROSOFT.AUTHORIZATION/*/WRITE"]), "Microsoft.Authorization/roleAssignments/write")).to.equal(false);
    });
    it("treats * at the end as any run of characters, including /", () => {
      expect(allows(r(["Microsoft.MachineLearningServices/*"]), OP.createCompute)).to.equal(true);
      expect(allows(r(["Microsoft.Storage/*"]), OP.createCompute)).to.equal(false);
    });
    it("treats * in the middle as any run, and /*/ as also matching a single /", () => {
      expect(allows(r(["*"], ["Microsoft.MachineLearningServices/workspaces/computes/*/write"]), OP.createCompute)).to.equal(false);
      expect(allows(r(["*"], ["Microsoft.MachineLearningServices/workspaces/*/delete"]), OP.deleteWorkspace)).to.equal(false);
      expect(allows(r(["Microsoft.MachineLearningServices/workspaces/*/read"]), "Microsoft.MachineLearningServices/workspaces/jobs/runs/read")).to.equal(true);
      expect(allows(r(["Microsoft.MachineLearningServices/work*/read"]), "Microsoft.MachineLearningServices/workspaces/read")).to.equal(true);
      expect(allows(r(["Microsoft.MachineLearningServices/workspaces/*/write"]), "Microsoft.MachineLearningServices/workspaces/computes/read")).to.equal(false);
    });
    it("takes regex metacharacters in operation names literally", () => {
      expect(allows(r(["Microsoft.Web/sites/config.list/action"]), "Microsoft.Web/sites/configXlist/action")).to.equal(false);
    });
    it("keeps DataActions apart from Actions", () => {
      const blobRead = "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read";
      expect(allows(role("Storage Blob Data Reader"), blobRead, { dataAction: true })).to.equal(true);
      expect(allows(role("Storage Blob Data Reader"), blobRead)).to.equal(false);
      expect(allows(role("Owner"), blobRead, { dataAction: true })).to.equal(false);
      const d: RoleDefinition = { name: "d", isCustom: true, assignableScopes: [], permissions: [{ actions: [], notActions: [], dataActions: ["Microsoft.KeyVault/vaults/*"], notDataActions: ["Microsoft.KeyVault/vaults/secrets/*"] }] };
      expect(allows(d, "Microsoft.KeyVault/vaults/keys/read", { dataAction: true })).to.equal(true);
      expect(allows(d, "Microsoft.KeyVault/vaults/secrets/getSecret/action", { dataAction: true })).to.equal(false);
    });
  });

  describe("effective permissions across assignments", () => {
    const a = (r: RoleDefinition, scope: string, principalId = "p1"): Assignment => ({ principalId, scope, role: r });
    it("a NotAction of one role does not remove another role's grant", () => {
      const result = effective([a(seed, WS), a(role("AzureML Compute Operator"), WS)], OP.createCompute, WS);
      expect(result.allowed).to.equal(true);
      expect(result.grantedBy.map((g) => g.role.name)).to.deep.equal(["AzureML Compute Operator"]);
    });
    it("inherits from subscription and resource group to the workspace below", () => {
      expect(effective([a(role("Contributor"), SUB)], OP.createCompute, WS).allowed).to.equal(true);
      expect(effective([a(role("Contributor"), RG)], OP.createCompute, WS).allowed).to.equal(true);
      expect(effective([a(role("Contributor"), "/")], OP.createCompute, WS).allowed).to.equal(true);
    });
    it("does not flow upwards or sideways", () => {
      expect(effective([a(role("Contributor"), WS)], OP.createCompute, RG).allowed).to.equal(false);
      expect(effective([a(role("Contributor"), `${SUB}/resourceGroups/rg-fraud2`)], OP.createCompute, WS).allowed).to.equal(false);
      expect(effective([a(role("Contributor"), `${SUB}/resourceGroups/rg-fra`)], OP.createCompute, WS).allowed).to.equal(false);
    });
    it("compares scopes case-insensitively and ignores trailing slashes", () => {
      expect(scopeCovers(RG.toUpperCase() + "/", WS)).to.equal(true);
    });
  });

  describe("role files and the catalog", () => {
    it("loads the camelCase form az role definition list prints", () => {
      const r = parseRoleDefinition(
        [{ roleName: "X", name: "f6c7c914-8db3-469d-8ca1-694a8f32e121", roleType: "CustomRole", assignableScopes: ["/subscriptions/x"], permissions: [{ actions: ["a/*"], notActions: [], dataActions: [], notDataActions: [] }] }],
        "x.json",
      );
      expect(r).to.deep.include({ name: "X", isCustom: true, id: "f6c7c914-8db3-469d-8ca1-694a8f32e121" });
      expect(r.permissions[0].actions).to.deep.equal(["a/*"]);
    });
    it("rejects a role file without a name or scopes, naming the field", () => {
      expect(() => parseRoleDefinition({ Actions: ["*"] }, "bad.json")).to.throw(/bad\.json#name/);
      expect(() => parseRoleDefinition({ Name: "n", Actions: ["*"] }, "bad.json")).to.throw(/bad\.json#assignableScopes/);
    });
    it("reports a missing or invalid file against the config path", () => {
      expect(() => loadRoleDefinitionFile("roles/nope.json", process.cwd(), "azureml-platform:customRoles[0].file")).to.throw(/customRoles\[0\]\.file: custom role file must exist/);
      expect(() => loadRoleDefinitionFile("package.json", process.cwd(), "p")).to.throw(/package\.json#assignableScopes/);
    });
    it("resolves built-ins by name case-insensitively, by GUID and by full id", () => {
      expect(catalog.resolve("azureml data scientist")?.id).to.equal("f6c7c914-8db3-469d-8ca1-694a8f32e121");
      expect(catalog.resolve("acdd72a7-3385-48ef-bd42-f606fba81ae7")?.name).to.equal("Reader");
      expect(catalog.resolve("/subscriptions/x/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635")?.name).to.equal("Owner");
      expect(catalog.resolve("RBAC Administrator")?.name).to.equal("Role Based Access Control Administrator");
    });
    it("ships every built-in role the issue lists, with unique GUIDs", () => {
      const names = ["Owner", "Contributor", "Reader", "User Access Administrator", "Role Based Access Control Administrator", "AzureML Data Scientist", "AzureML Compute Operator", "AzureML Registry User", "AzureML Metrics Writer (preview)", "Azure AI Developer", "Storage Blob Data Contributor", "Storage Blob Data Reader", "Key Vault Administrator", "Key Vault Secrets User", "AcrPull", "AcrPush"];
      for (const n of names) expect(catalog.resolve(n), n).to.not.equal(undefined);
      expect(new Set(names.map((n) => catalog.resolve(n)!.id)).size).to.equal(names.length);
    });
    it("suggests the closest names for an unknown role", () => {
      expect(catalog.resolve("AzureML Data Scientst")).to.equal(undefined);
      expect(catalog.suggestions("AzureML Data Scientst")[0]).to.equal("AzureML Data Scientist");
    });
    it("lets a custom role shadow nothing but itself", () => {
      const c = new RoleCatalog([seed]);
      expect(c.resolve("data scientist")).to.equal(seed);
      expect(c.resolve("AzureML Data Scientist")?.isCustom).to.equal(false);
    });
  });
});

describe("catalog references", () => {
  const catalog = new RoleCatalog();
  it("reads a role definition GUID from a full id, a bare GUID, any case or padding; nothing else", () => {
    expect(roleDefinitionGuid(" /subscriptions/s/providers/Microsoft.Authorization/roleDefinitions/ACDD72A7-3385-48EF-BD42-F606FBA81AE7 ")).to.equal("acdd72a7-3385-48ef-bd42-f606fba81ae7");
    expect(roleDefinitionGuid("x-acdd72a7-3385-48ef-bd42-f606fba81ae7")).to.equal(undefined);
    expect(roleDefinitionGuid("acdd72a7-3385-48ef-bd42-f606fba81ae7-x")).to.equal(undefined);
    expect(roleDefinitionGuid("Reader")).to.equal(undefined);
    expect(isGuid("acdd72a7-3385-48ef-bd42-f606fba81ae7")).to.equal(true);
    expect(isGuid("acdd72a7338548efbd42f606fba81ae7")).to.equal(false);
  });
  it("resolves names with surrounding space and the documented short aliases", () => {
    expect(catalog.resolve("  owner  ")?.id).to.equal("8e3af657-a8ff-443c-a75c-2fe8c4bcb635");
    expect(catalog.resolve("RBAC Administrator")?.name).to.equal("Role Based Access Control Administrator");
    expect(catalog.resolve("no such role")).to.equal(undefined);
    expect(catalog.resolve("00000000-0000-4000-8000-000000000000")).to.equal(undefined);
  });
});

describe("operation patterns: whitespace and case", () => {
  it("ignores surrounding space in patterns and operations, and case everywhere", () => {
    const role = { name: "r", isCustom: true, assignableScopes: [], permissions: [{ actions: [" Microsoft.Storage/* "], notActions: [], dataActions: [], notDataActions: [] }] };
    expect(allows(role, "  microsoft.storage/storageAccounts/read ")).to.equal(true);
    expect(allows(role, "Microsoft.Compute/virtualMachines/read")).to.equal(false);
  });
});

describe("roles/data-scientist-restricted.json excludes what it says, under the literal reading too", () => {
  const restricted = loadRoleDefinitionFile("roles/data-scientist-restricted.json", path.resolve(__dirname, "../.."), "test");
  const ML = "Microsoft.MachineLearningServices/workspaces";
  // Every operation its description ("can't create or delete compute or datastores, change the
  // workspace, its network or its connections, read secrets, or add, delete or alter role
  // assignments and locks") and the README rule out, by its published string (test/fixtures/rp-operations).
  const EXCLUDED = [
    ...KEY_OPERATION_STRINGS.createCompute, ...KEY_OPERATION_STRINGS.deleteCompute, ...KEY_OPERATION_STRINGS.deleteWorkspace,
    ...KEY_OPERATION_STRINGS.createDatastore, ...KEY_OPERATION_STRINGS.writeRoleAssignments, ...KEY_OPERATION_STRINGS.deleteRoleAssignments,
    ...KEY_OPERATION_STRINGS.deleteLocks, ...KEY_OPERATION_STRINGS.changeWorkspaceSettings, ...KEY_OPERATION_STRINGS.writeOutboundRules,
    ...KEY_OPERATION_STRINGS.createConnection, ...KEY_OPERATION_STRINGS.readConnectionSecrets, ...KEY_OPERATION_STRINGS.readWorkspaceSecrets,
    "Microsoft.Authorization/locks/write",
    "Microsoft.Authorization/roleDefinitions/write",
    `${ML}/outboundRules/delete`,
    `${ML}/managedNetworks/outboundRules/delete`,
    `${ML}/provisionManagedNetwork/action`,
    `${ML}/privateEndpointConnections/write`,
    `${ML}/privateEndpointConnectionsApproval/action`,
    `${ML}/listStorageAccountKeys/action`,
    // The storage account's own keys and the SAS tokens they sign, where the role reaches the account (resource group scope or above).
    "Microsoft.Storage/storageAccounts/listKeys/action",
    "Microsoft.Storage/storageAccounts/regenerateKey/action",
    "Microsoft.Storage/storageAccounts/ListAccountSas/action",
    "Microsoft.Storage/storageAccounts/listServiceSas/action",
    `${ML}/resynckeys/action`,
    `${ML}/listNotebookKeys/read`,
    `${ML}/computes/listKeys/action`,
    `${ML}/datastores/listsecrets/action`,
    `${ML}/environments/readSecrets/action`,
    `${ML}/metadata/secrets/read`,
    `${ML}/endpoints/listkeys/action`,
    `${ML}/onlineendpoints/listkeys/action`,
    `${ML}/onlineendpoints/regeneratekeys/action`,
    `${ML}/batchEndpoints/listKeys/action`,
    `${ML}/serverlessEndpoints/listKeys/action`,
    `${ML}/serverlessEndpoints/regenerateKeys/action`,
    `${ML}/services/aci/listkeys/action`,
    `${ML}/services/aks/listkeys/action`,
    `${ML}/providers/Microsoft.Insights/diagnosticSettings/write`,
    "Microsoft.Insights/diagnosticSettings/write",
    "Microsoft.Insights/diagnosticSettings/delete",
  ];
  it("denies every excluded operation under the literal reading (and the documented one)", () => {
    for (const op of EXCLUDED) {
      expect(allows(restricted, op, { reading: "literal" }), `literal: ${op}`).to.equal(false);
      expect(allows(restricted, op, { reading: "documented" }), `documented: ${op}`).to.equal(false);
    }
  });
  it("still lets a data scientist work: jobs, models (both strings), compute reads, data assets", () => {
    for (const op of [...KEY_OPERATION_STRINGS.submitJob, ...KEY_OPERATION_STRINGS.registerModel, COMPUTE_READ, `${ML}/data/versions/write`, `${ML}/environments/write`, `${ML}/computes/start/action`])
      expect(allowsUnder(restricted, op), op).to.deep.equal({ documented: true, literal: true });
  });
});

describe("assignable scopes", () => {
  const custom = (assignableScopes: string[]): RoleDefinition => ({ name: "c", isCustom: true, assignableScopes, permissions: [] });
  it("a custom role is assignable at or below a concrete assignable scope only", () => {
    expect(withinAssignableScopes(custom([RG]), WS)).to.equal(true);
    expect(withinAssignableScopes(custom([RG]), RG)).to.equal(true);
    expect(withinAssignableScopes(custom([WS]), RG)).to.equal(false);
    expect(withinAssignableScopes(custom([`${SUB}/resourceGroups/other`]), WS)).to.equal(false);
    expect(withinAssignableScopes(custom([`${SUB}/resourceGroups/other`, RG]), WS)).to.equal(true);
  });
  it("ignores placeholder scopes, and a role with none is assignable where its creator puts it", () => {
    expect(withinAssignableScopes(custom([]), WS)).to.equal(true);
    expect(withinAssignableScopes(custom(["/subscriptions/<subscription_id>/resourceGroups/<rg>"]), WS)).to.equal(true);
    expect(withinAssignableScopes(custom(["/subscriptions/<subscription_id>", `${SUB}/resourceGroups/other`]), WS)).to.equal(false);
  });
  it("a custom role assignable at a management group is assignable at any scope but root: the group's subscriptions are not visible", () => {
    const MG = "/providers/Microsoft.Management/managementGroups/mg-ml";
    for (const scope of [WS, RG, SUB, MG, `${MG}-child`]) expect(withinAssignableScopes(custom([MG]), scope), scope).to.equal(true);
    expect(withinAssignableScopes(custom([MG]), "/")).to.equal(false);
    const owner = { ...(new RoleCatalog().resolve("Owner") as RoleDefinition), isCustom: true, assignableScopes: [MG] };
    expect(effective([{ principalId: "p", scope: RG, role: owner }], OP.createCompute, WS).allowed).to.equal(true);
  });
  it("built-in roles are assignable everywhere", () => {
    expect(withinAssignableScopes({ ...custom([`${SUB}/resourceGroups/other`]), isCustom: false }, WS)).to.equal(true);
  });
  it("effective() ignores an assignment Azure would refuse", () => {
    const owner = { ...(new RoleCatalog().resolve("Owner") as RoleDefinition), isCustom: true };
    expect(effective([{ principalId: "p", scope: WS, role: { ...owner, assignableScopes: [`${SUB}/resourceGroups/other`] } }], OP.createCompute, WS).allowed).to.equal(false);
    expect(effective([{ principalId: "p", scope: WS, role: { ...owner, assignableScopes: [RG] } }], OP.createCompute, WS).allowed).to.equal(true);
  });
});
