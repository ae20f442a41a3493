import { expect } from "chai";
import { PACKAGE_UUID_NAMESPACE, assignmentDescription, deterministicGuid, parseAssignmentDescription, roleAssignmentGuid } from "../../rbac/ids";

describe("deterministic ids (names Azure resources keep forever)", () => {
  it("are pinned: a change here would rename every role assignment and custom role of every stack", () => {
    expect(PACKAGE_UUID_NAMESPACE).to.equal("b98ebba0-7b3a-5f55-bf1f-2b8805117fea");
    expect(deterministicGuid("a", "b")).to.equal("5b4c8217-20ad-519f-9c93-376d07871d96");
    expect(roleAssignmentGuid("/subscriptions/s", "p", "/x/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7")).to.equal("f79a0fd3-7805-52d8-9fdf-b62edb892b8b");
  });
  it("fold case and surrounding space, as ARM compares scopes and principals, but keep parts apart", () => {
    expect(deterministicGuid(" A ", "B")).to.equal(deterministicGuid("a", "b"));
    expect(deterministicGuid("ab", "")).to.not.equal(deterministicGuid("a", "b"));
    expect(deterministicGuid("a|b")).to.not.equal(deterministicGuid("a", "b", "c"));
  });
  it("name an assignment by the role's GUID, however its definition id is written", () => {
    const bare = roleAssignmentGuid("/subscriptions/s", "p", "acdd72a7-3385-48ef-bd42-f606fba81ae7");
    expect(roleAssignmentGuid("/subscriptions/s", "p", "/subscriptions/other/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7")).to.equal(bare);
    expect(roleAssignmentGuid("/subscriptions/s", "q", "acdd72a7-3385-48ef-bd42-f606fba81ae7")).to.not.equal(bare);
  });
});

describe("the team marker on role assignments", () => {
  it("round-trips team and admin", () => {
    expect(assignmentDescription("ml-admins", true)).to.equal("azureml-platform team=ml-admins admin");
    expect(assignmentDescription("ds", false)).to.equal("azureml-platform team=ds");
    expect(parseAssignmentDescription("azureml-platform team=ds")).to.deep.equal({ team: "ds", admin: false });
  });
  it("is trusted only when it is the whole description: no prefix, no suffix, no forged admin", () => {
    for (const forged of ["x azureml-platform team=ds admin", "azureml-platform team=ds admin!", "azureml-platform team=ds adminx", "azureml-platform team=DS", "azureml-platform team=", "Azureml-platform team=ds"])
      expect(parseAssignmentDescription(forged), forged).to.equal(undefined);
    expect(parseAssignmentDescription(undefined)).to.equal(undefined);
    expect(parseAssignmentDescription(42)).to.equal(undefined);
  });
});
