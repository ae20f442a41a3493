import * as path from "path";
import { PlatformConfigError } from "../../config/errors";
import { PlatformConfig, validateStackConfig } from "../../config/validate";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");

/** A minimal valid stack config (namespace keys without prefix), overridable per test. */
export function baseConfig(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    environment: "dev",
    project: "fraud",
    workspaces: [{ name: "fraud" }],
    ...overrides,
  };
}

export function validate(raw: unknown, location = "westeurope"): PlatformConfig {
  return validateStackConfig(raw, { location, baseDir: REPO_ROOT });
}

/** The PlatformConfigError thrown for `raw`; fails the test when validation passes. */
export function rejection(raw: unknown, location = "westeurope"): PlatformConfigError {
  try {
    validate(raw, location);
  } catch (e) {
    if (e instanceof PlatformConfigError) return e;
    throw new Error(`expected PlatformConfigError, got ${(e as Error).stack}`);
  }
  throw new Error("expected the config to be rejected, but it validated");
}
