import * as pulumi from "@pulumi/pulumi";
import { OutboundRuleSpec } from "../../config/network";
import { ChildContext } from "./context";
import { ROLE, grant } from "./grants";

/** A registry a workspace uses, with the label its rule and grants are named by. */
export interface RegistryUse {
  label: string;
  id: pulumi.Input<string>;
}

/**
 * Marks an id Output with the registry's Azure name (the Registry component marks its
 * `registryIdFromNames`), so a workspace names its rule and grants after the registry even though the
 * id itself is known only at deploy time.
 */
export const REGISTRY_NAME = Symbol.for("azureml-platform.registryName");

export function markRegistryName<T extends object>(id: T, name: string): T {
  Object.defineProperty(id, REGISTRY_NAME, { value: name, enumerable: false });
  return id;
}

/**
 * The registries of a workspace, each labelled by its Azure name: from the id when it is a string,
 * from the Registry component's mark, else by position (an id of unknown origin known only at deploy time).
 */
export function registryUses(registries: readonly pulumi.Input<string>[]): RegistryUse[] {
  return registries.map((id, i) => {
    const marked = typeof id === "object" && id !== null ? (id as { [REGISTRY_NAME]?: string })[REGISTRY_NAME] : undefined;
    const name = typeof id === "string" ? id.split("/").pop()! : marked;
    return { label: name !== undefined ? name.toLowerCase() : String(i), id };
  });
}

/**
 * Private-endpoint outbound rules from the managed network to each registry, sub-resource
 * `amlregistry` (how-to-registry-network-isolation, "Use assets from registry in workspace": using a
 * registry's assets from a secure workspace needs outbound access to the registry; how-to-managed-network,
 * "Private endpoint outbound rules").
 */
export function registryOutboundRules(uses: readonly RegistryUse[]): OutboundRuleSpec<pulumi.Input<string>>[] {
  return uses.map((r) => ({ name: `registry-${r.label}`, type: "PrivateEndpoint", serviceResourceId: r.id, subresourceTarget: "amlregistry" }));
}

/**
 * Reader on each registry for identities that use its assets: how-to-manage-registries ("Allow users
 * to use assets from the registry") names the built-in Reader role (registries/read and
 * registries/assets/read) for using models, environments and components from a registry.
 */
export function grantRegistryReaders(ctx: ChildContext, uses: readonly RegistryUse[], principals: readonly { label: string; id: pulumi.Input<string> }[]): void {
  for (const r of uses) for (const p of principals) grant(ctx, `${p.label}-registry-${r.label}-reader`, r.id, p.id, ROLE.reader);
}
