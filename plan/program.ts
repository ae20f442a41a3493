// Loading a Pulumi Node.js program the way the language host does (@pulumi/pulumi/cmd/run/run.js):
// the entry point from Pulumi.yaml `main` or package.json, TypeScript through ts-node when
// `runtime.options.typescript` is not false, then `require` — a module that exports a function is
// called and awaited, anything else (a top-level program) is its own stack outputs.
import * as fs from "fs";
import * as path from "path";
import { PlanInputError, StackFiles } from "./stackFiles";

/**
 * Makes `.ts` files loadable, unless something already does (sucrase under `npm run plan`, ts-node
 * under mocha): with the TypeScript compiler and ts-node @pulumi/pulumi itself resolves — the
 * project's own, else the copies it vendors — exactly the pair the language host registers. That adds
 * no runtime dependency to this package and transpiles with the project's own compiler and tsconfig.
 * Type errors are `tsc`'s business (as with `PULUMI_NODEJS_TRANSPILE_ONLY=true`): plan transpiles only.
 */
export function registerTypeScript(tsConfigPath: string): void {
  if (require.extensions[".ts"]) return;
  const tsutilsPath = require.resolve("@pulumi/pulumi/tsutils");
  const tsutils = require(tsutilsPath) as { typeScriptRequireStrings(): { tsnodeRequire: string; typescriptRequire: string } };
  // The names are resolved from @pulumi/pulumi's own location, as its language host requires them.
  const fromPulumi = (name: string) => require.resolve(name, { paths: [path.dirname(tsutilsPath)] });
  const names = tsutils.typeScriptRequireStrings();
  const typescriptRequire = fromPulumi(names.typescriptRequire);
  const tsnodeRequire = fromPulumi(names.tsnodeRequire);
  const ts = require(typescriptRequire) as { version: string };
  const [major, minor] = ts.version.split(".").map(Number);
  // run.js: nodenext from TypeScript 4.7 on, commonjs before; the project's tsconfig overrides both.
  const nodeNext = major > 4 || (major === 4 && minor >= 7);
  require(tsnodeRequire).register({
    compiler: typescriptRequire,
    transpileOnly: true,
    project: tsConfigPath,
    skipProject: !fs.existsSync(tsConfigPath),
    compilerOptions: { target: "ES2020", module: nodeNext ? "nodenext" : "commonjs", moduleResolution: nodeNext ? "nodenext" : "node", sourceMap: true },
  });
}

function readPackageJson(dir: string): Record<string, any> {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
  } catch {
    return {};
  }
}

/** The nearest directory at or above `start` with a package.json (the host's npmPackageRootFromProgramPath). */
function packageRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) return start;
  }
}

/**
 * The tsconfig the language host gives ts-node: `runtime.options.tsconfig` (passed on as
 * PULUMI_NODEJS_TSCONFIG_PATH), else tsconfig.json, relative to the directory the program runs in
 * (run.js reads it after changing to that directory).
 */
export function programTsconfig(projectDir: string, files: Pick<StackFiles, "main" | "runtimeOptions">): string {
  const tsconfig = files.runtimeOptions.tsconfig;
  return path.resolve(programDirectory(projectDir, files.main), typeof tsconfig === "string" ? tsconfig : "tsconfig.json");
}

/**
 * The directory Pulumi runs the program in: the project directory, or `main` when it names a
 * directory, or the directory of the file it names ("so that any relative paths inside of the
 * program are correct", pulumi/pulumi pkg/engine/project.go, getPwdMain). Relative paths in the
 * program and its stack config (custom role files) resolve there. A `main` that does not exist
 * leaves the project directory (programEntry reports it).
 */
export function programDirectory(projectDir: string, main?: string): string {
  if (main === undefined) return projectDir;
  const target = path.resolve(projectDir, main);
  if (!fs.existsSync(target)) return projectDir;
  return fs.statSync(target).isDirectory() ? target : path.dirname(target);
}

