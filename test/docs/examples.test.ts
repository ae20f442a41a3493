// Every YAML and TypeScript example of README.md and docs/*.md, extracted from the Markdown and
// planned: each carries a marker, `<!-- example: {…} -->` on the line before its fence, that says how
// to plan it and what it must give (exit code, mandatory and advisory counts). An example without one
// fails this spec, so docs cannot show what was never run. Kinds:
//   { "stack": S, … }                      a complete Pulumi.<S>.yaml, planned with this package's program
//   { "program": true, "stack": S, "config": {…}, … }   a complete TypeScript program (index.ts)
//   { "pack": true, "config": {…}, … }     a policy pack's index.ts, run with --policy-pack against that stack config
//   { "fragmentOf": "Pulumi.prod.yaml" }   an excerpt of a stack file of this repository, which other specs plan
//   { "projectFile": true, "stack": S, "config": {…}, … }   a Pulumi.yaml, planned with the package's program and that stack config
// Stacks whose environment is prod run with the prod packs, so an example labelled prod passes them.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { stringify } from "yaml";
import { planCommand } from "../../cli/plan";

const ROOT = path.resolve(__dirname, "..", "..");
const PAGES = ["README.md", ...fs.readdirSync(path.join(ROOT, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];
const PLANNED_LANGUAGES = new Set(["yaml", "yml", "ts", "typescript"]);
// A shell block marked { "commands": true } states each `npm run plan -- …` line's count as `(N mandatory)`.

interface Example {
  page: string;
  line: number;
  language: string;
  code: string;
  marker?: Record<string, any>;
}

/** The fenced blocks of a page, with the marker on the line before each (if any). */
function examplesOf(page: string): Example[] {
  const lines = fs.readFileSync(path.join(ROOT, page), "utf8").split("\n");
  const out: Example[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```(\w*)\s*$/.exec(lines[i]);
    if (!open) continue;
    const indent = open[1].length;
    let j = i + 1;
    while (j < lines.length && !/^\s*```\s*$/.test(lines[j])) j++;
    const code = lines.slice(i + 1, j).map((l) => l.slice(indent)).join("\n") + "\n";
    const before = /^\s*<!-- example: (.*) -->\s*$/.exec(lines[i - 1] ?? "");
    out.push({ page, line: i + 1, language: open[2], code, ...(before ? { marker: JSON.parse(before[1]) } : {}) });
    i = j;
  }
  return out;
}

/** `azureml-platform` and its subpaths for a program or pack in a temporary project: this checkout's modules. */
function linkPackage(dir: string): void {
  const modules = path.join(dir, "node_modules");
  fs.mkdirSync(modules);
  for (const entry of fs.readdirSync(path.join(ROOT, "node_modules"))) if (!entry.startsWith(".")) fs.symlinkSync(path.join(ROOT, "node_modules", entry), path.join(modules, entry));
  const pkg = path.join(modules, "azureml-platform");
  fs.mkdirSync(pkg);
  fs.writeFileSync(path.join(pkg, "package.json"), JSON.stringify({ name: "azureml-platform", main: "index.js" }));
  const entries: Record<string, string> = { index: "lib/index", rbac: "rbac/index", policies: "policies/index", program: "program/main" };
  for (const [file, target] of Object.entries(entries)) fs.writeFileSync(path.join(pkg, `${file}.js`), `module.exports = require(${JSON.stringify(path.join(ROOT, target))});\n`);
}

/** A project for an example: Pulumi.yaml, this repository's role files, and the program. */
function project(program: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "amlp-doc-"));
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: docs-example\nruntime: nodejs\nmain: index.ts\n");
  fs.cpSync(path.join(ROOT, "roles"), path.join(dir, "roles"), { recursive: true });
  fs.writeFileSync(path.join(dir, "index.ts"), program);
  linkPackage(dir);
  return dir;
}

const REPOSITORY_PROGRAM = `export = require(${JSON.stringify(path.join(ROOT, "index"))});\n`;

