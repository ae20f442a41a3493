import * as path from "path";
import { EnforcementLevel, Policies } from "@pulumi/policy";
import { accessPolicies } from "./access/policies";
import { deployPolicies } from "./deploy/policies";
import { securityPolicies } from "./security/policies";

/** A pack's identity and default enforcement, shared by its index.ts (real CrossGuard) and the offline plan. */
export interface PackDefinition {
  name: string;
  /** The pack's directory under policies/ (what `pulumi preview --policy-pack policies/<directory>` takes). */
  directory: string;
  description: string;
  /** Default when the policy config file does not say (access, security: advisory, and prod config makes them mandatory; deployability: mandatory). */
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

/**
 * What ARM refuses or leaves half-working, predicted from any program's resources. Mandatory by
 * default, in every environment: each rule is a failed or half-working deployment, not a preference.
 */
export const deployPack: PackDefinition = {
  name: "azureml-deployability",
  directory: "deploy",
  description: "What Azure refuses or leaves half-working: CMK key access and subscription, identity grants, private storage readers, outbound rule modes and approvals, duplicate or out-of-scope role assignments, registry names and regions, a project's hub and region.",
  enforcementLevel: "mandatory",
  policies: deployPolicies,
};

export const PACKS: readonly PackDefinition[] = [accessPack, securityPack, deployPack];

/** Absolute path of a pack's directory (holding PulumiPolicy.yaml, index.ts and config/<stack>.json). */
export function packDirectory(pack: PackDefinition): string {
  return path.join(__dirname, pack.directory);
}
