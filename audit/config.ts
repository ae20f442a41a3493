// How the audit judges: the access pack's config from a stack (its environment's, with its admin
// teams as admins) or from --policy-config.
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
  if (options.stack === undefined) return { principalNames: new Map(), source: "none" };
  const projectDir = path.resolve(options.projectDir ?? ".");
  const files = loadStackFiles(projectDir, options.stack);
  const environment = files.config["azureml-platform:environment"];
  const choice = choosePolicyConfigs([access], options.stack, environment).get(access)!;
  const config: PolicyConfigFile = choice.file ? readPolicyConfig(choice.file) : {};
  let teams: TeamEntry[] = [];
  try {
    const raw = files.config["azureml-platform:teams"];
    teams = raw ? JSON.parse(raw) : [];
  } catch {
    throw new PlanInputError(`Pulumi.${options.stack}.yaml: azureml-platform:teams is not a list of teams`);
  }
  const principalNames = new Map<string, string>();
  const admins: string[] = [];
  for (const t of Array.isArray(teams) ? teams : []) {
    const id = t.group?.objectId ?? t.principal?.objectId;
    if (typeof id !== "string") continue;
    if (t.name) principalNames.set(id.toLowerCase(), t.name);
    if (t.admin === true) admins.push(id.toLowerCase());
  }
  // The stack's admin teams are admins too, beside those the config names.
  for (const policy of ADMIN_POLICIES) {
    const entry = config[policy];
    const settings = typeof entry === "object" && entry !== null ? (entry as Record<string, unknown>) : entry !== undefined ? { enforcementLevel: entry } : {};
    const named = Array.isArray(settings.adminPrincipalIds) ? (settings.adminPrincipalIds as string[]).map((s) => s.toLowerCase()) : [];
    config[policy] = { ...settings, adminPrincipalIds: [...new Set([...named, ...admins])] } as never;
  }
  return { config, principalNames, source: "stack" };
}
