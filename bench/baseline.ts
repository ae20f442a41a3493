// The baseline of "component overhead": the component program's own registrations, replayed as a
// bare program. A hand-written bare program drifts (it declared 33 resources while the prod stack
// registered 84 two releases later); one generated from a fresh recording of the component program
// registers what the component program registers, by construction, and `compareRegistrations`
// (test/bench/baseline.test.ts) proves that the replay is faithful.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import { canonicalType } from "../core/types";
import { plainInputs } from "../plan/props";
import { RecordedResource } from "../plan/recorder";
import { ProgramRun, RunOptions, runProgram } from "../plan/run";
import { UNKNOWN } from "../policies/lib/internals";

const settings = require("@pulumi/pulumi/runtime/settings") as { getMonitor(): MockMonitor };

/** One invoke the program made (client config, group and user look-ups…), as the mocks answered it. */
export interface RecordedInvoke {
  token: string;
  inputs: Record<string, unknown>;
  result: Record<string, unknown>;
}

/** A program run with known outputs, plus what the bare program needs to wire the same Outputs. */
export interface Recording {
  run: ProgramRun;
  /** The same program in a first preview (unknown outputs): which inputs are unknown, and how whole. */
  preview: ProgramRun;
  /** Output state of each custom resource (ids, names, principal ids) by URN, as the mocks answered. */
  states: Map<string, Record<string, unknown>>;
  invokes: RecordedInvoke[];
  /** The stack config's values: strings found there are plain in a hand-written program too. */
  config: Record<string, string>;
}

/**
 * Runs `program` with known outputs (so every input is a concrete value the replay can match
 * against the outputs it came from) and records its registrations, the mocks' answers and invokes.
 */
export async function recordProgram(program: () => unknown, options: RunOptions): Promise<Recording> {
  const invokes: RecordedInvoke[] = [];
  let monitor: MockMonitor | undefined;
  const run = await runProgram(
    () => {
      // The mocks are this run's own instance: wrapping its `call` observes this run only.
      monitor = settings.getMonitor();
      const mocks = monitor.mocks;
      const call = mocks.call.bind(mocks);
      mocks.call = (args) => {
        const result = call(args);
        invokes.push({ token: args.token, inputs: { ...args.inputs }, result: { ...result } });
        return result;
      };
      return program();
    },
    { ...options, knownOutputs: true },
  );
  const states = new Map<string, Record<string, unknown>>();
  for (const r of run.resources) {
    const entry = monitor!.resources.get(r.urn);
    if (r.custom && entry) states.set(r.urn, { ...entry.state, id: entry.id });
  }
  const preview = await runProgram(program, { ...options, knownOutputs: false });
  return { run, preview, states, invokes, config: options.config };
}

/** `azure-native:storage:StorageAccount` → module and class a hand-written program imports. */
function sdkMember(token: string, suffix = ""): { module: string; member: string } {
  const canonical = canonicalType(token);
  const [pkg, mod, name] = canonical.split(":");
  if (pkg === "azure-native") return { module: `@pulumi/azure-native/${mod}`, member: name + suffix };
  if (pkg === "azuread") return { module: "@pulumi/azuread", member: name + suffix };
  throw new Error(`baseline: no SDK mapping for type token ${token}`);
}

const SECRET_SIG = "4dabf18193072939515e22adb298388d";
const UNKNOWN_VALUES = new Set<unknown>(Object.values(UNKNOWN));
const ID_LIKE = /^\/subscriptions\//i;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Candidate {
  value: string;
  /** JavaScript expression of the Output carrying it (`r3.id`, `r5.identity.apply(…)`, `i0.tenantId`). */
  expression: string;
  /** Substring matches are allowed for ARM ids and GUIDs only: names are too short to be unambiguous. */
  partial: boolean;
}

/** Outputs of a created resource a hand-written program would read: id, name, and what only the provider returns. */
function resourceCandidates(variable: string, state: Record<string, unknown>, inputs: Record<string, unknown>): Candidate[] {
  const found: Candidate[] = [];
  const visit = (value: unknown, pathParts: string[]) => {
    if (typeof value === "string" && value) {
      const [head, ...rest] = pathParts;
      const top = `${variable}.${head}`;
      // As a typed program reads an optional nested output: `compute.identity.apply((i) => i?.principalId ?? "")`.
      const expression = rest.length ? `${top}.apply((v) => v${rest.map((p) => `?.${p}`).join("")} ?? "")` : top;
      found.push({ value, expression, partial: ID_LIKE.test(value) || GUID.test(value) });
    } else if (value && typeof value === "object" && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) visit(v, [...pathParts, k]);
    }
  };
  for (const [key, value] of Object.entries(state)) {
    // Inputs echoed back are what the program passed, not an output it would read; id and name are read.
    if (key !== "id" && key !== "name" && key in inputs && JSON.stringify(inputs[key]) === JSON.stringify(value)) continue;
    visit(value, [key]);
  }
  // Longest first: an id contains the name of the resource and of its parents.
  return found.sort((a, b) => b.value.length - a.value.length);
}

