// What the stack assigns to each resource group it creates: one assignment per pinned definition not
// excluded, its effect and parameters. Pure data; program/azurePolicy.ts registers them.
import { PINNED_POLICY_DEFINITIONS, PinnedPolicyDefinition } from "./catalog";

export const POLICY_EFFECTS = ["Audit", "Deny"] as const;
export type PolicyEffect = (typeof POLICY_EFFECTS)[number];

/** https://learn.microsoft.com/azure/governance/policy/concepts/assignment-structure#enforcement-mode */
export type EnforcementMode = "Default" | "DoNotEnforce";

/**
 * Package indexes jobs may install from (AllowedPythonPackageChannels): pip's default index and conda's
 * defaults (the conda.anaconda.org channel alias, repo.anaconda.com for the `defaults` channels) — the
 * hosts the `python-packages` outbound preset opens for a workspace with approved-only outbound.
 */
export const PYTHON_PACKAGE_CHANNELS: readonly string[] = ["https://pypi.org/simple", "https://conda.anaconda.org", "https://repo.anaconda.com/pkgs"];

/**
 * Parameters beyond `effect`. ManagedNetworkIsolationMode's `isolationMode` defaults to Disabled, which
 * would demand no managed network at all; the definition's intent (its display name) and this package's
 * prod default are AllowOnlyApprovedOutbound.
 */
const PARAMETERS: Readonly<Record<string, Record<string, unknown>>> = {
  "managed-network": { isolationMode: "AllowOnlyApprovedOutbound" },
  "pip-channels": { allowedPythonPackageChannels: [...PYTHON_PACKAGE_CHANNELS] },
};

export interface PlannedAssignment {
  definition: PinnedPolicyDefinition;
  /** The assignment's Azure name: `aml-<handle>`, ≤ 24 characters (the management-group limit, so the name fits at any scope). */
  name: string;
  parameters: Record<string, unknown>;
  enforcementMode: EnforcementMode;
  /** The definition version the assignment follows: the pinned major (`2.*.*`); none for a preview definition. */
  definitionVersion?: string;
}

/**
 * The definition's `effect` parameter value for the chosen effect. Control-plane definitions take
 * Audit / Deny as is (their allowedValues list both). EnforceSetting (data-plane) definitions allow only
 * enforceSetting / disabled: Deny enforces the setting; Audit assigns it with enforcementMode
 * DoNotEnforce, so the assignment is visible and evaluated but the setting is not applied.
 */
export function effectFor(definition: PinnedPolicyDefinition, effect: PolicyEffect): { value: string; enforcementMode: EnforcementMode } {
  const allowed = (definition.parameters.effect?.allowedValues ?? []).map(String);
  const exact = allowed.find((v) => v.toLowerCase() === effect.toLowerCase());
  if (exact) return { value: exact, enforcementMode: "Default" };
  const enforce = allowed.find((v) => v.toLowerCase() === "enforcesetting");
  if (enforce) return { value: enforce, enforcementMode: effect === "Deny" ? "Default" : "DoNotEnforce" };
  throw new Error(`policy definition ${definition.name} (${definition.file}) allows effects ${allowed.join(", ")}: it cannot follow azurePolicy.effect ${effect}`);
}

/** The definition version an assignment follows: the pinned major (`2.1.0` → `2.*.*`); undefined for a preview (`5.4.0-preview`). */
export function definitionVersionFor(version: string): string | undefined {
  const major = /^(\d+)\.\d+\.\d+$/.exec(version)?.[1];
  return major === undefined ? undefined : `${major}.*.*`;
}

/** The assignments of one resource group: every pinned definition whose name is not in `exclude`. */
export function plannedAssignments(effect: PolicyEffect, exclude: readonly string[] = []): PlannedAssignment[] {
  return PINNED_POLICY_DEFINITIONS.filter((d) => !exclude.includes(d.name)).map((definition) => {
    const e = effectFor(definition, effect);
    return {
      definition,
      name: `aml-${definition.handle}`,
      parameters: { ...PARAMETERS[definition.handle], effect: e.value },
      enforcementMode: e.enforcementMode,
      definitionVersion: definitionVersionFor(definition.version),
    };
  });
}
