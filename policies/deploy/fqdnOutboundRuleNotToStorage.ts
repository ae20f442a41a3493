import { StackValidationPolicy } from "@pulumi/policy";
import { STORAGE_FQDN_RULE, isAzureStorageHost } from "../../config/network";
import { DeferredReads, read, UNKNOWN } from "../lib/azure";
import { outboundRulesOfType } from "../lib/deploy";

export const fqdnOutboundRuleNotToStorage: StackValidationPolicy = {
  name: "fqdn-outbound-rule-not-to-storage",
  description:
    "No FQDN outbound rule of a workspace's managed network names an Azure Storage endpoint (blob, dfs, file, queue, table, web under core.windows.net), inline in managedNetwork.outboundRules or as a ManagedNetworkSettingsRule: under AllowOnlyApprovedOutbound, the only mode that takes FQDN rules, Azure accepts the rule and bills the managed firewall, but the traffic to the account does not pass. Encodes how-to-managed-network (\"Limitations\": \"you can't use an FQDN rule to access Azure Storage Accounts. You must use a private endpoint instead\").",
  severity: "high",
  url: "https://learn.microsoft.com/azure/machine-learning/how-to-managed-network#limitations",
  remediationSteps: "Replace the rule with a PrivateEndpoint rule to the storage account (destination.serviceResourceId, subresourceTarget blob, dfs or file).",
  validateStack: (args, reportViolation) => {
    const deferred = new DeferredReads();
    for (const { rule } of outboundRulesOfType(args.resources, "fqdn", deferred)) {
      const destination = read(rule.props, `${rule.base}.destination`);
      if (destination === UNKNOWN) deferred.add(rule.props, `${rule.base}.destination`);
      else if (typeof destination === "string" && isAzureStorageHost(destination)) reportViolation(`outbound rule ${rule.label} (FQDN ${destination}) ${STORAGE_FQDN_RULE}`, rule.urn);
    }
    deferred.settle();
  },
};
