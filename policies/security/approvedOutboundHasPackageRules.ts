import { UNKNOWN } from "../lib/azure";
import { workspaceRule } from "../lib/define";

/** Hosts pip and conda need (how-to-managed-network, "Access public machine learning packages"). */
const PACKAGE_HOSTS = ["pypi.org", "*.pythonhosted.org", "files.pythonhosted.org", "anaconda.com", "*.anaconda.com", "*.anaconda.org", "conda.anaconda.org"];

export const approvedOutboundHasPackageRules = workspaceRule({
  name: "approved-outbound-has-package-rules",
  description:
    "A workspace with AllowOnlyApprovedOutbound has FQDN rules for Python packages (pypi.org, *.pythonhosted.org, anaconda hosts); without them jobs cannot pip or conda install. Advisory: a workspace that only uses prebuilt images needs none (how-to-managed-network). A project workspace uses its hub's managed network and is judged through its hub.",
  severity: "low",
  remediationSteps: "Add outboundRules: [{ preset: python-packages }] (or FQDN rules for your package mirror).",
  // Hub and projects share one managed network (concept-hub-workspace): a project is judged through its hub.
  inherited: ["managedNetwork"],
  check: (ctx) => {
    const mode = ctx.get<string>("managedNetwork.isolationMode");
    if (mode === UNKNOWN) return ctx.defer("managedNetwork.isolationMode");
    if (mode !== "AllowOnlyApprovedOutbound") return;
    const rules = ctx.get<Record<string, unknown>>("managedNetwork.outboundRules");
    if (rules === UNKNOWN) return ctx.defer("managedNetwork.outboundRules");
    const destinations = Object.keys(rules ?? {}).map((name) => ctx.get<unknown>(`managedNetwork.outboundRules.${name}.destination`));
    if (!destinations.some((d) => typeof d === "string" && PACKAGE_HOSTS.includes(d.toLowerCase())))
      ctx.report("approved-only outbound with no FQDN rule for Python packages (pypi.org, *.pythonhosted.org, anaconda hosts): pip and conda installs in jobs will fail");
  },
});
