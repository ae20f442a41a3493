// `npm run bench [-- --json]`: speed and size figures, each next to a baseline measured in the same
// run. Targets are printed, never enforced in `npm test` (machines differ; see bench/README.md).
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import YAML from "yaml";
import { parseArgs } from "util";
import { PLAN_NODE_FLAGS } from "../cli/relaunch";
import { PlanTimings, plan } from "../plan/plan";
import { runProgram } from "../plan/run";
import { loadStackFiles } from "../plan/stackFiles";
import { PACKS } from "../policies/packs";
import { buildAccessMatrix } from "../rbac/matrix";
import { KEY_OPERATION_NAMES } from "../rbac/operations";
import { naiveAccessMatrix } from "./naive";
import { bareProgramSource, compareRegistrations, loadBareProgram, recordProgram } from "./baseline";
import { criticalPath, describe as describeUrn } from "./criticalPath";
import { syntheticOrganisation, syntheticStackConfig } from "./synthetic";
import { auditScale } from "./audit";

const ROOT = path.resolve(__dirname, "..");

interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline: number;
  baselineLabel: string;
  ratio: number;
  target?: string;
  detail?: string;
}

const figures: Figure[] = [];
function record(name: string, value: number, unit: string, baseline: number, baselineLabel: string, target?: string, detail?: string) {
  figures.push({ name, value, unit, baseline, baselineLabel, ratio: baseline ? value / baseline : NaN, target, detail });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
async function time(fn: () => unknown): Promise<number> {
  gc(); // start each sample from a collected heap, so one figure's garbage does not bill the next
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

/** Spread of samples: min–max and the interquartile range, as "min 410 / q1 420 / q3 450 / max 520". */
function spread(xs: number[]): string {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return `min ${s[0].toFixed(0)} / q1 ${q(0.25).toFixed(0)} / q3 ${q(0.75).toFixed(0)} / max ${s[s.length - 1].toFixed(0)}`;
}

const OVERHEAD_SAMPLES = 12;

/**
 * 1. Component overhead: the prod program through the components vs a bare program that makes the
 * same registrations (generated from a recording of the component program made in this run, so it
 * cannot drift; test/bench/baseline.test.ts proves the two register the same thing).
 */
async function componentOverhead() {
  const files = loadStackFiles(ROOT, "prod");
  const components = require("../index");
  const recording = await recordProgram(components, files);
  const bare = loadBareProgram(recording, true);
  // The figure means nothing if the baseline registers something else: check before timing.
  const drift = compareRegistrations(recording.run, await runProgram(bare, { ...files, knownOutputs: true }));
  if (drift.length) throw new Error(`the bare program does not register what the component program does:\n${drift.join("\n")}`);
  const c: number[] = [];
  const b: number[] = [];
  const ratios: number[] = [];
  await runProgram(components, files); // warm module caches for both sides
  await runProgram(bare, files);
  // ABBA order, so drift in machine load bills both sides alike.
  for (let i = 0; i < OVERHEAD_SAMPLES; i++) {
    const pair: [number[], () => unknown][] = i % 2 ? [[b, bare], [c, components]] : [[c, components], [b, bare]];
    for (const [samples, program] of pair) samples.push(await time(() => runProgram(program, files)));
    ratios.push(c[i] / b[i]);
  }
  const custom = recording.run.resources.filter((r) => r.custom).length;
  record(
    `component overhead (prod program, median of ${OVERHEAD_SAMPLES})`,
    median(c),
    "ms",
    median(b),
    `bare program replaying the same ${custom} registrations (${recording.invokes.length} invokes) with azure-native / azuread classes`,
    "ratio ≤ 1.15",
    `components ${spread(c)} ms; bare ${spread(b)} ms; per-pair ratio median ${median(ratios).toFixed(2)} (${spread(ratios.map((r) => r * 100))} %)`,
  );
}

const PLAN_SAMPLES = 7;

interface ProcessSample {
  cpuMs: number;
  wallMs: number;
  stderr: string;
}

/** One node process with the CPU reporter preloaded: its own CPU time (not the neighbours') and wall time. */
function timedNode(args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): ProcessSample {
  const t = performance.now();
  const r = spawnSync(process.execPath, ["-r", path.join(__dirname, "cpuAtExit.js"), ...args], { cwd, encoding: "utf8", env, maxBuffer: 64 * 1024 * 1024 });
  const wallMs = performance.now() - t;
  // The bin relaunches itself with the plan's node flags (cli/relaunch.ts): both processes report, and both count.
  const cpu = [...(r.stderr ?? "").matchAll(/bench-cpu-ms ([\d.]+)/g)].map((m) => Number(m[1]));
  if (!cpu.length || (r.status !== 0 && r.status !== 1)) throw new Error(`node ${args.join(" ")} in ${cwd} failed (${r.status ?? r.signal}): ${(r.stderr ?? "").trim().split("\n").slice(-3).join(" | ")}`);
  return { cpuMs: cpu.reduce((a, b) => a + b, 0), wallMs, stderr: r.stderr };
}

/**
 * An adopter's project for the prod stack: `azureml-platform` installed (a link to this checkout, so
 * its compiled dist/ and its peers), their two-line index.ts (`export = main` from
 * azureml-platform/program) run through ts-node, Pulumi.prod.yaml and the role files it names.
 */
function adopterProject(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "azureml-adopter-"));
  fs.mkdirSync(path.join(dir, "node_modules"));
  fs.symlinkSync(ROOT, path.join(dir, "node_modules", "azureml-platform"), "dir");
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "adopter", private: true }));
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: azureml-platform\nruntime: nodejs\nmain: index.ts\n");
  fs.writeFileSync(path.join(dir, "index.ts"), `import { main } from "azureml-platform/program";\nexport = main;\n`);
  fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { strict: true, target: "ES2022", module: "node16", moduleResolution: "node16", esModuleInterop: true, skipLibCheck: true } }));
  fs.copyFileSync(path.join(ROOT, "Pulumi.prod.yaml"), path.join(dir, "Pulumi.prod.yaml"));
  fs.cpSync(path.join(ROOT, "roles"), path.join(dir, "roles"), { recursive: true });
  return dir;
}

