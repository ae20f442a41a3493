import * as fs from "fs";
import * as path from "path";
import YAML from "yaml";
import { SECRET_MARKER } from "../core/markers";

/** A problem with the plan's input files: reported as one line, exit code 2. */
export class PlanInputError extends Error {
  /** One line per problem, as the command prints them. */
  readonly lines: string[];
  constructor(message: string, lines: string[] = [message]) {
    super(message);
    this.name = "PlanInputError";
    this.lines = lines;
  }
}

export interface StackFiles {
  project: string;
  /** Pulumi.yaml `main` (relative to the project directory), when set. */
  main?: string;
  /** Pulumi.yaml `runtime.options` (nodejs: `typescript`, `tsconfig`, `nodeargs`, ...). */
  runtimeOptions: Record<string, unknown>;
  stack: string;
  /** Fully qualified config (`namespace:key` → string, structured values JSON-encoded), as Pulumi passes it to a program. */
  config: Record<string, string>;
  secretKeys: string[];
  /** Where the stack file is: beside Pulumi.yaml, or in its `stackConfigDir`. */
  stackFile: string;
}

/** The names a project file may have, in the order Pulumi tries them (sdk/go/common/workspace/paths.go). */
const PROJECT_FILES = ["Pulumi.yaml", "Pulumi.yml", "Pulumi.json"];

/** A directory's project file, if it has one. */
function projectFileIn(dir: string): string | undefined {
  return PROJECT_FILES.map((f) => path.join(dir, f)).find((f) => fs.existsSync(f));
}

/**
 * The project directory Pulumi finds from `start`: the closest directory holding a project file,
 * searching upwards (DetectProjectPathFrom); `start` itself when there is none, so that loading
 * reports the missing file there.
 */
export function findProjectDir(start: string): string {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    if (projectFileIn(dir)) return dir;
    if (path.dirname(dir) === dir) return path.resolve(start);
  }
}

function readYaml(file: string, what: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    throw new PlanInputError(`${what} not found: ${file}`);
  }
  try {
    return YAML.parse(text);
  } catch (e) {
    const first = String((e as Error).message).split("\n")[0];
    throw new PlanInputError(`${what} ${path.basename(file)} is not valid YAML: ${first}`);
  }
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function encode(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/**
 * Loads Pulumi.yaml and Pulumi.<stack>.yaml the way the CLI does for a program: project-namespace keys
 * may be written bare in Pulumi.yaml, declared defaults apply when the stack does not set a key, and
 * `secure:` values are kept as opaque secrets.
 */
export function loadStackFiles(projectDir: string, stack: string): StackFiles {
  // Pulumi.yml and Pulumi.json read as YAML too (JSON is YAML); a stack file takes its project file's extension.
  const projectFile = projectFileIn(projectDir) ?? path.join(projectDir, "Pulumi.yaml");
  const ext = path.extname(projectFile);
  const project = readYaml(projectFile, "project file");
  if (!isMapping(project) || typeof project.name !== "string") throw new PlanInputError(`${path.basename(projectFile)} must be a mapping with a name`);
  // `stackConfigDir`: "Config directory location relative to the location of Pulumi.yaml" (Pulumi's project file reference).
  if (project.stackConfigDir !== undefined && typeof project.stackConfigDir !== "string") throw new PlanInputError(`Pulumi.yaml: stackConfigDir must be a path (relative to the project directory)`);
  const stackDir = path.resolve(projectDir, project.stackConfigDir ?? ".");
  const stackFile = path.join(stackDir, `Pulumi.${stack}${ext}`);
  if (!fs.existsSync(stackFile)) throw new PlanInputError(`stack file not found: Pulumi.${stack}${ext} (in ${stackDir})`);
  const stackDoc = readYaml(stackFile, "stack file");
  if (stackDoc === null || stackDoc === undefined) throw new PlanInputError(`${path.basename(stackFile)} is empty`);
  if (!isMapping(stackDoc)) throw new PlanInputError(`${path.basename(stackFile)} must be a mapping with a config: section`);
  // A config key written at the top level (namespace:key) is not config: Pulumi reads only `config:`.
  const misplaced = Object.keys(stackDoc).filter((k) => k.includes(":"));
  if (misplaced.length)
    throw new PlanInputError(`${path.basename(stackFile)}: ${misplaced.join(", ")} ${misplaced.length === 1 ? "is" : "are"} above config: (stack config goes under the config: key)`);
  const stackConfig = stackDoc.config ?? {};
  if (!isMapping(stackConfig)) throw new PlanInputError(`${path.basename(stackFile)}: config must be a mapping of keys to values`);

  const qualify = (key: string) => (key.includes(":") ? key : `${project.name}:${key}`);
  const config: Record<string, string> = {};
  const secretKeys: string[] = [];

  const declared = isMapping(project.config) ? project.config : {};
  for (const [key, decl] of Object.entries(declared)) {
    if (isMapping(decl) && "default" in decl) config[qualify(key)] = encode(decl.default);
    else if (isMapping(decl) && "value" in decl) config[qualify(key)] = encode(decl.value);
    else if (!isMapping(decl)) config[qualify(key)] = encode(decl);
  }
  for (const [key, value] of Object.entries(stackConfig)) {
    const full = qualify(key);
    if (isMapping(value) && Object.keys(value).length === 1 && "secure" in value) {
      config[full] = SECRET_MARKER;
      secretKeys.push(full);
    } else {
      config[full] = encode(value);
    }
  }
  if (project.main !== undefined && typeof project.main !== "string") throw new PlanInputError(`Pulumi.yaml: main must be a path (relative to the project directory)`);
  const runtime = project.runtime;
  const runtimeName = isMapping(runtime) ? runtime.name : runtime;
  if (runtimeName !== "nodejs") throw new PlanInputError(`Pulumi.yaml: runtime is ${JSON.stringify(runtimeName ?? null)}; plan runs Node.js programs (runtime: nodejs)`);
  const runtimeOptions = isMapping(runtime) && isMapping(runtime.options) ? runtime.options : {};
  return { project: project.name, main: project.main, runtimeOptions, stack, config, secretKeys, stackFile };
}
