// ONE registry contract for stack config (`azureml-platform:registries`) and RegistryArgs, like the
// workspace's (config/workspace.ts). No Pulumi import.
import { z } from "zod";
import { ConfigIssue, PlatformConfigError } from "./errors";
import { ENVIRONMENTS, Environment, PUBLIC_NETWORK_ACCESS, oneOf } from "./common";
import { PRIVATE_DNS_ZONE_ID, SUBNET_ID, VNET_ID } from "./network";
import { LOGICAL_NAME, LOGICAL_NAME_RULE, PROJECT_MAX } from "../naming";
import { isDeferred, logicalName } from "./workspace";
import { zodIssues } from "./zodIssues";

/** The longest logical registry name: the Azure name `<project>-<name>` is 2-32 characters (a suffix keeps longer ones unique). */
export const REGISTRY_NAME_MAX = 32;

const id = (pattern: RegExp, what: string) =>
  z.any().superRefine((v, ctx) => {
    if (isDeferred(v)) return;
    if (typeof v !== "string" || !pattern.test(v)) ctx.addIssue({ code: "custom", message: `must be a ${what} resource id`, input: v });
  });

/** Keys of one registry, shared by a stack config entry and RegistryArgs. */
export const registryShape = {
  /**
   * Regions the registry replicates its assets to; the first is its primary region, which cannot
   * change, and is listed among them as the registry YAML requires (reference-yaml-registry:
   * "The list must include the primary location of registry").
   */
  locations: z
    .array(z.string({ error: "must be a string" }).regex(/^[a-z][a-z0-9]+$/, { error: "must be an Azure region name such as westeurope" }), { error: "must be a list of Azure regions (the first is the primary region)" })
    .min(1, { error: "must list at least the primary region" })
    .superRefine((l, ctx) => {
      l.forEach((r, i) => {
        if (l.indexOf(r) !== i) ctx.addIssue({ code: "custom", path: [i], message: "is listed twice", input: r });
      });
    }),
  publicNetworkAccess: z.enum(PUBLIC_NETWORK_ACCESS, { error: oneOf(PUBLIC_NETWORK_ACCESS) }).optional(),
  privateEndpoint: z
    .strictObject({
      subnetId: id(SUBNET_ID, "subnet"),
      dnsZones: z
        .strictObject({
          create: z.boolean({ error: "must be true or false" }).optional(),
          virtualNetworkId: id(VNET_ID, "virtual network").optional(),
          existing: z
            .strictObject({
              api: id(PRIVATE_DNS_ZONE_ID, "privatelink.api.azureml.ms private DNS zone").optional(),
              // The registry's storage and container registry get endpoints too (REGISTRY_PRIVATE_DNS_ZONES).
              blob: id(PRIVATE_DNS_ZONE_ID, "privatelink.blob.core.windows.net private DNS zone").optional(),
              acr: id(PRIVATE_DNS_ZONE_ID, "privatelink.azurecr.io private DNS zone").optional(),
            })
            .optional(),
        })
        // Existing zones are used; with create, the zones not given are created and linked (a network
        // whose central zones lack one, or a workspace of the stack that creates api and blob).
        .superRefine((d, ctx) => {
          const create = d.create === true && d.virtualNetworkId !== undefined;
          const given = Object.values(d.existing ?? {}).filter((z) => z !== undefined).length;
          if (!create && (d.create !== undefined || d.virtualNetworkId !== undefined || given < 3))
            ctx.addIssue({ code: "custom", message: "must be { create: true, virtualNetworkId } or { existing: { api, blob, acr } } (private DNS zone ids), or both to create the zones not given", input: d });
        }),
    })
    .optional(),
  protectData: z.boolean({ error: "must be true or false" }).optional(),
};

/** A registry in stack config: `name` plus the shared keys. */
export const registrySchema = z.strictObject({ name: logicalName(REGISTRY_NAME_MAX), ...registryShape });
export type RegistryEntry = z.infer<typeof registrySchema>;

/** RegistryArgs: the shared keys plus the project and environment the Azure names derive from. */
export const registryArgsSchema = z.strictObject({
  ...registryShape,
  project: logicalName(PROJECT_MAX),
  environment: z.enum(ENVIRONMENTS, { error: oneOf(ENVIRONMENTS) }).optional(),
  tags: z.any().optional(),
});

/** A registry with its environment's defaults: private and protected in prod. */
export interface ResolvedRegistry {
  locations: string[];
  publicNetworkAccess: "Enabled" | "Disabled";
  privateEndpoint?: RegistryEntry["privateEndpoint"];
  protectData: boolean;
}

export function resolveRegistry(r: Omit<RegistryEntry, "name">, environment: Environment): ResolvedRegistry {
  const prod = environment === "prod";
  return { locations: r.locations, publicNetworkAccess: r.publicNetworkAccess ?? (prod ? "Disabled" : "Enabled"), privateEndpoint: r.privateEndpoint, protectData: r.protectData ?? prod };
}

/** `Registry "models" args.locations[1]`. */
function argsPath(name: string, segments: readonly PropertyKey[]): string {
  let out = `Registry "${name}" args`;
  for (const s of segments) out += typeof s === "number" ? `[${s}]` : `.${String(s)}`;
  return out;
}

/** Checks Registry arguments with the stack config's rules; throws one PlatformConfigError before any child is registered. */
export function checkRegistryArgs(name: string, args: unknown): ResolvedRegistry & { project: string; environment: Environment } {
  const issues: ConfigIssue[] = [];
  if (typeof name !== "string" || name.length < 2 || name.length > REGISTRY_NAME_MAX || !LOGICAL_NAME.test(name))
    issues.push({ path: "Registry name", rule: `must be 2-${REGISTRY_NAME_MAX} characters of ${LOGICAL_NAME_RULE}`, value: name });
  const parsed = registryArgsSchema.safeParse(args, { reportInput: true });
  if (!parsed.success) {
    issues.push(...zodIssues(parsed.error, (segments) => argsPath(name, segments), registryArgsSchema));
    throw new PlatformConfigError(issues);
  }
  const environment: Environment = parsed.data.environment ?? "dev";
  // Derived names always fit their rules (registryResourceNames truncates with a suffix; test/naming).
  if (issues.length) throw new PlatformConfigError(issues);
  return { ...resolveRegistry(parsed.data, environment), project: parsed.data.project, environment };
}
