import { createHash } from "crypto";

/** Azure's naming rules for the resources a workspace stack creates. */
export const AZURE_NAME_RULES = {
  resourceGroup: { pattern: /^[-\w._()]{1,89}[-\w_()]$/, rule: "1-90 letters, digits, '-', '_', '.', '(' or ')', not ending in '.'" },
  storageAccount: { pattern: /^[a-z0-9]{3,24}$/, rule: "3-24 lowercase letters and digits" },
  keyVault: { pattern: /^(?!.*--)[a-zA-Z][a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$/, rule: "3-24 letters, digits and single hyphens, starting with a letter" },
  containerRegistry: { pattern: /^[a-zA-Z0-9]{5,50}$/, rule: "5-50 letters and digits" },
  workspace: { pattern: /^[a-zA-Z0-9][a-zA-Z0-9_-]{2,32}$/, rule: "3-33 letters, digits, '-' or '_', starting with a letter or digit" },
  logAnalytics: { pattern: /^[a-zA-Z0-9][a-zA-Z0-9-]{2,61}[a-zA-Z0-9]$/, rule: "4-63 letters, digits and hyphens" },
  applicationInsights: { pattern: /^[^%&\\?/]{1,260}$/, rule: "1-260 characters without % & \\ ? /" },
  privateEndpoint: { pattern: /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}[a-zA-Z0-9_]$/, rule: "2-64 letters, digits, '_', '.' or '-', starting with a letter or digit" },
  compute: { pattern: /^[a-zA-Z][a-zA-Z0-9-]{1,15}$/, rule: "2-16 letters, digits and hyphens, starting with a letter" },
  // how-to-manage-registries ("Choose a name"): 2-32 characters, alphanumerics, '_' and '-', starting with an alphanumeric.
  machineLearningRegistry: { pattern: /^[a-zA-Z0-9][a-zA-Z0-9_-]{1,31}$/, rule: "2-32 letters, digits, '-' or '_', starting with a letter or digit" },
  userAssignedIdentity: { pattern: /^[a-zA-Z0-9][a-zA-Z0-9_-]{2,127}$/, rule: "3-128 letters, digits, '-' or '_', starting with a letter or digit" },
} as const;

export type AzureNameKind = keyof typeof AZURE_NAME_RULES;

/** Logical names (project, workspace, team): they feed every derived Azure name, so they are strict. */
export const LOGICAL_NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
export const LOGICAL_NAME_RULE = "lowercase letters, digits and single hyphens, starting with a letter";
/**
 * Project and workspace names may be long ("customer-lifetime-value-estimation"): every Azure name is
 * derived within its own service's rules, truncated where needed with the deterministic suffix
 * keeping it unique.
 */
export const PROJECT_MAX = 40;
export const WORKSPACE_NAME_MAX = 40;

export interface WorkspaceResourceNames {
  resourceGroup: string;
  storageAccount: string;
  keyVault: string;
  logAnalytics: string;
  applicationInsights: string;
  containerRegistry: string;
  workspace: string;
  userAssignedIdentity: string;
  /** Private endpoints: to the workspace, and to the storage account's blob and file services. */
  workspaceEndpoint: string;
  storageBlobEndpoint: string;
  storageFileEndpoint: string;
  /** Short deterministic suffix shared by the globally unique names. */
  suffix: string;
}

/** A display name (e.g. a role's) as a resource-name fragment: lower-case letters and digits joined by single hyphens. */
export function nameSlug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

/** A stable 6-hex-digit suffix: same inputs, same suffix, on every machine and run. */
export function nameSuffix(...parts: string[]): string {
  return createHash("sha256").update(parts.join("/")).digest("hex").slice(0, 6);
}

