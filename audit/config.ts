// How the audit judges: the access pack's config from a stack (its environment's, with its admin
// teams as admins) or from --policy-config.
import * as fs from "fs";
import * as path from "path";
import type { PolicyConfigFile } from "../plan/engine";
import { choosePolicyConfigs, packagePacks, parsePolicyConfigOption, readPolicyConfig } from "../plan/policyPacks";
import { packageVersion } from "../plan/plan";
import { PlanInputError, loadStackFiles } from "../plan/stackFiles";

/** The access pack's policies whose config names admins (policies/access/config/prod.json). */
const ADMIN_POLICIES = ["only-admins-create-compute", "no-privileged-roles-for-non-admins"];

export interface Judging {
  config?: PolicyConfigFile;
  /** Team names by principal object id (lower-cased), from the stack's teams. */
  principalNames: Map<string, string>;
  /** Where the config came from, for the report. */
  source: "stack" | "flag" | "none";
}

interface TeamEntry {
  name?: string;
  admin?: boolean;
  group?: { objectId?: string };
  principal?: { objectId?: string };
}

/** The access pack's config and names for the audit. */
export function accessConfigFor(options: { stack?: string; projectDir?: string; policyConfigs: readonly string[] }): Judging {
  const access = packagePacks(packageVersion()).find((p) => p.definition.directory === "access")!;
  if (options.policyConfigs.length) {
    let file: string | undefined;
    for (const option of options.policyConfigs) {
      const [pack, f] = parsePolicyConfigOption(option);
      if (pack !== access.definition.name && pack !== access.definition.directory)
        throw new PlanInputError(`--policy-config ${pack}=…: the audit runs the access pack only (access or ${access.definition.name})`);
      file = f;
    }
    return { config: readPolicyConfig(file!), principalNames: new Map(), source: "flag" };
  }
  if (options.stack === undefined && options.projectDir === undefined) return { principalNames: new Map(), source: "none" };
  const projectDir = path.resolve(options.projectDir ?? ".");
  // --project-dir alone: every stack of the project; the strictest environment's config judges (prod
  // over dev), and every stack's admin teams are admins.
  const stacks = options.stack !== undefined ? [options.stack] : stacksIn(projectDir);
  if (!stacks.length) throw new PlanInputError(`--project-dir ${projectDir}: no Pulumi.<stack>.yaml there; pass --stack NAME or --policy-config access=FILE`);
  const files = stacks.map((stack) => loadStackFiles(projectDir, stack));
  const judgingStack = files.find((f) => f.config["azureml-platform:environment"] === "prod") ?? files[0];
  const choice = choosePolicyConfigs([access], judgingStack.stack, judgingStack.config["azureml-platform:environment"]).get(access)!;
  const config: PolicyConfigFile = choice.file ? readPolicyConfig(choice.file) : {};
  const teams: TeamEntry[] = [];
  for (const f of files) {
    try {
      const raw = f.config["azureml-platform:teams"];
      const parsed = raw ? JSON.parse(raw) : [];
      if (Array.isArray(parsed)) teams.push(...parsed);
    } catch {
      throw new PlanInputError(`Pulumi.${f.stack}.yaml: azureml-platform:teams is not a list of teams`);
    }
  }
  const principalNames = new Map<string, string>();
  const admins: string[] = [];
  for (const t of teams) {
    const id = t.group?.objectId ?? t.principal?.objectId;
    if (typeof id !== "string") continue;
    if (typeof t.name === "string") principalNames.set(id.toLowerCase(), t.name);
    if (t.admin === true) admins.push(id.toLowerCase());
  }
  return { config: withAdmins(config, admins), principalNames, source: "stack" };
}

/**
 * The config with `admins` added to the admins of the policies that name them, beside those it names
 * (lower-cased, once each). An entry given as a bare enforcement level keeps it.
 */
export function withAdmins(config: PolicyConfigFile, admins: readonly string[]): PolicyConfigFile {
  const out: PolicyConfigFile = { ...config };
  for (const policy of ADMIN_POLICIES) {
    const entry = config[policy];
    const settings: Record<string, unknown> = typeof entry === "string" ? { enforcementLevel: entry } : { ...((entry as Record<string, unknown> | undefined) ?? {}) };
    const named = Array.isArray(settings.adminPrincipalIds) ? (settings.adminPrincipalIds as string[]) : [];
    out[policy] = { ...settings, adminPrincipalIds: [...new Set([...named, ...admins].map((s) => s.toLowerCase()))] } as never;
  }
  return out;
}

/** The stacks of a project: its `Pulumi.<stack>.yaml` files (the names loadStackFiles reads), sorted. */
function stacksIn(projectDir: string): string[] {
  let names: string[] = [];
  try {
    names = fs.readdirSync(projectDir);
  } catch {
    throw new PlanInputError(`--project-dir ${projectDir}: not a directory`);
  }
  return names
    .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
    .filter((s): s is string => s !== undefined)
    .sort();
}
