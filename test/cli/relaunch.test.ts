import { expect } from "chai";
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PLAN_NODE_FLAGS, needsRelaunch, relaunchArguments } from "../../cli/relaunch";
import { ROOT } from "../helpers/cli";

const BIN = path.join(ROOT, "cli", "azureml-platform.ts");

describe("cli/relaunch: the bin restarts itself with the plan's node flags", () => {
  it("relaunches only when a flag is given neither on the command line nor in NODE_OPTIONS, whatever its value", () => {
    expect(PLAN_NODE_FLAGS).to.deep.equal(["--max-semi-space-size=64"]);
    expect(needsRelaunch([])).to.equal(true);
    expect(needsRelaunch(["-r", "sucrase/register/ts"], "--enable-source-maps")).to.equal(true);
    expect(needsRelaunch(["--max-semi-space-size=64"])).to.equal(false);
    // The caller's own size is theirs to choose.
    expect(needsRelaunch(["--max-semi-space-size=16"])).to.equal(false);
    expect(needsRelaunch([], "--enable-source-maps  --max-semi-space-size=128")).to.equal(false);
    // A flag that merely starts like it is another flag.
    expect(needsRelaunch(["--max-semi-space-size-extra=1"])).to.equal(true);
  });

  it("puts the flags before the caller's node arguments, then the script and its arguments", () => {
    expect(relaunchArguments(["-r", "x"], "/bin.js", ["plan", "--stack", "prod"])).to.deep.equal(["--max-semi-space-size=64", "-r", "x", "/bin.js", "plan", "--stack", "prod"]);
  });

  describe("as a process", function () {
    this.timeout(120_000);
    let dir: string;
    let preload: string;
    before(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "azureml-relaunch-"));
      // Preloaded into both processes (the relaunch keeps the caller's -r): each says what node flags it has.
      preload = path.join(dir, "report.js");
      fs.writeFileSync(preload, `process.on("exit", () => process.stderr.write("execArgv " + JSON.stringify(process.execArgv) + "\\n"));\n`);
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    const reports = (stderr: string) => stderr.split("\n").filter((l) => l.startsWith("execArgv ")).map((l) => JSON.parse(l.slice("execArgv ".length)) as string[]);

    it("runs the command once, in a child that has the flags and the caller's preloads, and exits with its status", () => {
      const r = spawnSync(process.execPath, ["-r", preload, "-r", "sucrase/register/ts", BIN, "--version"], { cwd: ROOT, encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "" } });
      expect(r.status).to.equal(0);
      expect(r.stdout.trim()).to.match(/^\d+\.\d+\.\d+/);
      expect(r.stdout.trim().split("\n")).to.have.length(1); // printed by the child alone
      const [child, parent] = reports(r.stderr); // the child exits first
      expect(child).to.deep.equal(["--max-semi-space-size=64", "-r", preload, "-r", "sucrase/register/ts"]);
      expect(parent).to.deep.equal(["-r", preload, "-r", "sucrase/register/ts"]);
      const failing = spawnSync(process.execPath, ["-r", "sucrase/register/ts", BIN, "plan", "--no-such-flag"], { cwd: ROOT, encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "" } });
      expect(failing.status).to.equal(2);
      expect(failing.stderr).to.match(/no-such-flag/);
    });

    it("does not relaunch a process that already has the flags (npm run plan)", () => {
      const r = spawnSync(process.execPath, ["--max-semi-space-size=64", "-r", preload, "-r", "sucrase/register/ts", BIN, "--version"], { cwd: ROOT, encoding: "utf8" });
      expect(r.status).to.equal(0);
      expect(reports(r.stderr)).to.have.length(1);
      const npmScript = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts.plan as string;
      for (const flag of PLAN_NODE_FLAGS) expect(npmScript.split(" ")).to.include(flag);
    });

    it("passes a signal to the child and ends by it", async () => {
      const started = path.join(dir, "started.js");
      fs.writeFileSync(started, `process.stderr.write("started " + process.pid + " " + JSON.stringify(process.execArgv) + "\\n");\n`);
      const parent = spawn(process.execPath, ["-r", started, "-r", "sucrase/register/ts", BIN, "plan", "--stack", "prod"], { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, NODE_OPTIONS: "" } });
      const exited = new Promise<[number | null, NodeJS.Signals | null]>((resolve) => parent.on("exit", (c, s) => resolve([c, s])));
      // Wait for the relaunched child (the process with the flags) to start, then stop the parent.
      const child = await new Promise<number>((resolve) => {
        let text = "";
        parent.stderr!.on("data", (chunk) => {
          text += chunk;
          const line = text.split("\n").find((l) => l.startsWith("started ") && l.includes(PLAN_NODE_FLAGS[0]));
          if (line) resolve(Number(line.split(" ")[1]));
        });
      });
      parent.kill("SIGTERM");
      const [code, signal] = await exited;
      expect({ code, signal }).to.deep.equal({ code: null, signal: "SIGTERM" });
      // The parent ends only once the child has: the child is gone too.
      expect(() => process.kill(child, 0)).to.throw(/ESRCH/);
    });
  });
});
