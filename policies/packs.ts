import * as path from "path";
import { EnforcementLevel, Policies } from "@pulumi/policy";
import { accessPolicies } from "./access/policies";
import { securityPolicies } from "./security/policies";

/** A pack's identity and default enforcement, shared by its index.ts (real CrossGuard) and the offline plan. */
export interface PackDefinition {
  name: string;
  /** The pack's directory under policies/ (what `pulumi preview --policy-pack policies/<directory>` takes). */
  directory: string;
  description: string;
  /** Default when the policy config file does not say; dev config keeps it advisory, prod makes it mandatory. */
  enforcementLevel: EnforcementLevel;
  policies: Policies;
}

export const accessPack: PackDefinition = {
  name: "azureml-access",
  directory: "access",
  description: "Who may do what in Azure ML workspaces: admin-only compute, no privilege escalation, safe custom roles.",
  enforcementLevel: "advisory",
  policies: accessPolicies,
};

export const securityPack: PackDefinition = {
  name: "azureml-security",
  directory: "security",
  description: "Hardening rules for Azure ML workspaces and their storage, key vault, registry, monitoring and compute.",
  enforcementLevel: "advisory",
  policies: securityPolicies,
};

export const PACKS: readonly PackDefinition[] = [accessPack, securityPack];

/** Absolute path of a pack's directory (holding PulumiPolicy.yaml, index.ts and config/<stack>.json). */
export function packDirectory(pack: PackDefinition): string {
  return path.join(__dirname, pack.directory);
}
