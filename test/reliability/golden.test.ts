import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { identities } from "../helpers/identities";

const ROOT = path.resolve(__dirname, "..", "..");
const GOLDEN = path.join(ROOT, "test", "golden");

describe("no accidental replacement: golden URNs and Azure names", function () {
  this.timeout(120_000);
  for (const stack of ["dev", "prod"]) {
    it(`${stack}: every URN and Azure name matches test/golden/${stack}.json`, async () => {
      const actual = await identities(stack);
      const file = path.join(GOLDEN, `${stack}.json`);
      if (process.env.UPDATE_GOLDEN === "1") fs.writeFileSync(file, JSON.stringify(actual, null, 2) + "\n");
      const expected = JSON.parse(fs.readFileSync(file, "utf8"));
      expect(actual, "a URN or Azure name changed: Pulumi would replace the resource. If the rename is intended, add aliases (docs/troubleshooting.md) and run UPDATE_GOLDEN=1 npm test").to.deep.equal(expected);
    });
  }

  it("gives byte-identical names and role assignment ids across runs, time zones, locales and environments", async () => {
    const inProcess = JSON.stringify(await identities("prod"));
    const again = JSON.stringify(await identities("prod", true));
    expect(again).to.equal(inProcess);
    const script = `require(${JSON.stringify(path.join(__dirname, "..", "helpers", "identities"))}).identities("prod", true).then((r) => process.stdout.write(JSON.stringify(r)))`;
    const child = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", "-e", script], {
      cwd: ROOT,
      encoding: "utf8",
      env: { PATH: process.env.PATH, TZ: "Pacific/Kiritimati", LANG: "tr_TR.UTF-8", LC_ALL: "tr_TR.UTF-8", HOME: "/nonexistent", USER: "someone-else", TS_NODE_PROJECT: path.join(ROOT, "tsconfig.json") },
    });
    expect(child.status, child.stderr).to.equal(0);
    expect(child.stdout).to.equal(inProcess);
  });
});
