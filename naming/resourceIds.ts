/** The parts of an ARM resource id `/subscriptions/<s>/resourceGroups/<rg>/providers/<ns>/<type>/<name>[/<child type>/<child name>…]`. */
export interface ResourceIdParts {
  subscription: string;
  resourceGroup: string;
  /** `Microsoft.KeyVault/vaults` (child types appended: `Microsoft.Network/virtualNetworks/subnets`). */
  type: string;
  /** The last name segment. */
  name: string;
  /** Every name segment, parent first. */
  names: string[];
}

/** Parses an ARM id of a resource in a resource group; undefined for anything else. */
export function parseResourceId(id: string): ResourceIdParts | undefined {
  const m = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/([^/]+)\/(.+)$/i.exec(id.replace(/\/+$/, ""));
  if (!m) return undefined;
  const rest = m[4].split("/");
  if (rest.length % 2 !== 0 || rest.some((s) => s === "")) return undefined;
  const types: string[] = [];
  const names: string[] = [];
  for (let i = 0; i < rest.length; i += 2) {
    types.push(rest[i]);
    names.push(rest[i + 1]);
  }
  return { subscription: m[1], resourceGroup: m[2], type: `${m[3]}/${types.join("/")}`, name: names[names.length - 1], names };
}
