import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import { AuthorizationManagementClient } from "@azure/arm-authorization";
import type { TokenCredential } from "@azure/core-auth";
import { cloudNamed } from "../../core/clouds";
import { policyNameFromAssignments } from "../../rbac/pim";

/**
 * Finds the name (a GUID Azure assigns) of the role management policy of a role at a scope. Every
 * role at every scope has one, created by Azure with the scope; it cannot be created, only updated,
 * and azure-native's RoleManagementPolicy addresses it by that name
 * (https://learn.microsoft.com/rest/api/authorization/privileged-role-policy-rest-sample: "You do not
 * need to Create role management policies as each role within each resource has a default policy").
 */
export type RoleManagementPolicyNameResolver = (scope: string, roleDefinitionId: string) => Promise<string>;

/** Where and how the look-up talks to ARM: the provider's cloud by default; tests point it at a local server. */
export interface ArmLookupOptions {
  /** ARM's base URL. @default the cloud `azure-native:environment` names (public, usgovernment, china) */
  endpoint?: string;
  /** Trust for a TLS endpoint the system does not know (tests). @default the system's */
  tlsCa?: string | Buffer;
}

/** The ARM endpoint of the provider's cloud (`azure-native:environment`, as azure-native reads it). */
function providerArmEndpoint(): string {
  // The stack config first, then ARM_ENVIRONMENT, as azure-native reads them.
  const environment = new pulumi.Config("azure-native").get("environment") ?? process.env.ARM_ENVIRONMENT ?? "public";
  const cloud = cloudNamed(environment);
  if (!cloud) throw new Error(`azure-native:environment ${environment} names no cloud the role management policy look-up knows (public, usgovernment, china)`);
  return cloud.arm;
}

/**
 * A resolver that asks ARM (Role Management Policy Assignments - List For Scope, through
 * @azure/arm-authorization, which follows nextLink and retries throttling) with the provider's own
 * credentials (azure-native's getClientToken), and returns the policy of the role at that very scope.
 * Reading it needs Microsoft.Authorization/roleAssignments/read at the scope (every built-in role has it).
 */
export function armRoleManagementPolicyNameResolver(options: ArmLookupOptions = {}): RoleManagementPolicyNameResolver {
  return async (scope, roleDefinitionId) => {
    const endpoint = (options.endpoint ?? providerArmEndpoint()).replace(/\/+$/, "");
    const credential: TokenCredential = {
      // The audience ARM's own resource id names, with its trailing slash (`https://management.azure.com/`).
      getToken: async () => ({ token: (await authorization.getClientToken({ endpoint: `${endpoint}/` })).token, expiresOnTimestamp: Date.now() + 5 * 60_000 }),
    };
    // The subscription id is part of no path this operation uses.
    const client = new AuthorizationManagementClient(credential, "00000000-0000-0000-0000-000000000000", {
      endpoint,
      $host: endpoint,
      credentialScopes: [`${endpoint}/.default`],
      ...(options.tlsCa ? { tlsOptions: { ca: options.tlsCa } } : {}),
    });
    try {
      // The SDK's path is `/{scope}/providers/…`: the scope without its leading slash.
      for await (const a of client.roleManagementPolicyAssignments.listForScope(scope.replace(/^\/+/, ""))) {
        const name = policyNameFromAssignments({ value: [{ properties: a }] }, scope, roleDefinitionId);
        if (name) return name;
      }
    } catch (e) {
      const status = (e as { statusCode?: number }).statusCode;
      throw new Error(`looking up the role management policy of ${roleDefinitionId} at ${scope} failed${status ? ` (HTTP ${status})` : ""}: ${String((e as Error).message).split("\n")[0].slice(0, 300)}`);
    }
    throw new Error(`no role management policy for ${roleDefinitionId} at ${scope}: Azure creates one per role and scope; is the scope's resource created and PIM available in the tenant (Entra ID P2 or Governance)?`);
  };
}

/** The resolver of a real `pulumi preview`/`up`: ARM of the provider's cloud. */
export const armRoleManagementPolicyName: RoleManagementPolicyNameResolver = armRoleManagementPolicyNameResolver();

let resolver: RoleManagementPolicyNameResolver = armRoleManagementPolicyName;

/** The resolver AccessModel uses. */
export function roleManagementPolicyName(scope: string, roleDefinitionId: string): Promise<string> {
  return resolver(scope, roleDefinitionId);
}

/**
 * Replaces the resolver (the offline plan and tests, which have no Azure to ask); no argument
 * restores the ARM look-up. Returns the previous one.
 */
export function setRoleManagementPolicyNameResolver(next?: RoleManagementPolicyNameResolver): RoleManagementPolicyNameResolver {
  const previous = resolver;
  resolver = next ?? armRoleManagementPolicyName;
  return previous;
}
