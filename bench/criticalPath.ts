// The deployment's critical path next to its physical minimum. `pulumi up` creates a resource once
// everything it depends on exists, so the longest dependency chain bounds how long a deployment
// takes. Some of those dependencies are physics (a child needs its parent, a reference needs its
// target, a grant needs its principal); any other is serialisation the program added for nothing.
// Both depths are computed from the recorded graph: the minimum keeps only the edges whose kind is
// physical, so a gap between the two names needless serialisation.
import { canonicalType, TYPES } from "../core/types";
import { plainInputs } from "../plan/props";
import { RecordedResource } from "../plan/recorder";
import { Recording } from "./baseline";

/**
 * Why B waits for A.
 * - `contained`: B lives inside A (its ARM id is under A's): a resource group's resources, a storage
 *   account's blob service, a workspace's computes, a zone's links, a scope's locks and assignments.
 * - `references`: an input of B holds A's resource id; Azure validates that it exists (a workspace's
 *   storage, key vault, Application Insights, registry, identity; a private endpoint's target).
 * - `principal`: an input of B holds an identity A has only once it exists (the principal id of a
 *   managed identity, a compute's or workspace's system identity, a created group's object id).
 * - `grantBeforeUse`: B waits (dependsOn) for a role assignment on something B lives in or references,
 *   or for the identity B uses: what Azure checks when B is created or first provisions
 *   (how-to-identity-based-service-authentication: the user-assigned identity's roles before the
 *   workspace; its Contributor on the workspace before the managed network's first compute).
 * - `policyBeforeEligibility`: B, a PIM eligibility, waits for the role management policy of its role
 *   at its scope: Azure's default policy makes eligibilities expire, so a permanent one is refused until
 *   the policy allows it (docs/access.md "Just-in-time admin (PIM)").
 * - `value`: B only uses a value computed from A (a name, a tag, a GUID) that it could know without A.
 * - `ordering`: B waits for A (dependsOn) for none of the reasons above.
 */
export type DependencyKind = "contained" | "references" | "principal" | "grantBeforeUse" | "policyBeforeEligibility" | "value" | "ordering";

export const PHYSICAL_KINDS: ReadonlySet<DependencyKind> = new Set(["contained", "references", "principal", "grantBeforeUse", "policyBeforeEligibility"]);

export interface DependencyEdge {
  from: string;
  to: string;
  kinds: DependencyKind[];
  physical: boolean;
}

export interface CriticalPath {
  /** Longest chain over every dependency, in resources (levels `pulumi up` creates one after another). */
  measured: string[];
  /** Longest chain over physical dependencies only: the depth no program can go below. */
  minimum: string[];
  /** Edges on the graph that are not physical (needless serialisation when they lengthen the path). */
  needless: DependencyEdge[];
  edges: DependencyEdge[];
}

function leaves(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => leaves(v, out));
  else if (value && typeof value === "object") Object.values(value).forEach((v) => leaves(v, out));
  return out;
}

/** Strings only a created resource has: ids of identities and groups (GUIDs) among its outputs. */
function identityValues(state: Record<string, unknown>): Set<string> {
  const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const found = new Set<string>();
  const visit = (v: unknown, key: string) => {
    if (typeof v === "string" && guid.test(v) && /principalId|objectId/i.test(key)) found.add(v);
    else if (v && typeof v === "object") Object.entries(v).forEach(([k, x]) => visit(x, k));
  };
  Object.entries(state).forEach(([k, v]) => visit(v, k));
  return found;
}