/**
 * `plan --stack prod --json` as `npm run plan` runs it (sucrase over the project's sources) and as an
 * adopter's `npx azureml-platform plan` runs it (the compiled bin, their index.ts through ts-node),
 * each next to the startup floor: node loading @pulumi/pulumi and @pulumi/policy, which any plan
 * pays. CPU time of each process (medians of alternating samples: on a shared machine wall time also
 * measures the neighbours), with wall time and the command's own phase timings in the detail.
 */
async function planVersusFloor() {
  const bin = path.join(ROOT, "dist", "cli", "azureml-platform.js");
  if (!fs.existsSync(bin)) throw new Error("dist/ is not built: run npm run build first");
  const adopter = adopterProject();
  const timingsEnv = { ...process.env, AZUREML_PLATFORM_PLAN_TIMINGS: "1" };
  // The bare program of the prod stack, generated from this run's recording, for Pulumi's own floor.
  const recording = await recordProgram(require("../index"), loadStackFiles(ROOT, "prod"));
  const bareFile = path.join(os.tmpdir(), `azureml-bare-floor-${process.pid}-prod.js`);
  fs.writeFileSync(bareFile, bareProgramSource(recording));
  const kinds = {
    // With the flags the plan runs under, so that both sides have the same heap.
    floor: () => timedNode([...PLAN_NODE_FLAGS, "-e", "require('@pulumi/pulumi'); require('@pulumi/policy')"], ROOT),
    // As `npm run plan` runs it (package.json gives node the flags; no relaunch).
    repo: () => timedNode([...PLAN_NODE_FLAGS, "-r", "sucrase/register/ts", path.join(ROOT, "cli", "azureml-platform.ts"), "plan", "--stack", "prod", "--json"], ROOT, timingsEnv),
    // As `npx azureml-platform plan` runs it: plain node, which relaunches itself with the flags (both processes counted).
    adopter: () => timedNode([path.join(adopter, "node_modules", "azureml-platform", "dist", "cli", "azureml-platform.js"), "plan", "--stack", "prod", "--json"], adopter, timingsEnv),
    // Pulumi's own floor for this stack (bench/pulumiFloor.js): the startup floor, the azure-native modules and the same registrations under the stock mocks.
    pulumi: () => timedNode([...PLAN_NODE_FLAGS, path.join(__dirname, "pulumiFloor.js"), bareFile, recording.run.project, "prod"], ROOT),
  };
  const samples: Record<keyof typeof kinds, ProcessSample[]> = { floor: [], repo: [], adopter: [], pulumi: [] };
  const order = Object.keys(kinds) as (keyof typeof kinds)[];
  try {
    for (let i = 0; i < PLAN_SAMPLES; i++) for (const k of i % 2 ? [...order].reverse() : order) samples[k].push(kinds[k]());
  } finally {
    fs.rmSync(adopter, { recursive: true, force: true });
    fs.rmSync(bareFile, { force: true });
  }
  const cpu = (k: keyof typeof kinds) => samples[k].map((s) => s.cpuMs);
  const wall = (k: keyof typeof kinds) => samples[k].map((s) => s.wallMs);
  const phases = (k: keyof typeof kinds) => {
    const parsed = samples[k].map((s) => /timings: load (\d+) ms, program (\d+) ms, policies (\d+) ms/.exec(s.stderr)!.slice(1).map(Number));
    const m = (i: number) => median(parsed.map((p) => p[i]));
    return `module load ${m(0)} ms, program ${m(1)} ms, policy evaluation ${m(2)} ms (wall, medians)`;
  };
  const floorDetail = `floor CPU ${spread(cpu("floor"))} ms, wall median ${median(wall("floor")).toFixed(0)} ms`;
  for (const [k, label] of [
    ["repo", "npm run plan (sucrase over the sources)"],
    ["adopter", "an adopter's bin (compiled dist/, their index.ts through ts-node)"],
  ] as const) {
    record(
      `plan --stack prod CPU time, ${label}, median of ${PLAN_SAMPLES}`,
      median(cpu(k)),
      "ms",
      median(cpu("floor")),
      `startup floor: node ${PLAN_NODE_FLAGS.join(" ")} + require('@pulumi/pulumi') + require('@pulumi/policy'), CPU time, sampled alternately in the same run`,
      "ratio ≤ 1.5",
      `plan CPU ${spread(cpu(k))} ms; ${floorDetail}; plan wall median ${median(wall(k)).toFixed(0)} ms (ratio ${(median(wall(k)) / median(wall("floor"))).toFixed(2)}); ${phases(k)}`,
    );
  }
  const custom = recording.run.resources.filter((r) => r.custom).length;
  record(
    `plan --stack prod CPU time, an adopter's bin, against Pulumi's own floor for the same registrations, median of ${PLAN_SAMPLES}`,
    median(cpu("adopter")),
    "ms",
    median(cpu("pulumi")),
    `Pulumi's floor: the startup floor plus the bare program of the same ${custom} registrations (azure-native / azuread classes, stock mocks, no stack traces; bench/pulumiFloor.js), CPU time, sampled alternately in the same run`,
    undefined,
    `what is ours (config, components, recording, policies, reports) is the part above 1; Pulumi's floor CPU ${spread(cpu("pulumi"))} ms = ${(median(cpu("pulumi")) / median(cpu("floor"))).toFixed(2)}× the startup floor, wall median ${median(wall("pulumi")).toFixed(0)} ms`,
  );
}

