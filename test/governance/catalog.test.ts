import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { PINNED_POLICY_DEFINITIONS, PolicyDefinitionFile, findPinnedDefinition, planeOf } from "../../governance/catalog";

const DIR = path.resolve(__dirname, "..", "..", "governance", "definitions");

/**
 * The pinned set, field by field, as Azure/azure-policy publishes it (built-in-policies/policyDefinitions/
 * Machine Learning/, commit f4a50bacae07ddb096943c597669bcae494a6e29). A newer built-in version changes
 * governance/definitions/<file> and this table together.
 */
const EXPECTED = [
  { handle: "local-auth", file: "DisableLocalAuth_Audit.json", name: "e96a9a5f-07ca-471b-9bc5-6a0f33cbd68f", version: "2.1.0", mode: "All", plane: "control", displayName: "Azure Machine Learning Computes should have local authentication methods disabled" },
  { handle: "idle-shutdown", file: "IdleShutdown_Audit.json", name: "679ddf89-ab8f-48a5-9029-e76054077449", version: "1.0.0", mode: "All", plane: "control", displayName: "Azure Machine Learning Compute Instance should have idle shutdown." },
  { handle: "public-access", file: "Workspace_PublicNetworkAccessDisabled_Audit.json", name: "438c38d2-3772-465a-a9cc-7a6666a275ce", version: "2.0.1", mode: "Indexed", plane: "control", displayName: "Azure Machine Learning Workspaces should disable public network access" },
  { handle: "managed-network", file: "ManagedNetworkIsolationMode_Audit.json", name: "6ddb1705-c8cf-450e-aa4b-19ad6703c440", version: "1.0.0", mode: "Indexed", plane: "control", displayName: "Azure Machine Learning and Ai Studio should use Allow Only Approved Outbound Managed Vnet mode" },
  { handle: "pip-channels", file: "AllowedPythonPackageChannels_EnforceSetting.json", name: "77eeea86-7e81-4a7d-9067-de844d096752", version: "5.4.0-preview", mode: "Microsoft.MachineLearningServices.Data", plane: "data", displayName: "[Preview]: Configure allowed Python packages for specified Azure Machine Learning computes" },
];

describe("governance/catalog: the pinned built-in Azure ML policy definitions", () => {
  it("pins exactly the chosen set, in order, with id, display name, version, mode and plane", () => {
    expect(PINNED_POLICY_DEFINITIONS.map((d) => ({ handle: d.handle, file: d.file, name: d.name, version: d.version, mode: d.mode, plane: d.plane, displayName: d.displayName }))).to.deep.equal(EXPECTED);
    for (const d of PINNED_POLICY_DEFINITIONS) expect(d.id).to.equal(`/providers/Microsoft.Authorization/policyDefinitions/${d.name}`);
  });

  it("holds every definition file in governance/definitions unchanged: parameters and policyRule as published", () => {
    expect(fs.readdirSync(DIR).sort()).to.deep.equal(EXPECTED.map((e) => e.file).sort());
    for (const d of PINNED_POLICY_DEFINITIONS) {
      const file = JSON.parse(fs.readFileSync(path.join(DIR, d.file), "utf8")) as PolicyDefinitionFile;
      expect(file.properties.policyType, d.file).to.equal("BuiltIn");
      expect(file.properties.metadata?.category, d.file).to.equal("Machine Learning");
      expect(d.parameters, d.file).to.deep.equal(file.properties.parameters);
      expect(d.policyRule, d.file).to.deep.equal(file.properties.policyRule);
      expect(file.properties.metadata?.version, d.file).to.equal(d.version);
    }
  });

  it("keeps assignment names within 24 characters (aml-<handle>) and handles unique", () => {
    const handles = PINNED_POLICY_DEFINITIONS.map((d) => d.handle);
    expect(new Set(handles).size).to.equal(handles.length);
    for (const h of handles) expect(`aml-${h}`.length, h).to.be.at.most(24);
  });

  it("tells data-plane (resource provider) modes from control-plane ones", () => {
    expect(["Microsoft.MachineLearningServices.Data", "Microsoft.MachineLearningServices.v2.Data"].map(planeOf)).to.deep.equal(["data", "data"]);
    expect(["All", "Indexed", "Microsoft.Foo.DataSets"].map(planeOf)).to.deep.equal(["control", "control", "control"]);
  });

  it("finds a definition by name, display name or handle, case-insensitively", () => {
    expect(findPinnedDefinition("E96A9A5F-07CA-471B-9BC5-6A0F33CBD68F")?.handle).to.equal("local-auth");
    expect(findPinnedDefinition("azure machine learning workspaces should disable public network access")?.handle).to.equal("public-access");
    expect(findPinnedDefinition("LOCAL-AUTH")?.handle).to.equal("local-auth");
    expect(findPinnedDefinition("local")).to.equal(undefined);
  });
});
