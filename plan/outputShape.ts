// What a stack policy sees of a resource: its *outputs*, as the engine holds them after the step.
//
// pulumi/pulumi pkg/resource/deploy/step_generator.go, AnalyzeResources: "Unlike Analyze, AnalyzeStack
// is called on the final outputs of each resource" (`Properties: resource.FromResourcePropertyMap(v.Outputs)`);
// in a preview, CreateStep.Apply (pkg/resource/deploy/step.go) stores as `s.new.Outputs` what the
// provider's Create returned with `Preview: s.deployment.opts.DryRun`. azure-native answers that preview
// with PreviewOutputs (pulumi-azure-native provider/pkg/convert/previewOutputs.go): only the resource's
// *response* properties, each the input of the same name shaped to the output's type, unknown where the
// input has none; input-only parameters (`resourceGroupName`, `workspaceName`, …) are not there at all.
//
// The response properties come from the installed SDK (each resource class declares its outputs as
// `readonly x: pulumi.Output<T>`, nested response types in types/output.d.ts), not from a hand list, so
// a new SDK version brings its own shapes.
import * as fs from "fs";
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { UNKNOWN, UNKNOWN_SENTINELS } from "../policies/lib/internals";

/** The metadata of one output property that PreviewOutputs looks at (resources.AzureAPIProperty). */
export type OutputType =
  | { kind: "untyped" } // a scalar output: azure-native attaches no Type to outputs (gen/properties.go genProperty)
  | { kind: "const"; value: string } // a discriminator: `type: "FQDN"`
  | { kind: "array"; items: OutputType }
  | { kind: "map"; values: OutputType }
  | { kind: "object"; module: string; name: string } // a `#/types/` reference
  | { kind: "oneOf" }
  | { kind: "any" };

export type OutputSchema = ReadonlyMap<string, OutputType>;

/** The SDK package behind a type token's provider. */
const PACKAGES: Readonly<Record<string, string>> = { "azure-native": "@pulumi/azure-native", azuread: "@pulumi/azuread" };

/** Where the SDKs are looked up: the program's own node_modules first, then this package's. */
let searchPaths: string[] = [__dirname];

/** Resolves SDKs from `dir` (the planned project) before this package's own. */
export function setSdkSearchDirectory(dir: string): void {
  searchPaths = [dir, __dirname];
}

function sdkFile(pkg: string, file: string): string | undefined {
  try {
    return require.resolve(`${pkg}/${file}`, { paths: searchPaths });
  } catch {
    return undefined;
  }
}

const fileTexts = new Map<string, string | undefined>();
function readText(file: string | undefined): string | undefined {
  if (!file) return undefined;
  if (!fileTexts.has(file)) fileTexts.set(file, fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined);
  return fileTexts.get(file);
}

/** `{…}` / `<…>` / `(…)` balanced slice of `text` from `start` (at an opening bracket) to its closing one. */
function balancedEnd(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === "{" || c === "<" || c === "(" || c === "[") depth++;
    else if (c === "}" || c === ">" || c === ")" || c === "]") {
      depth--;
      if (depth === 0) return i;
    }
  }
  return text.length - 1;
}

/** Splits a type expression on `|` at depth 0. */
function topLevelUnion(type: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = "";
  for (const c of type) {
    if ("{<([".includes(c)) depth++;
    if ("}>)]".includes(c)) depth--;
    if (c === "|" && depth === 0) {
      parts.push(current.trim());
      current = "";
    } else current += c;
  }
  parts.push(current.trim());
  return parts.filter((p) => p !== "" && p !== "undefined" && p !== "null");
}

