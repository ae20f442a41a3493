// The engine's side of the analyzer protocol, for proving that `plan` says what `pulumi preview
// --policy-pack` says: a pack is started the way the Pulumi CLI's Node.js language host starts it
// (RunPlugin: `node <run-policy-pack resolved from the pack dir> <engine address> <pack dir>`, cwd the
// pack dir, PULUMI_NODEJS_* and PULUMI_CONFIG in the environment), configured the way
// pkg/resource/analyzer/config.go reconciles a `--policy-pack-config` file, and called through the
// gRPC stubs @pulumi/pulumi ships (GetAnalyzerInfo, Configure, Analyze per resource, AnalyzeStack).
import Ajv from "ajv";
import { ChildProcess, spawn } from "child_process";
import * as path from "path";
import { RecordedResource } from "../../plan/recorder";

const grpc = require("@grpc/grpc-js");
const analyzerGrpc = require("@pulumi/pulumi/proto/analyzer_grpc_pb");
const pb = require("@pulumi/pulumi/proto/analyzer_pb");
// The Struct and Empty classes @pulumi/pulumi's generated stubs were built against (instanceof checks).
const structPb = require(require.resolve("google-protobuf/google/protobuf/struct_pb", { paths: [require.resolve("@pulumi/pulumi/proto/analyzer_pb")] }));
const emptyPb = require(require.resolve("google-protobuf/google/protobuf/empty_pb", { paths: [require.resolve("@pulumi/pulumi/proto/analyzer_pb")] }));

/** pulumirpc.EnforcementLevel. */
const LEVELS = ["advisory", "mandatory", "disabled", "remediate"] as const;
type Level = (typeof LEVELS)[number];
const isLevel = (v: unknown): v is Level => (LEVELS as readonly unknown[]).includes(v);

export interface PolicyInfo {
  name: string;
  enforcementLevel: Level;
  configSchema?: { properties: Record<string, any>; required: string[] };
}

export interface AnalyzerInfo {
  name: string;
  version: string;
  policies: PolicyInfo[];
}

export interface Diagnostic {
  policy: string;
  pack: string;
  packVersion: string;
  description: string;
  message: string;
  enforcementLevel: Level;
  urn?: string;
}

/** One entry of a policy pack config, as the engine holds it (apitype + properties). */
export interface EnginePolicyConfig {
  enforcementLevel: string;
  properties?: Record<string, unknown>;
}

/** parsePolicyPackConfig: a level string, or an object whose `enforcementLevel` is taken out. */
export function parsePolicyPackConfig(text: string): Record<string, EnginePolicyConfig> {
  const result: Record<string, EnginePolicyConfig> = {};
  if (text.trim() === "") return result;
  for (const [name, value] of Object.entries(JSON.parse(text) as Record<string, unknown>)) {
    let enforcementLevel = "";
    let properties: Record<string, unknown> | undefined;
    if (typeof value === "string") {
      if (!isLevel(value)) throw new Error(`parsing enforcement level for "${name}": "${value}" is not a valid enforcement level`);
      enforcementLevel = value;
    } else if (value && typeof value === "object" && !Array.isArray(value)) {
      const { enforcementLevel: level, ...rest } = value as Record<string, unknown>;
      if (level !== undefined) {
        if (!isLevel(level)) throw new Error(`parsing enforcement level for "${name}": ${JSON.stringify(level)} is not a valid enforcement level`);
        enforcementLevel = level;
      }
      if (Object.keys(rest).length) properties = rest;
    } else {
      throw new Error(`parsing "${name}": ${JSON.stringify(value)} is not a valid value; must be a string or object`);
    }
    if (enforcementLevel === "" && !properties) continue;
    result[name] = { enforcementLevel, properties };
  }
  return result;
}

/**
 * ReconcilePolicyPackConfig: defaults from the pack's own policy metadata (GetAnalyzerInfo), then
 * applyConfig — `all` sets every known policy's level, and every entry of the file, known to the
 * pack or not, is copied in (an unknown one keeps level "" unless it sets one) — then each policy's
 * properties are validated against its config schema.
 */
