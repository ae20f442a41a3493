// The published artifact, made once per test run: `npm pack` (which builds dist/), then the tarball
// installed into a fresh project. Every package test (pack.test.ts, adopter.test.ts) uses the same
// install: packing and installing is most of their time.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export const ROOT = path.resolve(__dirname, "..", "..");
export const NPM = process.platform === "win32" ? "npm.cmd" : "npm";

export interface Packed {
  /** The .tgz `npm pack` wrote. */
  tarball: string;
  /** A project with the tarball installed (its package.json names it as a dependency). */
  consumer: string;
  /** The tarball's file paths, as `npm pack --json` lists them. */
  files: string[];
}

let packed: Packed | undefined;

/** Packs the package and installs it into a temporary project, once. */
export function packedInstall(): Packed {
  if (packed) return packed;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "azml-pack-"));
  const out = JSON.parse(execFileSync(NPM, ["pack", "--json", "--pack-destination", work], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }));
  const tarball = path.join(work, out[0].filename);
  const consumer = path.join(work, "consumer");
  fs.mkdirSync(consumer);
  fs.writeFileSync(path.join(consumer, "package.json"), JSON.stringify({ name: "consumer", private: true }));
  // The package's own dependencies come from npm's cache (--prefer-offline); the peers are linked from
  // this checkout rather than downloaded: the test is about our artifact.
  execFileSync(NPM, ["install", "--no-audit", "--no-fund", "--prefer-offline", "--legacy-peer-deps", "--ignore-scripts", tarball], { cwd: consumer, stdio: "pipe" });
  for (const peer of ["@pulumi", "@types", "@grpc", "google-protobuf"]) {
    const target = path.join(consumer, "node_modules", peer);
    if (!fs.existsSync(target)) fs.symlinkSync(path.join(ROOT, "node_modules", peer), target, "dir");
  }
  packed = { tarball, consumer, files: (out[0].files as { path: string }[]).map((f) => f.path) };
  return packed;
}
