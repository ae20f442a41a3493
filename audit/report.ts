// The audit as text, a Markdown report and SARIF.
import { createHash } from "crypto";
import { renderMatrixMarkdown } from "../rbac/matrix";
import { accessPack } from "../policies/packs";
import { SARIF_LEVEL, sarifLog, sarifRules } from "../plan/report";
import type { AuditResult } from "./audit";
import { liveIdOf } from "./resources";

const scopeText = (r: AuditResult) => (r.scope.managementGroup ? `management group ${r.scope.managementGroup}` : `subscription${r.scope.subscriptions.length === 1 ? "" : "s"} ${r.scope.subscriptions.join(", ")}`);

function summaryLine(r: AuditResult): string {
  const s = r.summary;
  const drift = r.drift ? `; drift: ${s.outOfBand} out of band, ${s.missing} missing, ${s.changedRoles} changed roles, ${s.changedActivationPolicies} changed activation policies` : "";
  return `Summary: ${s.subscriptions - s.unreadableSubscriptions} of ${s.subscriptions} subscriptions read, ${s.grants} role assignments, ${s.eligible} eligibilities, ${s.denyAssignments} deny assignments, ${s.weakActivationPolicies} weak activation policies, ${s.mandatory} mandatory and ${s.advisory} advisory policy violations${drift}`;
}

/** One line per eligible role and scope: the controls on activation, or why they are unknown. */
function activationLines(r: AuditResult): { line: string; weaknesses: string[] }[] {
  return r.activationPolicies.map((p) => {
    const who = `${p.role} at ${p.scope} (eligible: ${p.eligible.join(", ")})`;
    if (!p.controls) return { line: `${who}: controls unknown: ${p.unread}`, weaknesses: [] };
    const c = p.controls;
    const parts = [
      c.expirationRequired ? `up to ${c.maxActivation ?? "PIM's default"}` : "no end",
      c.mfa ? (c.authenticationContext ? `authentication context ${c.authenticationContext}` : "MFA") : "no MFA",
      c.justification ? "justification" : "no justification",
      c.approval ? `approval by ${c.approvers.join(", ") || "(no approver)"}` : "no approval",
    ];
    return { line: `${who}: ${parts.join(", ")}`, weaknesses: p.weaknesses };
  });
}

function gaps(r: AuditResult): string[] {
  const out: string[] = [];
  for (const s of r.subscriptions.filter((x) => x.status === "unreadable")) out.push(`subscription ${s.id} could not be read (${s.reason ?? "no reason given"}): its grants are not in this audit`);
  for (const s of r.subscriptions.filter((x) => x.eligibilitiesUnreadable)) out.push(`subscription ${s.id}: PIM eligibilities not readable (${s.eligibilitiesUnreadable}); roles held just in time are not shown`);
  for (const s of r.subscriptions.filter((x) => x.denyAssignmentsUnreadable)) out.push(`subscription ${s.id}: deny assignments not readable (${s.denyAssignmentsUnreadable}); grants they would block show as held`);
  for (const s of r.subscriptions.filter((x) => x.activationsUnreadable)) out.push(`subscription ${s.id}: PIM activations not readable (${s.activationsUnreadable}); a role assignment of an eligible principal, role and scope is taken for its activation`);
  for (const s of r.subscriptions.filter((x) => x.activationPoliciesUnreadable)) out.push(`subscription ${s.id}: role management policies not readable (${s.activationPoliciesUnreadable}); activation controls unknown`);
  for (const g of r.groups.filter((x) => x.members === null)) out.push(`group ${g.displayName ?? g.id}: members not readable (${g.unreadable}); reported by group`);
  return out;
}

/** Rows where a deny assignment takes away what the roles grant. */
function deniedLines(r: AuditResult): string[] {
  return r.access.filter((row) => row.deniedOperations?.length).map((row) => `${row.team} at ${row.workspace}: ${row.deniedOperations!.join(", ")} (${(row.deniedBy ?? []).join(", ")})`);
}

