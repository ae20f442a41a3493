import { StackValidationPolicy } from "@pulumi/policy";
import { azureName, DeferredReads, isType, read, TYPES, UNKNOWN } from "../lib/azure";

/**
 * Blob soft delete lives on the account's BlobServiceProperties child, so this is a stack policy:
 * every storage account created in the stack needs one with delete retention on.
 */
export const storageBlobSoftDelete: StackValidationPolicy = {
  name: "storage-blob-soft-delete",
  description: "Storage accounts keep deleted blobs and containers recoverable (blob and container soft delete). Mirrors Checkov CKV2_AZURE_38 (Ensure soft-delete is enabled on Azure storage account).",
  severity: "high",
  remediationSteps: "Add BlobServiceProperties for the account with deleteRetentionPolicy and containerDeleteRetentionPolicy enabled (WorkspaceStack does).",
  validateStack: (args, reportViolation) => {
    const deferred = new DeferredReads();
    const blobServices = args.resources.filter((r) => isType(r.type, TYPES.blobServiceProperties));
    for (const account of args.resources.filter((r) => isType(r.type, TYPES.storageAccount))) {
      const accountName = azureName(account.props, "accountName");
      const service = blobServices.find(
        (b) => (b.propertyDependencies?.accountName ?? []).some((d) => d.urn === account.urn) || (accountName !== undefined && read(b.props, "accountName") === accountName),
      );
      if (!service) {
        reportViolation(`storage account ${account.name} has no BlobServiceProperties, so blob soft delete is off`, account.urn);
        continue;
      }
      for (const policy of ["deleteRetentionPolicy", "containerDeleteRetentionPolicy"]) {
        const enabled = read(service.props, `${policy}.enabled`);
        if (enabled === UNKNOWN) deferred.add(service.props, `${policy}.enabled`);
        else if (enabled !== true) reportViolation(`${policy}.enabled of ${service.name} must be true (storage account ${account.name})`, service.urn);
      }
    }
    deferred.settle();
  },
};
