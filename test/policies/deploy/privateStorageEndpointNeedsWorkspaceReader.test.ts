import { expect } from "chai";
import { privateStorageEndpointNeedsWorkspaceReader as P } from "../../../policies/deploy/privateStorageEndpointNeedsWorkspaceReader";
import { EngineResource } from "../../../plan/engine";
import { check, expectDeferred, expectDocumented, expectPass, expectViolation, unknown } from "../../helpers/policy";
import { assignment, endpoint, id, RG_ID, ROLE, roleId, storage, uai, vault, workspace } from "./fixtures";

const privateStorage = (props: Record<string, any> = {}, name = "st") => storage({ publicNetworkAccess: "Disabled", ...props }, name);
const wsOn = (st: EngineResource, props: Record<string, any> = {}) => workspace({ storageAccount: unknown.string, identity: { type: "SystemAssigned" }, ...props }, { storageAccount: [st] });
const pe = (st: EngineResource, groupIds: unknown, name = "pe-blob", list = "privateLinkServiceConnections") =>
  endpoint({ [list]: [{ name: "c", privateLinkServiceId: unknown.string, groupIds }] }, { [list]: [st] }, name);
const reader = (principal: EngineResource, target: EngineResource | string, role = ROLE.reader) =>
  assignment(
    { scope: typeof target === "string" ? target : unknown.string, principalId: unknown.string, roleDefinitionId: roleId(role) },
    { principalId: [principal], scope: typeof target === "string" ? [] : [target] },
  );

