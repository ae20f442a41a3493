import { entryOf, stackFileEntries } from "./stackFileLocation";
import * as path from "path";
import { pathToFileURL } from "url";
import { PACKS, PackDefinition } from "../policies/packs";
import { renderMatrixMarkdown } from "../rbac/matrix";
import { PlanResult, isDeferred } from "./plan";

/** The resource tree as `pulumi preview` draws it. */
export function renderTree(result: PlanResult): string {
  const children = new Map<string | null, PlanResult["resources"]>();
  for (const r of result.resources) {
    const key = r.parent && result.resources.some((p) => p.urn === r.parent) ? r.parent : null;
    children.set(key, [...(children.get(key) ?? []), r]);
  }
  const rows: [string, string, string][] = [];
  const walk = (parent: string | null, prefix: string) => {
    const list = children.get(parent) ?? [];
    list.forEach((r, i) => {
      const last = i === list.length - 1;
      const branch = parent === null ? "" : `${prefix}${last ? "└─ " : "├─ "}`;
      rows.push([`${branch}${r.type}`, r.name, r.protect ? "protected" : ""]);
      walk(r.urn, parent === null ? "" : `${prefix}${last ? "   " : "│  "}`);
    });
  };
  walk(null, "");
  const width = Math.max(4, ...rows.map((r) => r[0].length)) + 2;
  const lines = [`     ${"Type".padEnd(width)}Name`];
  for (const [type, name, note] of rows) lines.push(` +   ${type.padEnd(width)}${name}${note ? `  [${note}]` : ""}`);
  return lines.join("\n");
}

/**
 * When a hub's managed network gets its private endpoints: with the workspace (`provisionNetworkNow`,
 * so `pulumi up` leaves them created), or only with the first compute, which a hub has none of
 * (how-to-managed-network, "Private endpoints": "They're only created when the first compute is
 * created or when managed virtual network provisioning is forced").
 */
function managedNetworkNote(hub: PlanResult["resources"][number]): string {
  const mode = (hub.inputs.managedNetwork as { isolationMode?: unknown } | undefined)?.isolationMode;
  if (mode === undefined || mode === "Disabled") return "";
  return hub.inputs.provisionNetworkNow === true ? "; managed network provisioned with the workspace" : "; managed network not provisioned until a compute is created: az ml workspace provision-network";
}

/**
 * Hubs with their projects nested (a project's hub: the workspace its `hubResourceId` comes from, or
 * the hub id it names); empty when the stack has neither.
 */
export function renderHubs(result: PlanResult): string {
  const workspaces = result.resources.filter((r) => r.type.startsWith("azure-native:machinelearningservices") && /:Workspace$/.test(r.type));
  const label = (r: PlanResult["resources"][number]) => {
    const parent = r.parent ? result.resources.find((p) => p.urn === r.parent) : undefined;
    return parent?.type === "azureml-platform:index:WorkspaceStack" ? parent.name : r.name;
  };
  const hubs = workspaces.filter((w) => w.inputs.kind === "Hub");
  const projects = workspaces.filter((w) => w.inputs.kind === "Project");
  if (hubs.length === 0 && projects.length === 0) return "";
  const lines = ["Hubs and projects"];
  const placed = new Set<string>();
  for (const hub of hubs) {
    lines.push(`  ${label(hub)} (hub${managedNetworkNote(hub)})`);
    const own = projects.filter((p) => (p.propertyDependencies?.hubResourceId ?? []).includes(hub.urn) || (typeof p.inputs.hubResourceId === "string" && typeof hub.inputs.workspaceName === "string" && p.inputs.hubResourceId.toLowerCase().endsWith(`/workspaces/${hub.inputs.workspaceName.toLowerCase()}`)));
    own.forEach((p, i) => {
      placed.add(p.urn);
      lines.push(`  ${i === own.length - 1 ? "└─" : "├─"} ${label(p)} (project)`);
    });
  }
  for (const p of projects.filter((x) => !placed.has(x.urn))) lines.push(`  ${label(p)} (project of ${typeof p.inputs.hubResourceId === "string" ? p.inputs.hubResourceId : "a hub outside this stack"})`);
  return lines.join("\n");
}

