import { StackValidationPolicy } from "@pulumi/policy";
import { isProd, isType, read, refersTo, TYPES } from "../lib/azure";
import { underManagedNetwork } from "../lib/managedNetwork";

/** ARM resource-type segment of a resource's id, to match a lock scope written as an id. */
const ID_SEGMENT: Record<string, [string, string]> = {
  [TYPES.storageAccount]: ["microsoft.storage/storageaccounts", "accountName"],
  [TYPES.keyVault]: ["microsoft.keyvault/vaults", "vaultName"],
};

export const dataDeleteLockInProd: StackValidationPolicy = {
  name: "data-delete-lock-in-prod",
  description:
    "Prod storage accounts and key vaults the stack creates carry a CanNotDelete management lock: they hold the data, models and secrets that cannot be recreated. Not those of a workspace with a managed network, which must carry no lock (no-lock-under-managed-network; how-to-managed-network, Limitations): protect, soft delete and purge protection keep them. Platform rule (locks belong on the data, not on the workspace; see workspace-not-locked).",
  severity: "high",
  remediationSteps: "Add a ManagementLockByScope with level CanNotDelete scoped to the storage account and the key vault (WorkspaceStack does in prod).",
  validateStack: (args, reportViolation) => {
    const locks = args.resources.filter((r) => isType(r.type, TYPES.lock) && read(r.props, "level") === "CanNotDelete");
    for (const [type, [segment, nameInput]] of Object.entries(ID_SEGMENT)) {
      for (const data of args.resources.filter((r) => isType(r.type, type) && isProd(r.props) && !underManagedNetwork(r, args.resources))) {
        if (!locks.some((lock) => refersTo(lock, "scope", data, segment, nameInput))) reportViolation(`${data.name} (${type.split(":").pop()}) has no CanNotDelete lock`, data.urn);
      }
    }
  },
};
