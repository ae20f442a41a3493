#!/usr/bin/env node
// `npm test` after the type-check: mocha over test/**/*.test.ts in three processes at once. The package
// tests (pack the tarball, install it, run the bin as an adopter) spend their time in child processes
// (npm, tsc, node); the specs that run whole programs under the mock runtime (plan, scenarios,
// reliability, the analyzer protocol) are the other half of the CPU time; the rest is many small
// specs. On a two-core machine one mocha process for all the source specs kept one core idle once the
// package tests were done; split in two, the three overlap. Each group is a normal mocha run with the
// options of .mocharc.json; only the first group's report is printed live, the others after it, so
// reports never interleave.
"use strict";
const { spawn } = require("child_process");
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const mocharc = JSON.parse(fs.readFileSync(path.join(root, ".mocharc.json"), "utf8"));
const specs = fs
  .readdirSync(path.join(root, "test"), { recursive: true })
  .map((f) => path.join("test", String(f)).split(path.sep).join("/"))
  .filter((f) => f.endsWith(".test.ts"))
  .sort();
const isPackage = (f) => f.startsWith("test/package/");
const PROGRAM_SPECS = ["test/plan/", "test/scenarios/", "test/reliability/", "test/docs/", "test/policies/protocol.test.ts"];
const isProgram = (f) => PROGRAM_SPECS.some((p) => f.startsWith(p));
const groups = [
  { name: "source", files: specs.filter((f) => !isPackage(f) && !isProgram(f)), live: true },
  { name: "program", files: specs.filter(isProgram), live: false },
  { name: "package", files: specs.filter(isPackage), live: false },
].filter((g) => g.files.length > 0);

const mocha = require.resolve("mocha/bin/mocha.js", { paths: [root] });
const args = ["--no-config", ...mocharc.require.flatMap((r) => ["--require", r]), "--timeout", String(mocharc.timeout), "--reporter", mocharc.reporter];

function run(group) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [mocha, ...args, ...group.files], { cwd: root, stdio: ["ignore", "pipe", "pipe"], env: process.env });
    let output = "";
    const take = (stream, sink) =>
      stream.on("data", (chunk) => {
        output += chunk;
        if (group.live) sink.write(chunk);
      });
    take(child.stdout, process.stdout);
    take(child.stderr, process.stderr);
    child.on("close", (code, signal) => resolve({ group, code: code ?? 1, signal, output }));
  });
}

Promise.all(groups.map(run)).then((results) => {
  let passed = 0;
  let failed = 0;
  for (const r of results) {
    if (!r.group.live) process.stdout.write(`\n--- ${r.group.name} tests (${r.group.files.length} files) ---\n${r.output}`);
    passed += Number(/(\d+) passing/.exec(r.output)?.[1] ?? 0);
    failed += Number(/(\d+) failing/.exec(r.output)?.[1] ?? 0);
    if (r.code !== 0 && !/(\d+) failing/.test(r.output)) {
      // A group that died without a mocha summary (crash, signal) still fails the run.
      process.stdout.write(`\n${r.group.name} tests exited with ${r.signal ?? r.code} before reporting\n`);
      failed += 1;
    }
  }
  process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
  process.exit(results.some((r) => r.code !== 0) ? 1 : 0);
});
