// Links in README.md and docs/*.md point at files of this repository and headings that exist (the
// anchors GitHub derives from them), so a moved section cannot leave a reader at a dead link.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
const PAGES = ["README.md", ...fs.readdirSync(path.join(ROOT, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`), "examples/adopter/README.md"];

/** GitHub's heading anchor: lower-case, punctuation dropped, spaces to hyphens. */
function anchor(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\w\- ]/g, "").replace(/ /g, "-");
}

function anchors(file: string): Set<string> {
  const text = fs.readFileSync(file, "utf8").replace(/```[\s\S]*?```/g, "");
  return new Set([...text.matchAll(/^#+ (.*)$/gm)].map((m) => anchor(m[1])));
}

describe("docs: links resolve", () => {
  for (const page of PAGES) {
    it(`every relative link of ${page} names an existing file and heading`, () => {
      const text = fs.readFileSync(path.join(ROOT, page), "utf8").replace(/```[\s\S]*?```/g, "");
      const broken: string[] = [];
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^(https?|mailto):/.test(target)) continue;
        const [file, hash] = target.split("#");
        const resolved = file ? path.resolve(path.dirname(path.join(ROOT, page)), file) : path.join(ROOT, page);
        if (!fs.existsSync(resolved)) broken.push(`${target}: no such file`);
        else if (hash && fs.statSync(resolved).isFile() && !anchors(resolved).has(hash)) broken.push(`${target}: no such heading`);
      }
      expect(broken).to.deep.equal([]);
    });
  }
  it("keeps the README a page a newcomer reads through (at most 250 lines)", () => {
    expect(fs.readFileSync(path.join(ROOT, "README.md"), "utf8").split("\n").length).to.be.at.most(250);
  });
});