/** 2. RBAC engine scale: every principal × workspace × key operation, control plane and data plane. */
async function rbacScale() {
  const times: Record<number, number> = {};
  const ops = KEY_OPERATION_NAMES.length;
  for (const n of [1_000, 10_000, 100_000]) {
    const org = syntheticOrganisation(n);
    times[n] = median(await Promise.all([0, 1, 2].map(() => time(() => buildAccessMatrix(org.assignments, org.workspaces)))));
    // The naive engine computes the same matrix (test/bench/naive.test.ts), the slow way.
    const baseline = n <= 10_000 ? await time(() => naiveAccessMatrix(org.assignments, org.workspaces)) : NaN;
    record(
      `rbac matrix, ${n} assignments × ${org.workspaces.length} workspaces × ${ops} operations`,
      times[n],
      "ms",
      baseline,
      n <= 10_000 ? "naive engine computing the same matrix (regex per check)" : "not run (naive too slow)",
      n === 10_000 ? "< 500 ms" : undefined,
    );
  }
  record("rbac scaling time(100k)/time(10k)", times[100_000] / times[10_000], "x", 10, "linear (10x the input)", "≤ 11");
}

/**
 * A project directory holding a generated prod stack (Pulumi.prod.yaml, so the packs' prod policy
 * configs apply) for `plan` to read, with the role files its config names.
 */
