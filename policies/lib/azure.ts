import { TYPES, canonicalType } from "../../core/types";
import { PROXY_TARGET, UNKNOWN_SENTINELS, UNKNOWN as WIRE_UNKNOWN, UnknownValueError } from "./internals";

/** Type tokens the policies match on (defined once in core/types.ts, shared with plan/). Versioned tokens match too. */
export { TYPES };

/** Tracked ARM resources of the platform: they carry tags and a location (role assignments, locks and diagnostic settings do not). */
export const TRACKED_TYPES: readonly string[] = [
  TYPES.resourceGroup,
  TYPES.storageAccount,
  TYPES.keyVault,
  TYPES.logAnalytics,
  TYPES.applicationInsights,
  TYPES.containerRegistry,
  TYPES.workspace,
  TYPES.compute,
  TYPES.machineLearningRegistry,
];

/** `azure-native:<module>[/<version>]:<Resource>` equals `azure-native:<module>:<Resource>`. */
export function isType(type: string, token: string): boolean {
  return type === token || canonicalType(type) === token;
}

/** Marks a value the engine cannot know yet (preview before the resource it comes from exists). */
export const UNKNOWN: unique symbol = Symbol("unknown during preview");
export type Read<T = unknown> = T | undefined | typeof UNKNOWN;

/**
 * Reads `a.b.c` from policy props without throwing on unknown values: the engine wraps props in
 * `unknownCheckingProxy`, which throws on access to an unknown; policies here fail closed instead.
 * The walk reads the values behind the proxy, so an unknown costs a comparison rather than an error
 * with its stack trace (a quarter of the policies' time on a large first preview); an object comes
 * back through the proxy, so what a policy reads inside it stays checked. Props that are not behind
 * the proxy are read as they are.
 */
export function read<T = unknown>(props: unknown, path: string): Read<T> {
  const target = props !== null && typeof props === "object" ? (props as Record<string, unknown>)[PROXY_TARGET] : undefined;
  const checked = target !== undefined;
  const keys = path.split(".");
  let current: any = checked ? target : props;
  for (const key of keys) {
    if (current === undefined || current === null) return undefined;
    if (checked && UNKNOWN_SENTINELS.has(current)) return UNKNOWN;
    current = current[key];
  }
  if (checked && UNKNOWN_SENTINELS.has(current)) return UNKNOWN;
  if (!checked || current === null || typeof current !== "object") return current as T;
  // No unknown on the way (checked above): the proxy's walk cannot throw.
  return keys.reduce((value: any, key) => value[key], props) as T;
}

/** Resource tags as a plain object (empty when absent, UNKNOWN when not yet known). */
export function readTags(props: unknown): Record<string, string> | typeof UNKNOWN {
  const tags = read<Record<string, string>>(props, "tags");
  if (tags === UNKNOWN) return UNKNOWN;
  if (!tags || typeof tags !== "object") return {};
  const out: Record<string, string> = {};
  for (const k of Object.keys(tags)) {
    const v = read<string>(tags, k);
    if (v === UNKNOWN) return UNKNOWN;
    if (typeof v === "string") out[k] = v;
  }
  return out;
}

/**
 * Whether prod-only rules apply. The `environment` tag (WorkspaceStack sets it on everything it
 * creates) decides; a resource without a readable tag is treated as prod, so it is held to the
 * strictest rules rather than let through (fail closed).
 */
export function isProd(props: unknown): boolean {
  const tags = readTags(props);
  if (tags === UNKNOWN) return true;
  const env = tags.environment;
  return env === undefined || env.toLowerCase() !== "dev";
}

/**
 * A resource's Azure name. Resource policies see inputs (`workspaceName`, `accountName`, …); stack
 * policies in a real preview see outputs, where azure-native reports it as `name`.
 */
export function azureName(props: unknown, inputKey: string): string | undefined {
  for (const key of [inputKey, "name"]) {
    const value = read(props, key);
    if (typeof value === "string") return value;
  }
  return undefined;
}

/**
 * Whether the program set `property` on a resource, as a stack policy can tell from its outputs. A known
 * value is set. An unknown one is set only when it came from another resource (a property dependency):
 * in a first preview azure-native makes every output the inputs leave out unknown (PreviewOutputs,
 * pulumi-azure-native provider/pkg/convert/previewOutputs.go), and a value the program computed from
 * resources that do not exist yet carries those resources as property dependencies
 * (RegisterResourceRequest.propertyDependencies), so an unknown without one is the provider's placeholder.
 */
export function setByProgram(resource: { props: unknown; propertyDependencies?: Record<string, { urn: string }[]> }, property: string): boolean {
  const value = read(resource.props, property);
  if (value === UNKNOWN) return (resource.propertyDependencies?.[property] ?? []).length > 0;
  return value !== undefined && value !== null;
}

/** The parts of a policy-visible resource that say what it points at. */
interface Referring {
  props: unknown;
  propertyDependencies?: Record<string, { urn: string }[]>;
}

/**
 * Whether `from.props[property]` points at `to`: by a property dependency on it (how a preview sees
 * `property: to.id` before the id is known), or by an ARM id ending in `/<idSegment>/<to's Azure name>`
 * (an id written out, or a known id in an update), compared case-insensitively as ARM does.
 */
export function refersTo(from: Referring, property: string, to: { urn: string; props: unknown }, idSegment: string, nameInput: string): boolean {
  if ((from.propertyDependencies?.[property] ?? []).some((d) => d.urn === to.urn)) return true;
  const ref = read<string>(from.props, property);
  const name = azureName(to.props, nameInput);
  return typeof ref === "string" && name !== undefined && ref.toLowerCase().endsWith(`/${idSegment}/${name.toLowerCase()}`);
}

/** The resource group of a resource: its `resourceGroupName` input, or parsed from a known ARM `id` output. */
export function resourceGroupOf(props: unknown): string | undefined {
  const rg = read(props, "resourceGroupName");
  if (typeof rg === "string") return rg;
  const id = read(props, "id");
  return typeof id === "string" ? /\/resourceGroups\/([^/]+)/i.exec(id)?.[1] : undefined;
}

/**
 * Values a rule could not read because they are unknown during preview. A rule notes them and goes on
 * checking what is known; `settle()` then throws @pulumi/policy's own UnknownValueError, which the SDK
 * reports as the advisory "can't run policy … during preview" (server.js, analyze / analyzeStack),
 * keeping any violation already reported. The engine runs the policies again with real values during
 * the update, so an unknown is deferred, never passed: it fails only when the real value is wrong.
 */
export class DeferredReads {
  private first?: { props: unknown; path: string };

  /** Notes that `path` of `props` is unknown. */
  add(props: unknown, path: string): void {
    this.first ??= { props, path };
  }

  get pending(): boolean {
    return this.first !== undefined;
  }

  /** Throws the engine's UnknownValueError for the first unknown noted; returns when there was none. */
  settle(): void {
    if (!this.first) return;
    const { props, path } = this.first;
    let current: any = props;
    // Reading again through the engine's proxy throws its own error, with the value's type in the message.
    for (const key of path.split(".")) current = current?.[key];
    throw new UnknownValueError(WIRE_UNKNOWN.object, path.split("."));
  }
}

export function show(value: unknown): string {
  if (value === UNKNOWN) return "unknown until deployment";
  if (value === undefined) return "not set";
  return JSON.stringify(value);
}
