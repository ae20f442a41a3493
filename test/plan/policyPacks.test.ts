import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PlanPack, choosePolicyConfigs, loadPolicyPack, parsePolicyConfigOption } from "../../plan/policyPacks";
import { PlanInputError } from "../../plan/stackFiles";
import { ROOT } from "../helpers/cli";

function dir(files: Record<string, string>): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "azml-pack-"));
  for (const [f, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(d, f)), { recursive: true });
    fs.writeFileSync(path.join(d, f), text);
  }
  return d;
}

const pack = (name: string, files: Record<string, string> = {}): PlanPack => ({
  definition: { name, directory: `${name}-dir`, description: "", enforcementLevel: "advisory", policies: [] },
  dir: dir(files),
  version: "1.0.0",
});

describe("policy packs and their config", () => {
  describe("choosePolicyConfigs", () => {
    const withConfigs = () => pack("p", { "config/dev.json": "{}", "config/prod.json": "{}", "config/special.json": "{}" });

    it("takes --policy-config first (by pack name or directory), then config/<stack>.json, then config/<environment>.json", () => {
      const p = withConfigs();
      const one = (stack: string, env: string | undefined, given: Record<string, string> = {}) => choosePolicyConfigs([p], stack, env, given).get(p)!;
      expect(one("special", "prod", { p: "/given.json" })).to.deep.equal({ file: "/given.json", source: "flag" });
      expect(one("special", "prod", { "p-dir": "/given.json" })).to.deep.equal({ file: "/given.json", source: "flag" });
      expect(one("special", "prod")).to.deep.equal({ file: path.join(p.dir, "config", "special.json"), source: "stack" });
      expect(one("production", "prod")).to.deep.equal({ file: path.join(p.dir, "config", "prod.json"), source: "environment" });
      expect(one("dev", "prod")).to.deep.equal({ file: path.join(p.dir, "config", "dev.json"), source: "stack" });
    });

    it("refuses a pack with per-environment defaults when the stack has no environment, or an environment it has no config for", () => {
      const p = withConfigs();
      expect(() => choosePolicyConfigs([p], "staging", undefined)).to.throw(PlanInputError, /^stack staging sets no azureml-platform:environment and pack p has no config\/staging\.json: set azureml-platform:environment \(dev \| prod\) in Pulumi\.staging\.yaml or pass --policy-config p-dir=FILE$/);
      // An environment other than dev | prod is named as such (the program refuses it too).
      expect(() => choosePolicyConfigs([p], "staging", "test")).to.throw(PlanInputError, /^azureml-platform:environment must be dev \| prod \(got "test"\), or pass --policy-config p-dir=FILE$/);
    });

    it("runs a pack without config/ at its own levels, as pulumi preview --policy-pack does", () => {
      const p = pack("bare", { "PulumiPolicy.yaml": "runtime: nodejs\n" });
      expect(choosePolicyConfigs([p], "anything", undefined).get(p)).to.deep.equal({ source: "none" });
    });

    it("refuses --policy-config for a pack that is not running", () => {
      const p = withConfigs();
      expect(() => choosePolicyConfigs([p], "dev", "dev", { other: "/x.json" })).to.throw(PlanInputError, /no policy pack is named "other" \(packs: p-dir\)/);
    });

    it("parses PACK=FILE", () => {
      expect(parsePolicyConfigOption("access=cfg.json")).to.deep.equal(["access", path.resolve("cfg.json")]);
      for (const bad of ["=x.json", "access=", "x.json"]) expect(() => parsePolicyConfigOption(bad), bad).to.throw(PlanInputError, /--policy-config takes <pack>=<file>/);
    });
  });

  describe("loadPolicyPack (--policy-pack DIR)", () => {
    const policy = `{ name: "always", description: "d", validateResource: (_a: unknown, report: (m: string) => void) => report("x") }`;
    const packFiles = (index: string, version = "2.0.0") => ({
      "PulumiPolicy.yaml": "runtime: nodejs\n",
      "package.json": JSON.stringify({ name: "own", version, main: "index.ts" }),
      "index.ts": index,
    });
    // The pack resolves @pulumi/policy from its own directory upwards, as under the Pulumi CLI
    // (scratch/ is git-ignored and outside tsconfig).
    const inRepo = (files: Record<string, string>) => {
      fs.mkdirSync(path.join(ROOT, "scratch"), { recursive: true });
      const d = fs.mkdtempSync(path.join(ROOT, "scratch", ".azml-pack-"));
      for (const [f, text] of Object.entries(files)) fs.writeFileSync(path.join(d, f), text);
      return d;
    };

    it("captures the PolicyPack the pack constructs: its name, version, level and policies, without serving it", () => {
      const d = inRepo(packFiles(`import { PolicyPack } from "@pulumi/policy";\nnew PolicyPack("own-pack", { enforcementLevel: "mandatory", policies: [${policy}] });\n`));
      const cwd = process.cwd();
      try {
        const loaded = loadPolicyPack(d);
        expect(loaded).to.deep.include({ dir: d, version: "2.0.0" });
        expect(loaded.definition).to.deep.include({ name: "own-pack", directory: path.basename(d), enforcementLevel: "mandatory" });
        expect(loaded.definition.policies.map((p) => p.name)).to.deep.equal(["always"]);
        expect(process.cwd(), "the working directory is restored").to.equal(cwd);
      } finally {
        fs.rmSync(d, { recursive: true, force: true });
      }
    });

    const bad: [string, () => string, RegExp][] = [
      ["a directory without PulumiPolicy.yaml", () => dir({ "index.ts": "" }), /no PulumiPolicy\.yaml in .* \(not a policy pack directory\)$/],
      ["a pack of another runtime", () => dir({ "PulumiPolicy.yaml": "runtime: python\n" }), /runtime is "python"; plan runs Node\.js policy packs/],
      ["a package.json without version", () => dir({ "PulumiPolicy.yaml": "runtime: nodejs\n", "package.json": "{}" }), /package\.json with a version not found/],
      ["a pack that constructs no PolicyPack", () => inRepo(packFiles(`export const nothing = 1;\n`)), /must construct exactly one PolicyPack \(it constructed 0\)/],
      ["a pack that throws", () => inRepo(packFiles(`throw new Error("boom");\n`)), /the pack failed to load: boom$/],
    ];
    for (const [label, make, message] of bad) {
      it(`refuses ${label} with one line`, () => {
        const d = make();
        try {
          expect(() => loadPolicyPack(d)).to.throw(PlanInputError, message);
        } finally {
          if (d.includes(".azml-pack-")) fs.rmSync(d, { recursive: true, force: true });
        }
      });
    }
  });
});
