// The policy packs a plan runs and the `--policy-pack-config` file each one gets.
//
// `--policy-pack DIR` loads an adopter's own pack the way the Pulumi CLI starts it (cwd the pack
// directory, its package.json `main`, ts-node for TypeScript): the pack's index builds its
// `PolicyPack`, whose constructor reads the pack version from package.json and hands everything to
// @pulumi/policy's `serve`. `serve` is swapped for a capture while the pack loads, so what the pack
// would serve over gRPC is what the plan evaluates, in process.
import * as fs from "fs";
import * as path from "path";
import YAML from "yaml";
import { PACKS, PackDefinition, packDirectory } from "../policies/packs";
import { PolicyConfigFile } from "./engine";
import { registerTypeScript } from "./program";
import { PlanInputError } from "./stackFiles";

/** A pack as the plan runs it: its definition, its directory and the version the engine reports. */
export interface PlanPack {
  definition: PackDefinition;
  /** Absolute path of the pack directory (holding PulumiPolicy.yaml, package.json and, optionally, config/). */
  dir: string;
  version: string;
}

/** Where a pack's config came from: `--policy-config`, the pack's `config/<stack>.json`, its `config/<environment>.json`, or none (the pack's own levels). */
export type PolicyConfigSource = "flag" | "stack" | "environment" | "none";

/** Which config each pack ran with: part of `plan --json` so a reader knows what enforcement applied. */
export interface PolicyConfigUse {
  pack: string;
  /** The file, relative to the project directory when inside it; null when none applies. */
  file: string | null;
  source: PolicyConfigSource;
}

function packageVersion(dir: string): string {
  try {
    const v = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")).version;
    if (typeof v === "string" && v) return v;
  } catch {
    // reported below
  }
  // What PolicyPack's constructor requires: "Version must be defined in the package.json file."
  throw new PlanInputError(`policy pack ${dir}: package.json with a version not found (the Pulumi CLI needs it too)`);
}

/** The packs this package ships (`PACKS`, each at `packDirectory()`). */
export function packagePacks(version: string): PlanPack[] {
  return PACKS.map((definition) => ({ definition, dir: packDirectory(definition), version }));
}

interface Captured {
  name: string;
  version: string;
  enforcementLevel: PackDefinition["enforcementLevel"];
  args: { description?: string; policies: PackDefinition["policies"] };
}

/** Loads one pack directory as `pulumi preview --policy-pack DIR` would start it. */
export function loadPolicyPack(dirArg: string): PlanPack {
  const dir = path.resolve(dirArg);
  if (!fs.existsSync(path.join(dir, "PulumiPolicy.yaml"))) throw new PlanInputError(`--policy-pack ${dirArg}: no PulumiPolicy.yaml in ${dir} (not a policy pack directory)`);
  let manifest: unknown;
  try {
    manifest = YAML.parse(fs.readFileSync(path.join(dir, "PulumiPolicy.yaml"), "utf8"));
  } catch (e) {
    throw new PlanInputError(`--policy-pack ${dirArg}: PulumiPolicy.yaml is not valid YAML: ${String((e as Error).message).split("\n")[0]}`);
  }
  const runtime = manifest && typeof manifest === "object" ? (manifest as Record<string, any>).runtime : undefined;
  const runtimeName = runtime && typeof runtime === "object" ? runtime.name : runtime;
  if (runtimeName !== "nodejs") throw new PlanInputError(`--policy-pack ${dirArg}: runtime is ${JSON.stringify(runtimeName ?? null)}; plan runs Node.js policy packs (runtime: nodejs)`);
  const version = packageVersion(dir);
  registerTypeScript(path.join(dir, "tsconfig.json"));

  let server: { serve: (...args: any[]) => void };
  try {
    server = require(require.resolve("@pulumi/policy/server", { paths: [dir] }));
  } catch {
    throw new PlanInputError(`--policy-pack ${dirArg}: @pulumi/policy is not installed for this pack (run npm install in it or its project)`);
  }
  const captured: Captured[] = [];
  const serve = server.serve;
  const cwd = process.cwd();
  server.serve = (name: string, packVersion: string, enforcementLevel: Captured["enforcementLevel"], args: Captured["args"]) => {
    captured.push({ name, version: packVersion, enforcementLevel, args });
  };
  try {
    process.chdir(dir); // PolicyPack reads `${cwd}/package.json`; the CLI starts packs in their directory.
    require(require.resolve(dir + path.sep));
  } catch (e) {
    if (e instanceof PlanInputError) throw e;
    throw new PlanInputError(`--policy-pack ${dirArg}: the pack failed to load: ${String((e as Error)?.message ?? e).split("\n")[0]}`);
  } finally {
    server.serve = serve;
    process.chdir(cwd);
  }
  if (captured.length !== 1) throw new PlanInputError(`--policy-pack ${dirArg}: the pack must construct exactly one PolicyPack (it constructed ${captured.length})`);
  const [pack] = captured;
  if (!/^[a-zA-Z0-9-_.]{1,100}$/.test(pack.name)) throw new PlanInputError(`--policy-pack ${dirArg}: invalid policy pack name ${JSON.stringify(pack.name)} (alphanumerics, hyphens, underscores, periods)`);
  return {
    definition: { name: pack.name, directory: path.basename(dir), description: pack.args.description ?? "", enforcementLevel: pack.enforcementLevel, policies: pack.args.policies },
    dir,
    version: pack.version,
  };
}