async function planIn(dir: string, stack: string, extra: string[] = []): Promise<{ code: number; doc?: any; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await planCommand(["--project-dir", dir, "--stack", stack, "--json", ...extra], { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { code, stderr, ...(stdout ? { doc: JSON.parse(stdout) } : {}) };
}

async function planExample(e: Example): Promise<{ code: number; doc?: any; stderr: string }> {
  const m = e.marker!;
  if (m.pack) {
    const dir = project(REPOSITORY_PROGRAM);
    fs.writeFileSync(path.join(dir, "Pulumi.t.yaml"), stringify({ config: m.config }));
    const pack = path.join(dir, "policy");
    fs.mkdirSync(pack);
    fs.writeFileSync(path.join(pack, "PulumiPolicy.yaml"), "runtime: nodejs\n");
    fs.writeFileSync(path.join(pack, "package.json"), JSON.stringify({ name: "docs-pack", version: "1.0.0", main: "index.ts" }));
    fs.writeFileSync(path.join(pack, "index.ts"), e.code);
    return planIn(dir, "t", ["--policy-pack", pack]);
  }
  if (m.projectFile) {
    const dir = project(`import { main } from "azureml-platform/program";\nexport = main;\n`);
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), e.code);
    fs.writeFileSync(path.join(dir, `Pulumi.${m.stack}.yaml`), stringify({ config: m.config }));
    return planIn(dir, m.stack);
  }
  if (m.program) {
    const dir = project(e.code);
    fs.writeFileSync(path.join(dir, `Pulumi.${m.stack}.yaml`), stringify({ config: m.config }));
    return planIn(dir, m.stack);
  }
  const dir = project(REPOSITORY_PROGRAM);
  fs.writeFileSync(path.join(dir, `Pulumi.${m.stack}.yaml`), e.code);
  return planIn(dir, m.stack);
}

const ALL = PAGES.flatMap(examplesOf).filter((e) => PLANNED_LANGUAGES.has(e.language));

describe("docs: every YAML and TypeScript example is planned with what it states", function () {
  this.timeout(300_000);

  it("finds the examples, each with a marker that says how to plan it", () => {
    expect(ALL.length).to.be.greaterThan(8);
    expect(ALL.filter((e) => !e.marker).map((e) => `${e.page}:${e.line}`)).to.deep.equal([]);
  });

  for (const e of ALL.filter((x) => x.marker && !x.marker.fragmentOf)) {
    const m = e.marker!;
    it(`${e.page}:${e.line} (${m.pack ? "policy pack" : m.program ? "program" : m.projectFile ? "Pulumi.yaml" : `Pulumi.${m.stack}.yaml`}) exits ${m.exit} with ${m.mandatory} mandatory`, async () => {
      const r = await planExample(e);
      expect(r.code, r.stderr).to.equal(m.exit);
      // It ran: the program registered the stack's resources, and a pack example ran alone.
      expect(r.doc.resources.length).to.be.greaterThan(3);
      if (m.pack) expect(r.doc.policyConfig).to.have.length(1);
      if (m.projectFile) expect(r.doc.project).to.equal(/^name:\s*(\S+)/m.exec(e.code)![1]);
      expect(r.doc.summary.mandatory, JSON.stringify(r.doc.violations.filter((v: any) => v.enforcementLevel === "mandatory").map((v: any) => `${v.policy}: ${v.message}`), null, 1)).to.equal(m.mandatory);
      if (m.advisory !== undefined) expect(r.doc.summary.advisory, JSON.stringify(r.doc.violations.map((v: any) => v.policy))).to.equal(m.advisory);
      // An example a stack labels prod is held to the prod packs.
      if ((m.stack === "prod" || m.config?.["azureml-platform:environment"] === "prod") && !m.pack)
        expect(r.doc.policyConfig.map((c: any) => c.file)).to.satisfy((files: string[]) => files.every((f) => f.endsWith("prod.json")));
    });
  }

  for (const e of ALL.filter((x) => x.marker?.fragmentOf)) {
    it(`${e.page}:${e.line} is an excerpt of ${e.marker!.fragmentOf}, line for line`, () => {
      const source = fs.readFileSync(path.join(ROOT, e.marker!.fragmentOf), "utf8").split("\n");
      let at = 0;
      for (const line of e.code.split("\n").filter((l) => l.trim() && !l.trim().startsWith("#"))) {
        const found = source.findIndex((s, i) => i >= at && s.split(" #")[0].trimEnd() === line.split(" #")[0].trimEnd());
        expect(found, `${line} (after line ${at} of ${e.marker!.fragmentOf})`).to.be.greaterThan(-1);
        at = found + 1;
      }
    });
  }

  const commandBlocks = PAGES.flatMap(examplesOf).filter((e) => e.marker?.commands);
  for (const e of commandBlocks)
    for (const line of e.code.split("\n").filter((l) => l.startsWith("npm run plan -- "))) {
      const stated = /\((\d+) mandatory\)/.exec(line);
      it(`${e.page}:${e.line} \`${line.split("#")[0].trim()}\` states ${stated?.[1]} mandatory, and plans so`, async () => {
        expect(stated, "each command states its mandatory count").to.not.equal(null);
        const args = line.slice("npm run plan -- ".length).split("#")[0].trim().split(/\s+/).map((a) => (a === "examples/insecure" ? path.join(ROOT, a) : a));
        let stdout = "";
        const dirArgs = args.includes("--project-dir") ? [] : ["--project-dir", ROOT];
        const code = await planCommand([...dirArgs, ...args, "--json"], { stdout: (t) => void (stdout += t), stderr: () => undefined });
        expect(code).to.equal(1);
        expect(JSON.parse(stdout).summary.mandatory).to.equal(Number(stated![1]));
      });
    }
});
