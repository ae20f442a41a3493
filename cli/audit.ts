// `azureml-platform audit`: the access matrix and the access pack's verdict on what Azure grants now,
// and with --against the drift from a plan. Reads with Azure's clients and @azure/identity's credentials.
import * as fs from "fs";
import * as path from "path";
import { flagError, outProblem } from "./flags";
import { parseArgs } from "util";
import type { TokenCredential } from "@azure/core-auth";
import { PlatformConfigError } from "../config/errors";
import { AuditResult, audit } from "../audit/audit";
import { accessConfigFor } from "../audit/config";
import { isCloudAuthority, resolveEndpoints } from "../core/clouds";
import { renderAuditMarkdown, renderAuditSarif, renderAuditText } from "../audit/report";
import { packageVersion } from "../plan/plan";
import { PlanInputError } from "../plan/stackFiles";
import type { PlanFile } from "../audit/drift";
import type { CommandIO } from "./plan";

export const AUDIT_USAGE = `usage: azureml-platform audit [--subscription ID]... [--management-group ID] [--stack NAME | --project-dir DIR]
                             [--policy-config PACK=FILE]... [--against PLAN.json] [--json | --markdown | --sarif] [--out FILE]
                             [--credential default|cli|env|managed-identity] [--arm-endpoint URL] [--graph-endpoint URL]

Reads what Azure grants now in the subscriptions (or under the management group): Azure ML workspaces,
hubs, projects and registries, role assignments, custom roles and PIM eligibilities (Resource Graph and
ARM), group members (Microsoft Graph); shows who is able to do what per workspace and runs the access
policy pack over it, as plan does for a stack.

  --subscription ID         a subscription to read (repeatable)
  --management-group ID     every subscription under this management group
  --stack NAME              the stack whose teams and environment judge the grants (Pulumi.NAME.yaml; admins are
                            its admin teams' object ids, the access pack's config its environment's)
  --project-dir DIR         the directory holding Pulumi.yaml (default: the current directory); alone, every
                            stack of the project judges (the strictest environment's config, every admin team)
  --policy-config PACK=FILE the access pack's config (PACK: access or azureml-access), instead of the stack's
  --against PLAN.json       a plan --json to compare with: grants live but not planned, planned but missing, and
                            custom roles whose live definition differs
  --json | --markdown | --sarif   one JSON document (audit/audit-result.schema.json), a Markdown report, SARIF 2.1.0
  --out FILE                write the output to FILE instead of standard output
  --credential KIND         default (DefaultAzureCredential: environment, workload identity, managed identity,
                            Azure CLI, …), cli (Azure CLI login only), env (service principal from AZURE_* variables),
                            managed-identity; default: default
  --arm-endpoint URL        ARM and Resource Graph (default: the public cloud, or the cloud AZURE_ENVIRONMENT names)
  --graph-endpoint URL      Microsoft Graph (default: the cloud's)
  -h, --help                this help

Exit codes:
  0  no live grant breaks a mandatory policy
  1  at least one live grant breaks a mandatory policy
  2  the audit could not run (bad input, no credential, an error reading Azure)
`;

const AUDIT_FLAGS = {
  subscription: { type: "string", multiple: true },
  "management-group": { type: "string" },
  stack: { type: "string" },
  "project-dir": { type: "string" },
  "policy-config": { type: "string", multiple: true },
  against: { type: "string" },
  json: { type: "boolean", default: false },
  markdown: { type: "boolean", default: false },
  sarif: { type: "boolean", default: false },
  out: { type: "string" },
  credential: { type: "string", default: "default" },
  "arm-endpoint": { type: "string" },
  "graph-endpoint": { type: "string" },
  help: { type: "boolean", short: "h", default: false },
} as const;

export const CREDENTIALS = ["default", "cli", "env", "managed-identity"] as const;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What tests inject instead of a real sign-in: a credential and the local server's certificate. */
export interface AuditIO extends CommandIO {
  credential?: TokenCredential;
  tlsCa?: string | Buffer;
  env?: NodeJS.ProcessEnv;
}

/** The credential a `--credential` kind names, from @azure/identity, on the cloud's authority. */
async function credentialFor(kind: string, env: NodeJS.ProcessEnv, authorityHost: string | undefined): Promise<TokenCredential> {
  const identity = await import("@azure/identity");
  // Sign-in at the cloud's own authority (login.microsoftonline.us for AzureUSGovernment, …); any other
  // authority is trusted as configured, without asking login.microsoftonline.com (isCloudAuthority).
  const options = authorityHost ? { authorityHost, disableInstanceDiscovery: !isCloudAuthority(authorityHost) } : {};
  switch (kind) {
    case "cli":
      return new identity.AzureCliCredential();
    case "env":
      return new identity.EnvironmentCredential(options);
    case "managed-identity":
      return env.AZURE_CLIENT_ID ? new identity.ManagedIdentityCredential({ clientId: env.AZURE_CLIENT_ID }) : new identity.ManagedIdentityCredential();
    default:
      return new identity.DefaultAzureCredential(options);
  }
}

