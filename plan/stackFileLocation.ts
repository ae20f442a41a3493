// Where in a stack file a finding comes from: the line and column of the `workspaces`, `registries`
// or `teams` entry whose resources it is about, for SARIF regions (code scanning annotates that line).
import { LineCounter, isMap, isScalar, isSeq, parseDocument } from "yaml";
import { parseAssignmentDescription } from "../rbac/ids";
import type { PlanResource } from "./plan";

/** A 1-based line and column (SARIF `region.startLine`/`startColumn`). */
export interface Position {
  line: number;
  column: number;
}

/** The stack file's entries by list and logical name, with their positions. */
export type StackFileEntries = Record<"workspaces" | "registries" | "teams", Map<string, Position>>;

/** Reads the entries of `config: azureml-platform:workspaces|registries|teams` (nothing where the file is not YAML of that shape). */
export function stackFileEntries(text: string): StackFileEntries {
  const entries: StackFileEntries = { workspaces: new Map(), registries: new Map(), teams: new Map() };
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  const config = doc.get("config", true);
  if (!isMap(config)) return entries;
  for (const list of ["workspaces", "registries", "teams"] as const) {
    const seq = config.get(`azureml-platform:${list}`, true);
    if (!isSeq(seq)) continue;
    for (const item of seq.items) {
      if (!isMap(item)) continue;
      const name = item.get("name", true);
      if (!isScalar(name) || typeof name.value !== "string" || !item.range) continue;
      const at = lines.linePos(item.range[0]);
      entries[list].set(name.value, { line: at.line, column: at.col });
    }
  }
  return entries;
}

/**
 * The entry a resource comes from: its team (AccessModel's marker on a grant), else its nearest
 * WorkspaceStack or Registry component ancestor, by logical name. Undefined for what belongs to the
 * whole stack (a stack budget, a finding without a resource).
 */
export function entryOf(urn: string | undefined, resources: readonly PlanResource[], entries: StackFileEntries): Position | undefined {
  if (!urn) return undefined;
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const own = byUrn.get(urn);
  const marker = own ? parseAssignmentDescription(own.inputs.description ?? own.inputs.justification) : undefined;
  if (marker && entries.teams.has(marker.team)) return entries.teams.get(marker.team);
  for (let r = own, depth = 0; r && depth < 20; r = r.parent ? byUrn.get(r.parent) : undefined, depth++) {
    if (r.type === "azureml-platform:index:WorkspaceStack" && entries.workspaces.has(r.name)) return entries.workspaces.get(r.name);
    if (r.type === "azureml-platform:index:Registry" && entries.registries.has(r.name)) return entries.registries.get(r.name);
  }
  return undefined;
}
