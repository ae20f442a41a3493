// The program is the package's: it reads this stack's azureml-platform:* keys, validates them and
// builds the workspaces, registries and teams (docs/configuration.md in the package).
import { main } from "azureml-platform/program";
export = main;
