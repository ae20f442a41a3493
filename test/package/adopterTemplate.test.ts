// examples/adopter as an adopter gets it: a copy of the directory with the packed tarball installed,
// and every `azureml-platform` and `tsc` step of its GitHub Actions workflow run as the runner would
// run it (bash -eo pipefail, the step's working directory, the matrix stack in $STACK), as a pull
// request: the target branch planned from its own copy, the comment written from --diff --markdown
// (or, for a stack the target branch does not have yet, from --markdown alone).
import { expect } from "chai";
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { packedInstall, ROOT } from "../helpers/packed";

const TEMPLATE = path.join(ROOT, "examples", "adopter");

/** A copy of the template with the tarball's install: the consumer's packages plus TypeScript, and their bins. */
function adopterCopy(target: string, consumer: string): string {
  fs.cpSync(TEMPLATE, target, { recursive: true });
  const modules = path.join(target, "node_modules");
  fs.mkdirSync(path.join(modules, ".bin"), { recursive: true });
  const installed = path.join(consumer, "node_modules");
  for (const entry of fs.readdirSync(installed)) if (entry !== ".bin") fs.symlinkSync(path.join(installed, entry), path.join(modules, entry));
  for (const bin of fs.readdirSync(path.join(installed, ".bin"))) fs.symlinkSync(fs.realpathSync(path.join(installed, ".bin", bin)), path.join(modules, ".bin", bin));
  if (!fs.existsSync(path.join(modules, "typescript"))) fs.symlinkSync(path.join(ROOT, "node_modules", "typescript"), path.join(modules, "typescript"));
  fs.symlinkSync(path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), path.join(modules, ".bin", "tsc"));
  return target;
}

interface Step {
  name?: string;
  run?: string;
  if?: string;
  id?: string;
  "working-directory"?: string;
  "continue-on-error"?: boolean;
}

/** Runs one step's script as GitHub's runner does for `run:` (bash --noprofile --norc -eo pipefail). */
function runStep(script: string, cwd: string, env: Record<string, string>): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", script], { cwd, env: { ...process.env, ...env } });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("close", (code) => resolve({ code: code ?? -1, output }));
  });
}

describe("examples/adopter: the template repository, with the packed tarball, runs its workflow", function () {
  this.timeout(600_000);
  const workflow = parse(fs.readFileSync(path.join(TEMPLATE, ".github", "workflows", "plan.yml"), "utf8"));
  const job = workflow.jobs.plan;
  const steps: Step[] = job.steps;
  let work: string;
  let head: string;
  let base: string;

  before(() => {
    const { consumer } = packedInstall();
    work = fs.mkdtempSync(path.join(path.dirname(consumer), "adopter-"));
    head = adopterCopy(path.join(work, "head"), consumer);
    // The target branch: the same repository before the prod stack was added.
    base = adopterCopy(path.join(work, "base"), consumer);
    fs.rmSync(path.join(base, "Pulumi.prod.yaml"));
  });

  it("declares the jobs a reviewer relies on: SARIF upload, our own pack, a sticky pull-request comment", () => {
    expect(job.strategy.matrix.stack).to.deep.equal(["dev", "prod"]);
    const uses = job.steps.map((s: { uses?: string }) => s.uses).filter(Boolean);
    expect(uses).to.include.members(["github/codeql-action/upload-sarif@v3", "marocchino/sticky-pull-request-comment@v2"]);
    expect(steps.some((s) => s.run?.includes("--policy-pack policy"))).to.equal(true);
    expect(steps.some((s) => s.run?.includes("--diff") && s.run.includes("--markdown"))).to.equal(true);
    // A mandatory finding must not skip the upload and the comment: the failing plan steps continue,
    // and the last step fails the job on their outcome.
    const gated = steps.filter((s) => s["continue-on-error"] === true).map((s) => s.id);
    expect(gated).to.deep.equal(["sarif", "own-pack"]);
    const last = steps[steps.length - 1];
    for (const id of gated) expect(last.if).to.contain(`steps.${id}.outcome == 'failure'`);
  });

  it("runs every azureml-platform and tsc step for dev and prod as a pull request, each exiting 0, and writes the SARIF and the comments", async () => {
    const runnable = steps.filter((s) => s.run !== undefined && /azureml-platform|tsc/.test(s.run));
    expect(runnable.length).to.be.greaterThan(4);
    const temp = path.join(work, "runner-temp");
    fs.mkdirSync(temp);
    await Promise.all(
      (job.strategy.matrix.stack as string[]).map(async (stack) => {
        const output = path.join(temp, `github-output-${stack}`);
        fs.writeFileSync(output, "");
        for (const step of runnable) {
          const cwd = step["working-directory"] === "base" ? base : head;
          // The matrix and runner values the workflow reads through expressions, as the runner substitutes them.
          const script = step.run!.replace(/\$\{\{\s*matrix\.stack\s*\}\}/g, stack).replace(/\$\{\{\s*runner\.temp\s*\}\}/g, temp);
          const r = await runStep(script, cwd, { STACK: stack, RUNNER_TEMP: temp, GITHUB_OUTPUT: output, CI: "true" });
          expect(r.code, `${stack}: ${step.name ?? step.run}\n${r.output}`).to.equal(0);
        }
        expect(fs.readFileSync(output, "utf8")).to.equal("code=0\n");
      }),
    );
    for (const stack of ["dev", "prod"]) {
      const sarif = JSON.parse(fs.readFileSync(path.join(temp, `plan-${stack}.sarif`), "utf8"));
      expect(sarif.version).to.equal("2.1.0");
      expect(sarif.runs[0].results.filter((r: { level: string }) => r.level === "error")).to.deep.equal([]);
    }
    // dev exists on the target branch: a diff with no change. prod is new in the pull request: its plan alone.
    expect(fs.readFileSync(path.join(temp, "comment-dev.md"), "utf8")).to.match(/^### `dev`: 0 to create, 0 to update, 0 to replace, 0 to delete\n/);
    const prod = fs.readFileSync(path.join(temp, "comment-prod.md"), "utf8");
    expect(prod).to.match(/^### `prod`: \d+ resources, :white_check_mark: no mandatory violation, 0 advisory, \d+ deferred to update\n/);
    expect(prod).to.contain("| alice@contoso.com | churn | data-scientists |");
    expect(fs.existsSync(path.join(temp, "base-prod.json"))).to.equal(false);
  });
});
