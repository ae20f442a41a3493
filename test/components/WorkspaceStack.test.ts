import * as recorderModule from "../../plan/recorder";
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { WorkspaceStack, WorkspaceStackArgs } from "../../components/WorkspaceStack";
import { PlatformConfigError } from "../../config/errors";
import { deterministicGuid } from "../../rbac/ids";
import { ProgramRun } from "../../plan/run";
import { inputs, ofType, plainInputs, runUnderMocks, single } from "../helpers/harness";

const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/shared/providers";
const T = {
  rg: "azure-native:resources:ResourceGroup",
  storage: "azure-native:storage:StorageAccount",
  blob: "azure-native:storage:BlobServiceProperties",
  kv: "azure-native:keyvault:Vault",
  logs: "azure-native:operationalinsights:Workspace",
  appi: "azure-native:applicationinsights:Component",
  acr: "azure-native:containerregistry:Registry",
  ws: "azure-native:machinelearningservices:Workspace",
  compute: "azure-native:machinelearningservices:Compute",
  diag: "azure-native:monitor:DiagnosticSetting",
  lock: "azure-native:authorization:ManagementLockByScope",
  assignment: "azure-native:authorization:RoleAssignment",
  identity: "azure-native:managedidentity:UserAssignedIdentity",
  pe: "azure-native:network:PrivateEndpoint",
  zoneGroup: "azure-native:network:PrivateDnsZoneGroup",
  zone: "azure-native:privatedns:PrivateZone",
  link: "azure-native:privatedns:VirtualNetworkLink",
};

const ROLE_GUID = {
  contributor: "b24988ac-6180-42a0-ab88-20f7382dd24c",
  blobDataContributor: "ba92f5b4-2d11-453d-a403-e96b0029c9fe",
  keyVaultAdministrator: "00482a5a-887f-4fb3-b363-3b7fe8e74483",
  cryptoServiceEncryptionUser: "e147488a-f6f5-4113-8e2d-b22465e65bf6",
  acrPull: "7f951dda-4ed3-4680-a7ca-43fe172d538d",
  reader: "acdd72a7-3385-48ef-bd42-f606fba81ae7",
  queueDataContributor: "974c5e8b-45b9-4653-ba55-5f855dd0fb88",
  tableDataContributor: "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3",
  networkConnectionApprover: "b556d68e-0be0-4f35-a333-ad7ee1ce17ea",
};

/** Role assignments as `<role guid> on <scope tail>` for one principal, sorted. */
function grantsOf(run: ProgramRun, principalId: string): string[] {
  return ofType(run, T.assignment)
    .map((r) => plainInputs(r))
    .filter((a) => a.principalId === principalId)
    .map((a) => `${String(a.roleDefinitionId).split("/").pop()} on ${String(a.scope).split("/providers/").pop()}`)
    .sort();
}

type Outputs = Record<string, unknown>;

function build(args: Partial<WorkspaceStackArgs> & { name?: string } = {}): Promise<ProgramRun> {
  const { name = "fraud", ...rest } = args;
  return runUnderMocks(() => {
    const stack = new WorkspaceStack(name, { project: "fraud", location: "westeurope", ...rest });
    return {
      workspaceName: stack.workspaceName,
      workspaceId: stack.workspaceId,
      resourceGroupName: stack.resourceGroupName,
      resourceGroupId: stack.resourceGroupId,
      storageAccountId: stack.storageAccountId,
      keyVaultId: stack.keyVaultId,
      applicationInsightsId: stack.applicationInsightsId,
      logAnalyticsWorkspaceId: stack.logAnalyticsWorkspaceId,
      containerRegistryId: stack.containerRegistryId,
      principalId: stack.principalId,
      studioUrl: stack.studioUrl,
      computeIds: stack.computeIds,
      names: pulumi.output(stack.resourceNames),
      storageAccountOwned: stack.accessTarget.storageAccountOwned ?? false,
      storageSharedKeyAccess: stack.accessTarget.storageSharedKeyAccess ?? "unknown",
    };
  });
}

/** Bad arguments fail with a PlatformConfigError naming field, rule and value, and register nothing. */
async function expectRefused(args: Partial<WorkspaceStackArgs> & { name?: string }, message: RegExp): Promise<void> {
  let error: unknown;
  const run = await build(args).catch((e) => {
    error = e;
    return undefined;
  });
  expect(run).to.equal(undefined);
  expect(error).to.be.instanceOf(PlatformConfigError);
  expect((error as Error).message).to.match(message);
}

