import { StackValidationPolicy } from "@pulumi/policy";
import { DeferredReads, isType, read, TYPES, UNKNOWN } from "../lib/azure";
import { outboundRules } from "../lib/deploy";

/** Rule types valid only with approved-only outbound (FQDN rules are enforced by the managed firewall). */
const APPROVED_ONLY_TYPES = ["fqdn", "servicetag"];

export const outboundRuleTypeNeedsApprovedOutbound: StackValidationPolicy = {
  name: "outbound-rule-type-needs-approved-outbound",
  description:
    "FQDN and ServiceTag outbound rules are valid only when the workspace's managed network is AllowOnlyApprovedOutbound, whether inline in managedNetwork.outboundRules or as ManagedNetworkSettingsRule resources; with AllowInternetOutbound (or no managed network) Azure refuses them. Encodes how-to-managed-network (\"Adding an outbound for a service tag or FQDN is only valid when the managed VNet is configured to allow_only_approved_outbound\").",
  severity: "high",
  url: "https://learn.microsoft.com/azure/machine-learning/how-to-managed-network#configure-a-managed-virtual-network-to-allow-only-approved-outbound",
  remediationSteps: "Set managedNetwork.isolationMode: AllowOnlyApprovedOutbound, or drop the FQDN and ServiceTag rules (AllowInternetOutbound already allows that traffic).",
  validateStack: (args, reportViolation) => {
    const deferred = new DeferredReads();
    for (const ws of args.resources.filter((r) => isType(r.type, TYPES.workspace))) {
      const { rules, pending } = outboundRules(ws, args.resources);
      if (pending) deferred.add(pending.props, pending.path);
      if (rules.length === 0) continue;
      // Left out, the managed network's isolation mode is Disabled.
      const mode = read(ws.props, "managedNetwork.isolationMode");
      if (mode === UNKNOWN) {
        deferred.add(ws.props, "managedNetwork.isolationMode");
        continue;
      }
      if (typeof mode === "string" && mode.toLowerCase() === "allowonlyapprovedoutbound") continue;
      for (const rule of rules) {
        const type = read(rule.props, `${rule.base}.type`);
        if (type === UNKNOWN) deferred.add(rule.props, `${rule.base}.type`);
        else if (typeof type === "string" && APPROVED_ONLY_TYPES.includes(type.toLowerCase()))
          reportViolation(`outbound rule ${rule.label} is of type ${type}, valid only with AllowOnlyApprovedOutbound; the workspace's isolation mode is ${typeof mode === "string" ? mode : "Disabled (not set)"}`, rule.urn);
      }
    }
    deferred.settle();
  },
};
