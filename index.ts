// The Pulumi program: `pulumi up` per stack (Pulumi.dev.yaml, Pulumi.prod.yaml), and what
// `npm run plan` runs offline. The same function adopters get as `azureml-platform/program`.
import { main } from "./program/main";

export = main;