export function reconcilePolicyPackConfig(policies: PolicyInfo[], config: Record<string, EnginePolicyConfig>): Record<string, EnginePolicyConfig> {
  const result: Record<string, EnginePolicyConfig> = {};
  for (const p of policies) {
    const defaults = Object.entries(p.configSchema?.properties ?? {}).filter(([, s]) => s && "default" in s);
    result[p.name] = { enforcementLevel: p.enforcementLevel, properties: defaults.length ? Object.fromEntries(defaults.map(([k, s]) => [k, s.default])) : undefined };
  }
  const all = config.all;
  if (all && isLevel(all.enforcementLevel)) for (const [k, v] of Object.entries(result)) result[k] = { enforcementLevel: all.enforcementLevel, properties: v.properties };
  for (const [name, given] of Object.entries(config)) {
    const current = result[name] ?? { enforcementLevel: "" };
    const properties = given.properties ? { ...(current.properties ?? {}), ...given.properties } : current.properties;
    result[name] = { enforcementLevel: isLevel(given.enforcementLevel) ? given.enforcementLevel : current.enforcementLevel, properties };
  }
  const ajv = new Ajv({ allErrors: true, strict: false });
  const errors: string[] = [];
  for (const p of policies) {
    if (!p.configSchema) continue;
    const schema = { type: "object", properties: p.configSchema.properties, ...(p.configSchema.required.length ? { required: p.configSchema.required } : {}) };
    const validate = ajv.compile(schema);
    if (!validate(result[p.name]?.properties ?? {})) errors.push(...validate.errors!.map((e) => `${p.name}: ${e.instancePath} ${e.message}`));
  }
  if (errors.length) throw new Error(`policy pack configuration is invalid: ${errors.join(", ")}`);
  return result;
}

/** A pack process started as the CLI starts it, with a gRPC client bound to the port it printed. */
/** How long a started pack may take to print its port (the protocol spec's hook allows 240 s). */
const PORT_WAIT_MS = 200_000;

export class RunningPack {
  private constructor(
    readonly dir: string,
    private readonly child: ChildProcess,
    private readonly client: any,
    readonly stderr: () => string,
  ) {}

  static async start(dir: string, env: { project: string; stack: string; dryRun: boolean }): Promise<RunningPack> {
    const runner = require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [dir] });
    const child = spawn(process.execPath, [runner, "127.0.0.1:0", path.resolve(dir)], {
      cwd: dir,
      env: {
        ...process.env,
        PULUMI_NODEJS_TYPESCRIPT: "true",
        PULUMI_NODEJS_ORGANIZATION: "organization",
        PULUMI_NODEJS_PROJECT: env.project,
        PULUMI_NODEJS_STACK: env.stack,
        PULUMI_NODEJS_DRY_RUN: String(env.dryRun),
        PULUMI_CONFIG: "{}",
        // mocha's ts-node hook must not leak into the pack: it registers its own, as under the CLI.
        TS_NODE_TRANSPILE_ONLY: "",
        NODE_OPTIONS: "",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stderr!.on("data", (d) => (stderr += d));
    const port = await new Promise<string>((resolve, reject) => {
      // ts-node type-checks the pack before it prints its port: ~7 s of CPU, over a minute on two
      // cores shared with other test runs. Wait as long as the caller's hook allows; a pack that gives
      // up is killed, or it would keep the test process alive after the failure.
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        reject(new Error(`pack ${dir} printed no port within ${PORT_WAIT_MS / 1000} s; stderr: ${stderr}`));
      }, PORT_WAIT_MS);
      child.stdout!.on("data", (d) => {
        stdout += d;
        const line = stdout.split("\n")[0];
        if (stdout.includes("\n") && /^\d+$/.test(line.trim())) {
          clearTimeout(timer);
          resolve(line.trim());
        }
      });
      child.on("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`pack ${dir} exited with ${code} before printing its port; stderr: ${stderr}`));
      });
    });
    const client = new analyzerGrpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    return new RunningPack(dir, child, client, () => stderr);
  }

  private call<T>(method: string, request: unknown): Promise<T> {
    return new Promise((resolve, reject) => this.client[method](request, (err: Error | null, res: T) => (err ? reject(err) : resolve(res))));
  }

  async info(): Promise<AnalyzerInfo> {
    const res: any = await this.call("getAnalyzerInfo", new emptyPb.Empty());
    return {
      name: res.getName(),
      version: res.getVersion(),
      policies: res.getPoliciesList().map((p: any) => ({
        name: p.getName(),
        enforcementLevel: LEVELS[p.getEnforcementlevel()],
        configSchema: p.getConfigschema() ? { properties: p.getConfigschema().getProperties()?.toJavaScript() ?? {}, required: p.getConfigschema().getRequiredList() } : undefined,
      })),
    };
  }

  /** Configure, after marshalling each level as the analyzer plugin does (an invalid one is refused). */
  async configure(config: Record<string, EnginePolicyConfig>): Promise<void> {
    const req = new pb.ConfigureAnalyzerRequest();
    const map = req.getPolicyconfigMap();
    for (const [name, c] of Object.entries(config)) {
      if (!isLevel(c.enforcementLevel)) throw new Error(`invalid enforcement level ${JSON.stringify(c.enforcementLevel)}`);
      const pc = new pb.PolicyConfig();
      pc.setEnforcementlevel(LEVELS.indexOf(c.enforcementLevel));
      pc.setProperties(structPb.Struct.fromJavaScript(c.properties ?? {}));
      map.set(name, pc);
    }
    await this.call("configure", req);
  }

  /**
   * Analyze for each resource (its inputs), then AnalyzeStack over all of them with the graph: each
   * resource's outputs (`outputs`, as plan/outputShape.ts shapes them) and its provider, as
   * pkg/resource/deploy/step_generator.go (analyzeAll, AnalyzeResources) sends them.
   */
  async analyzeAll(resources: readonly RecordedResource[], providers: readonly RecordedResource[] = []): Promise<Diagnostic[]> {
    const diagnostics: Diagnostic[] = [];
    const custom = [...providers, ...resources].filter((r) => r.type !== "pulumi:pulumi:Stack");
    const byUrn = new Map(custom.map((r) => [r.urn, r]));
    const providerOf = (r: RecordedResource) => {
      const p = r.providerUrn ? byUrn.get(r.providerUrn) : undefined;
      if (!p) return undefined;
      const ap = new pb.AnalyzerProviderResource();
      ap.setType(p.type);
      ap.setUrn(p.urn);
      ap.setName(p.name);
      ap.setProperties(structPb.Struct.fromJavaScript(p.inputs));
      return ap;
    };
    for (const r of custom) {
      const req = describe(new pb.AnalyzeRequest(), r);
      const provider = providerOf(r);
      if (provider) req.setProvider(provider);
      // The engine attributes an Analyze diagnostic without a URN to the resource it analyzed.
      diagnostics.push(...diagnosticsOf(await this.call("analyze", req)).map((d) => ({ ...d, urn: d.urn ?? r.urn })));
    }
    const stack = new pb.AnalyzeStackRequest();
    stack.setResourcesList(
      custom.map((r) => {
        const ar = describe(new pb.AnalyzerResource(), r, r.outputs ?? r.inputs);
        const provider = providerOf(r);
        if (provider) ar.setProvider(provider);
        if (r.parent) ar.setParent(r.parent);
        ar.setDependenciesList(r.dependencies);
        const deps = ar.getPropertydependenciesMap();
        for (const [k, urns] of Object.entries(r.propertyDependencies)) {
          const pd = new pb.AnalyzerPropertyDependencies();
          pd.setUrnsList(urns);
          deps.set(k, pd);
        }
        return ar;
      }),
    );
    diagnostics.push(...diagnosticsOf(await this.call("analyzeStack", stack)));
    return diagnostics;
  }

  /** Stops the pack as the engine does when a preview ends, and waits for the process to exit. */
  async stop(): Promise<void> {
    this.client.close();
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once("exit", resolve));
    this.child.kill("SIGTERM");
    await exited;
  }
}