function alnum(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/** Truncates a hyphenated name and tidies the cut so no rule about hyphens is broken. */
function fitHyphenated(text: string, max: number): string {
  return text.slice(0, max).replace(/-+$/, "");
}

/**
 * `text` when it fits in `max`; otherwise truncated with the suffix appended, so two long names that
 * share a prefix still differ. Names that fit never change (no replacement for existing stacks).
 */
function fitOrSuffix(text: string, max: number, suffix: string): string {
  return text.length <= max ? text : `${fitHyphenated(text, max - suffix.length - 1)}-${suffix}`;
}

/**
 * Every Azure name of one workspace stack, derived from project, environment and the logical name.
 * Globally unique or soft-delete-retained names (storage, key vault, registry, workspace) carry a
 * suffix so a soft-deleted name in one stack never blocks a re-create in another.
 */
export function workspaceResourceNames(project: string, environment: string, name: string): WorkspaceResourceNames {
  const suffix = nameSuffix(project, environment, name);
  const base = `${project}-${environment}-${name}`.replace(/-{2,}/g, "-");
  const storageAccount = `st${alnum(base)}`.slice(0, 24 - suffix.length) + suffix;
  const workspace = `${fitHyphenated(`mlw-${base}`, 33 - suffix.length - 1)}-${suffix}`;
  return {
    resourceGroup: fitOrSuffix(`rg-${base}`, 90, suffix),
    storageAccount,
    keyVault: `${fitHyphenated(`kv-${base}`, 24 - suffix.length - 1)}-${suffix}`,
    logAnalytics: fitOrSuffix(`log-${base}`, 63, suffix),
    applicationInsights: fitOrSuffix(`appi-${base}`, 260, suffix),
    containerRegistry: `cr${alnum(base)}`.slice(0, 50 - suffix.length) + suffix,
    workspace,
    userAssignedIdentity: fitOrSuffix(`id-${base}`, 128, suffix),
    workspaceEndpoint: `pe-${workspace}`,
    storageBlobEndpoint: `pe-${storageAccount}-blob`,
    storageFileEndpoint: `pe-${storageAccount}-file`,
    suffix,
  };
}

export interface RegistryResourceNames {
  resourceGroup: string;
  machineLearningRegistry: string;
  privateEndpoint: string;
}

/**
 * Azure names of one Azure ML registry. The registry's name appears in every asset id code refers to
 * (`azureml://registries/<name>/models/…`) and is shared by the environments that publish to and
 * deploy from it, so it carries the project but not the environment; it is unique in the tenant and
 * cannot change (how-to-manage-registries, "Choose a name"). Each registry has its own resource
 * group, so one can be removed without touching the others.
 */
export function registryResourceNames(project: string, environment: string, name: string): RegistryResourceNames {
  const suffix = nameSuffix(project, "registry", name);
  const machineLearningRegistry = fitOrSuffix(`${project}-${name}`, 32, suffix);
  return {
    resourceGroup: fitOrSuffix(`rg-${project}-${environment}-registry-${name}`, 90, suffix),
    machineLearningRegistry,
    privateEndpoint: `pe-${machineLearningRegistry}`,
  };
}

/** Names that break their Azure rule, as `kind: name (rule)` strings; empty when all are valid. */
export function invalidNames(names: Partial<Record<AzureNameKind | "suffix" | "workspaceEndpoint" | "storageBlobEndpoint" | "storageFileEndpoint", string>>): string[] {
  const problems: string[] = [];
  for (const endpoint of ["workspaceEndpoint", "storageBlobEndpoint", "storageFileEndpoint"] as const) {
    const value = names[endpoint];
    if (value !== undefined && !AZURE_NAME_RULES.privateEndpoint.pattern.test(value)) problems.push(`${endpoint}: ${value} (${AZURE_NAME_RULES.privateEndpoint.rule})`);
  }
  for (const kind of Object.keys(AZURE_NAME_RULES) as AzureNameKind[]) {
    const value = names[kind];
    const rule = AZURE_NAME_RULES[kind];
    if (value !== undefined && !rule.pattern.test(value)) problems.push(`${kind}: ${value} (${rule.rule})`);
  }
  return problems;
}
