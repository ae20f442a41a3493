import { expect } from "chai";
import { buildPlatform, buildPlatformInTurns, readPlatformConfig } from "../../program/build";
import { main } from "../../program/main";
import { runProgram } from "../../plan/run";
import { loadStackFiles } from "../../plan/stackFiles";
import * as path from "path";
import { ROOT } from "../helpers/cli";

/** The prod stack (a registry, a hub, two projects, the access model) run by `program`, registrations in the order the monitor saw them. */
async function prodRun(program: () => Promise<unknown>, knownOutputs = false) {
  const before = process.cwd();
  process.chdir(ROOT);
  try {
    return await runProgram(program, { ...loadStackFiles(ROOT, "prod"), knownOutputs });
  } finally {
    process.chdir(before);
  }
}

const shape = (r: Awaited<ReturnType<typeof prodRun>>["resources"][number]) =>
  JSON.stringify({ urn: r.urn, parent: r.parent, protect: r.protect, dependencies: [...r.dependencies].sort(), propertyDependencies: r.propertyDependencies, inputs: r.inputs, options: r.options });

describe("program/build: declaring the platform in turns", () => {
  for (const knownOutputs of [false, true]) {
    it(`registers exactly what the one-burst buildPlatform does (${knownOutputs ? "known outputs" : "first preview"})`, async () => {
      const burst = await prodRun(async () => buildPlatform(readPlatformConfig()), knownOutputs);
      const turns = await prodRun(() => main(), knownOutputs);
      expect(turns.resources.length).to.equal(burst.resources.length);
      expect(turns.resources.map(shape).sort()).to.deep.equal(burst.resources.map(shape).sort());
      expect(turns.outputs).to.deep.equal(burst.outputs);
    });
  }

  it("completes each registry's and workspace's registrations before it declares the next one", async () => {
    const run = await prodRun(async () => buildPlatformInTurns(readPlatformConfig()));
    const position = (name: string) => run.resources.findIndex((r) => r.type.startsWith("azureml-platform:index:") && r.name === name);
    const firstChild = (name: string) => run.resources.findIndex((r) => r.parent?.endsWith(`::${name}`));
    // Declared in this order: the registry, the hub, its projects, then the access model.
    const order = ["models", "platform", "fraud", "scoring", "access"];
    for (let i = 1; i < order.length; i++) {
      expect(firstChild(order[i - 1]), `${order[i - 1]}'s first resource`).to.be.greaterThan(-1);
      expect(position(order[i]), `${order[i]} is declared after ${order[i - 1]}'s first resource registered`).to.be.greaterThan(firstChild(order[i - 1]));
    }
  });
});

describe("program/build: what a workspace's resources wait for", () => {
  it("an eligible team's role management policy on a workspace's own storage waits for that account alone, not for the workspaces listed before it", async () => {
    // The max scenario: two workspaces that create their storage, admins eligible with data access on both.
    const dir = path.join(ROOT, "examples", "scenarios");
    const before = process.cwd();
    process.chdir(dir);
    try {
      const run = await runProgram(() => main(), loadStackFiles(dir, "max"));
      const policies = run.resources.filter((r) => r.type === "azure-native:authorization:RoleManagementPolicy" && /-storage-(training|scoring)$/.test(r.name));
      expect(policies).to.have.length(4);
      for (const p of policies) {
        const workspace = /-storage-(\w+)$/.exec(p.name)![1];
        expect(p.propertyDependencies.scope.map((u) => u.split("::").pop()), p.name).to.deep.equal([`${workspace}-storage`]);
      }
    } finally {
      process.chdir(before);
    }
  });
});