/** Classifies every dependency between custom resources of a recording made with known outputs. */
export function dependencyEdges(recording: Recording): DependencyEdge[] {
  const custom = new Map(recording.run.resources.filter((r) => r.custom).map((r) => [r.urn, r]));
  const idOf = (urn: string) => String(recording.states.get(urn)?.id ?? "");
  const edges = new Map<string, DependencyEdge[]>(); // by dependent
  const relatedOf = (urn: string) => new Set((edges.get(urn) ?? []).filter((e) => e.kinds.some((k) => k === "contained" || k === "references" || k === "principal")).map((e) => e.from));

  for (const b of custom.values()) {
    const inputs = plainInputs(b);
    const list: DependencyEdge[] = [];
    const propertyDeps = new Set(Object.values(b.propertyDependencies).flat());
    const explicit: RecordedResource[] = [];
    for (const aUrn of new Set(b.dependencies)) {
      const a = custom.get(aUrn);
      if (!a || aUrn === b.urn) continue;
      if (!propertyDeps.has(aUrn)) {
        explicit.push(a);
        continue;
      }
      const kinds = new Set<DependencyKind>();
      const aId = idOf(aUrn);
      if (aId.startsWith("/") && idOf(b.urn).toLowerCase().startsWith(aId.toLowerCase() + "/")) kinds.add("contained");
      const identities = identityValues(recording.states.get(aUrn) ?? {});
      for (const [key, deps] of Object.entries(b.propertyDependencies)) {
        if (!deps.includes(aUrn)) continue;
        for (const leaf of leaves(inputs[key])) {
          if (aId && leaf.toLowerCase().includes(aId.toLowerCase())) kinds.add("references");
          if (identities.has(leaf)) kinds.add("principal");
        }
      }
      if (kinds.size === 0) kinds.add("value");
      list.push({ from: aUrn, to: b.urn, kinds: [...kinds], physical: [...kinds].some((k) => PHYSICAL_KINDS.has(k)) });
    }
    edges.set(b.urn, list);
    // A grant B waits for is a prerequisite when its scope or its principal is something B lives in
    // or uses (not merely in the same resource group).
    const mine = relatedOf(b.urn);
    for (const a of explicit) {
      const grant = canonicalType(a.type) === TYPES.roleAssignment;
      const targets = [...(a.propertyDependencies.scope ?? []), ...(a.propertyDependencies.principalId ?? [])];
      const onWhatBUses = grant && targets.some((u) => mine.has(u));
      const policyFirst = canonicalType(a.type) === TYPES.roleManagementPolicy && canonicalType(b.type) === TYPES.pimRoleEligibilitySchedule;
      const kinds: DependencyKind[] = [onWhatBUses ? "grantBeforeUse" : policyFirst ? "policyBeforeEligibility" : "ordering"];
      list.push({ from: a.urn, to: b.urn, kinds, physical: onWhatBUses || policyFirst });
    }
  }
  return [...edges.values()].flat();
}

function longest(urns: string[], incoming: Map<string, string[]>): string[] {
  const memo = new Map<string, string[]>();
  const chain = (urn: string): string[] => {
    const known = memo.get(urn);
    if (known) return known;
    let best: string[] = [];
    for (const from of incoming.get(urn) ?? []) {
      const c = chain(from);
      if (c.length > best.length) best = c;
    }
    const result = [...best, urn];
    memo.set(urn, result);
    return result;
  };
  return urns.map(chain).reduce((a, b) => (b.length > a.length ? b : a), [] as string[]);
}

export function criticalPath(recording: Recording): CriticalPath {
  const edges = dependencyEdges(recording);
  const urns = recording.run.resources.filter((r) => r.custom).map((r) => r.urn);
  const incoming = (keep: (e: DependencyEdge) => boolean) => {
    const m = new Map<string, string[]>();
    for (const e of edges.filter(keep)) m.set(e.to, [...(m.get(e.to) ?? []), e.from]);
    return m;
  };
  return {
    measured: longest(urns, incoming(() => true)),
    minimum: longest(urns, incoming((e) => e.physical)),
    needless: edges.filter((e) => !e.physical),
    edges,
  };
}

/** `Type(name)` for reports. */
export function describe(urn: string): string {
  const [, , type, name] = urn.split("::");
  return `${type.split("$").pop()!.split(":").pop()}(${name})`;
}
