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
  reader: "acdd72a7-3385-48ef-bd42-f606fba81ae7",
  storageQueueDataContributor: "974c5e8b-45b9-4653-ba55-5f855dd0fb88",
  storageTableDataContributor: "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3",
  /** Azure AI Enterprise Network Connection Approver. */
  networkConnectionApprover: "b556d68e-0be0-4f35-a333-ad7ee1ce17ea",
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
  description = `azureml-platform: ${label} for ${ctx.name}`,
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
      description,
    },
    { parent: ctx.parent, ...opts },
  );
}
