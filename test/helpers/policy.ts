import { expect } from "chai";
import { Policy } from "@pulumi/policy";
import { EngineResource, PolicyConfigFile, Violation, evaluatePack } from "../../plan/engine";
import { UNKNOWN } from "../../policies/lib/internals";

/** Pulumi's wire sentinels for values unknown during preview, to build "preview before ids exist" props. */
export const unknown = UNKNOWN;

let counter = 0;

/** The resource an unknown value in these specs is computed from (`check` adds it to the stack when named). */
const SOURCE_URN = "urn:pulumi:test::proj::test:index:Source::source";

/** A resource as the engine would hand it over (type token, props, options, graph links by URN). */
export function resource(type: string, props: Record<string, any>, extra: Partial<EngineResource> = {}): EngineResource {
  const name = extra.name ?? `r${++counter}`;
  // A workspace kind unknown in these specs is one the program computes from another resource: a first
  // preview's placeholder for a kind left out has no dependency and reads as the default kind (hubs.ts kindIs).
  const kindUnknown = Object.values(unknown).includes(props?.kind) && !extra.propertyDependencies?.kind;
  if (kindUnknown) extra = { ...extra, propertyDependencies: { ...(extra.propertyDependencies ?? {}), kind: [SOURCE_URN] } };
  return {
    urn: `urn:pulumi:test::proj::${type}::${name}`,
    type,
    name,
    custom: true,
    protect: false,
    dependencies: [],
    propertyDependencies: {},
    props,
    ...extra,
  };
}

/** `resources`, plus the resource their unknown values are computed from when one of them names it. */
export function withSource(resources: EngineResource[]): EngineResource[] {
  const named = resources.some((r) => Object.values(r.propertyDependencies).some((urns) => urns.includes(SOURCE_URN)));
  const source: EngineResource = { urn: SOURCE_URN, type: "test:index:Source", name: "source", custom: false, protect: false, dependencies: [], propertyDependencies: {}, props: {} };
  return named ? [...resources, source] : resources;
}

/**
 * Runs one policy through the same evaluation the plan uses (analyzer semantics: props behind
 * unknownCheckingProxy, schema defaults, getConfig, notApplicable), as the only policy of a pack.
 */
export async function check(policy: Policy, resources: EngineResource[], config?: Record<string, unknown>): Promise<Violation[]> {
  const file: PolicyConfigFile | undefined = config ? { [policy.name]: { enforcementLevel: "mandatory", ...config } } : undefined;
  const result = await evaluatePack({ name: "test-pack", directory: "test-pack", description: "", enforcementLevel: "mandatory", policies: [policy] }, withSource(resources), file);
  return result.violations;
}

export async function expectPass(policy: Policy, resources: EngineResource[], config?: Record<string, unknown>): Promise<void> {
  const v = await check(policy, resources, config);
  expect(v.map((x) => x.message), `${policy.name} should pass`).to.deep.equal([]);
}

export async function expectViolation(policy: Policy, resources: EngineResource[], message: RegExp, config?: Record<string, unknown>): Promise<Violation[]> {
  const v = await check(policy, resources, config);
  expect(v.length, `${policy.name} should report a violation`).to.be.greaterThan(0);
  expect(v.map((x) => x.message).join("\n")).to.match(message);
  return v;
}

/**
 * Asserts that a policy defers instead of deciding: exactly the advisory that @pulumi/policy reports
 * for an UnknownValueError ("can't run policy … during preview: <type> value at .<path> …"), so a
 * mandatory first preview is not blocked by a value that only the update can know.
 */
export async function expectDeferred(policy: Policy, resources: EngineResource[], path: string, config?: Record<string, unknown>): Promise<void> {
  const v = await check(policy, resources, config);
  const escaped = path.replace(/[.[\]]/g, "\\$&");
  expect(v.map((x) => [x.enforcementLevel, x.message])).to.deep.equal([["advisory", v[0]?.message]]);
  expect(v[0].message).to.match(new RegExp(`^can't run policy '${policy.name}' from policy pack 'test-pack@v0\\.0\\.0' during preview: (string|number|boolean|Array|Object) value at \\.${escaped} can't be known during preview$`));
}

/** Policy metadata every rule must carry. */
export function expectDocumented(policy: Policy): void {
  expect(policy.name).to.match(/^[a-z0-9-]+$/);
  expect(policy.description.length).to.be.greaterThan(20);
  expect(policy.severity).to.be.oneOf(["low", "medium", "high", "critical"]);
  expect(policy.remediationSteps ?? "").to.have.length.greaterThan(10);
}