/**
 * Generates the bare program (CommonJS source): every custom resource the recording holds, in
 * registration order, declared with its real azure-native / azuread class, no parent and no
 * component; the inputs as recorded, except where the component program passed an Output, where it
 * passes the same Output a hand-written program would (`rg.name`, `ws.id`, an interpolation of
 * `client.subscriptionId`, or a value computed from the resources it depends on); the invokes the
 * component program made; explicit `dependsOn` and `protect` as recorded.
 */
export function bareProgramSource(recording: Recording): string {
  const imports = new Map<string, string>();
  const importOf = (module: string) => {
    if (!imports.has(module)) imports.set(module, `m${imports.size}`);
    return imports.get(module)!;
  };
  const lines: string[] = [];
  const configValues = configLeaves(recording.config);

  // Invokes first, as a program looks the client and principals up before declaring resources.
  const invokeCandidates: Candidate[] = [];
  recording.invokes.forEach((invoke, i) => {
    const { module, member } = sdkMember(invoke.token);
    lines.push(`  const i${i} = ${importOf(module)}.${member}Output(${JSON.stringify(invoke.inputs)});`);
    for (const [key, value] of Object.entries(invoke.result)) {
      // Only ids: display names and the like are also config values.
      if (typeof value === "string" && (GUID.test(value) || ID_LIKE.test(value)) && !invokeCandidates.some((c) => c.value === value))
        invokeCandidates.push({ value, expression: `i${i}.${key}`, partial: true });
    }
  });

  const custom = recording.run.resources.filter((r) => r.custom);
  const variables = new Map(custom.map((r, i) => [r.urn, `r${i}`]));
  const candidatesByUrn = new Map(custom.map((r) => [r.urn, resourceCandidates(variables.get(r.urn)!, recording.states.get(r.urn) ?? {}, plainInputs(r))]));

  const previewInputs = new Map(recording.preview.resources.map((r) => [r.urn, r.inputs]));
  // The component program declares one registry or workspace per event-loop turn (program/build.ts,
  // buildPlatformInTurns), and its recording lists each component's resources from its turn on: the
  // bare program takes a turn where a component's first resource comes, so that the figure compares
  // like with like (declaring in turns is worth more than the components cost, see bench/README.md).
  const byUrn = new Map(recording.run.resources.map((r) => [r.urn, r]));
  const componentOf = (r: RecordedResource): string | undefined => {
    let top: RecordedResource | undefined;
    for (let at = byUrn.get(r.parent ?? ""); at && at.type !== "pulumi:pulumi:Stack"; at = byUrn.get(at.parent ?? "")) top = at;
    return top?.urn;
  };
  const started = new Set<string>();
  custom.forEach((r) => {
    const component = componentOf(r);
    if (component !== undefined && !started.has(component)) {
      if (started.size) lines.push("  await new Promise((resolve) => setImmediate(resolve));");
      started.add(component);
    }
    const raw = r.inputs;
    const unknownInPreview = previewInputs.get(r.urn) ?? {};
    const props: string[] = [];
    for (const [key, value] of Object.entries(raw)) {
      const deps = (r.propertyDependencies[key] ?? []).filter((d) => variables.has(d));
      if (deps.length && key in unknownInPreview && !holdsUnknown(unknownInPreview[key]) && JSON.stringify(unknownInPreview[key]) === JSON.stringify(value)) {
        // Known even in a first preview, yet waiting for resources: the component built it from names
        // and took the dependency from a URN (known in a preview); so does the bare program.
        props.push(`${JSON.stringify(key)}: pulumi.all([${JSON.stringify(value)}, ${deps.map((d) => `${variables.get(d)}.urn`).join(", ")}]).apply(([v]) => v)`);
        continue;
      }
      const candidates = [...deps.flatMap((d) => candidatesByUrn.get(d)!), ...invokeCandidates];
      const used = new Set<string>();
      let expression = valueExpression(value, candidates, used, configValues);
      // Dependencies no substitution accounts for: the component computed the value from them (a
      // GUID from a scope and a principal); the bare program computes it from the same Outputs.
      const unused = deps.filter((d) => ![...used].some((e) => e.startsWith(`${variables.get(d)}.`)));
      if (unused.length) {
        const ids = unused.map((d) => `${variables.get(d)}.id`).join(", ");
        // Where the value holds Outputs, they carry the extra dependencies (as an Output read from a
        // record of Outputs does); where it is computed, the whole value is.
        expression = used.size
          ? valueExpression(value, candidates, new Set(), configValues, (e) => `pulumi.all([${e}, ${ids}]).apply(([v]) => v)`)
          : `pulumi.all([${expression}, ${ids}]).apply(([v]) => v)`;
      }
      // Unknown in the component's preview while the expression reads a created resource's output a
      // preview echoes (an identity): the component waited for the resource's id; so does the bare program.
      if (deps.length && typeof unknownInPreview[key] === "string" && UNKNOWN_VALUES.has(unknownInPreview[key]) && !unused.length)
        expression = `pulumi.all([${expression}, ${deps.map((d) => `${variables.get(d)}.id`).join(", ")}]).apply(([v]) => v)`;
      // The component built this value as one Output (unknown as a whole in a preview, like
      // `pulumi.all(ids).apply(dedupe)`), not a literal of Outputs: so does the bare program.
      if (value !== null && typeof value === "object" && UNKNOWN_VALUES.has(unknownInPreview[key])) expression = `pulumi.output(${expression})`;
      props.push(`${JSON.stringify(key)}: ${expression}`);
    }
    const propertyDeps = new Set(Object.values(r.propertyDependencies).flat());
    const dependsOn = r.dependencies.filter((d) => variables.has(d) && !propertyDeps.has(d)).map((d) => variables.get(d)!);
    const opts = [r.protect ? "protect: true" : "", dependsOn.length ? `dependsOn: [${dependsOn.join(", ")}]` : ""].filter(Boolean);
    const { module, member } = sdkMember(r.type);
    lines.push(`  const ${variables.get(r.urn)} = new ${importOf(module)}.${member}(${JSON.stringify(r.name)}, { ${props.join(", ")} }${opts.length ? `, { ${opts.join(", ")} }` : ""});`);
  });

  const exported = custom.filter((r) => canonicalType(r.type) === "azure-native:machinelearningservices:Workspace").map((r) => `${JSON.stringify(r.name)}: ${variables.get(r.urn)}.name`);
  return [
    "// Generated by bench/baseline.ts from a recording of the component program: do not edit.",
    // Resolved here, so the program loads the same SDK modules wherever it is written.
    `const pulumi = require(${JSON.stringify(require.resolve("@pulumi/pulumi"))});`,
    ...[...imports].map(([module, variable]) => `const ${variable} = require(${JSON.stringify(require.resolve(module))});`),
    "module.exports = async () => {",
    ...lines,
    `  return { ${exported.join(", ")} };`,
    "};",
    "",
  ].join("\n");
}