/** `access=FILE` → ["access", FILE]. */
export function parsePolicyConfigOption(value: string): [string, string] {
  const eq = value.indexOf("=");
  if (eq <= 0 || eq === value.length - 1) throw new PlanInputError(`--policy-config takes <pack>=<file> (e.g. access=policies/access/config/prod.json), got ${JSON.stringify(value)}`);
  return [value.slice(0, eq), path.resolve(value.slice(eq + 1))];
}

export interface ConfigChoice {
  file?: string;
  source: PolicyConfigSource;
}

/**
 * The config file for each pack. A given `--policy-config` decides; else the pack's own
 * `config/<stack>.json`; else, by the stack's `azureml-platform:environment`, the pack's
 * `config/<environment>.json` (its defaults for that environment: prod mandatory). A pack that ships
 * per-environment defaults but gets neither a file nor an environment is refused (exit 2): running it
 * at its built-in levels would make every policy silently advisory. A pack with no config/ folder runs
 * at its own levels, as `pulumi preview --policy-pack` without `--policy-pack-config` does.
 */
export function choosePolicyConfigs(packs: readonly PlanPack[], stack: string, environment: string | undefined, given: Readonly<Record<string, string>> = {}): Map<PlanPack, ConfigChoice> {
  const known = new Set(packs.flatMap((p) => [p.definition.name, p.definition.directory]));
  for (const key of Object.keys(given)) {
    if (!known.has(key)) throw new PlanInputError(`--policy-config ${key}=…: no policy pack is named ${JSON.stringify(key)} (packs: ${packs.map((p) => p.definition.directory).join(", ")})`);
  }
  const choices = new Map<PlanPack, ConfigChoice>();
  for (const pack of packs) {
    const explicit = given[pack.definition.name] ?? given[pack.definition.directory];
    const configDir = path.join(pack.dir, "config");
    const forStack = path.join(configDir, `${stack}.json`);
    const forEnvironment = environment ? path.join(configDir, `${environment}.json`) : undefined;
    if (explicit) choices.set(pack, { file: explicit, source: "flag" });
    else if (fs.existsSync(forStack)) choices.set(pack, { file: forStack, source: "stack" });
    else if (forEnvironment && fs.existsSync(forEnvironment)) choices.set(pack, { file: forEnvironment, source: "environment" });
    else if (hasJson(configDir) && environment !== undefined && !["dev", "prod"].includes(environment))
      throw new PlanInputError(`azureml-platform:environment must be dev | prod (got ${JSON.stringify(environment)}), or pass --policy-config ${pack.definition.directory}=FILE`);
    else if (hasJson(configDir))
      throw new PlanInputError(
        environment
          ? `pack ${pack.definition.name} has no config for stack ${stack} or environment ${environment} (in ${configDir}): pass --policy-config ${pack.definition.directory}=FILE`
          : `stack ${stack} sets no azureml-platform:environment and pack ${pack.definition.name} has no config/${stack}.json: set azureml-platform:environment (dev | prod) in Pulumi.${stack}.yaml or pass --policy-config ${pack.definition.directory}=FILE`,
      );
    else choices.set(pack, { source: "none" });
  }
  return choices;
}

function hasJson(dir: string): boolean {
  try {
    return fs.readdirSync(dir).some((f) => f.endsWith(".json"));
  } catch {
    return false;
  }
}

export function readPolicyConfig(file: string): PolicyConfigFile {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    throw new PlanInputError(`policy config not found: ${file}`);
  }
  try {
    const parsed = JSON.parse(text);
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error("must be a JSON object");
    return parsed;
  } catch (e) {
    throw new PlanInputError(`policy config ${path.basename(file)} is not valid: ${(e as Error).message}`);
  }
}
