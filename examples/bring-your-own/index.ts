// Bring your own: deploy into an existing resource group and reuse shared storage, key vault,
// Application Insights and container registry; only the workspace itself is created.
import * as pulumi from "@pulumi/pulumi";
import { WorkspaceStack } from "azureml-platform";

const config = new pulumi.Config();
const shared = config.get("sharedResourceGroupId") ?? "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-shared-ml";

const ml = new WorkspaceStack("research", {
  project: "research",
  environment: "prod",
  resourceGroup: { existingName: "rg-shared-ml" },
  storageAccount: { existingId: `${shared}/providers/Microsoft.Storage/storageAccounts/stsharedml` },
  keyVault: { existingId: `${shared}/providers/Microsoft.KeyVault/vaults/kv-shared-ml` },
  applicationInsights: { existingId: `${shared}/providers/Microsoft.Insights/components/appi-shared-ml` },
  logAnalyticsWorkspace: { existingId: `${shared}/providers/Microsoft.OperationalInsights/workspaces/log-shared-ml` },
  containerRegistry: { existingId: `${shared}/providers/Microsoft.ContainerRegistry/registries/crsharedml` },
  // A budget on the adopted group (it counts everything in it, the shared resources too).
  budget: { amount: 8000, currency: "EUR", contacts: ["research-leads@contoso.com"] },
});

export const workspaceId = ml.workspaceId;
export const principalId = ml.principalId;
