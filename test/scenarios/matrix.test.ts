import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { diffPlans } from "../../plan/diff";
import { PlanResult, isDeferred, plan } from "../../plan/plan";
import { PACKS } from "../../policies/packs";
import { ownPolicyVerdicts } from "../helpers/azurePolicy";

/**
 * The scenario matrix, like Azure Verified Modules' e2e set: each stack in examples/scenarios plans in
 * both modes (a first preview and a stack whose resources exist), passes every pack at the
 * enforcement of its environment (no mandatory violation, and in prod no advisory one either), and
 * is idempotent: planned twice in the same mode, `plan --diff` of one against the other shows no change.
 */
const SCENARIOS = path.resolve(__dirname, "..", "..", "examples", "scenarios");
const STACKS = fs
  .readdirSync(SCENARIOS)
  .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
  .filter((s): s is string => s !== undefined)
  .sort();

describe("scenario matrix (examples/scenarios)", function () {
  this.timeout(300_000);

  it("holds the scenarios the issue names", () => {
    expect(STACKS).to.include.members(["defaults", "max", "waf-aligned", "private-existing-dns", "cmk", "user-assigned-identity", "batch", "ip-allowlist", "hub-projects"]);
  });

  for (const stack of STACKS) {
    for (const mode of ["first-preview", "known-outputs"] as const) {
      describe(`${stack} (${mode})`, () => {
        let result: PlanResult;
        before(async () => {
          result = await plan({ projectDir: SCENARIOS, stack, knownOutputs: mode === "known-outputs" });
        });

        it("runs every pack at its environment's enforcement and none finds a mandatory violation", () => {
          expect(result.mode).to.equal(mode);
          expect(result.policyConfig.map((c) => c.pack).sort()).to.deep.equal(PACKS.map((p) => p.name).sort());
          for (const c of result.policyConfig) expect(c.source, c.pack).to.equal("environment");
          const mandatory = result.violations.filter((v) => v.enforcementLevel === "mandatory");
          expect(mandatory.map((v) => `${v.policy} ${v.urn}: ${v.message}`)).to.deep.equal([]);
          expect(result.summary.mandatory).to.equal(0);
        });

        it("in prod raises no advisory finding either but the prerequisites its stack file names; only what a first preview cannot know is deferred", () => {
          const stackFile = fs.readFileSync(path.join(SCENARIOS, `Pulumi.${stack}.yaml`), "utf8");
          const advisory = result.violations.filter((v) => v.enforcementLevel === "advisory" && !isDeferred(v));
          // grant-target-outside-stack names what must exist first: only what the stack file gives as existing.
          for (const p of advisory.filter((v) => v.policy === "grant-target-outside-stack")) {
            const target = /targets? (\/subscriptions\/\S+), which this stack does not create/.exec(p.message)?.[1];
            expect(target, p.message).to.be.a("string");
            // By id, or by name (an adopted resource group is given as `existingName`).
            expect(stackFile.toLowerCase(), p.message).to.contain(target!.split("/").pop()!.toLowerCase());
          }
          if (stackFile.includes("azureml-platform:environment: prod"))
            expect(advisory.filter((v) => v.policy !== "grant-target-outside-stack").map((v) => `${v.policy} ${v.urn}: ${v.message}`)).to.deep.equal([]);
          if (mode === "known-outputs") expect(result.summary.deferred).to.equal(0);
        });

        it("would not be denied by its own Azure Policy assignments (every assigned control-plane rule over its resources)", () => {
          const own = ownPolicyVerdicts(result.resources);
          const assigns = /^  azureml-platform:azurePolicy:/m.test(fs.readFileSync(path.join(SCENARIOS, `Pulumi.${stack}.yaml`), "utf8"));
          expect(own.assignments > 0, "assignments exactly when the stack sets azureml-platform:azurePolicy").to.equal(assigns);
          expect(own.denied).to.deep.equal([]);
          expect(own.undecided).to.deep.equal([]);
          expect(own.vacuous).to.deep.equal([]);
        });

        it("is idempotent: planned again in the same mode, the diff shows no change and no new violation", async () => {
          const again = await plan({ projectDir: SCENARIOS, stack, knownOutputs: mode === "known-outputs" });
          const side = (r: PlanResult) => ({ stack: r.stack, resources: r.resources, access: r.access, violations: r.violations });
          const diff = diffPlans(side(result), side(again), "the same stack planned before");
          expect(diff.changes).to.deep.equal([]);
          expect(diff.violations).to.deep.equal({ new: [], resolved: [], newAdvisory: [] });
          expect(diff.summary).to.deep.equal({ create: 0, update: 0, replace: 0, delete: 0, hazards: 0 });
        });
      });
    }
  }
});
