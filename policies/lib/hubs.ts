// Hubs and projects as the policies see them. A project workspace (`kind: Project`) takes its
// network, encryption, storage, key vault, container registry and Application Insights from its hub
// ("Project workspaces that are created using a hub obtain the hub's security settings and shared
// resource configuration", concept-hub-workspace), so a rule about those settings judges a project
// through its hub, found among the stack's resources by `hubResourceId`.
import { PolicyResource } from "@pulumi/policy";
import { DeferredReads, isType, read, setByProgram, TYPES, UNKNOWN } from "./azure";
import { Pending, Target, targetOf } from "./deploy";

/** Whether a workspace's `kind` is `kind` (ARM compares it case-insensitively); "unknown" while unknown in preview. */
export function kindIs(ws: PolicyResource | { props: unknown; propertyDependencies?: Record<string, { urn: string }[]> }, kind: "Project" | "Hub"): boolean | "unknown" {
  const value = read(ws.props, "kind");
  // A first preview's placeholder for a kind the program left out (setByProgram) is Azure's default kind.
  if (value === UNKNOWN) return setByProgram(ws, "kind") ? "unknown" : false;
  return typeof value === "string" && value.toLowerCase() === kind.toLowerCase();
}

/** Where a project's hub is. */
export type HubOf =
  /** The hub is a workspace of this stack. */
  | { hub: PolicyResource }
  /** `hubResourceId` names a workspace this stack does not create: the stack that creates it judges it. */
  | { outside: Target }
  /** `hubResourceId` is unknown in preview and built from no workspace of the stack. */
  | { pending: Pending }
  /** No `hubResourceId` at all. */
  | { none: true };

/**
 * The hub of a project: the workspace of the stack `hubResourceId` depends on (a preview sees `hub.id`
 * as a property dependency) or whose Azure name the id ends with (an id written out, or known in an
 * update); else the id itself, outside the stack.
 */
export function hubOf(project: PolicyResource, resources: readonly PolicyResource[]): HubOf {
  const target = targetOf(project, "hubResourceId", resources, [TYPES.workspace]);
  if (target === "unknown") return { pending: { props: project.props, path: "hubResourceId" } };
  if (target === undefined) return { none: true };
  if (target.resource) return { hub: target.resource };
  return { outside: target };
}

/** The stack's workspaces of `kind`, with the first one whose kind is unknown (to defer on). */
export function workspacesOfKind(resources: readonly PolicyResource[], kind: "Project" | "Hub"): { workspaces: PolicyResource[]; pending?: Pending } {
  let pending: Pending | undefined;
  const workspaces = resources.filter((r) => {
    if (!isType(r.type, TYPES.workspace)) return false;
    const is = kindIs(r, kind);
    if (is === "unknown") pending ??= { props: r.props, path: "kind" };
    return is === true;
  });
  return { workspaces, pending };
}

/** The stack's projects; a workspace whose kind is unknown in a preview defers the rule. */
export function projectsOf(resources: readonly PolicyResource[], deferred: DeferredReads): PolicyResource[] {
  const { workspaces, pending } = workspacesOfKind(resources, "Project");
  if (pending) deferred.add(pending.props, pending.path);
  return workspaces;
}

/** Each project of the stack with its hub; a project whose hub is unknown in a preview defers the rule instead. */
export function projectsWithHubs(resources: readonly PolicyResource[], deferred: DeferredReads): { project: PolicyResource; hub: Exclude<HubOf, { pending: Pending }> }[] {
  const out: { project: PolicyResource; hub: Exclude<HubOf, { pending: Pending }> }[] = [];
  for (const project of projectsOf(resources, deferred)) {
    const hub = hubOf(project, resources);
    if ("pending" in hub) deferred.add(hub.pending.props, hub.pending.path);
    else out.push({ project, hub });
  }
  return out;
}

/**
 * The workspace whose network a workspace's traffic goes through: a project's hub (one managed network
 * is shared between hub and projects, concept-hub-workspace "Network settings"), anything else itself.
 * `undefined` with a note when a project's hub is outside the stack or not set; pending when unknown.
 */
export function networkOwner(ws: PolicyResource, resources: readonly PolicyResource[]): { owner?: PolicyResource; pending?: Pending } {
  const project = kindIs(ws, "Project");
  if (project === "unknown") return { pending: { props: ws.props, path: "kind" } };
  if (!project) return { owner: ws };
  const hub = hubOf(ws, resources);
  if ("pending" in hub) return { pending: hub.pending };
  return "hub" in hub ? { owner: hub.hub } : {};
}
