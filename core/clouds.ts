// Azure clouds' endpoints: where the audit reads from (ARM, Resource Graph, Microsoft Graph) and where
// the role management policy look-up asks. No Pulumi import.

/** Endpoints of one Azure cloud. */
export interface CloudEndpoints {
  name: string;
  /** ARM and Resource Graph (`/providers/Microsoft.ResourceGraph/resources`). */
  arm: string;
  /** Microsoft Graph. */
  graph: string;
  /** Microsoft Entra ID's sign-in authority (@azure/identity's `authorityHost`); a custom endpoint's is the environment's. */
  authority?: string;
}

/**
 * The national clouds' endpoints (Learn: azure/azure-government/documentation-government-developer-guide
 * "Endpoint mapping", china/resources-developer-guide; Graph: graph/deployments "Microsoft Graph
 * national cloud deployments"; authorities: @azure/identity's AzureAuthorityHosts).
 */
export const CLOUDS: Readonly<Record<string, CloudEndpoints>> = {
  AzurePublicCloud: { name: "AzurePublicCloud", arm: "https://management.azure.com", graph: "https://graph.microsoft.com", authority: "https://login.microsoftonline.com" },
  AzureUSGovernment: { name: "AzureUSGovernment", arm: "https://management.usgovcloudapi.net", graph: "https://graph.microsoft.us", authority: "https://login.microsoftonline.us" },
  AzureChinaCloud: { name: "AzureChinaCloud", arm: "https://management.chinacloudapi.cn", graph: "https://microsoftgraph.chinacloudapi.cn", authority: "https://login.chinacloudapi.cn" },
};

/** Names the clouds go by in the Azure CLI (`az cloud list`), Terraform and azure-native (`environment`). */
const ALIASES: Readonly<Record<string, string>> = {
  azurecloud: "AzurePublicCloud",
  azurepubliccloud: "AzurePublicCloud",
  public: "AzurePublicCloud",
  azureusgovernment: "AzureUSGovernment",
  azureusgovernmentcloud: "AzureUSGovernment",
  usgovernment: "AzureUSGovernment",
  azurechinacloud: "AzureChinaCloud",
  china: "AzureChinaCloud",
};

/** The cloud a name designates, or undefined for a name no cloud goes by. */
export function cloudNamed(name: string): CloudEndpoints | undefined {
  const key = ALIASES[name.trim().toLowerCase().replace(/[\s_-]/g, "")];
  return key ? CLOUDS[key] : undefined;
}

/**
 * The endpoints the audit uses: the flags first, else the cloud the environment names
 * (`AZURE_ENVIRONMENT`, as the Azure SDKs and azure-native read it; `ARM_ENVIRONMENT` as Terraform
 * does), else the public cloud. An endpoint loses a trailing `/`.
 */
export function resolveEndpoints(flags: { armEndpoint?: string; graphEndpoint?: string }, env: NodeJS.ProcessEnv = process.env): CloudEndpoints & { from: string } {
  const named = env.AZURE_ENVIRONMENT ?? env.ARM_ENVIRONMENT;
  const cloud = named ? cloudNamed(named) : undefined;
  if (named && !cloud) throw new Error(`AZURE_ENVIRONMENT=${named} names no cloud this audit knows (${Object.keys(CLOUDS).join(", ")}): pass --arm-endpoint and --graph-endpoint`);
  const base = cloud ?? CLOUDS.AzurePublicCloud;
  const trim = (u: string) => u.replace(/\/+$/, "");
  return {
    name: flags.armEndpoint ? "custom" : base.name,
    arm: trim(flags.armEndpoint ?? base.arm),
    graph: trim(flags.graphEndpoint ?? base.graph),
    // The sign-in authority: the environment's own setting first, as @azure/identity reads it.
    authority: trim(env.AZURE_AUTHORITY_HOST ?? base.authority ?? CLOUDS.AzurePublicCloud.authority!),
    from: flags.armEndpoint ? "--arm-endpoint" : named ? "environment" : "default",
  };
}

/**
 * Whether Microsoft Entra ID's instance discovery can validate this authority: only the clouds' own
 * authorities are listed at login.microsoftonline.com/common/discovery/instance. For any other host
 * (Azure Stack Hub's AD FS, a private cloud) MSAL would still ask login.microsoftonline.com first,
 * and fail where that is unreachable; @azure/identity's `disableInstanceDiscovery` "is intended for
 * … private clouds or Azure Stack" (AuthorityValidationOptions) and reads the authority's own
 * `/.well-known/openid-configuration` instead.
 */
export function isCloudAuthority(authority: string): boolean {
  const host = (u: string) => {
    try {
      return new URL(u).host.toLowerCase();
    } catch {
      return undefined;
    }
  };
  const h = host(authority);
  return h !== undefined && Object.values(CLOUDS).some((c) => c.authority !== undefined && host(c.authority) === h);
}
