// The proof that `plan` says what `pulumi preview --policy-pack policies/<pack> --policy-pack-config
// policies/<pack>/config/<stack>.json` says: every pack (access, security, deployability) runs as real analyzer plugins (see
// test/helpers/analyzer.ts), are fed exactly the resources `plan` recorded, and must report exactly
// `plan --json`'s violations, in first-preview and known-outputs mode.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { Violation } from "../../plan/engine";
import { PACKS, PackDefinition, packDirectory } from "../../policies/packs";
import { Diagnostic, RunningPack, parsePolicyPackConfig, reconcilePolicyPackConfig } from "../helpers/analyzer";
import { ROOT } from "../helpers/cli";
import { plannedStack } from "../helpers/plans";

const VERSION: string = require("../../package.json").version;

// Every shipped stack and every scenario: a new policy, stack or scenario is covered without new test code.
const SCENARIOS = path.join(ROOT, "examples", "scenarios");
const CASES = [
  { label: "dev", projectDir: ROOT, stack: "dev" },
  { label: "prod", projectDir: ROOT, stack: "prod" },
  { label: "insecure", projectDir: ROOT, stack: "insecure" },
  { label: "examples/insecure", projectDir: path.join(ROOT, "examples", "insecure"), stack: "insecure" },
  ...fs
    .readdirSync(SCENARIOS)
    .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
    .filter((s): s is string => s !== undefined)
    .sort()
    .map((stack) => ({ label: `examples/scenarios/${stack}`, projectDir: SCENARIOS, stack })),
];

/** A diagnostic as `plan` reports it: the SDK prefixes a reported message with `description + "\n"`. */
function asViolation(d: Diagnostic) {
  const message = d.message.startsWith(`${d.description}\n`) ? d.message.slice(d.description.length + 1) : d.message;
  return { pack: d.pack, policy: d.policy, enforcementLevel: d.enforcementLevel, urn: d.urn, message };
}

const comparable = (v: Pick<Violation, "pack" | "policy" | "enforcementLevel" | "urn" | "message">) => JSON.stringify([v.pack, v.policy, v.urn ?? null, v.enforcementLevel, v.message]);

function configFile(pack: PackDefinition, stack: string): string {
  return path.join(packDirectory(pack), "config", `${stack}.json`);
}

/** The pack config `plan` chose for a case (by stack, else by environment), as the CLI would be given it. */
function chosenConfig(pack: PackDefinition, chosen: readonly { pack: string; file: string | null }[], projectDir: string): string | undefined {
  const file = chosen.find((c) => c.pack === pack.name)?.file;
  return file ? path.resolve(projectDir, file) : undefined;
}