describe("private-storage-endpoint-needs-workspace-reader", () => {
  it("is documented, citing how-to-managed-network's studio section", () => {
    expectDocumented(P);
    expect(P.url).to.match(/how-to-managed-network#azure-machine-learning-studio$/);
  });

  it("reports a blob or file endpoint to private storage without Reader for the workspace identity, on the endpoint", async () => {
    const st = privateStorage();
    const v = await check(P, [st, wsOn(st), pe(st, ["blob"]), pe(st, ["FILE"], "pe-file")]);
    expect(v.map((x) => [x.urn!.split("::").pop(), x.message])).to.deep.equal([
      ["pe-blob", "private endpoint pe-blob reaches the private storage of workspace mlw, but the workspace's managed identity has no Reader on it: the studio cannot show the workspace's data"],
      ["pe-file", "private endpoint pe-file reaches the private storage of workspace mlw, but the workspace's managed identity has no Reader on it: the studio cannot show the workspace's data"],
    ]);
  });
  it("passes Reader (or a broader role) for the system identity on the endpoint or its resource group", async () => {
    const st = privateStorage();
    const ws = wsOn(st);
    const e = pe(st, ["blob"]);
    await expectPass(P, [st, ws, e, reader(ws, e)]);
    await expectPass(P, [st, ws, e, reader(ws, e, ROLE.contributor)]);
    await expectPass(P, [st, ws, e, reader(ws, id.endpoint().toUpperCase())]);
    await expectPass(P, [st, ws, e, reader(ws, RG_ID)]);
    await expectViolation(P, [st, ws, e, reader(ws, e, ROLE.storageBlobDataContributor)], /no Reader/);
    await expectViolation(P, [st, ws, e, reader(ws, id.endpoint("pe-other"))], /no Reader/);
    await expectViolation(P, [st, ws, e, reader(ws, st)], /no Reader/);
  });
  it("takes the workspace's user-assigned identity as its managed identity too", async () => {
    const st = privateStorage();
    const me = uai();
    const ws = workspace({ storageAccount: unknown.string, identity: { type: "UserAssigned", userAssignedIdentities: [unknown.string] } }, { storageAccount: [st], identity: [me] });
    const e = pe(st, ["blob"]);
    await expectPass(P, [st, me, ws, e, reader(me, e)]);
    await expectViolation(P, [st, me, ws, e, reader(ws, e)], /no Reader/);
  });
  it("does not apply to public storage, endpoints to other sub-resources or other accounts, or storage outside the stack", async () => {
    const st = privateStorage();
    const pub = storage({ publicNetworkAccess: "Enabled" });
    await expectPass(P, [pub, wsOn(pub), pe(pub, ["blob"])]);
    const unset = storage({});
    await expectPass(P, [unset, wsOn(unset), pe(unset, ["blob"])]);
    await expectPass(P, [st, wsOn(st), pe(st, ["queue", "table"])]);
    await expectPass(P, [st, wsOn(st), pe(st, "blob")]);
    await expectPass(P, [st, wsOn(st), pe(st, [42])]);
    const other = privateStorage({ accountName: "stother" }, "st-other");
    await expectPass(P, [st, other, wsOn(st), pe(other, ["blob"])]);
    await expectPass(P, [st, workspace({ storageAccount: id.storage("stexternal") }), endpoint({ privateLinkServiceConnections: [{ privateLinkServiceId: id.storage("stexternal"), groupIds: ["blob"] }] })]);
    await expectPass(P, [workspace({})]);
  });
  it("finds endpoints by the storage id, manual connections too, case-insensitively", async () => {
    const st = privateStorage();
    const ws = workspace({ storageAccount: id.storage(), identity: { type: "SystemAssigned" } });
    await expectViolation(P, [st, ws, endpoint({ privateLinkServiceConnections: [{ privateLinkServiceId: id.storage().toUpperCase(), groupIds: ["blob"] }] })], /no Reader/);
    await expectViolation(P, [st, ws, endpoint({ manualPrivateLinkServiceConnections: [{ privateLinkServiceId: id.storage(), groupIds: ["file"] }] })], /no Reader/);
    await expectPass(P, [st, ws, endpoint({ privateLinkServiceConnections: [{ privateLinkServiceId: id.storage("stml2"), groupIds: ["blob"] }] })]);
    await expectPass(P, [st, ws, endpoint({ privateLinkServiceConnections: [{ privateLinkServiceId: id.vault("stml"), groupIds: ["blob"] }] })]);
    await expectPass(P, [st, ws, endpoint({ privateLinkServiceConnections: "none" })]);
  });
  it("skips an endpoint built from another resource of the stack (the workspace's own endpoint)", () => {
    const st = privateStorage();
    const ws = wsOn(st);
    const kv = vault();
    return expectPass(P, [st, ws, kv, endpoint({ privateLinkServiceConnections: [{ privateLinkServiceId: unknown.string, groupIds: ["vault"] }] }, { privateLinkServiceConnections: [kv] }, "pe-kv")]);
  });
  it("defers what a first preview cannot know", async () => {
    const st = privateStorage();
    await expectDeferred(P, [st, workspace({ storageAccount: unknown.string })], "storageAccount");
    const unknownAccess = storage({ publicNetworkAccess: unknown.string });
    await expectDeferred(P, [unknownAccess, wsOn(unknownAccess)], "publicNetworkAccess");
    await expectDeferred(P, [st, wsOn(st), pe(st, unknown.array)], "privateLinkServiceConnections.0.groupIds");
    await expectDeferred(P, [st, wsOn(st), pe(st, [unknown.string])], "privateLinkServiceConnections.0.groupIds.0");
    await expectDeferred(P, [st, wsOn(st), endpoint({ privateLinkServiceConnections: unknown.array })], "privateLinkServiceConnections");
    await expectDeferred(P, [st, wsOn(st), endpoint({ privateLinkServiceConnections: [{ privateLinkServiceId: unknown.string }] })], "privateLinkServiceConnections.0.privateLinkServiceId");
    await expectDeferred(P, [st, wsOn(st, { identity: { type: unknown.string } }), pe(st, ["blob"])], "identity.type");
    const e = pe(st, ["blob"]);
    await expectDeferred(P, [st, wsOn(st), e, assignment({ scope: unknown.string, principalId: unknown.string, roleDefinitionId: roleId(ROLE.reader) }, { scope: [e] })], "principalId");
  });
  it("checks each workspace against its own storage", async () => {
    const a = privateStorage();
    const b = privateStorage({ accountName: "stb" }, "st-b");
    const v = await check(P, [a, b, wsOn(a), { ...wsOn(b), name: "mlw-b", urn: "urn:pulumi:test::proj::azure-native:machinelearningservices:Workspace::mlw-b" }, pe(b, ["blob"], "pe-b")]);
    expect(v.map((x) => x.message)).to.deep.equal(["private endpoint pe-b reaches the private storage of workspace mlw-b, but the workspace's managed identity has no Reader on it: the studio cannot show the workspace's data"]);
  });
});
