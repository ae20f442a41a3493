// Build step after tsc: makes every compiled pack folder under dist/policies/ a real policy pack
// directory, as `pulumi preview --policy-pack` and `packDirectory()` expect: PulumiPolicy.yaml,
// package.json (main pointing at the compiled index.js) and config/*.json copied from the source pack.
// Every folder of policies/ with a PulumiPolicy.yaml is a pack: no list to keep in sync with PACKS.
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const source = path.join(root, "policies");
for (const dir of fs.readdirSync(source)) {
  const pack = path.join(source, dir);
  if (!fs.existsSync(path.join(pack, "PulumiPolicy.yaml"))) continue;
  const out = path.join(root, "dist", "policies", dir);
  if (!fs.existsSync(path.join(out, "index.js"))) throw new Error(`${out}/index.js is missing: tsconfig.build.json must compile policies/${dir}/index.ts`);
  fs.copyFileSync(path.join(pack, "PulumiPolicy.yaml"), path.join(out, "PulumiPolicy.yaml"));
  const pkg = JSON.parse(fs.readFileSync(path.join(pack, "package.json"), "utf8"));
  pkg.main = "index.js";
  pkg.description = `Pack entry for pulumi preview --policy-pack <this directory>; its dependencies resolve from the project's node_modules.`;
  fs.writeFileSync(path.join(out, "package.json"), JSON.stringify(pkg, null, 2) + "\n");
  if (fs.existsSync(path.join(pack, "config"))) fs.cpSync(path.join(pack, "config"), path.join(out, "config"), { recursive: true, filter: (f) => fs.statSync(f).isDirectory() || f.endsWith(".json") });
}

// The published JSON contracts of `plan --json`, `plan --diff --json` and `audit --json`, beside their compiled modules.
for (const dir of ["plan", "audit"])
  for (const file of fs.readdirSync(path.join(root, dir)).filter((f) => f.endsWith(".schema.json")))
    fs.copyFileSync(path.join(root, dir, file), path.join(root, "dist", dir, file));