const CONFIG_SOURCE = {
  flag: "--policy-config",
  stack: "the pack's config for this stack",
  environment: "the pack's defaults for the stack's environment",
  none: "no config file: the pack's own enforcement levels",
} as const;

export function renderText(result: PlanResult): string {
  const mode = result.mode === "known-outputs" ? "outputs of existing resources known" : "first preview";
  const out: string[] = [`Previewing stack ${result.stack} (${result.project}) offline, ${mode}: Pulumi mock runtime, no cloud`, "", renderTree(result), ""];
  const hubs = renderHubs(result);
  if (hubs) out.push(hubs, "");
  const outputs = Object.entries(result.outputs);
  if (outputs.length) {
    out.push("Outputs");
    for (const [k, v] of outputs) out.push(`    ${k}: ${typeof v === "string" ? JSON.stringify(v) : JSON.stringify(v, null, 2).replace(/\n/g, "\n      ")}`);
    out.push("");
  }
  out.push("Policy config");
  for (const c of result.policyConfig) out.push(`  ${c.pack}: ${c.file ? `${c.file} (${CONFIG_SOURCE[c.source]})` : CONFIG_SOURCE.none}`);
  out.push("");
  out.push("Access matrix", renderMatrixMarkdown(result.access, { members: result.members }));
  const deferred = result.violations.filter(isDeferred);
  const violations = result.violations.filter((v) => !isDeferred(v));
  out.push("Policy violations");
  if (violations.length === 0) out.push("  none");
  for (const pack of [...new Set(violations.map((v) => v.pack))]) {
    const vs = violations.filter((v) => v.pack === pack);
    out.push(`  ${pack}`);
    for (const v of vs) {
      out.push(`    [${v.enforcementLevel}] ${v.policy}${v.severity ? ` (${v.severity})` : ""}`);
      if (v.urn) out.push(`      ${v.urn}`);
      out.push(`      ${v.message.replace(/\n/g, "\n      ")}`);
    }
  }
  if (deferred.length) {
    // What the engine prints as an advisory "can't run policy … during preview": the value is known
    // only once the resource it comes from exists, and the policy runs again then, during the update.
    out.push("", "Deferred to update (a value these policies read is unknown until the resources exist; pulumi up checks them then)");
    for (const v of deferred) out.push(`  ${v.pack}/${v.policy}  ${v.urn ?? "(stack)"}`, `      ${v.message.replace(/^can't run policy .* during preview: /, "")}`);
  }
  const s = result.summary;
  out.push(
    "",
    `Summary: ${s.resources} resources, ${s.mandatory} mandatory and ${s.advisory} advisory policy violations, ${s.deferred} deferred to update${s.mandatory ? " (blocked)" : ""}`,
  );
  return out.join("\n") + "\n";
}

/**
 * A plan as a pull-request comment (`plan --markdown` without `--diff`): for a stack that is new in the
 * pull request, where there is no base to compare with. The verdict first, then the findings, the
 * access matrix (members named as the stack file names them), the deferred policies collapsed.
 */