/** Runs `audit` with its arguments (after the word `audit`) and returns the exit code. */
export async function auditCommand(argv: string[], io: AuditIO): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: AUDIT_FLAGS, strict: true, allowPositionals: false }));
  } catch (e) {
    io.stderr(`error: ${flagError(e, Object.keys(AUDIT_FLAGS))}\n${AUDIT_USAGE}`);
    return 2;
  }
  if (values.help) {
    io.stdout(AUDIT_USAGE);
    return 0;
  }
  const problems: string[] = [];
  const subscriptions = values.subscription ?? [];
  const managementGroup = values["management-group"];
  if (!subscriptions.length && !managementGroup) problems.push("say what to read: --subscription ID (repeatable) or --management-group ID");
  if (subscriptions.length && managementGroup) problems.push("--subscription and --management-group are exclusive: a management group's subscriptions are read from it");
  for (const s of subscriptions) if (!GUID.test(s)) problems.push(`--subscription ${s}: must be a subscription id (a GUID)`);
  if ([values.json, values.markdown, values.sarif].filter(Boolean).length > 1) problems.push("choose one of --json, --markdown and --sarif");
  if (!(CREDENTIALS as readonly string[]).includes(values.credential!)) problems.push(`--credential ${values.credential}: must be one of ${CREDENTIALS.join(", ")}`);
  if (values.stack !== undefined && values["policy-config"]?.length) problems.push("--stack and --policy-config are exclusive: the stack's environment chooses the access pack's config");
  for (const flag of ["arm-endpoint", "graph-endpoint"] as const) {
    const v = values[flag];
    if (v !== undefined && !/^https:\/\/[^/\s]+/i.test(v)) problems.push(`--${flag} ${v}: must be an https:// URL (Azure's clients send bearer tokens over TLS only)`);
  }
  const out = outProblem(values.out);
  if (out) problems.push(out);
  if (problems.length) {
    for (const p of problems) io.stderr(`error: ${p}\n`);
    io.stderr(AUDIT_USAGE);
    return 2;
  }

  const env = io.env ?? process.env;
  let result: AuditResult;
  try {
    const endpoints = resolveEndpoints({ armEndpoint: values["arm-endpoint"], graphEndpoint: values["graph-endpoint"] }, env);
    const judging = accessConfigFor({ stack: values.stack, projectDir: values["project-dir"], policyConfigs: values["policy-config"] ?? [] });
    const against = values.against !== undefined ? { file: values.against, plan: readPlanFile(values.against) } : undefined;
    const credential = io.credential ?? (await credentialFor(values.credential!, env, endpoints.authority));
    result = await audit({
      scope: { subscriptions: subscriptions.map((s) => s.toLowerCase()), ...(managementGroup ? { managementGroup } : {}) },
      credential,
      endpoints,
      tlsCa: io.tlsCa,
      accessConfig: judging.config,
      principalNames: judging.principalNames,
      against,
      version: packageVersion(),
    });
  } catch (e) {
    if (e instanceof PlanInputError) {
      for (const line of e.lines) io.stderr(`error: ${line}\n`);
      return 2;
    }
    if (e instanceof PlatformConfigError) {
      io.stderr(`error: ${e.message}\n`);
      return 2;
    }
    // A credential that cannot sign in, a network or an Azure error: the audit could not run.
    const message = (e as Error)?.message ?? String(e);
    io.stderr(`error: the audit could not read Azure: ${message.split("\n")[0]}\n`);
    return 2;
  }
  // Nothing read is not clean: the audit could not run.
  if (result.summary.subscriptions === result.summary.unreadableSubscriptions) {
    io.stderr(`error: no subscription could be read (${result.subscriptions.map((s) => `${s.id}: ${s.reason}`).join("; ") || "none found"}): the audit needs Reader on them\n`);
    return 2;
  }
  const output = values.json
    ? JSON.stringify(result, null, 2) + "\n"
    : values.markdown
      ? renderAuditMarkdown(result)
      : values.sarif
        ? JSON.stringify(renderAuditSarif(result, packageVersion(), sarifArtifact(values.stack, values["project-dir"])), null, 2) + "\n"
        : renderAuditText(result);
  if (values.out) fs.writeFileSync(values.out, output);
  else io.stdout(output);
  return result.summary.mandatory > 0 ? 1 : 0;
}

/**
 * The file code scanning files the findings under (it requires a physical location): the stack file
 * whose teams judged, else the project file, relative to the working directory as CI runs it.
 */
function sarifArtifact(stack: string | undefined, projectDir: string | undefined): string {
  const dir = path.resolve(projectDir ?? ".");
  const file = path.join(dir, stack !== undefined ? `Pulumi.${stack}.yaml` : "Pulumi.yaml");
  return path.relative(process.cwd(), file).split(path.sep).join("/") || "Pulumi.yaml";
}

/** A plan --json file, read for --against. */
function readPlanFile(file: string): PlanFile {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    throw new PlanInputError(`--against ${file}: not found`);
  }
  try {
    const plan = JSON.parse(text);
    if (!plan || !Array.isArray(plan.resources)) throw new Error("no resources: is it the output of plan --json?");
    return plan;
  } catch (e) {
    throw new PlanInputError(`--against ${file}: not a plan --json document (${(e as Error).message})`);
  }
}