function generatedProject(workspaces: number, teams: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `azureml-scale-${workspaces}-`));
  fs.copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
  fs.cpSync(path.join(ROOT, "roles"), path.join(dir, "roles"), { recursive: true }); // role files must live inside the project
  const config = Object.fromEntries(Object.entries(syntheticStackConfig(workspaces, teams)).map(([k, v]) => [k, k.startsWith("azureml-platform:") && /^[[{]/.test(v) ? JSON.parse(v) : v]));
  fs.writeFileSync(path.join(dir, "Pulumi.prod.yaml"), YAML.stringify({ config }));
  return dir;
}

interface PlanSample {
  wallMs: number;
  cpuMs: number;
  programMs: number;
  policiesMs: number;
  resources: number;
}

async function timedPlan(projectDir: string, program: () => unknown): Promise<PlanSample> {
  gc();
  const timings: PlanTimings = { programMs: 0, policiesMs: 0 };
  const cpu = process.cpuUsage();
  const t = performance.now();
  const result = await plan({ projectDir, stack: "prod", program, packs: PACKS }, timings);
  const wallMs = performance.now() - t;
  const used = process.cpuUsage(cpu);
  return { wallMs, cpuMs: (used.user + used.system) / 1000, ...timings, resources: result.summary.resources };
}

const SCALE = { workspaces: 50, teams: 200 };

/**
 * 3. Scale: `plan` with every pack (PACKS) over a generated prod platform of 50 workspaces and 200
 * teams, against a bare program making the same registrations; and the growth to twice the stack.
 * Wall and CPU time both: on a shared machine wall time also measures the neighbours.
 */
async function planScale() {
  const program = require("../index");
  const one = generatedProject(SCALE.workspaces, SCALE.teams);
  const two = generatedProject(2 * SCALE.workspaces, 2 * SCALE.teams);
  const warm = generatedProject(2, 8);
  await timedPlan(warm, program); // warm module caches
  // 1×, 2×, 1×, so drift in machine load bills both sizes alike.
  const samples: Record<"one" | "two", PlanSample[]> = { one: [], two: [] };
  for (const size of ["one", "two", "one"] as const) samples[size].push(await timedPlan(size === "one" ? one : two, program));
  const mid = (xs: PlanSample[], k: keyof PlanSample) => xs.map((x) => x[k]).reduce((a, b) => a + b, 0) / xs.length;
  // The same registrations without components, planned with the same packs.
  const cwd = process.cwd();
  process.chdir(one);
  const recording = await recordProgram(program, loadStackFiles(one, "prod")).finally(() => process.chdir(cwd));
  const bareProgram = loadBareProgram(recording);
  const drift = compareRegistrations(recording.run, await runProgram(bareProgram, { ...loadStackFiles(one, "prod"), knownOutputs: true }));
  if (drift.length) throw new Error(`the bare program does not register what the component program does:\n${drift.slice(0, 20).join("\n")}`);
  const bare = await timedPlan(one, bareProgram);
  for (const dir of [one, two, warm]) fs.rmSync(dir, { recursive: true, force: true });
  const [a, b] = [samples.one, samples.two];
  const label = `${SCALE.workspaces} workspaces / ${SCALE.teams} teams (${a[0].resources} resources)`;
  record(
    `plan with all packs (${PACKS.map((p) => p.name).join(", ")}), ${label}`,
    mid(a, "wallMs"),
    "ms",
    bare.wallMs,
    "bare program replaying the same registrations, planned with the same packs",
    "< 10000 ms",
    `mean of ${a.length}: ${a.map((x) => x.wallMs.toFixed(0)).join(", ")} ms; program ${mid(a, "programMs").toFixed(0)} ms, policies ${mid(a, "policiesMs").toFixed(0)} ms; CPU ${mid(a, "cpuMs").toFixed(0)} ms (bare: ${bare.cpuMs.toFixed(0)} ms)`,
  );
  // CPU time: on a shared machine the wall time of two runs minutes apart also compares the neighbours' load.
  record(
    `plan growth in CPU time, ${2 * SCALE.workspaces} workspaces / ${2 * SCALE.teams} teams (${b[0].resources} resources) ÷ ${SCALE.workspaces} / ${SCALE.teams}`,
    mid(b, "cpuMs") / mid(a, "cpuMs"),
    "x",
    b[0].resources / a[0].resources,
    "resource ratio (linear)",
    "≤ 2.2",
    `2× CPU ${mid(b, "cpuMs").toFixed(0)} ms, wall ${b.map((x) => x.wallMs.toFixed(0)).join(", ")} ms; wall growth ${(mid(b, "wallMs") / mid(a, "wallMs")).toFixed(2)}, program (wall) ${(mid(b, "programMs") / mid(a, "programMs")).toFixed(2)}, policies (wall) ${(mid(b, "policiesMs") / mid(a, "policiesMs")).toFixed(2)}; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
  );
}

/** 4. Deployment critical path: the longest chain `pulumi up` must create one after another, next to the physical minimum. */
async function criticalPathFigure() {
  const recording = await recordProgram(require("../index"), loadStackFiles(ROOT, "prod"));
  const cp = criticalPath(recording);
  const kinds = (from: string, to: string) => cp.edges.find((e) => e.from === from && e.to === to)!.kinds.join("+");
  const chain = cp.measured.map((u, i) => (i ? ` -${kinds(cp.measured[i - 1], u)}→ ` : "") + describeUrn(u)).join("");
  const lengthening = cp.needless.filter((e) => cp.measured.indexOf(e.to) > 0 && cp.measured[cp.measured.indexOf(e.to) - 1] === e.from);
  record(
    "deployment critical path (prod)",
    cp.measured.length,
    "levels",
    cp.minimum.length,
    "physical minimum: longest chain over contained / references / principal / grant-before-use dependencies only",
    "no gap (ratio 1.00)",
    `${chain}; needless dependencies in the graph: ${cp.needless.length} (${lengthening.length} on the critical path)${cp.needless.length ? `: ${[...new Set(cp.needless.map((e) => `${describeUrn(e.from)} → ${describeUrn(e.to)} [${e.kinds.join("+")}]`))].join(", ")}` : ""}`,
  );
}

/** 5. Footprint: tarball, dependencies, and the cold require of the package entry. */
async function footprint() {
  const packed = JSON.parse(execFileSync("npm", ["pack", "--dry-run", "--json"], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }))[0];
  // The budget test/package/pack.test.ts enforces (source maps with inlined sources are most of the tarball).
  record("npm pack size", packed.size / 1024, "kB", 384, "budget of the pack test", "< 384 kB", `${packed.entryCount} files, unpacked ${(packed.unpackedSize / 1024).toFixed(0)} kB`);
  // Source maps must not send a debugger to sources the tarball lacks: each source is shipped or inlined.
  const shipped = new Set((packed.files as { path: string }[]).map((f) => f.path));
  const maps = [...shipped].filter((f) => f.endsWith(".js.map"));
  let mapBytes = 0;
  const dangling = maps.filter((file) => {
    const text = fs.readFileSync(path.join(ROOT, file), "utf8");
    mapBytes += text.length;
    const map = JSON.parse(text) as { sources: string[]; sourcesContent?: (string | null)[] };
    return map.sources.some((source, i) => typeof map.sourcesContent?.[i] !== "string" && !shipped.has(path.posix.join(path.posix.dirname(file), source)));
  });
  record(
    "source maps naming a source the tarball neither ships nor inlines",
    dangling.length,
    "files",
    maps.length,
    "source maps in the tarball",
    "0",
    `${(mapBytes / 1024).toFixed(0)} kB of maps, sources inlined (tsconfig.build.json inlineSources)${dangling.length ? `; dangling: ${dangling.join(", ")}` : ""}`,
  );
  const pkg = require("../package.json");
  const tree = JSON.parse(execFileSync("npm", ["ls", "--omit=dev", "--omit=peer", "--all", "--json"], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }));
  const count = (deps: Record<string, any> = {}): number => Object.values(deps).reduce((n, d: any) => n + 1 + count(d.dependencies), 0);
  record("runtime dependencies (direct)", Object.keys(pkg.dependencies).length, "packages", count(tree.dependencies), "installed with them (transitive)");
  const coldRequire = (target: string) => {
    const script = `const t=process.hrtime.bigint();require(${JSON.stringify(target)});const ms=Number(process.hrtime.bigint()-t)/1e6;console.log(JSON.stringify({ms,azureNative:Object.keys(require.cache).filter(k=>k.includes("azure-native")).length}))`;
    return JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8" }));
  };
  const ours = coldRequire(path.join(ROOT, "dist", "lib", "index.js"));
  const root = coldRequire("@pulumi/azure-native");
  record("cold require of the package entry", ours.ms, "ms", root.ms, "require('@pulumi/azure-native') root", "must not load all of azure-native", `azure-native modules loaded: ${ours.azureNative} (root import: ${root.azureNative})`);
}

const GROUPS: Record<string, () => Promise<void>> = { rbac: rbacScale, overhead: componentOverhead, plan: planVersusFloor, scale: planScale, criticalPath: criticalPathFigure, footprint, audit: () => auditScale(record) };

async function main() {
  const { values } = parseArgs({ options: { json: { type: "boolean", default: false }, group: { type: "string" } } });
  if (values.group) {
    // Child mode: one group of figures, reported as JSON to the parent.
    await GROUPS[values.group]();
    process.stdout.write(JSON.stringify(figures));
    return;
  }
  // Each group runs in a fresh process, so one group's heap (100k assignments, hundreds of
  // resources) does not tax the next group's garbage collector and skew its ratio.
  for (const group of Object.keys(GROUPS)) {
    // With the node flags the plan command runs under (cli/relaunch.ts): the scale and overhead groups run plan in process.
    const child = spawnSync(process.execPath, [...PLAN_NODE_FLAGS, ...process.execArgv, __filename, "--group", group], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    // A group that fails (a heap exhausted by the scale stack, say) is reported, not allowed to hide the others.
    if (child.status !== 0) record(`bench group ${group} failed`, NaN, "", NaN, "n/a", undefined, (child.stderr || `exit ${child.status} ${child.signal ?? ""}`).trim().split("\n").slice(-3).join(" | "));
    else figures.push(...(JSON.parse(child.stdout) as Figure[]));
  }
  if (values.json) {
    process.stdout.write(JSON.stringify({ date: new Date().toISOString(), node: process.version, figures }, null, 2) + "\n");
    return;
  }
  // The contract line is exactly `name: value (baseline: value, ratio: r)`; unit, baseline meaning,
  // target and details follow on an indented line.
  for (const f of figures) {
    const v = (x: number) => (Number.isFinite(x) ? (Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(2)) : "n/a");
    process.stdout.write(`${f.name} [${f.unit}]: ${v(f.value)} (baseline: ${v(f.baseline)}, ratio: ${v(f.ratio)})\n`);
    process.stdout.write(`    baseline = ${f.baselineLabel}${f.target ? `; target ${f.target}` : ""}${f.detail ? `; ${f.detail}` : ""}\n`);
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack ?? e}\n`);
  process.exitCode = 1;
});