describe("policy packs under the Pulumi CLI's analyzer protocol", function () {
  this.timeout(60_000);
  const running = new Map<string, RunningPack>();

  before(async function () {
    // Each pack compiled by ts-node as the CLI's language host does, on two shared cores.
    this.timeout(240_000);
    // One process per pack, started once: what a preview of another stack changes is the pack's
    // config (Configure, sent per case below) and the resources (Analyze), so the cases share it.
    const started = await Promise.allSettled(PACKS.map((pack) => RunningPack.start(packDirectory(pack), { project: "azureml-platform", stack: "prod", dryRun: true })));
    PACKS.forEach((pack, i) => {
      const s = started[i];
      if (s.status === "fulfilled") running.set(pack.name, s.value);
    });
    const failed = started.find((s): s is PromiseRejectedResult => s.status === "rejected");
    if (failed) throw failed.reason; // after() still stops the packs that did start
  });

  after(async () => {
    await Promise.all([...running.values()].map((p) => p.stop()));
  });

  it("starts each pack unchanged, as the CLI does, and it describes itself with the package's version", async () => {
    for (const pack of PACKS) {
      const info = await running.get(pack.name)!.info();
      expect(info.name).to.equal(pack.name);
      expect(info.version).to.equal(VERSION);
      expect(info.policies.map((p) => p.name)).to.deep.equal(pack.policies.map((p) => p.name));
    }
  });

  it("starts the deployability pack, the third, with its seventeen stack policies mandatory by default but the prerequisite report", async () => {
    expect(PACKS.map((p) => p.directory)).to.deep.equal(["access", "security", "deploy"]);
    const deploy = PACKS[2];
    const info = await running.get(deploy.name)!.info();
    expect(info.name).to.equal("azureml-deployability");
    expect(info.policies).to.have.length(17);
    expect(info.policies.filter((p) => p.enforcementLevel !== "mandatory").map((p) => `${p.name} ${p.enforcementLevel}`)).to.deep.equal(["grant-target-outside-stack advisory"]);
  });

  it("keeps every pack's package.json version equal to the root package's (PolicyPack refuses to start without one)", () => {
    for (const pack of PACKS) expect(JSON.parse(fs.readFileSync(path.join(packDirectory(pack), "package.json"), "utf8")).version, pack.name).to.equal(VERSION);
  });

  it("ships a config per pack and stack naming only that pack's policies, which the engine accepts", async () => {
    for (const pack of PACKS) {
      const info = await running.get(pack.name)!.info();
      const names = new Set(pack.policies.map((p) => p.name));
      for (const stack of ["dev", "prod", "insecure"]) {
        const file = parsePolicyPackConfig(fs.readFileSync(configFile(pack, stack), "utf8"));
        for (const key of Object.keys(file)) expect(key === "all" || names.has(key), `${pack.directory}/config/${stack}.json: ${key}`).to.equal(true);
        const reconciled = reconcilePolicyPackConfig(info.policies, file);
        expect(Object.values(reconciled).every((c) => ["advisory", "mandatory", "disabled", "remediate"].includes(c.enforcementLevel))).to.equal(true);
      }
    }
  });

  it("refuses, as the engine does, a config entry for a policy of the other pack", async () => {
    const access = PACKS.find((p) => p.directory === "access")!;
    const pack = running.get(access.name)!;
    const shared = parsePolicyPackConfig(JSON.stringify({ all: "mandatory", "required-tags": { requiredTags: ["owner"] } }));
    const reconciled = reconcilePolicyPackConfig((await pack.info()).policies, shared);
    expect(reconciled["required-tags"].enforcementLevel).to.equal("");
    let refused: Error | undefined;
    await pack.configure(reconciled).catch((e: Error) => (refused = e));
    expect(refused?.message).to.equal('invalid enforcement level ""');
  });

  for (const c of CASES) {
    for (const knownOutputs of [false, true]) {
      const mode = knownOutputs ? "known outputs" : "first preview";
      it(`reports exactly plan's violations for ${c.label} (${mode})`, async () => {
        const { result, recorded, providers } = await plannedStack(c.projectDir, c.stack, knownOutputs);
        // Stack policies are handed outputs and providers: a first preview's preview outputs (outputs the
        // inputs leave out unknown, input-only parameters absent), or the known outputs of an existing stack.
        expect(providers.map((p) => p.type)).to.include("pulumi:providers:azure-native");
        const diagnostics: Diagnostic[] = [];
        for (const pack of PACKS) {
          const analyzer = running.get(pack.name)!;
          const chosen = chosenConfig(pack, result.policyConfig, c.projectDir);
          const file = parsePolicyPackConfig(chosen ? fs.readFileSync(chosen, "utf8") : "");
          await analyzer.configure(reconcilePolicyPackConfig((await analyzer.info()).policies, file));
          diagnostics.push(...(await analyzer.analyzeAll(recorded, providers)));
        }
        for (const d of diagnostics) expect(d.packVersion).to.equal(VERSION);
        const fromPacks = diagnostics.map(asViolation).map(comparable).sort();
        const fromPlan = result.violations.map(comparable).sort();
        expect(fromPacks).to.deep.equal(fromPlan);
        // Each case must exercise something: the insecure stacks violate, a first preview defers.
        if (c.label.includes("insecure")) expect(result.summary.mandatory, c.label).to.be.greaterThan(0);
        if (!knownOutputs && c.projectDir === ROOT) expect(result.summary.deferred, c.label).to.be.greaterThan(0);
        // What a first `pulumi up` runs: every stack but the insecure ones passes its packs' mandatory policies.
        if (!c.label.includes("insecure")) expect(fromPacks.filter((v) => v.includes('"mandatory"')), c.label).to.deep.equal([]);
        // The insecure example trips every deployability rule once outputs are known; a first preview
        // reports each one or defers it (a value it needs is an output the preview leaves unknown).
        if (c.label === "examples/insecure") {
          const deploy = PACKS.find((p) => p.directory === "deploy")!;
          const mine = diagnostics.filter((d) => d.pack === deploy.name);
          // Each at its own level: mandatory, or advisory where the policy declares it (a prerequisite report).
          const declared = new Map(deploy.policies.map((p) => [p.name, p.enforcementLevel ?? "mandatory"]));
          const fired = new Set(mine.filter((d) => d.enforcementLevel === declared.get(d.policy) || (!knownOutputs && d.message.includes("during preview"))).map((d) => d.policy));
          expect([...fired].sort()).to.deep.equal(deploy.policies.map((p) => p.name).sort());
          if (knownOutputs) expect(mine.filter((d) => d.message.includes("during preview"))).to.deep.equal([]);
        }
      });
    }
  }
});
