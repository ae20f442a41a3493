import { AccessChange, ChangeAction, PlanDiff } from "./diff";
import type { Violation } from "./engine";
import { targetLabel } from "../rbac/matrix";

const SYMBOL: Record<ChangeAction, string> = { create: "+ ", update: "~ ", replace: "+-", delete: "- " };

function summaryLine(d: PlanDiff): string {
  const s = d.summary;
  const n = d.violations.new.length;
  return `Summary: ${s.create} to create, ${s.update} to update, ${s.replace} to replace, ${s.delete} to delete, ${s.hazards} hazard${s.hazards === 1 ? "" : "s"}, ${n} new mandatory violation${n === 1 ? "" : "s"}`;
}

const violationLine = (v: Violation) => `${v.pack}/${v.policy}${v.urn ? ` ${v.urn.split("::").pop()}` : ""}: ${v.message.split("\n")[0]}`;

/** Text like `pulumi preview --diff`: one line per resource, its changed properties, red-flag hazard lines, the access changes, a summary. */
export function renderDiffText(d: PlanDiff): string {
  const out = [`Comparing stack ${d.stack} with ${d.base} (offline: resource graph and access matrix, no cloud)`, ""];
  if (!d.changes.length) out.push("  no resource changes");
  for (const c of d.changes) {
    out.push(`  ${SYMBOL[c.action]} ${c.action.padEnd(7)} ${c.type}  ${c.name}${c.possibly ? "  (possibly: follows a value unknown until the update)" : ""}`);
    if (c.properties.length) out.push(`            changed: ${c.properties.join(", ")}`);
    if (c.role) out.push(`            role: ${c.role.before} → ${c.role.after}`);
    for (const h of c.hazards) out.push(`   !! HAZARD: ${h}`);
  }
  out.push("", "Access changes");
  if (!d.access.length) out.push("  none");
  for (const a of d.access) out.push(`  ${a.team} @ ${targetLabel(a)}: ${accessParts(a).join(", ")}`);
  out.push("", "Mandatory violations");
  if (!d.violations.new.length && !d.violations.resolved.length) out.push("  none new, none resolved");
  for (const v of d.violations.new) out.push(`  new      ${violationLine(v)}`);
  for (const v of d.violations.resolved) out.push(`  resolved ${violationLine(v)}`);
  out.push("", "Advisory findings (do not change the exit code)");
  if (!(d.violations.newAdvisory ?? []).length) out.push("  none new");
  for (const v of d.violations.newAdvisory ?? []) out.push(`  new      ${violationLine(v)}`);
  out.push("", summaryLine(d));
  return out.join("\n") + "\n";
}

const md = (s: string) => s.replace(/\|/g, "\\|");

/** One access row's change in words: a new or removed row with what it holds, operations gained and lost, PIM moves. */
export function accessParts(a: AccessChange): string[] {
  const held = a.operations?.length ? a.operations.join(" ") : "none of the key operations";
  const row = a.row === "added" ? [`new: ${held}`] : a.row === "removed" ? [`removed (held: ${held})`] : [];
  const moved = a.row ? [] : [...a.gained.map((op) => `+${op}`), ...a.lost.map((op) => `-${op}`)];
  return [...row, ...moved, ...activationParts(a)];
}

/** Active ↔ eligible (PIM) changes of one access row, in words: `active → eligible`, `now eligible: createCompute`. */
export function activationParts(a: AccessChange): string[] {
  const parts: string[] = [];
  if (a.activation) parts.push(`${a.activation.before} → ${a.activation.after}`);
  if (a.nowEligible?.length) parts.push(`now eligible (just in time): ${a.nowEligible.join(" ")}`);
  if (a.nowActive?.length) parts.push(`now active (standing): ${a.nowActive.join(" ")}`);
  return parts;
}

/** Wraps a long list in a collapsed `<details>` block so the comment stays readable. */
function collapsible(title: string, body: string, rows: number): string {
  return rows > 10 ? `<details><summary>${title} (${rows})</summary>\n\n${body}\n</details>\n` : `**${title}**\n\n${body}\n`;
}

/** The same as a pull-request comment: a summary, hazards first, tables, long lists collapsed. */
export function renderDiffMarkdown(d: PlanDiff): string {
  const s = d.summary;
  const n = d.violations.new.length;
  const out = [
    `### \`${d.stack}\`: ${s.create} to create, ${s.update} to update, ${s.replace} to replace, ${s.delete} to delete${s.hazards ? `, :warning: ${s.hazards} hazard${s.hazards === 1 ? "" : "s"}` : ""}${n ? `, :x: ${n} new mandatory violation${n === 1 ? "" : "s"}` : ""}`,
    "",
    `Compared with \`${d.base}\`, offline (no cloud credentials).`,
    "",
  ];
  // Each hazard under the resource it is about: the action, the type and the name, then its hazards.
  const hazardous = d.changes.filter((c) => c.hazards.length);
  if (hazardous.length) {
    out.push("**Hazards**", "");
    for (const c of hazardous) {
      out.push(`- **${c.action}${c.possibly ? " (possibly)" : ""}** \`${md(c.type)}\` **${md(c.name)}**`);
      for (const h of c.hazards) out.push(`  - :warning: ${md(h)}`);
    }
    out.push("");
  }
  if (n || d.violations.resolved.length) {
    out.push("**Mandatory violations**", "");
    for (const v of d.violations.new) out.push(`- :x: new: ${md(violationLine(v))}`);
    for (const v of d.violations.resolved) out.push(`- :white_check_mark: resolved: ${md(violationLine(v))}`);
    out.push("");
  }
  const advisory = d.violations.newAdvisory ?? [];
  if (advisory.length) {
    out.push("**New advisory findings** (they do not fail the check)", "");
    for (const v of advisory) out.push(`- :information_source: ${md(violationLine(v))}`);
    out.push("");
  }
  const roles = d.changes.filter((c) => c.role);
  if (roles.length) {
    out.push("**Roles changed**", "");
    for (const c of roles) out.push(`- ${md(c.name)}: ${md(c.role!.before)} → **${md(c.role!.after)}**`);
    out.push("");
  }
  if (d.changes.length) {
    const rows = d.changes.map((c) => `| ${c.action}${c.possibly ? " (possibly)" : ""} | \`${md(c.type)}\` | ${md(c.name)} | ${c.properties.map((p) => `\`${md(p)}\``).join(", ")} | ${c.hazards.length ? ":warning:" : ""} |`);
    out.push(collapsible("Resources", ["| action | type | name | changed properties | hazard |", "| --- | --- | --- | --- | --- |", ...rows].join("\n"), rows.length));
  } else out.push("No resource changes.", "");
  if (d.access.length) {
    const rowChange = (a: AccessChange) => (a.row === "added" ? "new team row" : a.row === "removed" ? "removed team row" : "");
    const rows = d.access.map(
      (a) =>
        `| ${md(a.team)} | ${md(targetLabel(a))} | ${rowChange(a)} | ${(a.row === "added" ? a.operations ?? [] : a.row ? [] : a.gained).join(", ")} | ${(a.row === "removed" ? a.operations ?? [] : a.row ? [] : a.lost).join(", ")} | ${md(activationParts(a).join("; "))} |`,
    );
    out.push(collapsible("Access changes", ["| team | workspace | row | gained | lost | activation (PIM) |", "| --- | --- | --- | --- | --- | --- |", ...rows].join("\n"), rows.length));
  } else out.push("No access changes.", "");
  return out.join("\n");
}
