// Multi-team: two workspaces, three teams, and the seed's custom "Data Scientist" role loaded from
// the JSON file `az role definition create` takes. The access matrix says who can do what.
import { AccessModel, WorkspaceStack, customRoleFromFile } from "azureml-platform";

const project = "fraud";
// Prod workspaces carry a budget (the security pack's budget-in-prod): alerts at 80 % and 100 % of the
// month's spend and when the forecast passes 110 %.
const budget = (amount: number) => ({ amount, currency: "EUR", contacts: ["ml-platform@contoso.com"] });
const training = new WorkspaceStack("training", { project, environment: "prod", containerRegistry: { create: true }, budget: budget(15000) });
const scoring = new WorkspaceStack("scoring", { project, environment: "prod", budget: budget(3000) });


const access = new AccessModel("access", {
  workspaces: [training, scoring].map((ws) => ({
    name: ws === training ? "training" : "scoring",
    workspaceId: ws.workspaceId,
    resourceGroupName: ws.resourceNames.resourceGroup,
    resourceGroupId: ws.resourceGroupId,
    // Where data access is granted: without it a team that submits jobs is refused.
    storageAccountId: ws.storageAccountId,
  })),
  // Pulumi runs the program in the project directory, so the role file resolves from there; every permission block is kept.
  customRoles: [customRoleFromFile("roles/data-scientist.json")],
  teams: [
    { name: "ml-admins", admin: true, groupObjectId: "11111111-2222-3333-4444-555555555555", role: "Owner", scope: "resourceGroup" },
    { name: "data-scientists", groupDisplayName: "sg-fraud-data-scientists", createGroup: true, members: ["alice@contoso.com", "bob@contoso.com"], role: "Data Scientist", workspaces: ["training"] },
    { name: "scoring-pipeline", principalObjectId: "99999999-8888-7777-6666-555555555555", principalType: "ServicePrincipal", role: "AzureML Data Scientist", workspaces: ["scoring"] },
  ],
});

export const accessMatrix = access.accessMatrixMarkdown;
