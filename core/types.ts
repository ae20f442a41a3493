/** `azure-native:storage/v20230101:StorageAccount` → `azure-native:storage:StorageAccount`: every API version is the same resource type. */
export function canonicalType(type: string): string {
  return type.replace(/^(azure-native:[a-zA-Z]+)\/v[0-9a-z]+:/, "$1:");
}