/** The PreviewOutputs metadata a TypeScript output type stands for. */
export function parseOutputType(expression: string): OutputType {
  const type = expression.replace(/\s+/g, " ").trim();
  const parts = topLevelUnion(type);
  if (parts.length > 1) return parts.every((p) => /^"[^"]*"$/.test(p)) ? { kind: "untyped" } : { kind: "oneOf" };
  const only = parts[0] ?? "any";
  if (only.endsWith("[]")) {
    const item = only.slice(0, -2).trim();
    return { kind: "array", items: parseOutputType(item.startsWith("(") && item.endsWith(")") ? item.slice(1, -1) : item) };
  }
  const map = /^\{ ?\[key: string\]: (.*?);? ?\}$/.exec(only);
  if (map) return { kind: "map", values: parseOutputType(map[1]) };
  const literal = /^"([^"]*)"$/.exec(only);
  if (literal) return { kind: "const", value: literal[1] };
  const ref = /^outputs\.([\w.]+)\.(\w+)$/.exec(only);
  if (ref) return { kind: "object", module: ref[1], name: ref[2] };
  if (only === "any") return { kind: "any" };
  return { kind: "untyped" };
}

/**
 * The `name: Type;` members of a declaration body (a class's `readonly x: pulumi.Output<T>` or an
 * interface's `x?: T`), comments dropped, multi-line types joined.
 */
function members(body: string, outputsOnly: boolean): Map<string, OutputType> {
  const text = body.replace(/\/\*[\s\S]*?\*\//g, "");
  const result = new Map<string, OutputType>();
  const pattern = outputsOnly ? /\breadonly (\w+)\??: pulumi\.Output</g : /^\s{8}(\w+)\??: /gm;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const start = m.index + m[0].length;
    let end: number;
    if (outputsOnly) end = balancedEnd(text, start - 1);
    else {
      end = start;
      let depth = 0;
      while (end < text.length && !(depth === 0 && text[end] === ";")) {
        if ("{<([".includes(text[end])) depth++;
        if ("}>)]".includes(text[end])) depth--;
        end++;
      }
    }
    result.set(m[1], parseOutputType(text.slice(start, end)));
    pattern.lastIndex = end;
  }
  return result;
}

const resourceSchemas = new Map<string, OutputSchema | undefined>();
const typeSchemas = new Map<string, OutputSchema | undefined>();

/** `azure-native:machinelearningservices:Workspace` → SDK package and the class's declaration file. */
function declarationOf(type: string): { pkg: string; file: string } | undefined {
  const [provider, module, name] = type.split(":");
  const pkg = PACKAGES[provider];
  if (!pkg || !module || !name) return undefined;
  const className = name.charAt(0).toLowerCase() + name.slice(1);
  // azure-native: `<module>/<resource>`; bridged providers (azuread): `index/<resource>` lives at the root.
  const dir = module.startsWith("index/") || module === "index" ? "" : `${module}/`;
  return { pkg, file: `${dir}${className}.d.ts` };
}

/** A resource type's output properties, from its class in the installed SDK (undefined: not there). */
export function resourceOutputSchema(type: string): OutputSchema | undefined {
  if (resourceSchemas.has(type)) return resourceSchemas.get(type);
  const declaration = declarationOf(type);
  const text = declaration ? readText(sdkFile(declaration.pkg, declaration.file)) : undefined;
  const schema = text && /\bclass \w+ extends pulumi\.CustomResource\b/.test(text) ? members(text, true) : undefined;
  resourceSchemas.set(type, schema);
  return schema;
}

/** A nested response type's properties (types/output.d.ts, `namespace <module> { interface <name> {…} }`). */
export function outputTypeSchema(pkg: string, module: string, name: string): OutputSchema | undefined {
  const key = `${pkg}:${module}:${name}`;
  if (typeSchemas.has(key)) return typeSchemas.get(key);
  const text = readText(sdkFile(pkg, "types/output.d.ts"));
  let schema: OutputSchema | undefined;
  if (text) {
    const namespaceStart = text.indexOf(`\nexport declare namespace ${module} {`);
    const namespaceEnd = namespaceStart < 0 ? -1 : text.indexOf("\nexport declare namespace ", namespaceStart + 1);
    const at = namespaceStart < 0 ? -1 : text.indexOf(`\n    interface ${name} {`, namespaceStart);
    if (at >= 0 && (namespaceEnd < 0 || at < namespaceEnd)) {
      const open = text.indexOf("{", at);
      schema = members(text.slice(open + 1, balancedEnd(text, open)), false);
    }
  }
  typeSchemas.set(key, schema);
  return schema;
}