export function renderPlanMarkdown(result: PlanResult): string {
  const s = result.summary;
  const md = (text: string) => text.replace(/\|/g, "\\|");
  const verdict = s.mandatory ? `:x: ${s.mandatory} mandatory violation${s.mandatory === 1 ? "" : "s"}` : ":white_check_mark: no mandatory violation";
  const out = [
    `### \`${result.stack}\`: ${s.resources} resources, ${verdict}, ${s.advisory} advisory, ${s.deferred} deferred to update`,
    "",
    `Planned offline (${result.mode === "known-outputs" ? "outputs of existing resources known" : "first preview"}; no cloud credentials).`,
    "",
  ];
  const findings = result.violations.filter((v) => !isDeferred(v));
  if (findings.length) {
    out.push("**Policy findings**", "");
    for (const v of findings) out.push(`- ${v.enforcementLevel === "mandatory" ? ":x:" : ":information_source:"} [${v.enforcementLevel}] ${md(`${v.pack}/${v.policy}`)}${v.urn ? ` \`${md(v.urn.split("::").pop()!)}\`` : ""}: ${md(v.message.split("\n")[0])}`);
    out.push("");
  } else out.push("No policy findings.", "");
  out.push("**Access matrix**", "", renderMatrixMarkdown(result.access, { members: result.members }));
  const deferred = result.violations.filter(isDeferred);
  if (deferred.length) {
    const rows = deferred.map((v) => `- ${md(`${v.pack}/${v.policy}`)} \`${md((v.urn ?? "(stack)").split("::").pop()!)}\``);
    out.push(`<details><summary>Deferred to the update (${deferred.length}): values unknown until the resources exist</summary>`, "", ...rows, "", "</details>", "");
  }
  return out.join("\n");
}

export const SARIF_LEVEL = { mandatory: "error", remediate: "error", advisory: "warning", disabled: "none" } as const;

/** SARIF `rules` for the packs' policies: `<pack>/<policy>` ids, description, remediation, severity. */
export function sarifRules(packs: readonly PackDefinition[]) {
  return packs.flatMap((pack) =>
    pack.policies.map((p) => ({
      id: `${pack.name}/${p.name}`,
      name: p.name,
      shortDescription: { text: p.description.split(". ")[0] },
      fullDescription: { text: p.description },
      help: { text: p.remediationSteps ?? p.description },
      properties: { severity: p.severity, pack: pack.name },
    })),
  );
}

/** A SARIF 2.1.0 log of one run of this package's `tool` (plan, audit), with its rules and results. */
export function sarifLog(tool: string, version: string, rules: readonly object[], results: readonly object[]): object {
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [{ tool: { driver: { name: tool, version, informationUri: "https://www.npmjs.com/package/azureml-platform", rules } }, results }],
  };
}

/**
 * SARIF 2.1.0 for code scanning: one rule per policy of the packs that ran (default this package's),
 * one result per violation, located at the stack file: `stackFile` as code scanning resolves it
 * (relative to the repository root, where the workflow runs; see sarifFileUri), by default the
 * stack file's bare name.
 */
export function renderSarif(result: PlanResult, version: string, packs: readonly PackDefinition[] = PACKS, stackFile = `Pulumi.${result.stack}.yaml`, stackFileText?: string): object {
  // The stack-file entry (workspace, registry or team) each finding comes from: its line and column.
  const entries = stackFileText !== undefined ? stackFileEntries(stackFileText) : undefined;
  const regionOf = (urn: string | undefined) => {
    const at = entries ? entryOf(urn, result.resources, entries) : undefined;
    return at ? { region: { startLine: at.line, startColumn: at.column } } : {};
  };
  const rules = sarifRules(packs);
  return sarifLog(
    "azureml-platform-plan",
    version,
    rules,
    result.violations.map((v) => ({
      ruleId: `${v.pack}/${v.policy}`,
      ruleIndex: rules.findIndex((r) => r.id === `${v.pack}/${v.policy}`),
      level: SARIF_LEVEL[v.enforcementLevel],
      message: { text: v.message },
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: stackFile }, ...regionOf(v.urn) },
          logicalLocations: v.urn ? [{ fullyQualifiedName: v.urn, kind: "resource" }] : [],
        },
      ],
    })),
  );
}

/**
 * A file's SARIF uri as the command is run: relative to the working directory (the repository root
 * in CI, which code scanning resolves relative uris against), with forward slashes; a file outside
 * it gets an absolute file: uri.
 */
export function sarifFileUri(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  if (relative === "" || relative.startsWith("..") || path.isAbsolute(relative)) return pathToFileURL(file).href;
  return relative.split(path.sep).join("/");
}
