// The providers the engine gives a stack's resources. A resource the program gives no provider gets its
// package's default provider, which the engine registers itself before the first resource that needs it
// (pulumi/pulumi pkg/resource/deploy/default_providers.go, newRegisterDefaultProviderEvent):
// - type `pulumi:providers:<package>` (sdk/go/common/providers/reference.go, MakeProviderType);
// - name `default_<major>_<minor>_<patch>` of the version the SDK asked for (providers/provider.go,
//   ProviderRequest.DefaultName);
// - inputs: the stack's config in the package's namespace with the namespace stripped, as strings
//   (pkg/resource/deploy/target.go, GetPackageConfig), and `version` (providers/registry.go,
//   SetProviderVersion).
// Policies see it as `provider` on every resource, with those inputs as props
// (step_generator.go AnalyzeResources / analyzeAll: `Properties: providerResource.Inputs`), and in the
// stack's resources (AnalyzeStack is called over every resource of `deployment.news`).
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { RecordedResource } from "./recorder";

const PROVIDER_TYPE_PREFIX = "pulumi:providers:";

export const isProviderType = (type: string): boolean => type.startsWith(PROVIDER_TYPE_PREFIX);

/** The package whose provider serves a resource type (`azure-native:…` → azure-native); none for `pulumi:` types. */
export function packageOf(type: string): string | undefined {
  const pkg = type.split(":")[0];
  return pkg && pkg !== "pulumi" ? pkg : undefined;
}

/** ProviderRequest.DefaultName: `default`, then `_major_minor_patch` and any pre-release or build part. */
export function defaultProviderName(version: string | undefined): string {
  return version ? `default_${version.replace(/[.+-]/g, "_")}` : "default";
}

/** The URN part of a provider reference `<urn>::<id>`. */
export function providerReferenceUrn(reference: string): string {
  return reference.slice(0, reference.lastIndexOf("::"));
}

export interface ProviderConfig {
  project: string;
  stack: string;
  /** Fully qualified stack config (`azure-native:subscriptionId`), values as strings. */
  config: Readonly<Record<string, string>>;
  secretKeys?: readonly string[];
}

/** GetPackageConfig: the package's config keys without their namespace, secrets kept secret. */
export function packageConfig(pkg: string, { config, secretKeys = [] }: ProviderConfig): Record<string, unknown> {
  const props: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    if (!key.startsWith(`${pkg}:`)) continue;
    props[key.slice(pkg.length + 1)] = secretKeys.includes(key) ? { [specialSigKey]: specialSecretSig, value } : value;
  }
  return props;
}

/**
 * Gives every custom resource the URN of its provider (`providerUrn`) and returns the default providers
 * the engine would register, each placed before the first resource that uses it.
 */
export function assignProviders(resources: RecordedResource[], options: ProviderConfig): RecordedResource[] {
  const defaults = new Map<string, RecordedResource>();
  for (const r of resources) {
    if (!r.custom || isProviderType(r.type)) continue;
    if (r.provider) {
      r.providerUrn = providerReferenceUrn(r.provider);
      continue;
    }
    const pkg = packageOf(r.type);
    if (!pkg) continue;
    const name = defaultProviderName(r.version);
    const type = `${PROVIDER_TYPE_PREFIX}${pkg}`;
    const urn = `urn:pulumi:${options.stack}::${options.project}::${type}::${name}`;
    if (!defaults.has(urn)) {
      const inputs = { ...packageConfig(pkg, options), ...(r.version ? { version: r.version } : {}) };
      defaults.set(urn, {
        urn,
        type,
        name,
        custom: true,
        protect: false,
        dependencies: [],
        propertyDependencies: {},
        inputs,
        outputs: inputs,
        options: { ignoreChanges: [], aliases: [], additionalSecretOutputs: [] },
      });
    }
    r.providerUrn = urn;
  }
  return [...defaults.values()];
}
