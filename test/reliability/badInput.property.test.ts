import * as recorderModule from "../../plan/recorder";
import { expect } from "chai";
import fc from "fast-check";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { isPlatformConfigError } from "../../config/errors";
import { runProgram } from "../../plan/run";
import { PlanInputError, loadStackFiles } from "../../plan/stackFiles";
import { MUTATIONS, mutationArb, pulumiConfig, validConfigArb } from "../helpers/arbitraries";

const program = require("../../index");
export const INVALID_RUNS = 330;
export const VALID_RUNS = 40;

/** Runs the real program (index.ts) under the recording mocks; returns the error and what was registered. */
async function runStack(config: Record<string, unknown>) {
  let error: unknown;
  let resources: { type: string }[] = [];
  try {
    resources = (await runProgram(program, { project: "azureml-platform", stack: "gen", config: pulumiConfig(config) })).resources;
  } catch (e) {
    error = e;
  }
  return { error, resources };
}

describe("generated bad input (fast-check)", function () {
  this.timeout(600_000);
  const seen = new Map<string, number>();

  it(`rejects ${INVALID_RUNS} generated invalid configs before registering any resource, naming path and rule`, async () => {
    await fc.assert(
      fc.asyncProperty(mutationArb, async (m) => {
        seen.set(m.category, (seen.get(m.category) ?? 0) + 1);
        const { error } = await runStack(m.config);
        // index.ts wraps config errors in pulumi.RunError (clean CLI output); the cause carries the issues.
        const cause = (error as { cause?: unknown })?.cause;
        if (!isPlatformConfigError(cause)) throw new Error(`[${m.category}] expected a PlatformConfigError, got ${(error as Error)?.stack ?? error}`);
        expect((error as any).__pulumiRunError, m.category).to.equal(true);
        expect(cause.issues.some((i) => m.path.test(i.path)), `[${m.category}] no issue at ${m.path}: ${cause.message}`).to.equal(true);
        for (const i of cause.issues) {
          expect(i.path, m.category).to.match(/^(azureml-platform|azure-native:location)/);
          expect(i.rule, m.category).to.match(/\w/);
        }
        expect(cause.message).to.not.match(/TypeError|\n\s+at /);
      }),
      { numRuns: INVALID_RUNS },
    );
    expect([...seen.keys()].sort()).to.deep.equal(Object.keys(MUTATIONS).sort());
  });

  it("registers nothing but the root stack for an invalid config", async () => {
    const { RecordingMonitor } = recorderModule;
    let registered: string[] = [];
    const original = RecordingMonitor.prototype.registerResource;
    RecordingMonitor.prototype.registerResource = function (this: any, req: any, cb: any) {
      registered.push(req.getType());
      return original.call(this, req, cb);
    };
    try {
      await fc.assert(
        fc.asyncProperty(mutationArb, async (m) => {
          registered = [];
          await runStack(m.config);
          expect(registered, m.category).to.deep.equal(["pulumi:pulumi:Stack"]);
        }),
        { numRuns: 30 },
      );
    } finally {
      RecordingMonitor.prototype.registerResource = original;
    }
  });

  it(`builds every one of ${VALID_RUNS} generated valid configs`, async () => {
    await fc.assert(
      fc.asyncProperty(validConfigArb, async (config) => {
        const { error, resources } = await runStack(config);
        if (error) throw new Error(`valid config rejected: ${(error as Error).message}\n${JSON.stringify(config)}`);
        expect(resources.filter((r) => r.type === "azure-native:machinelearningservices:Workspace")).to.have.length(config.workspaces.length);
      }),
      { numRuns: VALID_RUNS },
    );
  });

  it("rejects stack files whose YAML is not a mapping, with one line", () => {
    fc.assert(
      fc.property(fc.constantFrom("- a\n- b\n", "just text\n", "42\n", "config: [1, 2]\n", "config: value\n"), (text) => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "azml-yaml-"));
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: p\nruntime: nodejs\n");
        fs.writeFileSync(path.join(dir, "Pulumi.s.yaml"), text);
        expect(() => loadStackFiles(dir, "s")).to.throw(PlanInputError, /must be a mapping/);
      }),
    );
  });
});
