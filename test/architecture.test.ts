import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : [],
  );
}
const importsOf = (file: string) => [...fs.readFileSync(path.join(ROOT, file), "utf8").matchAll(/(?:from|require\()\s*["']([^"']+)["']/g)].map((m) => m[1]);

describe("architecture rules", () => {
  it("keeps config/, naming/, rbac/ and governance/ free of Pulumi: plain functions over plain data", () => {
    for (const file of [...sources("core"), ...sources("config"), ...sources("naming"), ...sources("rbac"), ...sources("governance")])
      expect(importsOf(file).filter((i) => i.startsWith("@pulumi/")), file).to.deep.equal([]);
  });
  it("keeps the layers one way: core/ and naming/ import no other layer, rbac/ nothing from config/", () => {
    for (const file of [...sources("core"), ...sources("naming")]) expect(importsOf(file).filter((i) => /^\.\.\/(config|rbac|components|policies|plan|program)\//.test(i)), file).to.deep.equal([]);
    for (const file of sources("rbac")) expect(importsOf(file).filter((i) => /^\.\.\/(config|components|policies|plan|program)\//.test(i)), file).to.deep.equal([]);
    // governance/ (policy definitions and their evaluator) reads plain data only: core/ and its own files.
    for (const file of sources("governance")) expect(importsOf(file).filter((i) => /^\.\.\//.test(i) && !i.startsWith("../core/")), file).to.deep.equal([]);
  });
  it("keeps components and policies apart, and the plan command out of both", () => {
    for (const file of sources("components")) expect(importsOf(file).filter((i) => /policies|plan\/|cli\//.test(i)), file).to.deep.equal([]);
    for (const file of sources("policies")) expect(importsOf(file).filter((i) => /components|plan\/|cli\//.test(i)), file).to.deep.equal([]);
  });
  it("constructs a PolicyPack only in each pack's index.ts", () => {
    const constructing = sources("policies").filter((f) => /new PolicyPack\(/.test(fs.readFileSync(path.join(ROOT, f), "utf8")));
    expect(constructing.sort()).to.deep.equal([path.join("policies", "access", "index.ts"), path.join("policies", "deploy", "index.ts"), path.join("policies", "security", "index.ts")]);
  });
  it("imports azure-native by submodule, never the root", () => {
    // bench/ is left out: it loads the root import on purpose, as the cold-require baseline.
    for (const dir of ["components", "program", "lib", "policies", "plan", "examples"])
      for (const file of sources(dir)) expect(importsOf(file), file).to.not.include("@pulumi/azure-native");
  });
});