// Pulumi's wire form: an unknown is one of UNKNOWN_SENTINELS, a secret an object signed specialSecretSig.
/** makeComputedValue: "we always use a string property with an empty string, regardless of the type". */
const COMPUTED = UNKNOWN.string;

type Wire = unknown;
const isObject = (v: Wire): v is Record<string, Wire> => v !== null && typeof v === "object" && !Array.isArray(v) && !UNKNOWN_SENTINELS.has(v);

/** previewOutputValue: one input value shaped to its output property. */
function previewValue(pkg: string, value: Wire, type: OutputType): Wire {
  if (isObject(value) && value[specialSigKey] === specialSecretSig) return { ...value, value: previewValue(pkg, value.value, type) };
  if (type.kind === "const") return type.value;
  if (value === undefined || value === null || UNKNOWN_SENTINELS.has(value)) return COMPUTED;
  switch (type.kind) {
    case "array":
      return Array.isArray(value) ? value.map((item) => previewValue(pkg, item, type.items)) : COMPUTED;
    case "object": {
      const nested = outputTypeSchema(pkg, type.module, type.name);
      // A reference the SDK does not declare: GetType finds no properties, so the object comes out empty.
      return isObject(value) ? previewObject(pkg, value, nested ?? new Map()) : COMPUTED;
    }
    case "map":
      return isObject(value) ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, previewValue(pkg, v, type.values)])) : COMPUTED;
    case "oneOf":
      return isObject(value) ? value : COMPUTED;
    case "any":
      return value;
    case "untyped":
      return typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? value : COMPUTED;
  }
}

/** PreviewOutputs: every output property, from the input of the same name or unknown. */
function previewObject(pkg: string, inputs: Record<string, Wire>, schema: OutputSchema): Record<string, Wire> {
  const result: Record<string, Wire> = {};
  for (const [name, type] of schema) result[name] = previewValue(pkg, inputs[name], type);
  return result;
}

/**
 * The outputs of a resource being created, as a first preview holds them (wire form: unknowns are
 * Pulumi's sentinels). azure-native: PreviewOutputs. Bridged providers (azuread) plan every attribute:
 * the input's value where one is set, unknown (computed) otherwise. A type the installed SDK does not
 * declare keeps its inputs, as the engine does for a provider without preview support
 * (pkg/resource/plugin/provider_plugin.go, Create: `CreateResponse{Properties: req.Properties}`).
 */
export function previewOutputs(type: string, inputs: Record<string, Wire>): Record<string, Wire> {
  const schema = resourceOutputSchema(type);
  if (!schema) return inputs;
  const pkg = PACKAGES[type.split(":")[0]];
  if (pkg === PACKAGES["azure-native"]) return previewObject(pkg, inputs, schema);
  const result: Record<string, Wire> = {};
  for (const name of schema.keys()) result[name] = inputs[name] === undefined || inputs[name] === null ? COMPUTED : inputs[name];
  return result;
}

/**
 * The outputs of a resource that exists (`--known-outputs`): its output properties from what the
 * offline world knows of it (the inputs of the same name and the values the mocks answer, such as
 * `id`, `name` and principal ids); what Azure alone would fill in is left out rather than invented.
 */
export function knownOutputs(type: string, state: Record<string, Wire>): Record<string, Wire> {
  const schema = resourceOutputSchema(type);
  if (!schema) return state;
  const result: Record<string, Wire> = {};
  for (const name of ["id", ...schema.keys()]) if (state[name] !== undefined) result[name] = state[name];
  return result;
}

/** For tests: the SDK package a type token resolves to, and the declaration file's path. */
export function sdkDeclarationPath(type: string): string | undefined {
  const declaration = declarationOf(type);
  return declaration ? sdkFile(declaration.pkg, declaration.file) : undefined;
}
