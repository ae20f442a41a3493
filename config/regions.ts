// Region facts the stack's defaults depend on. No Pulumi import.

/**
 * Regions where a container registry can be zone redundant: the region table of Learn's "Enable zone
 * redundancy in Azure Container Registry" (MicrosoftDocs/azure-docs articles/container-registry/
 * zone-redundancy.md). Its current revision (MicrosoftDocs/azure-management-docs, same path) says
 * every registry in a region with availability zones is zone redundant by default and the property
 * "no longer controls behavior", setting it `Enabled` "harmless"; setting it where the region has no
 * zones is what the older page refuses, so the stack sets it only here. It also keeps peers' checks
 * (Checkov CKV_AZURE_233) reading what Azure does.
 */
export const ZONE_REDUNDANT_REGISTRY_REGIONS: ReadonlySet<string> = new Set([
  // Americas
  "brazilsouth", "canadacentral", "centralus", "eastus", "eastus2", "eastus2euap", "southcentralus", "usgovvirginia", "westus2", "westus3",
  // Europe
  "francecentral", "germanywestcentral", "northeurope", "norwayeast", "swedencentral", "switzerlandnorth", "uksouth", "westeurope",
  // Africa
  "southafricanorth",
  // Asia Pacific
  "australiaeast", "centralindia", "chinanorth3", "eastasia", "japaneast", "koreacentral", "qatarcentral", "southeastasia", "uaenorth",
]);

/** Whether `location` is one of the regions above (an unknown location: no). */
export function hasAvailabilityZones(location: string | undefined): boolean {
  return location !== undefined && ZONE_REDUNDANT_REGISTRY_REGIONS.has(location.toLowerCase().replace(/\s+/g, ""));
}

/** Whether a registry in `location` is set zone redundant; elsewhere, or unknown, it is left out. */
export function registryZoneRedundancy(location: string | undefined): "Enabled" | undefined {
  return hasAvailabilityZones(location) ? "Enabled" : undefined;
}