describe("WorkspaceStack", () => {
  describe("dev defaults", () => {
    let run: ProgramRun;
    before(async () => {
      run = await build({ environment: "dev", computes: [{ name: "cpu-cluster", vmSize: "Standard_DS3_v2", maxNodes: 4 }] });
    });

    it("creates the resource group, storage, key vault, Log Analytics, Application Insights and workspace, but no registry", () => {
      for (const t of [T.rg, T.storage, T.blob, T.kv, T.logs, T.appi, T.ws, T.compute]) expect(ofType(run, t), t).to.have.length(1);
      expect(ofType(run, T.acr)).to.have.length(0);
      expect(ofType(run, T.lock)).to.have.length(0);
      expect(ofType(run, T.diag)).to.have.length(0);
    });

    it("keeps Shared Key on outside prod, and tells the access matrix so", () => {
      expect(inputs(run, T.storage).allowSharedKeyAccess).to.equal(true);
      expect((run.outputs as any).storageSharedKeyAccess).to.equal(true);
    });

    it("parents every child to the component, whose type is in each child URN", () => {
      const component = run.resources.find((r) => r.type === "azureml-platform:index:WorkspaceStack")!;
      expect(component.urn).to.equal("urn:pulumi:test::azureml-platform::azureml-platform:index:WorkspaceStack::fraud");
      const children = run.resources.filter((r) => r.custom);
      // rg, storage, blob service, key vault, Log Analytics, Application Insights, workspace, compute and its data grant
      expect(children.length).to.equal(9);
      for (const child of children) {
        expect(child.parent, child.name).to.equal(component.urn);
        expect(child.urn).to.contain("azureml-platform:index:WorkspaceStack$");
        expect(child.name.startsWith("fraud-")).to.equal(true);
      }
    });

    it("hardens storage even in dev: HTTPS only, TLS 1.2, no public blobs, soft delete and versioning", () => {
      const sa = inputs(run, T.storage);
      expect(sa).to.deep.include({ kind: "StorageV2", enableHttpsTrafficOnly: true, minimumTlsVersion: "TLS1_2", allowBlobPublicAccess: false, allowSharedKeyAccess: true });
      expect(sa.accountName).to.match(/^stfrauddevfraud[0-9a-f]{6}$/);
      const blob = inputs(run, T.blob);
      expect(blob.isVersioningEnabled).to.equal(true);
      expect(blob.deleteRetentionPolicy).to.deep.equal({ enabled: true, days: 7 });
      expect(blob.containerDeleteRetentionPolicy).to.deep.equal({ enabled: true, days: 7 });
      expect(single(run, T.storage).protect).to.equal(false);
    });

    it("uses RBAC authorization, soft delete and purge protection on the key vault", () => {
      const p = inputs(run, T.kv).properties;
      expect(p).to.deep.include({ enableRbacAuthorization: true, enableSoftDelete: true, enablePurgeProtection: true, publicNetworkAccess: "Enabled" });
      expect(p.tenantId).to.equal("00000000-0000-4000-8000-000000000002");
    });

    it("makes Application Insights workspace-based", () => {
      const appi = inputs(run, T.appi);
      expect(appi.ingestionMode).to.equal("LogAnalytics");
      expect(appi.workspaceResourceId).to.match(/Microsoft\.OperationalInsights\/workspaces\/log-fraud-dev-fraud$/);
    });

    it("wires the workspace to its dependencies with a system identity and identity-based datastores", () => {
      const w = inputs(run, T.ws);
      expect(w.identity).to.deep.equal({ type: "SystemAssigned" });
      expect(w.systemDatastoresAuthMode).to.equal("identity");
      expect(w.hbiWorkspace).to.equal(false);
      expect(w.publicNetworkAccess).to.equal("Enabled");
      expect(w.managedNetwork.isolationMode).to.equal("AllowInternetOutbound");
      expect(w.storageAccount).to.match(/storageAccounts\/stfrauddevfraud/);
      expect(w.keyVault).to.match(/vaults\/kv-fraud-dev/);
      expect(w.applicationInsights).to.match(/components\/appi-fraud-dev-fraud$/);
      expect(w).to.not.have.property("containerRegistry");
      expect(w.friendlyName).to.equal("fraud");
    });

    it("creates compute clusters that scale to zero with local auth disabled and a managed identity", () => {
      const c = inputs(run, T.compute);
      expect(c.computeName).to.equal("cpu-cluster");
      expect(c.identity).to.deep.equal({ type: "SystemAssigned" });
      expect(c.properties.computeType).to.equal("AmlCompute");
      expect(c.properties.disableLocalAuth).to.equal(true);
      expect(c.properties.properties.scaleSettings).to.deep.equal({ minNodeCount: 0, maxNodeCount: 4, nodeIdleTimeBeforeScaleDown: "PT15M" });
    });

    it("exports names, ids, the principal and the studio URL; no registry in onDemand mode", () => {
      const o = run.outputs as Outputs;
      expect(o.workspaceName).to.match(/^mlw-fraud-dev-fraud-[0-9a-f]{6}$/);
      expect(o.resourceGroupName).to.equal("rg-fraud-dev-fraud");
      expect(o.workspaceId).to.match(/^\/subscriptions\/.+\/resourceGroups\/rg-fraud-dev-fraud\/providers\/Microsoft\.MachineLearningServices\/workspaces\/mlw-/);
      expect(o.principalId).to.match(/^[0-9a-f-]{36}$/);
      expect(o.studioUrl).to.equal(`https://ml.azure.com/home?wsid=${o.workspaceId}&tid=00000000-0000-4000-8000-000000000002`);
      expect(o.containerRegistryId).to.equal(undefined);
      expect(Object.keys(o.computeIds as object)).to.deep.equal(["cpu-cluster"]);
      for (const k of ["storageAccountId", "keyVaultId", "applicationInsightsId", "logAnalyticsWorkspaceId", "resourceGroupId"]) expect(o[k], k).to.be.a("string");
    });
  });

  describe("prod defaults", () => {
    let run: ProgramRun;
    before(async () => {
      run = await build({ environment: "prod", containerRegistry: { create: true } });
    });

    it("protects storage, key vault and workspace so destroy cannot delete data", () => {
      expect(single(run, T.storage).protect).to.equal(true);
      expect(single(run, T.kv).protect).to.equal(true);
      expect(single(run, T.ws).protect).to.equal(true);
    });

    it("locks nothing under its managed network (how-to-managed-network, Limitations), and sends its diagnostics to Log Analytics", async () => {
      expect(ofType(run, T.lock)).to.deep.equal([]);
      // Without a managed network, the data (storage account, key vault) is locked, never the workspace.
      const unmanaged = await build({ environment: "prod", containerRegistry: { create: true }, managedNetworkIsolation: "Disabled" });
      const locks = ofType(unmanaged, T.lock).map((l) => plainInputs(l));
      expect(locks.map((l) => l.level)).to.deep.equal(["CanNotDelete", "CanNotDelete"]);
      expect(locks.map((l) => String(l.scope).split("/providers/")[1]).sort()).to.deep.equal([
        `Microsoft.KeyVault/vaults/${(unmanaged.outputs as any).names.keyVault}`,
        `Microsoft.Storage/storageAccounts/${(unmanaged.outputs as any).names.storageAccount}`,
      ]);
      expect(locks.some((l) => /machinelearningservices/i.test(String(l.scope)))).to.equal(false);
      const diags = new Map(ofType(run, T.diag).map((d) => [d.name, plainInputs(d)]));
      const diag = diags.get("fraud-diag")!;
      expect(diag.resourceUri).to.match(/workspaces\/mlw-fraud-prod-fraud-/);
      expect(diag.workspaceId).to.match(/workspaces\/log-fraud-prod-fraud$/);
      expect(diag.logs).to.deep.equal([{ categoryGroup: "allLogs", enabled: true }]);
      // Audit logs of the key vault and container registry it creates (PSRule Azure.KeyVault.Logs, Azure.ACR.Logs).
      for (const [name, type] of [["fraud-kv-diag", "Microsoft.KeyVault/vaults"], ["fraud-acr-diag", "Microsoft.ContainerRegistry/registries"]]) {
        expect(String(diags.get(name)!.resourceUri), name).to.contain(type);
        expect(diags.get(name)!.logs, name).to.deep.equal([{ categoryGroup: "audit", enabled: true }]);
        expect(diags.get(name)!.workspaceId, name).to.equal(diag.workspaceId);
      }
    });

    it("does not lock or protect data it adopts", async () => {
      const adopted = await build({ environment: "prod", storageAccount: { existingId: `${SUB}/Microsoft.Storage/storageAccounts/stshared` }, keyVault: { existingId: `${SUB}/Microsoft.KeyVault/vaults/kv-shared` } });
      expect(ofType(adopted, T.lock)).to.have.length(0);
      expect(single(adopted, T.ws).protect).to.equal(true);
      // Another workspace may adopt the same account: its access target does not claim it alone.
      expect((adopted.outputs as any).storageAccountOwned).to.equal(false);
      expect((run.outputs as any).storageAccountOwned).to.equal(true);
      // What the access matrix knows of Shared Key: off for the prod account it created, unknown for an adopted one.
      expect((run.outputs as any).storageSharedKeyAccess).to.equal(false);
      expect((adopted.outputs as any).storageSharedKeyAccess).to.equal("unknown");
    });

    it("turns off public access, shared keys and turns on HBI and approved-only outbound", () => {
      const w = inputs(run, T.ws);
      expect(w).to.deep.include({ publicNetworkAccess: "Disabled", hbiWorkspace: true });
      expect(w.managedNetwork.isolationMode).to.equal("AllowOnlyApprovedOutbound");
      expect(inputs(run, T.storage).allowSharedKeyAccess).to.equal(false);
      expect(inputs(run, T.kv).properties.publicNetworkAccess).to.equal("Disabled");
      expect(inputs(run, T.blob).deleteRetentionPolicy.days).to.equal(30);
    });

    it("keeps prod data across zones and regions where the region has zones (GZRS, a zone-redundant registry), geo-redundant elsewhere", async () => {
      expect(inputs(run, T.storage).sku).to.deep.equal({ name: "Standard_GZRS" });
      expect(inputs(run, T.acr).zoneRedundancy).to.equal("Enabled");
      const noZones = await build({ environment: "prod", containerRegistry: { create: true }, location: "ukwest" });
      expect(inputs(noZones, T.storage).sku).to.deep.equal({ name: "Standard_GRS" });
      expect(inputs(noZones, T.acr).zoneRedundancy).to.equal(undefined); // left to Azure
      const dev = await build({ environment: "dev", containerRegistry: { create: true }, location: "westeurope" });
      expect(inputs(dev, T.storage).sku).to.deep.equal({ name: "Standard_LRS" });
      expect(inputs(dev, T.acr).zoneRedundancy).to.equal("Disabled");
    });

    it("creates a Premium registry without admin user, anonymous pull or public access, and wires it", () => {
      const acr = inputs(run, T.acr);
      expect(acr).to.deep.include({ adminUserEnabled: false, anonymousPullEnabled: false, publicNetworkAccess: "Disabled" });
      expect(acr.sku).to.deep.equal({ name: "Premium" });
      expect(inputs(run, T.ws).containerRegistry).to.match(/registries\/crfraudprodfraud[0-9a-f]{6}$/);
      expect((run.outputs as Outputs).containerRegistryId).to.match(/registries\/crfraudprodfraud/);
    });
  });

  describe("compute identities", () => {
    it("gives each cluster's identity Storage Blob Data Contributor on the workspace storage, and no AcrPull Azure ML grants itself", async () => {
      const run = await build({ environment: "prod", containerRegistry: { create: true }, computes: [{ name: "cpu", vmSize: "Standard_DS3_v2", maxNodes: 2 }, { name: "gpu", vmSize: "Standard_NC4as_T4_v3", maxNodes: 1 }] });
      const names = (run.outputs as any).names;
      for (const c of ofType(run, T.compute)) {
        const compute = plainInputs(c);
        expect(compute.identity).to.deep.equal({ type: "SystemAssigned" });
        const id = `/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/${names.resourceGroup}/providers/Microsoft.MachineLearningServices/workspaces/${names.workspace}/computes/${compute.computeName}`;
        const principal = deterministicGuid("mock-principal", id);
        expect(grantsOf(run, principal)).to.deep.equal([`${ROLE_GUID.blobDataContributor} on Microsoft.Storage/storageAccounts/${names.storageAccount}`]);
      }
      expect(ofType(run, T.assignment).map((r) => String(plainInputs(r).roleDefinitionId).split("/").pop())).to.not.include(ROLE_GUID.acrPull);
      for (const a of ofType(run, T.assignment).map((r) => plainInputs(r))) {
        expect(a.principalType).to.equal("ServicePrincipal");
        expect(a.roleAssignmentName).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      }
    });

    it("for batch endpoints adds Storage Queue and Table Data Contributor per compute and the queue/table private-endpoint rules", async () => {
      const run = await build({ environment: "prod", batchEndpoints: true, computes: [{ name: "cpu", vmSize: "Standard_DS3_v2", maxNodes: 2 }] });
      const names = (run.outputs as any).names;
      const principal = deterministicGuid("mock-principal", `/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/${names.resourceGroup}/providers/Microsoft.MachineLearningServices/workspaces/${names.workspace}/computes/cpu`);
      const storage = `Microsoft.Storage/storageAccounts/${names.storageAccount}`;
      expect(grantsOf(run, principal)).to.deep.equal([`${ROLE_GUID.blobDataContributor} on ${storage}`, `${ROLE_GUID.queueDataContributor} on ${storage}`, `${ROLE_GUID.tableDataContributor} on ${storage}`].sort());
      const rules = inputs(run, T.ws).managedNetwork.outboundRules;
      for (const service of ["queue", "table"])
        expect(rules[`batch-storage-${service}`]).to.deep.equal({ type: "PrivateEndpoint", category: "UserDefined", destination: { serviceResourceId: (run.outputs as Outputs).storageAccountId, subresourceTarget: service, sparkEnabled: false } });
      // The workspace's own storage needs no approver grant: its creation covers it.
      expect(ofType(run, T.assignment).some((r) => String(plainInputs(r).roleDefinitionId).endsWith(ROLE_GUID.networkConnectionApprover))).to.equal(false);
      // Internet-outbound mode gets no user-defined private-endpoint rules; the roles still apply.
      const dev = await build({ batchEndpoints: true, computes: [{ name: "cpu", vmSize: "Standard_DS3_v2", maxNodes: 2 }] });
      expect(inputs(dev, T.ws).managedNetwork).to.not.have.property("outboundRules");
      expect(ofType(dev, T.assignment)).to.have.length(3);
    });
  });

  describe("user-assigned identity and customer-managed key", () => {
    const KEY_VAULT = `${SUB}/Microsoft.KeyVault/vaults/kv-cmk`;
    const KEY_URI = "https://kv-cmk.vault.azure.net/keys/ws/0123456789abcdef0123456789abcdef";

    it("creates the identity, makes it primary beside the system identity, and grants what the Azure ML docs list", async () => {
      const run = await build({ environment: "prod", containerRegistry: { create: true }, identity: { userAssigned: { create: true } } });
      const names = (run.outputs as any).names;
      const identity = single(run, T.identity);
      expect(plainInputs(identity)).to.deep.include({ resourceName: names.userAssignedIdentity, location: "westeurope" });
      const id = `/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/${names.resourceGroup}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${names.userAssignedIdentity}`;
      const ws = inputs(run, T.ws);
      expect(ws.identity).to.deep.equal({ type: "SystemAssigned,UserAssigned", userAssignedIdentities: [id] });
      expect(ws.primaryUserAssignedIdentity).to.equal(id);
      expect(ws.encryption).to.equal(undefined);
      const principal = deterministicGuid("mock-principal", id);
      expect(grantsOf(run, principal)).to.deep.equal(
        [
          `${ROLE_GUID.contributor} on Microsoft.Storage/storageAccounts/${names.storageAccount}`,
          `${ROLE_GUID.blobDataContributor} on Microsoft.Storage/storageAccounts/${names.storageAccount}`,
          `${ROLE_GUID.contributor} on Microsoft.KeyVault/vaults/${names.keyVault}`,
          `${ROLE_GUID.keyVaultAdministrator} on Microsoft.KeyVault/vaults/${names.keyVault}`,
          `${ROLE_GUID.contributor} on Microsoft.Insights/components/${names.applicationInsights}`,
          `${ROLE_GUID.contributor} on Microsoft.ContainerRegistry/registries/${names.containerRegistry}`,
          `${ROLE_GUID.contributor} on /subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/${names.resourceGroup}`,
        ].sort(),
      );
      // The workspace is created only after its identity can reach its resources and holds Contributor
      // on the resource group the workspace will be in: so in prod the managed network is provisioned
      // with the workspace (provisionNetworkNow), its rules' private endpoints created by `pulumi up`.
      const wsDeps = single(run, T.ws).dependencies;
      for (const a of ofType(run, T.assignment).filter((a) => grantsOf(run, principal).length && plainInputs(a).principalId === principal)) expect(wsDeps, a.name).to.include(a.urn);
      expect(inputs(run, T.ws).provisionNetworkNow).to.equal(true);
    });

    it("adopts an existing identity by id, looking up its principal", async () => {
      const existing = `${SUB}/Microsoft.ManagedIdentity/userAssignedIdentities/id-shared`;
      const run = await build({ identity: { userAssigned: { existingId: existing } } });
      expect(ofType(run, T.identity)).to.have.length(0);
      expect(inputs(run, T.ws).primaryUserAssignedIdentity).to.equal(existing);
      // The look-up answers with the identity's principal (the offline mocks derive it from the id they rebuild).
      const principal = deterministicGuid("mock-principal", "/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/shared/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-shared");
      expect(grantsOf(run, principal)).to.have.length(6); // storage ×2, key vault ×2, Application Insights, the workspace; no registry on demand
    });

    it("encrypts with the customer-managed key service-side through the identity, which may use the key", async () => {
      const run = await build({ environment: "prod", identity: { userAssigned: { create: true } }, encryption: { keyVaultId: KEY_VAULT, keyUri: KEY_URI } });
      const ws = inputs(run, T.ws);
      expect(ws.encryption).to.deep.equal({
        status: "Enabled",
        keyVaultProperties: { keyVaultArmId: KEY_VAULT, keyIdentifier: KEY_URI },
        identity: { userAssignedIdentity: ws.primaryUserAssignedIdentity },
      });
      expect(ws.enableServiceSideCMKEncryption).to.equal(true);
      const crypto = ofType(run, T.assignment).map((r) => plainInputs(r)).filter((a) => String(a.roleDefinitionId).endsWith(ROLE_GUID.cryptoServiceEncryptionUser));
      expect(crypto.map((a) => a.scope)).to.deep.equal([KEY_VAULT]);
    });

    it("with classic CMK (serviceSide: false) grants the Azure Cosmos DB app the key too, before the workspace", async () => {
      const run = await build({ environment: "prod", identity: { userAssigned: { create: true } }, encryption: { keyVaultId: KEY_VAULT, keyUri: KEY_URI, serviceSide: false } });
      expect(inputs(run, T.ws).enableServiceSideCMKEncryption).to.equal(false);
      const crypto = ofType(run, T.assignment).filter((r) => String(plainInputs(r).roleDefinitionId).endsWith(ROLE_GUID.cryptoServiceEncryptionUser));
      expect(crypto.map((r) => plainInputs(r).scope)).to.deep.equal([KEY_VAULT, KEY_VAULT]);
      const cosmos = crypto.find((r) => r.name.endsWith("cosmosdb-cmk-crypto-user"))!;
      expect(plainInputs(cosmos).principalId).to.be.a("string").and.not.equal("");
      expect(single(run, T.ws).dependencies).to.include(cosmos.urn);
    });

    const bad: [string, Partial<WorkspaceStackArgs>, RegExp][] = [
      ["encryption without a user-assigned identity", { encryption: { keyVaultId: KEY_VAULT, keyUri: KEY_URI } }, /args\.encryption: needs identity\.userAssigned: the workspace unwraps a customer-managed key/],
      ["a key URI without a version", { identity: { userAssigned: { create: true } }, encryption: { keyVaultId: KEY_VAULT, keyUri: "https://kv-cmk.vault.azure.net/keys/ws" } }, /args\.encryption\.keyUri: must be a versioned Key Vault key URI.*\(got "https:\/\/kv-cmk\.vault\.azure\.net\/keys\/ws"\)/],
      ["a key vault id of the wrong type", { identity: { userAssigned: { create: true } }, encryption: { keyVaultId: `${SUB}/Microsoft.Storage/storageAccounts/st`, keyUri: KEY_URI } }, /args\.encryption\.keyVaultId: must be a resource id of the form .*Microsoft\.KeyVault\/vaults/],
      ["only one half of the key", { identity: { userAssigned: { create: true } }, encryption: { keyUri: KEY_URI } as any }, /args\.encryption\.keyVaultId: is required/],
      ["a key vault in another subscription", { subscriptionId: "00000000-0000-4000-8000-000000000009", identity: { userAssigned: { create: true } }, encryption: { keyVaultId: KEY_VAULT, keyUri: KEY_URI } }, /args\.encryption\.keyVaultId: must be a key vault in the workspace's subscription \(00000000-0000-4000-8000-000000000009\)/],
      ["an identity that is neither created nor adopted", { identity: { userAssigned: {} } }, /args\.identity\.userAssigned: needs create: true or an existingId/],
      ["an identity id of the wrong type", { identity: { userAssigned: { existingId: KEY_VAULT } } }, /args\.identity\.userAssigned\.existingId: must be a resource id of the form .*Microsoft\.ManagedIdentity\/userAssignedIdentities/],
      ["a network provisioned before the system identity's approver grant", { outboundRules: [{ name: "features", type: "PrivateEndpoint", serviceResourceId: `${SUB}/Microsoft.Storage/storageAccounts/stfeatures`, subresourceTarget: "blob" }], provisionNetworkNow: true }, /args\.provisionNetworkNow: must not be true: .* before the workspace identity's Azure AI Enterprise Network Connection Approver on private-endpoint rule targets can exist/],
    ];
    for (const [label, args, message] of bad) {
      it(`refuses ${label} before registering anything`, () => expectRefused(args, message));
    }
  });

  describe("private access, outbound rules and image builds", () => {
    const NET = "/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub";
    const SUBNET = `${NET}/subnets/snet-pe`;
    const zoneId = (zone: string) => `/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/${zone}`;

    it("creates a private endpoint to the workspace (amlworkspace) and to storage blob and file, with created and linked zones", async () => {
      const run = await build({ environment: "prod", privateEndpoint: { subnetId: SUBNET, dnsZones: { create: true, virtualNetworkId: NET } } });
      const names = (run.outputs as any).names;
      const zones = ofType(run, T.zone).map((z) => plainInputs(z).privateZoneName).sort();
      expect(zones).to.deep.equal(["privatelink.api.azureml.ms", "privatelink.blob.core.windows.net", "privatelink.file.core.windows.net", "privatelink.notebooks.azure.net"]);
      for (const l of ofType(run, T.link).map((r) => plainInputs(r))) expect(l).to.deep.include({ registrationEnabled: false, virtualNetwork: { id: NET }, location: "Global" });
      const endpoints = Object.fromEntries(ofType(run, T.pe).map((r) => plainInputs(r)).map((e) => [e.privateEndpointName, e]));
      expect(Object.keys(endpoints).sort()).to.deep.equal([names.workspaceEndpoint, names.storageBlobEndpoint, names.storageFileEndpoint].sort());
      const ws = endpoints[names.workspaceEndpoint];
      expect(ws.subnet).to.deep.include({ id: SUBNET });
      expect(ws.privateLinkServiceConnections[0].groupIds).to.deep.equal(["amlworkspace"]);
      expect(ws.privateLinkServiceConnections[0].privateLinkServiceId).to.match(new RegExp(`/workspaces/${names.workspace}$`));
      expect(endpoints[names.storageBlobEndpoint].privateLinkServiceConnections[0]).to.deep.include({ groupIds: ["blob"] });
      expect(endpoints[names.storageFileEndpoint].privateLinkServiceConnections[0]).to.deep.include({ groupIds: ["file"] });
      const groups = ofType(run, T.zoneGroup).map((r) => plainInputs(r));
      const wsGroup = groups.find((g) => g.privateEndpointName === names.workspaceEndpoint)!;
      expect(wsGroup.privateDnsZoneConfigs.map((c: any) => String(c.privateDnsZoneId).split("/").pop())).to.deep.equal(["privatelink.api.azureml.ms", "privatelink.notebooks.azure.net"]);
    });

    it("uses given zones and creates none", async () => {
      const run = await build({
        privateEndpoint: {
          subnetId: SUBNET,
          dnsZones: { existing: { api: zoneId("privatelink.api.azureml.ms"), notebooks: zoneId("privatelink.notebooks.azure.net"), blob: zoneId("privatelink.blob.core.windows.net"), file: zoneId("privatelink.file.core.windows.net") } },
        },
      });
      expect(ofType(run, T.zone)).to.have.length(0);
      expect(ofType(run, T.pe)).to.have.length(3);
      const ids = ofType(run, T.zoneGroup).flatMap((r) => plainInputs(r).privateDnsZoneConfigs.map((c: any) => c.privateDnsZoneId));
      expect(ids.sort()).to.deep.equal([zoneId("privatelink.api.azureml.ms"), zoneId("privatelink.blob.core.windows.net"), zoneId("privatelink.file.core.windows.net"), zoneId("privatelink.notebooks.azure.net")]);
    });

    it("expands presets and rules into user-defined outbound rules behind a Standard firewall", async () => {
      const run = await build({
        environment: "prod",
        outboundRules: [
          { preset: "python-packages" },
          { name: "github", type: "FQDN", destination: "github.com" },
          { name: "mcr", type: "ServiceTag", serviceTag: "MicrosoftContainerRegistry", protocol: "TCP", portRanges: "443" },
        ],
      });
      const net = inputs(run, T.ws).managedNetwork;
      expect(net.isolationMode).to.equal("AllowOnlyApprovedOutbound");
      expect(net.firewallSku).to.equal("Standard");
      expect(net.outboundRules.pypi).to.deep.equal({ type: "FQDN", category: "UserDefined", destination: "pypi.org" });
      expect(net.outboundRules.pythonhosted.destination).to.equal("*.pythonhosted.org");
      expect(Object.keys(net.outboundRules).sort()).to.deep.equal(["anaconda", "anaconda-org", "anaconda-subdomains", "github", "mcr", "pypi", "pythonhosted", "pytorch", "pytorch-subdomains", "tensorflow"]);
      expect(["pytorch", "pytorch-subdomains", "tensorflow"].map((r) => net.outboundRules[r].destination)).to.deep.equal(["pytorch.org", "*.pytorch.org", "*.tensorflow.org"]);
      expect(net.outboundRules.mcr).to.deep.equal({ type: "ServiceTag", category: "UserDefined", destination: { serviceTag: "MicrosoftContainerRegistry", protocol: "TCP", portRanges: "443", action: "Allow" } });
      expect(inputs(run, T.ws).provisionNetworkNow).to.equal(true);
    });

    it("grants the approver role once per private-endpoint rule target: the user-assigned identity's before the workspace (provisioned with it), the system identity's after", async () => {
      const target = "/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/stfeatures";
      const run = await build({
        environment: "prod",
        identity: { userAssigned: { create: true } },
        outboundRules: [
          { name: "features-blob", type: "PrivateEndpoint", serviceResourceId: target, subresourceTarget: "blob" },
          { name: "features-queue", type: "PrivateEndpoint", serviceResourceId: target.toUpperCase(), subresourceTarget: "queue" },
        ],
        computes: [{ name: "cpu", vmSize: "Standard_DS3_v2", maxNodes: 1 }],
      });
      const approvers = ofType(run, T.assignment).filter((r) => String(plainInputs(r).roleDefinitionId).endsWith(ROLE_GUID.networkConnectionApprover));
      expect(approvers.map((r) => r.name).sort()).to.deep.equal(["fraud-id-approver-features-blob", "fraud-mlw-approver-features-blob"]);
      for (const a of approvers) expect(plainInputs(a).scope).to.equal(target);
      const ws = single(run, T.ws);
      expect(plainInputs(ws).provisionNetworkNow).to.equal(true);
      expect(ws.dependencies).to.include(approvers.find((a) => a.name === "fraud-id-approver-features-blob")!.urn);
      expect(ws.dependencies).to.include(ofType(run, T.assignment).find((r) => r.name === "fraud-id-rg-contributor")!.urn);
      expect(ws.dependencies).not.to.include(approvers.find((a) => a.name === "fraud-mlw-approver-features-blob")!.urn);
      // The first compute follows the system identity's grant (created after the workspace).
      expect(single(run, T.compute).dependencies).to.include(approvers.find((a) => a.name === "fraud-mlw-approver-features-blob")!.urn);
      // A system-assigned identity alone still defers provisioning: its approver grant needs the workspace.
      const system = await build({ environment: "prod", outboundRules: [{ name: "features-blob", type: "PrivateEndpoint", serviceResourceId: target, subresourceTarget: "blob" }] });
      expect(inputs(system, T.ws).provisionNetworkNow).to.equal(false);
      expect(ofType(system, T.assignment).map((r) => r.name)).to.deep.equal(["fraud-mlw-approver-features-blob"]);
    });

    it("grants every workspace identity Reader on the client blob and file endpoints of the storage it creates", async () => {
      const run = await build({ environment: "prod", identity: { userAssigned: { create: true } }, privateEndpoint: { subnetId: SUBNET, dnsZones: { create: true, virtualNetworkId: NET } } });
      const names = (run.outputs as any).names;
      const readers = ofType(run, T.assignment).map((r) => plainInputs(r)).filter((a) => String(a.roleDefinitionId).endsWith(ROLE_GUID.reader));
      expect(readers.map((a) => String(a.scope).split("/").pop()).sort()).to.deep.equal([names.storageBlobEndpoint, names.storageBlobEndpoint, names.storageFileEndpoint, names.storageFileEndpoint].sort());
      expect(new Set(readers.map((a) => a.principalId)).size).to.equal(2);
      // No reader grant on the workspace's own endpoint, nor on endpoints to adopted storage.
      const adopted = await build({ environment: "prod", storageAccount: { existingId: `${SUB}/Microsoft.Storage/storageAccounts/stshared` }, privateEndpoint: { subnetId: SUBNET, dnsZones: { create: true, virtualNetworkId: NET } } });
      expect(ofType(adopted, T.assignment).filter((r) => String(plainInputs(r).roleDefinitionId).endsWith(ROLE_GUID.reader))).to.have.length(0);
    });

    it("sets no firewall without FQDN rules, and provisions the network lazily in dev", async () => {
      const run = await build({});
      const w = inputs(run, T.ws);
      expect(w.managedNetwork).to.deep.include({ isolationMode: "AllowInternetOutbound" });
      expect(w.managedNetwork).to.not.have.any.keys("outboundRules", "firewallSku");
      expect(w.provisionNetworkNow).to.equal(false);
    });

    it("builds images on the first cluster when it creates a private registry, unless told otherwise", async () => {
      const computes = [{ name: "cpu", vmSize: "Standard_DS3_v2", maxNodes: 2 }, { name: "gpu", vmSize: "Standard_NC4as_T4_v3", maxNodes: 1 }];
      expect(inputs(await build({ environment: "prod", containerRegistry: { create: true }, computes }), T.ws).imageBuildCompute).to.equal("cpu");
      expect(inputs(await build({ environment: "prod", containerRegistry: { create: true }, computes, imageBuildCompute: "gpu" }), T.ws).imageBuildCompute).to.equal("gpu");
      expect(inputs(await build({ containerRegistry: { create: true }, computes }), T.ws).imageBuildCompute).to.equal(undefined);
    });

    it("keeps prod storage private (trusted services still reach it), and opens it to an allowlist only", async () => {
      const prod = inputs(await build({ environment: "prod" }), T.storage);
      expect(prod.publicNetworkAccess).to.equal("Disabled");
      expect(prod.networkRuleSet).to.deep.equal({ defaultAction: "Deny", bypass: "AzureServices" });
      const listed = await build({ environment: "prod", ipAllowlist: ["203.0.113.0/24"] });
      expect(inputs(listed, T.storage).publicNetworkAccess).to.equal("Enabled");
      expect(inputs(listed, T.storage).networkRuleSet).to.deep.equal({ defaultAction: "Deny", bypass: "AzureServices", ipRules: [{ iPAddressOrRange: "203.0.113.0/24", action: "Allow" }] });
      expect(inputs(listed, T.ws).publicNetworkAccess).to.equal("Enabled");
      expect(inputs(await build({}), T.storage).networkRuleSet).to.equal(undefined);
    });

    it("tags a workspace whose endpoints are managed elsewhere, for the inbound-path policy", async () => {
      const w = inputs(await build({ environment: "prod", privateEndpointsManagedElsewhere: true }), T.ws);
      expect(w.tags["azureml-platform-inbound"]).to.equal("private-endpoints-managed-elsewhere");
    });
  });

  describe("bring your own", () => {
    let run: ProgramRun;
    const ids = {
      storageAccountId: `${SUB}/Microsoft.Storage/storageAccounts/stshared`,
      keyVaultId: `${SUB}/Microsoft.KeyVault/vaults/kv-shared`,
      applicationInsightsId: `${SUB}/Microsoft.Insights/components/appi-shared`,
      containerRegistryId: `${SUB}/Microsoft.ContainerRegistry/registries/crshared`,
    };
    const adopted: Partial<WorkspaceStackArgs> = {
      storageAccount: { existingId: ids.storageAccountId },
      keyVault: { existingId: ids.keyVaultId },
      applicationInsights: { existingId: ids.applicationInsightsId },
      containerRegistry: { existingId: ids.containerRegistryId },
    };
    before(async () => {
      run = await build({ resourceGroup: { existingName: "rg-shared-ml" }, ...adopted });
    });

    it("creates only the workspace, adopting everything else", () => {
      expect(run.resources.filter((r) => r.custom).map((r) => r.type)).to.deep.equal([T.ws]);
    });

    it("wires the existing ids and resource group", () => {
      const w = inputs(run, T.ws);
      expect(w.resourceGroupName).to.equal("rg-shared-ml");
      expect(w.storageAccount).to.equal(ids.storageAccountId);
      expect(w.keyVault).to.equal(ids.keyVaultId);
      expect(w.applicationInsights).to.equal(ids.applicationInsightsId);
      expect(w.containerRegistry).to.equal(ids.containerRegistryId);
      const o = run.outputs as Outputs;
      expect(o.containerRegistryId).to.equal(ids.containerRegistryId);
      expect(o.resourceGroupId).to.equal("/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg-shared-ml");
      expect(o.logAnalyticsWorkspaceId).to.equal(undefined);
    });

    it("in prod still creates Log Analytics for the workspace diagnostics", async () => {
      const prod = await build({ environment: "prod", ...adopted });
      expect(ofType(prod, T.logs)).to.have.length(1);
      expect(ofType(prod, T.diag)).to.have.length(1);
      expect(ofType(prod, T.appi)).to.have.length(0);
    });
  });

  describe("overrides", () => {
    it("explicit network, HBI, isolation, protection and display settings win over the environment", async () => {
      const run = await build({
        environment: "prod",
        publicNetworkAccess: "Enabled",
        hbi: false,
        managedNetworkIsolation: "AllowInternetOutbound",
        protectData: false,
        displayName: "Fraud",
        description: "desc",
        tags: { costCenter: "cc-1" },
      });
      const w = inputs(run, T.ws);
      expect(w).to.deep.include({ publicNetworkAccess: "Enabled", hbiWorkspace: false, friendlyName: "Fraud", description: "desc" });
      expect(w.managedNetwork.isolationMode).to.equal("AllowInternetOutbound");
      expect(w.tags).to.deep.equal({ costCenter: "cc-1", project: "fraud", environment: "prod", workspace: "fraud", "managed-by": "azureml-platform" });
      expect(ofType(run, T.lock)).to.have.length(0);
      expect(single(run, T.storage).protect).to.equal(false);
    });

    it("uses an explicit tenant for the key vault and the studio URL", async () => {
      const run = await build({ tenantId: "12345678-1234-4123-8123-123456789012" });
      expect(inputs(run, T.kv).properties.tenantId).to.equal("12345678-1234-4123-8123-123456789012");
      expect((run.outputs as Outputs).studioUrl).to.match(/&tid=12345678-1234-4123-8123-123456789012$/);
    });

    it("a dev registry is Basic with public access, still without admin user", async () => {
      const run = await build({ containerRegistry: { create: true } });
      expect(inputs(run, T.acr)).to.deep.include({ sku: { name: "Basic" }, adminUserEnabled: false, publicNetworkAccess: "Enabled" });
    });
  });

  describe("budget", () => {
    const AG = "/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg-ops/providers/microsoft.insights/actionGroups/ag-oncall";

    it("creates none without the key", async () => {
      expect(ofType(await build({ environment: "prod" }), "azure-native:consumption:Budget")).to.have.length(0);
    });

    it("puts a monthly budget on the created group's scope, after the group, with the default alerts", async () => {
      const run = await build({ environment: "prod", budget: { amount: 5000, currency: "EUR", contacts: ["finops@contoso.com"], contactGroups: [AG] } });
      const budget = single(run, "azure-native:consumption:Budget");
      const rg = single(run, T.rg);
      expect(budget.name).to.equal("fraud-budget");
      expect(budget.parent).to.equal(run.resources.find((r) => r.type === "azureml-platform:index:WorkspaceStack")!.urn);
      expect(budget.dependencies).to.include(rg.urn);
      expect(budget.options.ignoreChanges).to.deep.equal(["timePeriod.startDate"]);
      const b = plainInputs(budget);
      expect(b.scope).to.equal("/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg-fraud-prod-fraud");
      expect(b).to.deep.include({ budgetName: "budget-fraud", amount: 5000, category: "Cost", timeGrain: "Monthly" });
      expect(b.filter).to.equal(undefined);
      expect(b.timePeriod.startDate).to.match(/^\d{4}-\d{2}-01T00:00:00Z$/);
      expect(Object.keys(b.notifications)).to.have.members(["Actual_GreaterThan_80_Percent", "Actual_GreaterThan_100_Percent", "Forecasted_GreaterThan_110_Percent"]);
      expect(b.notifications.Actual_GreaterThan_80_Percent).to.deep.equal({ enabled: true, operator: "GreaterThan", threshold: 80, thresholdType: "Actual", contactEmails: ["finops@contoso.com"], contactGroups: [AG] });
      // The currency is the config's statement about the billing currency: the API has no field for it.
      expect(JSON.stringify(b)).to.not.contain("EUR");
    });

    it("puts it on an adopted group's scope, with the given thresholds", async () => {
      const run = await build({ resourceGroup: { existingName: "rg-shared" }, budget: { amount: 300, contacts: ["a@contoso.com"], thresholds: [{ percent: 95, type: "Forecasted" }] } });
      const b = inputs(run, "azure-native:consumption:Budget");
      expect(b.scope).to.equal("/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg-shared");
      expect(b.notifications).to.deep.equal({ Forecasted_GreaterThan_95_Percent: { enabled: true, operator: "GreaterThan", threshold: 95, thresholdType: "Forecasted", contactEmails: ["a@contoso.com"] } });
    });

    it("scopes to the subscription passed in, and derives the names from a renamed component", async () => {
      const run = await build({ name: "risk", subscriptionId: "11111111-1111-4111-8111-111111111111", tenantId: "22222222-2222-4222-8222-222222222222", budget: { amount: 1, contacts: ["a@contoso.com"] } });
      const budget = single(run, "azure-native:consumption:Budget");
      expect(budget.name).to.equal("risk-budget");
      expect(plainInputs(budget)).to.deep.include({ budgetName: "budget-risk", scope: "/subscriptions/11111111-1111-4111-8111-111111111111/resourceGroups/rg-fraud-dev-risk" });
    });
  });

  describe("bad arguments are rejected before anything is registered", () => {
    const cases: [string, Partial<WorkspaceStackArgs> & { name?: string }, RegExp][] = [
      ["component name", { name: "Bad_Name" }, /WorkspaceStack name: must be 2-40 characters/],
      ["project", { project: "a-project-name-far-longer-than-forty-chars" }, /args\.project: must be 2-40/],
      ["environment", { environment: "qa" as any }, /args\.environment: must be one of dev \| prod \(got "qa"\)/],
      ["registry mode", { containerRegistry: "always" as any }, /args\.containerRegistry: must be onDemand \| create \| \{ existingId: <registry resource id> \}/],
      ["registry both created and adopted", { containerRegistry: { create: true, existingId: `${SUB}/Microsoft.ContainerRegistry/registries/crshared` } }, /args\.containerRegistry: set either create: true or existingId, not both/],
      ["malformed id", { keyVault: { existingId: "kv-shared" } }, /args\.keyVault\.existingId: must be a resource id of the form .*Microsoft\.KeyVault\/vaults\/<name> \(got "kv-shared"\)/],
      ["an unknown key, with the nearest known one", { storageAcount: { create: true } } as any, /args\.storageAcount: is not a known setting; did you mean storageAccount\?/],
      ["a ServiceTag rule without approved-only outbound", { outboundRules: [{ name: "mcr", type: "ServiceTag", serviceTag: "MicrosoftContainerRegistry" }] }, /args\.outboundRules\[0\]: ServiceTag rules need managedNetworkIsolation: AllowOnlyApprovedOutbound \(this workspace uses AllowInternetOutbound\)/],
      ["a rule name batch endpoints reserve", { environment: "prod", batchEndpoints: true, outboundRules: [{ name: "batch-storage-queue", type: "FQDN", destination: "example.org" }] }, /args\.outboundRules\[0\]\.name: is reserved for the batch endpoints' storage rules/],
      ["minNodes > maxNodes", { computes: [{ name: "cpu", vmSize: "Standard_DS3_v2", minNodes: 3, maxNodes: 1 }] }, /computes\[0\]\.minNodes: must be ≤ maxNodes \(1\) \(got 3\)/],
      ["compute name", { computes: [{ name: "9cpu", vmSize: "Standard_DS3_v2", maxNodes: 1 }] }, /computes\[0\]\.name: must be 2-16 letters/],
      ["subnet id", { privateEndpoint: { subnetId: `${SUB}/Microsoft.Network/virtualNetworks/vnet`, dnsZones: { create: true, virtualNetworkId: `${SUB}/Microsoft.Network/virtualNetworks/vnet` } } }, /args\.privateEndpoint\.subnetId: must be a subnet .*resource id/],
      ["private endpoint without zones", { privateEndpoint: { subnetId: `${SUB}/Microsoft.Network/virtualNetworks/vnet/subnets/pe`, dnsZones: {} } }, /args\.privateEndpoint\.dnsZones: must be \{ create: true, virtualNetworkId \} or \{ existing: \{ api, notebooks, blob, file \} \}/],
      ["unknown preset", { outboundRules: [{ preset: "r-packages" }] }, /args\.outboundRules\[0\]\.preset: must be one of python-packages \(got "r-packages"\)/],
      ["image build compute", { imageBuildCompute: "gpu", computes: [{ name: "cpu", vmSize: "Standard_DS3_v2", maxNodes: 1 }] }, /args\.imageBuildCompute: must be one of the workspace's compute clusters \(cpu\) \(got "gpu"\)/],
      ["allowlist range", { ipAllowlist: ["10.0.0.0/40"] }, /args\.ipAllowlist\[0\]: must be an IPv4 address or CIDR range/],
      ["budget amount", { budget: { amount: 0, contacts: ["a@contoso.com"] } }, /args\.budget\.amount: must be > 0 \(got 0\)/],
      ["budget contact", { budget: { amount: 10, contacts: ["finops"] } }, /args\.budget\.contacts\[0\]: must be an email address such as finops@contoso\.com \(got "finops"\)/],
      ["budget action group", { budget: { amount: 10, contacts: [], contactGroups: ["ag"] } }, /args\.budget\.contactGroups\[0\]: must be an action group resource id/],
      ["budget threshold", { budget: { amount: 10, contacts: ["a@contoso.com"], thresholds: [{ percent: 1001, type: "Actual" }] } }, /args\.budget\.thresholds\[0\]\.percent: must be > 0 and ≤ 1000 .*\(got 1001\)/],
      ["budget with six thresholds", { budget: { amount: 10, contacts: ["a@contoso.com"], thresholds: [1, 2, 3, 4, 5, 6].map((percent) => ({ percent, type: "Actual" as const })) } }, /args\.budget\.thresholds: must list at most 5 thresholds/],
      ["budget currency", { budget: { amount: 10, currency: "euro", contacts: ["a@contoso.com"] } }, /args\.budget\.currency: must be an ISO 4217 currency code/],
    ];
    for (const [label, args, message] of cases) {
      it(label, () => expectRefused(args, message));
    }

    it("registers no resource for the rejected component", async () => {
      let recorded: number | undefined;
      const { RecordingMonitor } = recorderModule;
      const original = RecordingMonitor.prototype.registerResource;
      let count = 0;
      RecordingMonitor.prototype.registerResource = function (this: any, req: any, cb: any) {
        if (req.getType() !== "pulumi:pulumi:Stack") count++;
        return original.call(this, req, cb);
      };
      try {
        await build({ environment: "qa" as any }).catch(() => undefined);
        recorded = count;
      } finally {
        RecordingMonitor.prototype.registerResource = original;
      }
      expect(recorded).to.equal(0);
    });
  });
});
