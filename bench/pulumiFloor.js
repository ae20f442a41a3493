// `node bench/pulumiFloor.js <bare-program.js> <project> <stack>`: Pulumi's own floor for a stack's
// plan, timed by the plan figure next to the startup floor. It loads what every plan loads
// (@pulumi/pulumi, @pulumi/policy), then runs the bare program generated from the component program's
// recording (bench/baseline.ts: the same registrations, with the azure-native / azuread classes and
// the azure-native modules they need) under Pulumi's stock mock runtime, answering every resource with
// its inputs, with the runtime's diagnostic stack traces off as the offline runner has them
// (plan/run.ts). No config validation, no components, no recording, no policies, no reports: what
// remains of a plan's time above this is ours. Plain JavaScript, so it transpiles nothing.
"use strict";
const pulumi = require("@pulumi/pulumi");
require("@pulumi/policy");
const settings = require("@pulumi/pulumi/runtime/settings");

const [file, project, stack] = process.argv.slice(2);
(async () => {
  await pulumi.runtime.setMocks({ newResource: (a) => ({ id: undefined, state: a.inputs }), call: (a) => a.inputs }, project, stack, true);
  pulumi.Resource.callsites = () => [];
  Error.stackTraceLimit = 0;
  const program = require(file);
  await pulumi.runtime.runInPulumiStack(program);
  await settings.waitForRPCs();
})().catch((e) => {
  process.stderr.write(`${e && e.message}\n`);
  process.exit(1);
});
