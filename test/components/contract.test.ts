import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { parse } from "yaml";
import { WorkspaceStack, WorkspaceStackArgs } from "../../components/WorkspaceStack";
import { buildPlatform } from "../../program/build";
import { validateStackConfig } from "../../config/validate";
import { PlatformConfigError } from "../../config/errors";
import { ProgramRun } from "../../plan/run";
import { plainInputs, runUnderMocks } from "../helpers/harness";

const SCENARIOS = path.resolve(__dirname, "..", "..", "examples", "scenarios");

/** A scenario stack's `azureml-platform:*` config, without the namespace. */
function scenario(stack: string): Record<string, any> {
  const config = parse(fs.readFileSync(path.join(SCENARIOS, `Pulumi.${stack}.yaml`), "utf8")).config as Record<string, unknown>;
  return Object.fromEntries(Object.entries(config).filter(([k]) => k.startsWith("azureml-platform:")).map(([k, v]) => [k.slice("azureml-platform:".length), v]));
}

/** What each resource is to the engine: type, name, parent and inputs (registration order follows look-ups, so by name). */
function shape(run: ProgramRun) {
  return run.resources
    .filter((r) => r.custom)
    .map((r) => ({ type: r.type, name: r.name, parent: r.parent, inputs: plainInputs(r) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The same keys make the same workspace, whether written in stack config (the program) or passed to
 * WorkspaceStack from TypeScript: nothing translates one into the other.
 */
describe("one workspace contract for stack config and WorkspaceStackArgs", () => {
  for (const stack of ["defaults", "waf-aligned", "cmk", "batch", "ip-allowlist", "private-existing-dns", "user-assigned-identity"]) {
    it(`${stack}: a workspace's keys give the same resources through the program and through WorkspaceStack`, async () => {
      // Stack-level keys (teams, roles, Azure Policy on the groups) are no workspace key: left out of both sides.
      const { azurePolicy: _policy, ...stackKeys } = scenario(stack);
      const raw: Record<string, any> = { ...stackKeys, teams: [], customRoles: [] };
      const config = validateStackConfig(raw, { location: "westeurope", baseDir: SCENARIOS });
      const viaConfig = await runUnderMocks(() => buildPlatform(config).workspaces);
      const viaArgs = await runUnderMocks(() => {
        for (const { name, ...keys } of raw.workspaces as ({ name: string } & Record<string, unknown>)[])
          new WorkspaceStack(name, { ...(keys as Partial<WorkspaceStackArgs>), project: raw.project, environment: raw.environment, location: "westeurope", tags: raw.tags });
        return {};
      });
      expect(shape(viaArgs)).to.deep.equal(shape(viaConfig));
      // A prod scenario's workspaces carry budgets (budget-in-prod): the comparison covers them.
      if (raw.environment === "prod") expect(shape(viaConfig).filter((r) => r.type === "azure-native:consumption:Budget").length, stack).to.equal((raw.workspaces as unknown[]).length);
    });
  }

  it("takes Outputs at any leaf and leaves them to Azure, while a plain value at the same leaf is still checked", async () => {
    const sub = "/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet";
    const run = await runUnderMocks(() => {
      new WorkspaceStack("fraud", {
        project: "fraud",
        environment: "prod",
        storageAccount: { existingId: pulumi.output("/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/stshared") },
        privateEndpoint: { subnetId: pulumi.output(`${sub}/subnets/pe`), dnsZones: { create: true, virtualNetworkId: pulumi.output(sub) } },
        displayName: Promise.resolve("Fraud") as unknown as string,
      });
      return {};
    });
    expect(run.resources.some((r) => r.type === "azure-native:machinelearningservices:Workspace")).to.equal(true);
    const refused = await runUnderMocks(() => new WorkspaceStack("fraud", { project: "fraud", privateEndpoint: { subnetId: `${sub}`, dnsZones: { create: true, virtualNetworkId: pulumi.output(sub) } } })).then(
      () => undefined,
      (e) => e,
    );
    expect(refused).to.be.instanceOf(PlatformConfigError);
    expect((refused as Error).message).to.match(/WorkspaceStack "fraud" args\.privateEndpoint\.subnetId: must be a subnet/);
  });
});