/**
 * The program's entry point, as run.js resolves it: Pulumi.yaml `main` relative to the project
 * directory; without one, package.json `exports["."]` or `main`, else the directory itself (index.*).
 */
export function programEntry(projectDir: string, main?: string): string {
  let entry = path.resolve(projectDir, main ?? ".");
  // A directory (none given: the project's) runs as "." there (getPwdMain), and run.js then takes package.json's entry.
  if (fs.existsSync(entry) && fs.statSync(entry).isDirectory()) {
    const root = packageRoot(entry);
    const pkg = readPackageJson(root);
    const exp = typeof pkg.exports === "string" ? pkg.exports : pkg.exports?.["."];
    const declared = typeof exp === "string" ? exp : exp && typeof exp === "object" ? (exp.default ?? exp.require ?? exp.import) : pkg.main;
    if (typeof declared === "string" && fs.existsSync(path.join(root, declared))) entry = path.join(root, declared);
  }
  if (!fs.existsSync(entry)) throw new PlanInputError(`program not found: ${entry} (Pulumi.yaml main${main === undefined ? " is not set; package.json main" : ""})`);
  return entry;
}

/**
 * The mocks live in @pulumi/pulumi's module state: a program that loads another copy of it would
 * talk to no engine at all. Pulumi's own SDK refuses two copies too; say which ones, in one line.
 */
function assertSamePulumi(projectDir: string): void {
  let theirs: string;
  try {
    theirs = fs.realpathSync(require.resolve("@pulumi/pulumi", { paths: [projectDir] }));
  } catch {
    return; // not resolvable from the project: the program fails on its own import, with its own message
  }
  const ours = fs.realpathSync(require.resolve("@pulumi/pulumi"));
  if (theirs !== ours)
    throw new PlanInputError(`the program loads @pulumi/pulumi from ${path.dirname(theirs)}, azureml-platform from ${path.dirname(ours)}: install azureml-platform in the program's own node_modules (one @pulumi/pulumi)`);
}

/** Files of the project (not its node_modules) that a top-level program ran from, so a second run re-registers its resources. */
function forgetProjectModules(projectDir: string): void {
  const prefix = projectDir.endsWith(path.sep) ? projectDir : projectDir + path.sep;
  for (const file of Object.keys(require.cache)) {
    if (file.startsWith(prefix) && !file.slice(prefix.length).split(path.sep).includes("node_modules")) delete require.cache[file];
  }
}

/**
 * The program as a function for `runProgram`: loads the entry point (inside the stack, where a
 * top-level program registers its resources) and returns its outputs — the exported function's
 * awaited result, or the module's exports.
 */
export function loadProgram(projectDir: string, files: Pick<StackFiles, "main" | "runtimeOptions">): () => Promise<unknown> {
  assertSamePulumi(projectDir);
  const options = files.runtimeOptions;
  if (options.typescript !== false) registerTypeScript(programTsconfig(projectDir, files));
  const entry = programEntry(projectDir, files.main);
  // The language host imports an ES module program (package.json "type": "module") with import();
  // the mock runtime here runs CommonJS programs only: say so rather than fail on its syntax.
  if (readPackageJson(packageRoot(fs.statSync(entry).isDirectory() ? entry : path.dirname(entry))).type === "module")
    throw new PlanInputError(`the program is an ES module (package.json "type": "module"); plan runs CommonJS programs (TypeScript compiled to CommonJS, as the examples)`);
  let resolved: string;
  try {
    resolved = require.resolve(fs.statSync(entry).isDirectory() ? entry + path.sep : entry);
  } catch {
    throw new PlanInputError(`program not found: no index.ts or index.js in ${entry}`);
  }
  return async () => {
    const cached = require.cache[resolved];
    // A module that exports a function runs again when called; a top-level program only when loaded.
    if (cached && typeof cached.exports !== "function") forgetProjectModules(path.resolve(projectDir));
    const exported = require(resolved);
    return typeof exported === "function" ? await exported() : exported;
  };
}
