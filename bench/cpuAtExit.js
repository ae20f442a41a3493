// Preloaded (`node -r bench/cpuAtExit.js …`) into the processes the plan figure times: writes the
// process's own CPU time (user + system, every thread: the garbage collector's helpers included) to
// standard error as it exits. Plain JavaScript, so preloading it transpiles nothing.
"use strict";
process.on("exit", () => {
  const { user, system } = process.cpuUsage();
  process.stderr.write(`\nbench-cpu-ms ${((user + system) / 1000).toFixed(1)}\n`);
});