/** The audit for a terminal. */
export function renderAuditText(r: AuditResult): string {
  const out: string[] = [`Auditing what Azure grants now in ${scopeText(r)} (${r.endpoints.arm})`, ""];
  const missing = gaps(r);
  if (missing.length) out.push("Not read", ...missing.map((m) => `  ${m}`), "");
  out.push("Access matrix", renderMatrixMarkdown(r.access, { members: r.members }));
  const denied = deniedLines(r);
  if (denied.length) out.push("Blocked by deny assignments (shown as no above)", ...denied.map((l) => `  ${l}`), "");
  const activation = activationLines(r);
  if (activation.length) out.push("PIM activation (role management policies)", ...activation.flatMap((a) => [`  ${a.line}`, ...a.weaknesses.map((w) => `    ! ${w}`)]), "");
  out.push("Policy violations");
  if (r.violations.length === 0) out.push("  none");
  for (const v of r.violations) {
    out.push(`  [${v.enforcementLevel}] ${v.policy}${v.severity ? ` (${v.severity})` : ""}`);
    if (v.urn) out.push(`    ${liveIdOf(v.urn)}`);
    out.push(`    ${v.message.replace(/\n/g, "\n    ")}`);
  }
  if (r.drift) {
    const d = r.drift;
    out.push("", `Drift against ${d.against}`);
    out.push(`  live, not planned (made outside Pulumi): ${d.outOfBand.length}`, ...d.outOfBand.map((g) => `    ${g.activation === "eligible" ? "eligible " : ""}${g.roleDefinitionId} for ${g.principalId} at ${g.scope}`));
    out.push(`  planned, not live: ${d.missing.length}`, ...d.missing.map((g) => `    ${g.activation === "eligible" ? "eligible " : ""}${g.roleDefinitionId} for ${g.principalId} at ${g.scope}`));
    out.push(`  custom roles changed in Azure: ${d.changedRoles.length}`, ...d.changedRoles.flatMap((c) => [`    ${c.roleName}`, ...c.changes.map((x) => `      ${x}`)]));
    out.push(`  activation policies changed in Azure: ${d.changedActivationPolicies.length}`, ...d.changedActivationPolicies.flatMap((c) => [`    role ${c.roleDefinitionId} at ${c.scope}`, ...c.changes.map((x) => `      ${x}`)]));
    if (d.activationNotComparable) out.push(`  not compared: ${d.activationNotComparable} planned activation policies whose scope or role is known only at deploy time`);
    if (d.notComparable) out.push(`  not compared: ${d.notComparable} planned grants with a value known only at deploy time (plan --known-outputs compares them all)`);
    if (d.azureManaged) out.push(`  not counted: ${d.azureManaged} grants to the workspaces' and registries' own identities (Azure ML makes them)`);
  }
  out.push("", summaryLine(r));
  return out.join("\n") + "\n";
}