/** Whether a first preview's input holds a value unknown until the update, anywhere inside it. */
function holdsUnknown(value: unknown): boolean {
  if (UNKNOWN_VALUES.has(value)) return true;
  if (Array.isArray(value)) return value.some(holdsUnknown);
  if (value && typeof value === "object") return Object.values(value).some(holdsUnknown);
  return false;
}

/** The JavaScript expression of one recorded input value. */
function valueExpression(value: unknown, candidates: Candidate[], used: Set<string>, configValues: Set<string>, wrap: (e: string) => string = (e) => e): string {
  const recurse = (v: unknown) => valueExpression(v, candidates, used, configValues, wrap);
  if (Array.isArray(value)) return `[${value.map(recurse).join(", ")}]`;
  if (value && typeof value === "object") {
    const record = value as Record<string, unknown>;
    if (record[SECRET_SIG] === "1b47061264138c4ac30d75fd1eb44270") return `pulumi.secret(${recurse(record.value)})`;
    return `{ ${Object.entries(record).map(([k, v]) => `${JSON.stringify(k)}: ${recurse(v)}`).join(", ")} }`;
  }
  if (typeof value !== "string" || !value || UNKNOWN_VALUES.has(value)) return JSON.stringify(value);
  // A value the stack config holds verbatim (a subnet id, a key URI, a group's object id) is a plain
  // string in any program, even where it contains the subscription id an invoke also returns.
  if (configValues.has(value)) return JSON.stringify(value);
  const exact = candidates.find((c) => c.value === value);
  if (exact) {
    used.add(exact.expression);
    return wrap(exact.expression);
  }
  const partial = candidates.find((c) => c.partial && value.includes(c.value));
  if (!partial) return JSON.stringify(value);
  used.add(partial.expression);
  const [before, ...after] = value.split(partial.value);
  const rest = after.join(partial.value);
  return wrap(`pulumi.concat(${JSON.stringify(before)}, ${partial.expression}, ${valueExpression(rest, candidates, used, configValues)})`);
}

