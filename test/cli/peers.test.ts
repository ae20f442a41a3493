import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { BIN_PEERS, missingPeers, missingPeersMessage } from "../../cli/peers";
import { ROOT } from "../helpers/cli";

const notFound = (id: string) => Object.assign(new Error(`Cannot find module '${id}'`), { code: "MODULE_NOT_FOUND" });

describe("cli/peers: the bin names a missing peer instead of crashing", () => {
  it("lists the peers that do not resolve, in load order, and only for a module-not-found error", () => {
    expect(BIN_PEERS).to.deep.equal(["@pulumi/pulumi", "@pulumi/policy"]);
    expect(missingPeers((id) => id)).to.deep.equal([]);
    expect(missingPeers((id) => { if (id === "@pulumi/policy") throw notFound(id); return id; })).to.deep.equal(["@pulumi/policy"]);
    expect(missingPeers((id) => { throw notFound(id); })).to.deep.equal(["@pulumi/pulumi", "@pulumi/policy"]);
    // Any other failure is the module's own: loading it will report it.
    expect(missingPeers(() => { throw Object.assign(new Error("EACCES"), { code: "EACCES" }); })).to.deep.equal([]);
    expect(missingPeers(() => { throw undefined; })).to.deep.equal([]);
  });

  it("says what to install in one line", () => {
    expect(missingPeersMessage(["@pulumi/policy"])).to.equal("error: the azureml-platform bin needs the peer dependency @pulumi/policy: npm install --save-dev @pulumi/policy\n");
    expect(missingPeersMessage(["@pulumi/pulumi", "@pulumi/policy"])).to.equal(
      "error: the azureml-platform bin needs the peer dependencies @pulumi/pulumi, @pulumi/policy: npm install --save-dev @pulumi/pulumi @pulumi/policy\n",
    );
  });

  it("exits 2 with that line, and starts no relaunch, when @pulumi/policy is not installed", function () {
    this.timeout(60_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "azureml-peers-"));
    try {
      // As if npm had left the optional peer out: resolving it fails the way a missing package does.
      const hide = path.join(dir, "hide-policy.js");
      fs.writeFileSync(
        hide,
        `const M = require("module"); const r = M._resolveFilename;\n` +
          `M._resolveFilename = function (id, ...rest) { if (id === "@pulumi/policy" || id.startsWith("@pulumi/policy/")) throw Object.assign(new Error("Cannot find module '" + id + "'"), { code: "MODULE_NOT_FOUND" }); return r.call(this, id, ...rest); };\n` +
          `process.on("exit", () => process.stderr.write("pid " + process.pid + "\\n"));\n`,
      );
      const r = spawnSync(process.execPath, ["-r", hide, "-r", "sucrase/register/ts", path.join(ROOT, "cli", "azureml-platform.ts"), "plan", "--stack", "dev"], { cwd: ROOT, encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "" } });
      expect(r.status).to.equal(2);
      expect(r.stdout).to.equal("");
      const lines = r.stderr.trim().split("\n");
      expect(lines.filter((l) => l.startsWith("pid "))).to.have.length(1); // no child process
      expect(lines.filter((l) => !l.startsWith("pid "))).to.deep.equal([missingPeersMessage(["@pulumi/policy"]).trim()]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