/** The audit as a Markdown report (a scheduled job's issue or summary). */
export function renderAuditMarkdown(r: AuditResult): string {
  const s = r.summary;
  const verdict = s.mandatory ? `:x: ${s.mandatory} mandatory violation${s.mandatory === 1 ? "" : "s"}` : ":white_check_mark: no mandatory violation";
  const out: string[] = [`### Audit of ${scopeText(r)}: ${verdict}, ${s.advisory} advisory`, ""];
  const missing = gaps(r);
  if (missing.length) out.push("**Not read**", "", ...missing.map((m) => `- ${m}`), "");
  if (r.violations.length) {
    out.push("| level | policy | resource | finding |", "| --- | --- | --- | --- |");
    for (const v of r.violations) out.push(`| ${v.enforcementLevel} | \`${v.policy}\` | ${v.urn ? `\`${liveIdOf(v.urn)}\`` : ""} | ${v.message.replace(/\|/g, "\\|").replace(/\n/g, " ")} |`);
    out.push("");
  }
  out.push("**Access matrix**", "", renderMatrixMarkdown(r.access, { members: r.members }));
  const denied = deniedLines(r);
  if (denied.length) out.push("**Blocked by deny assignments** (shown as no above)", "", ...denied.map((l) => `- ${l}`), "");
  const activation = activationLines(r);
  if (activation.length) out.push("**PIM activation** (role management policies)", "", ...activation.flatMap((a) => [`- ${a.line}`, ...a.weaknesses.map((w) => `  - :warning: ${w}`)]), "");
  if (r.drift) {
    const d = r.drift;
    out.push(`**Drift against \`${d.against}\`**: ${d.outOfBand.length} out of band, ${d.missing.length} missing, ${d.changedRoles.length} changed roles, ${d.changedActivationPolicies.length} changed activation policies`, "");
    for (const g of d.outOfBand) out.push(`- out of band: role \`${g.roleDefinitionId}\` for \`${g.principalId}\` at \`${g.scope}\``);
    for (const g of d.missing) out.push(`- missing: role \`${g.roleDefinitionId}\` for \`${g.principalId}\` at \`${g.scope}\``);
    for (const c of d.changedRoles) out.push(`- changed: **${c.roleName}** — ${c.changes.join("; ")}`);
    for (const c of d.changedActivationPolicies) out.push(`- activation changed: role \`${c.roleDefinitionId}\` at \`${c.scope}\` — ${c.changes.join("; ")}`);
    out.push("");
  }
  out.push(summaryLine(r));
  return out.join("\n") + "\n";
}


/** The audit's own finding: an eligible role whose activation is weaker than AccessModel's. */
const ACTIVATION_RULE = {
  id: "audit/pim-activation-policy",
  name: "pim-activation-policy",
  shortDescription: { text: "PIM activation of an eligible role must end, and need multifactor authentication and a justification." },
  fullDescription: {
    text: "The role management policy of a role someone is eligible for (Expiration, Enablement and AuthenticationContext rules for EndUser Assignment) is weaker than the activation AccessModel writes.",
  },
  help: { text: "Restore the policy AccessModel writes (pulumi up on the stack that makes the eligibility), or set the role's settings in PIM: activation maximum duration, Azure MFA (or an authentication context) and justification on activation." },
  defaultConfiguration: { level: "warning" },
  properties: { severity: "high", pack: "audit" },
};

/** SARIF 2.1.0: each finding on the live resource it is about (its ARM id as the logical location). */
export function renderAuditSarif(r: AuditResult, version: string, artifact = "Pulumi.yaml"): object {
  const rules = [...sarifRules([accessPack]), ACTIVATION_RULE];
  const hash = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 16);
  // Code scanning needs a physical location; the live resource is the logical one, and keys the alert across runs.
  const result = (ruleId: string, level: string, text: string, logical: { fullyQualifiedName: string; kind: string }, fingerprint: string) => ({
    ruleId,
    ruleIndex: rules.findIndex((x) => x.id === ruleId),
    level,
    message: { text },
    locations: [{ physicalLocation: { artifactLocation: { uri: artifact } }, logicalLocations: [logical] }],
    partialFingerprints: { "azureResource/v1": fingerprint },
  });
  const violations = r.violations.map((v) => {
    const where = v.urn ? liveIdOf(v.urn) : scopeText(r);
    return result(`${v.pack}/${v.policy}`, SARIF_LEVEL[v.enforcementLevel], v.message, { fullyQualifiedName: where, kind: v.urn ? "resource" : "module" }, `${v.policy}:${where}:${hash(v.message)}`);
  });
  const weaknesses = r.activationPolicies.flatMap((p) =>
    p.weaknesses.map((w) =>
      result(ACTIVATION_RULE.id, "warning", `${p.role} at ${p.scope} (eligible: ${p.eligible.join(", ")}): ${w}`, { fullyQualifiedName: p.policyId ?? p.scope, kind: "resource" }, `pim-activation-policy:${(p.policyId ?? p.scope).toLowerCase()}:${p.roleDefinitionId}:${hash(w)}`),
    ),
  );
  return sarifLog("azureml-platform-audit", version, rules, [...violations, ...weaknesses]);
}
