// The Pulumi program: `pulumi up` per stack (Pulumi.dev.yaml, Pulumi.prod.yaml), and what `npm run plan` runs offline.
import * as pulumi from "@pulumi/pulumi";
import { isPlatformConfigError } from "./config/errors";
import { buildPlatform, readPlatformConfig } from "./program/build";

export = async () => {
  try {
    return buildPlatform(readPlatformConfig());
  } catch (e) {
    // RunError makes Pulumi print the message alone: a config mistake is not a crash.
    if (isPlatformConfigError(e)) throw Object.assign(new pulumi.RunError(e.message), { cause: e });
    throw e;
  }
};
