import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import * as azuread from "@pulumi/azuread";
import { parseResourceId } from "../../naming/resourceIds";
import { ChildContext } from "./context";
import { ROLE, grant } from "./grants";

export interface UserAssignedIdentity {
  id: pulumi.Output<string>;
  principalId: pulumi.Output<string>;
}

/** Creates (`create`) or adopts (`existing`) the workspace's user-assigned identity. */
export function userAssignedIdentity(ctx: ChildContext, mode: "create" | "existing", existingId?: pulumi.Input<string>): UserAssignedIdentity {
  if (mode === "create") {
    const identity = new managedidentity.UserAssignedIdentity(
      `${ctx.name}-id`,
      { resourceName: ctx.names.userAssignedIdentity, resourceGroupName: ctx.resourceGroupName, location: ctx.location, tags: ctx.tags },
      { parent: ctx.parent },
    );
    return { id: identity.id, principalId: identity.principalId };
  }
  const id = pulumi.output(existingId!);
  const parsed = id.apply((value) => parseResourceId(value));
  const existing = managedidentity.getUserAssignedIdentityOutput(
    { resourceGroupName: parsed.apply((p) => p?.resourceGroup ?? ""), resourceName: parsed.apply((p) => p?.name ?? "") },
    { parent: ctx.parent },
  );
  return { id, principalId: existing.principalId };
}

/**
 * What a workspace's user-assigned identity needs on the workspace's resources, per the Azure ML
 * docs (how-to-identity-based-service-authentication, "User-assigned managed identity" → "Workspace"):
 * storage Contributor + Storage Blob Data Contributor, key vault (RBAC model) Contributor + Key Vault
 * Administrator, container registry Contributor, Application Insights Contributor. The workspace is
 * created after these exist, since Azure ML checks them when it provisions; Contributor on the
 * workspace itself follows its creation (createWorkspace).
 */
export function grantWorkspaceIdentity(
  ctx: ChildContext,
  identity: UserAssignedIdentity,
  scopes: { storageAccountId: pulumi.Input<string>; keyVaultId: pulumi.Input<string>; applicationInsightsId: pulumi.Input<string>; registryId?: pulumi.Input<string> },
): authorization.RoleAssignment[] {
  const grants = [
    grant(ctx, "id-storage-contributor", scopes.storageAccountId, identity.principalId, ROLE.contributor),
    grant(ctx, "id-storage-blob-data", scopes.storageAccountId, identity.principalId, ROLE.storageBlobDataContributor),
    grant(ctx, "id-kv-contributor", scopes.keyVaultId, identity.principalId, ROLE.contributor),
    grant(ctx, "id-kv-administrator", scopes.keyVaultId, identity.principalId, ROLE.keyVaultAdministrator),
    grant(ctx, "id-appi-contributor", scopes.applicationInsightsId, identity.principalId, ROLE.contributor),
  ];
  if (scopes.registryId !== undefined) grants.push(grant(ctx, "id-acr-contributor", scopes.registryId, identity.principalId, ROLE.contributor));
  return grants;
}

/**
 * The Azure Cosmos DB first-party application (public cloud; Azure Government uses
 * 57506a73-e302-42a9-b869-6f12d9ec29e9): classic CMK stores workspace metadata in a Cosmos DB that
 * must reach the key (how-to-setup-customer-managed-keys, "Allow Azure Cosmos DB to access the key").
 */
export const COSMOS_DB_APP_ID = "a232010e-820c-4083-83bb-3ace5fc29d0b";

/**
 * Customer-managed key encryption: the user-assigned identity unwraps the key, so it gets Key Vault
 * Crypto Service Encryption User (get, wrap, unwrap) on the key's vault (concept-customer-managed-keys).
 * Service-side encryption keeps the encrypted metadata in Microsoft-managed resources; classic CMK
 * creates a Cosmos DB whose first-party app needs the same access to the key, granted here on the
 * vault as AVM's CMK example does (the docs show the equivalent access policy: Get, Wrap, Unwrap).
 * CMK can only be set when the workspace is created and never removed: changing it replaces the workspace.
 */
export function customerManagedKey(ctx: ChildContext, identity: UserAssignedIdentity, key: { keyVaultId: pulumi.Input<string>; keyUri: pulumi.Input<string>; serviceSide: boolean }) {
  const grants = [grant(ctx, "id-cmk-crypto-user", key.keyVaultId, identity.principalId, ROLE.keyVaultCryptoServiceEncryptionUser)];
  if (!key.serviceSide) {
    const cosmos = azuread.getServicePrincipalOutput({ clientId: COSMOS_DB_APP_ID }, { parent: ctx.parent });
    // The app id in the description is how the deployability pack recognises this principal (its
    // object id differs per tenant, and a look-up leaves no resource behind).
    const description = `azureml-platform: Azure Cosmos DB (${COSMOS_DB_APP_ID}) may use ${ctx.name}'s customer-managed key (classic CMK)`;
    grants.push(grant(ctx, "cosmosdb-cmk-crypto-user", key.keyVaultId, cosmos.objectId, ROLE.keyVaultCryptoServiceEncryptionUser, {}, description));
  }
  return {
    grants,
    encryption: {
      status: "Enabled",
      keyVaultProperties: { keyVaultArmId: key.keyVaultId, keyIdentifier: key.keyUri },
      identity: { userAssignedIdentity: identity.id },
    },
  };
}
