// docs/components.md lists every field of AccessModel's args interfaces, read from the source: the
// page cannot fall behind a field added to components/access/args.ts.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

const ROOT = path.resolve(__dirname, "..", "..");

function fields(file: string, names: readonly string[]): Record<string, string[]> {
  const source = ts.createSourceFile(file, fs.readFileSync(path.join(ROOT, file), "utf8"), ts.ScriptTarget.ES2022, true);
  const out: Record<string, string[]> = {};
  source.forEachChild((node) => {
    if (ts.isInterfaceDeclaration(node) && names.includes(node.name.text))
      out[node.name.text] = node.members.filter(ts.isPropertySignature).map((m) => m.name.getText(source) + (m.questionToken ? "?" : ""));
  });
  return out;
}

describe("docs/components.md: AccessModel's args field by field", () => {
  const page = fs.readFileSync(path.join(ROOT, "docs", "components.md"), "utf8");
  const interfaces = fields("components/access/args.ts", ["TeamArgs", "AccessTargetArgs", "CustomRoleArgs", "AccessModelArgs"]);
  for (const [name, list] of Object.entries(interfaces)) {
    it(`lists every field of ${name} in its table`, () => {
      const section = page.split(`### \`${name}\``)[1]?.split("\n#")[0] ?? "";
      const documented = [...section.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]);
      expect(documented, `docs/components.md section ${name}`).to.deep.equal(list);
    });
  }
});
