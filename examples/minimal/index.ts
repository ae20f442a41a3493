// Minimal: one workspace with every secure default (dev). `pulumi up` creates the resource group,
// storage, key vault, Log Analytics, Application Insights and the Azure ML workspace.
import { WorkspaceStack } from "azureml-platform";

const ml = new WorkspaceStack("ml", { project: "demo" });

export const workspaceName = ml.workspaceName;
export const studioUrl = ml.studioUrl;
