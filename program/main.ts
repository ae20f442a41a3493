// `azureml-platform/program`: the config-driven program (docs/configuration.md, the stack configuration contract)
// as a Pulumi program function. An adopter's index.ts is
//
//   import { main } from "azureml-platform/program";
//   export = main;
//
// and their Pulumi.<stack>.yaml holds the `azureml-platform:*` keys. Role files (`customRoles[].file`)
// resolve relative to the working directory, which Pulumi (and `azureml-platform plan`) sets to the
// adopter's project directory.
import * as pulumi from "@pulumi/pulumi";
import { isPlatformConfigError } from "../config/errors";
import { PlatformOutputs, buildPlatform, buildPlatformInTurns, readPlatformConfig } from "./build";

export { buildPlatform, buildPlatformInTurns, readPlatformConfig };
export type { PlatformOutputs };

/** Reads and validates the stack's config, builds every workspace and team, and returns the stack outputs. */
export async function main(): Promise<PlatformOutputs> {
  try {
    return await buildPlatformInTurns(readPlatformConfig(process.cwd()));
  } catch (e) {
    // RunError makes Pulumi print the message alone: a config mistake is not a crash.
    if (isPlatformConfigError(e)) throw Object.assign(new pulumi.RunError(e.message), { cause: e });
    throw e;
  }
}
