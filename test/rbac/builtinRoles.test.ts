import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { BUILT_IN_ROLES } from "../../rbac/builtinRoles";
import { RoleCatalog } from "../../rbac/catalog";
import { OperationCache } from "../../rbac/matrix";

interface Published {
  name: string;
  roleName: string;
  description: string;
  roleType: string;
  assignableScopes: string[];
  permissions: { actions: string[]; notActions: string[]; dataActions: string[]; notDataActions: string[] }[];
}

interface PublishedPage {
  source: { repository: string; path: string; commit: string; msDate: string };
  roles: Published[];
}

const FIXTURES = path.join(__dirname, "..", "fixtures", "builtin-roles");
const pages: Record<string, PublishedPage> = Object.fromEntries(
  fs.readdirSync(FIXTURES).map((f) => [f, JSON.parse(fs.readFileSync(path.join(FIXTURES, f), "utf8")) as PublishedPage]),
);
const published: Published[] = Object.values(pages).flatMap((p) => p.roles);

/** Built-ins no stored docs page lists; each one is named here so adding another is a decision. */
const UNPUBLISHED = ["Azure Machine Learning Workspace Connection Secrets Reader"];

describe("built-in roles pinned to Microsoft's published definitions", () => {
  it("has fixtures to compare against, each naming the docs page, commit and date it was copied from", () => {
    expect(published.length).to.be.greaterThan(4);
    for (const [file, page] of Object.entries(pages)) {
      expect(page.source.repository, file).to.equal("MicrosoftDocs/azure-docs");
      expect(page.source.path, file).to.equal(`articles/role-based-access-control/built-in-roles/${file.replace(/\.json$/, ".md")}`);
      expect(page.source.commit, file).to.match(/^[0-9a-f]{40}$/);
      expect(page.source.msDate, file).to.match(/^\d{2}\/\d{2}\/\d{4}$/);
    }
  });

  it("pins every built-in role the catalog knows, except the ones named as unpublished", () => {
    const pinned = new Set(published.map((doc) => doc.name));
    const unpinned = BUILT_IN_ROLES.filter((r) => !pinned.has(r.id ?? "")).map((r) => r.name);
    expect(unpinned).to.deep.equal(UNPUBLISHED);
  });

  for (const doc of published) {
    it(`${doc.roleName} equals its published JSON field by field`, () => {
      const role = BUILT_IN_ROLES.find((r) => r.id === doc.name);
      expect(role, `no built-in with GUID ${doc.name}`).to.not.equal(undefined);
      expect(role!.name).to.equal(doc.roleName);
      expect(role!.description).to.equal(doc.description);
      expect(role!.isCustom).to.equal(false);
      expect(role!.assignableScopes).to.deep.equal(doc.assignableScopes);
      expect(role!.permissions).to.deep.equal(doc.permissions);
    });
  }

  it("has one entry per GUID and per name, all lower-case GUIDs", () => {
    const ids = BUILT_IN_ROLES.map((r) => r.id);
    expect(new Set(ids).size).to.equal(ids.length);
    expect(new Set(BUILT_IN_ROLES.map((r) => r.name.toLowerCase())).size).to.equal(ids.length);
    for (const id of ids) expect(id).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it("resolves the roles the access model and the stack's identities need, by the GUIDs Microsoft publishes", () => {
    const catalog = new RoleCatalog();
    const expected: Record<string, string> = {
      "b78c5d69-af96-48a3-bf8d-a8b4d589de94": "Azure AI Administrator",
      "3afb7f49-54cb-416e-8c09-6dc049efa503": "Azure AI Inference Deployment Operator",
      "b556d68e-0be0-4f35-a333-ad7ee1ce17ea": "Azure AI Enterprise Network Connection Approver",
      "ea01e6af-a1c1-4350-9563-ad00f8c72ec5": "Azure Machine Learning Workspace Connection Secrets Reader",
      "69566ab7-960f-475b-8e7c-b3118f30c6bd": "Storage File Data Privileged Contributor",
      "b8eda974-7b85-4f76-af95-65846b26df6d": "Storage File Data Privileged Reader",
      "b7e6dc6d-f1e8-4753-8033-0f276bb0955b": "Storage Blob Data Owner",
      "b86a8fe4-44ce-4948-aee5-eccb2c155cd7": "Key Vault Secrets Officer",
      "21090545-7ca7-4776-b22c-e363652d74d2": "Key Vault Reader",
      "e147488a-f6f5-4113-8e2d-b22465e65bf6": "Key Vault Crypto Service Encryption User",
      "c2f4ef07-c644-48eb-af81-4b1b4947fb11": "AcrDelete",
    };
    for (const [id, name] of Object.entries(expected)) expect(catalog.resolve(id)?.name, id).to.equal(name);
  });

  it("resolves the documented short alias of AzureML Metrics Writer to the published role", () => {
    expect(new RoleCatalog().resolve("AzureML Metrics Writer")?.id).to.equal("635dd51f-9968-44d3-b7fb-6d9a6bd613ae");
  });

  it("lets the unpublished Workspace Connection Secrets Reader read connection secrets and change nothing", () => {
    const role = new RoleCatalog().resolve("Azure Machine Learning Workspace Connection Secrets Reader")!;
    const flags = new OperationCache().flags(role);
    expect(Object.entries(flags).filter(([, allowed]) => allowed).map(([op]) => op)).to.deep.equal(["readConnectionSecrets"]);
  });

  it("lets Storage Blob Data Contributor append to blobs (blobs/add/action) and read and write them", () => {
    const dataActions = new RoleCatalog().resolve("Storage Blob Data Contributor")!.permissions[0].dataActions;
    expect(dataActions).to.include.members([
      "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/add/action",
      "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read",
      "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write",
    ]);
  });
});