/** Every string the stack config holds (structured values are JSON). */
function configLeaves(config: Record<string, string>): Set<string> {
  const leaves = new Set<string>();
  const visit = (v: unknown): void => {
    if (typeof v === "string") leaves.add(v);
    else if (v && typeof v === "object") Object.values(v).forEach(visit);
  };
  for (const text of Object.values(config)) {
    try {
      visit(JSON.parse(text));
    } catch {
      leaves.add(text);
    }
  }
  return leaves;
}

/**
 * Writes the bare program to a scratch file (per process: concurrent runs never share one) and loads
 * it; the file is removed once loaded unless `keep` (the bench keeps it for inspection).
 */
export function loadBareProgram(recording: Recording, keep = false): () => Promise<unknown> {
  const file = path.join(os.tmpdir(), `azureml-bare-${process.pid}-${recording.run.stack}.js`);
  fs.writeFileSync(file, bareProgramSource(recording));
  delete require.cache[require.resolve(file)];
  try {
    return require(file);
  } finally {
    if (!keep) fs.rmSync(file, { force: true });
  }
}

/** What a registration is, independent of where a component put it: type, name, options, dependency shape and inputs. */
export interface RegistrationShape {
  type: string;
  name: string;
  protect: boolean;
  /** Dependencies by `type::name` (parents differ between the two programs, so URNs do). */
  dependencies: string[];
  propertyDependencies: Record<string, string[]>;
  inputs: Record<string, unknown>;
}

export function registrationShapes(run: ProgramRun): RegistrationShape[] {
  const custom = run.resources.filter((r) => r.custom);
  const key = new Map(custom.map((r) => [r.urn, `${canonicalType(r.type)}::${r.name}`]));
  const deps = (urns: string[]) => [...new Set(urns.filter((u) => key.has(u)).map((u) => key.get(u)!))].sort();
  return custom
    .map((r: RecordedResource) => ({
      type: canonicalType(r.type),
      name: r.name,
      protect: r.protect,
      dependencies: deps(r.dependencies),
      propertyDependencies: Object.fromEntries(Object.entries(r.propertyDependencies).map(([k, v]) => [k, deps(v)]).filter(([, v]) => v.length)),
      inputs: plainInputs(r),
    }))
    .sort((a, b) => `${a.type}::${a.name}`.localeCompare(`${b.type}::${b.name}`));
}

/**
 * Every difference between two programs' custom-resource registrations: counts per type, resources
 * only one side has, and per resource protect, dependencies, property dependencies and inputs
 * (unknown values compare as unknown). Empty when the two register the same thing.
 */
export function compareRegistrations(expected: ProgramRun, actual: ProgramRun): string[] {
  const differences: string[] = [];
  const a = registrationShapes(expected);
  const b = registrationShapes(actual);
  const count = (shapes: RegistrationShape[]) => shapes.reduce((m, s) => m.set(s.type, (m.get(s.type) ?? 0) + 1), new Map<string, number>());
  const ca = count(a);
  const cb = count(b);
  for (const type of new Set([...ca.keys(), ...cb.keys()])) if (ca.get(type) !== cb.get(type)) differences.push(`${type}: ${ca.get(type) ?? 0} vs ${cb.get(type) ?? 0}`);
  const byKey = new Map(b.map((s) => [`${s.type}::${s.name}`, s]));
  for (const s of a) {
    const k = `${s.type}::${s.name}`;
    const other = byKey.get(k);
    byKey.delete(k);
    if (!other) {
      differences.push(`${k}: missing`);
      continue;
    }
    for (const field of ["protect", "dependencies", "propertyDependencies", "inputs"] as const) {
      const x = JSON.stringify(canonical(s[field]));
      const y = JSON.stringify(canonical(other[field]));
      if (x !== y) differences.push(`${k}: ${field} differ: ${x} vs ${y}`);
    }
  }
  for (const k of byKey.keys()) differences.push(`${k}: not in the expected program`);
  return differences;
}

/** Sorted keys, so key order (which the SDKs' defaults change) is no difference. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === "object") return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
  return value;
}