/** The fields AnalyzeRequest and AnalyzerResource share: what the engine knows of one resource. */
function describe<T extends { setType(v: string): void; setUrn(v: string): void; setName(v: string): void; setProperties(v: unknown): void; setOptions(v: unknown): void }>(
  msg: T,
  r: RecordedResource,
  properties: Record<string, unknown> = r.inputs,
): T {
  msg.setType(r.type);
  msg.setUrn(r.urn);
  msg.setName(r.name);
  msg.setProperties(structPb.Struct.fromJavaScript(properties as any));
  msg.setOptions(options(r));
  return msg;
}

function options(r: RecordedResource): any {
  const o = new pb.AnalyzerResourceOptions();
  o.setProtect(r.protect);
  o.setIgnorechangesList(r.options.ignoreChanges);
  o.setAliasesList(r.options.aliases);
  o.setAdditionalsecretoutputsList(r.options.additionalSecretOutputs);
  if (r.options.deleteBeforeReplace !== undefined) {
    o.setDeletebeforereplacedefined(true);
    o.setDeletebeforereplace(r.options.deleteBeforeReplace);
  }
  if (r.parent) o.setParent(r.parent);
  return o;
}

function diagnosticsOf(res: any): Diagnostic[] {
  return res.getDiagnosticsList().map((d: any) => ({
    policy: d.getPolicyname(),
    pack: d.getPolicypackname(),
    packVersion: d.getPolicypackversion(),
    description: d.getDescription(),
    message: d.getMessage(),
    enforcementLevel: LEVELS[d.getEnforcementlevel()],
    urn: d.getUrn() || undefined,
  }));
}
