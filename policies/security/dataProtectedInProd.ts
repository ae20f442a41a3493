import { TYPES } from "../lib/azure";
import { resourceRule } from "../lib/define";

export const dataProtectedInProd = resourceRule({
  name: "data-protected-in-prod",
  description: "Prod storage accounts, key vaults and Azure ML workspaces are Pulumi-protected, so pulumi destroy or an accidental replacement cannot delete data, models or run history. Platform rule.",
  severity: "critical",
  remediationSteps: "Register the resource with { protect: true } (WorkspaceStack does in prod); unprotect explicitly before an intended deletion.",
  types: [TYPES.storageAccount, TYPES.keyVault, TYPES.workspace],
  prodOnly: true,
  check: (ctx) => {
    if (ctx.args.opts.protect !== true) ctx.report(`${ctx.args.name} is not protected; set protect: true in prod`);
  },
});
