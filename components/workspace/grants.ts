import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import { roleAssignmentGuid } from "../../rbac/ids";
import { ChildContext } from "./context";

/** Built-in role definition GUIDs the stack grants to its own identities (MicrosoftDocs built-in roles reference). */
export const ROLE = {
  contributor: "b24988ac-6180-42a0-ab88-20f7382dd24c",
  storageBlobDataContributor: "ba92f5b4-2d11-453d-a403-e96b0029c9fe",
  keyVaultAdministrator: "00482a5a-887f-4fb3-b363-3b7fe8e74483",
  keyVaultCryptoServiceEncryptionUser: "e147488a-f6f5-4113-8e2d-b22465e65bf6",
  acrPull: "7f951dda-4ed3-4680-a7ca-43fe172d538d",
} as const;

/**
 * A role assignment of a managed identity the stack owns, named by UUID v5 of (scope, principal,
 * role) like AccessModel's, so re-runs never duplicate it; always `ServicePrincipal`, which spares
 * Azure the principal look-up that fails right after an identity is created.
 */
export function grant(
  ctx: ChildContext,
  label: string,
  scope: pulumi.Input<string>,
  principalId: pulumi.Input<string>,
  roleGuid: string,
  opts: pulumi.CustomResourceOptions = {},
): authorization.RoleAssignment {
  const roleDefinitionId = pulumi.interpolate`${ctx.subscriptionScope}/providers/Microsoft.Authorization/roleDefinitions/${roleGuid}`;
  return new authorization.RoleAssignment(
    `${ctx.name}-${label}`,
    {
      roleAssignmentName: pulumi.all([scope, principalId]).apply(([s, p]) => roleAssignmentGuid(s, p, roleGuid)),
      scope,
      principalId,
      principalType: "ServicePrincipal",
      roleDefinitionId,
      description: `azureml-platform: ${label} for ${ctx.name}`,
    },
    { parent: ctx.parent, ...opts },
  );
}
