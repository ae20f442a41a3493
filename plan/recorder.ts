import * as pulumi from "@pulumi/pulumi";
import { MockMonitor, Mocks } from "@pulumi/pulumi/runtime/mocks";

/** Everything the engine would know about one registered resource. */
export interface RecordedResource {
  urn: string;
  type: string;
  name: string;
  custom: boolean;
  parent?: string;
  protect: boolean;
  dependencies: string[];
  propertyDependencies: Record<string, string[]>;
  /** Inputs as serialised on the wire (unknowns are Pulumi's unknown sentinels, secrets are wrapped). */
  inputs: Record<string, unknown>;
  /** The provider reference (`<urn>::<id>`) the program set explicitly; empty for the package's default provider. */
  provider?: string;
  /** The provider package version the SDK asked for (RegisterResourceRequest.version): the default provider's version. */
  version?: string;
  /**
   * The resource's outputs as a stack policy sees them (wire form), set once the program has run: a first
   * preview's preview outputs or an existing resource's known outputs (see plan/outputShape.ts).
   */
  outputs?: Record<string, unknown>;
  /** The URN of the provider the engine gives the resource (explicit, or the package's default), set once the program has run. */
  providerUrn?: string;
  /** Resource options the policy engine exposes. */
  options: { deleteBeforeReplace?: boolean; ignoreChanges: string[]; aliases: string[]; additionalSecretOutputs: string[]; replaceOnChanges?: string[] };
}

const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

/**
 * Pulumi's own MockMonitor, recording each RegisterResourceRequest (parent, dependencies, property
 * dependencies, protect) the way the engine sees it, and minting URNs with the full parent type chain
 * as the engine does (the stock mock keeps only the last parent type).
 */
export class RecordingMonitor extends MockMonitor {
  readonly recorded: RecordedResource[] = [];

  constructor(mocks: Mocks) {
    super(mocks);
    (this as any).newUrn = (parent: string, type: string, name: string) => this.urnFor(parent, type, name);
  }

  urnFor(parent: string | undefined, type: string, name: string): string {
    let qualifiedType = type;
    if (parent) {
      const parentType = parent.split("::")[2];
      if (parentType !== ROOT_STACK_TYPE) qualifiedType = `${parentType}$${type}`;
    }
    return `urn:pulumi:${pulumi.getStack()}::${pulumi.getProject()}::${qualifiedType}::${name}`;
  }

  /**
   * The URNs a resource's aliases name, as the engine resolves them: a URN alias as is; a spec alias
   * (`{ name }`, `{ parent }`, `{ noParent }`, …) against the resource's own name, type and parent; and
   * the aliases a child inherits from its parent's aliases (under each old parent URN, its name with the
   * parent's old name as prefix when it starts with the parent's name).
   */
  private aliasUrns(req: any): string[] {
    const name: string = req.getName();
    const type: string = req.getType();
    const parent: string | undefined = req.getParent() || undefined;
    const urns = new Set<string>(req.getAliasurnsList?.() ?? []);
    for (const a of req.getAliasesList?.() ?? []) {
      if (typeof a === "string") urns.add(a);
      else if (a.getUrn?.()) urns.add(a.getUrn());
      else if (a.getSpec?.()) {
        const spec = a.getSpec();
        const aliasParent = spec.getNoparent?.() ? undefined : spec.getParenturn?.() || parent;
        urns.add(this.urnFor(aliasParent, spec.getType?.() || type, spec.getName?.() || name));
      }
    }
    // As the engine's generateAliases/inheritedChildAlias (pkg/resource/deploy/step_generator.go): a
    // child whose name starts with its parent's name takes the parent alias's name as that prefix.
    const nameOf = (urn: string) => urn.slice(urn.lastIndexOf("::") + 2);
    for (const parentAlias of parent ? (this.aliasesByUrn.get(parent) ?? []) : []) {
      const parentName = nameOf(parent!);
      const aliasName = name.startsWith(parentName) ? nameOf(parentAlias) + name.slice(parentName.length) : name;
      urns.add(this.urnFor(parentAlias, type, aliasName));
    }
    const own = this.urnFor(parent, type, name);
    urns.delete(own);
    urns.delete("");
    const list = [...urns].sort();
    this.aliasesByUrn.set(own, list);
    return list;
  }

  private readonly aliasesByUrn = new Map<string, string[]>();

  /** The state the mocks answered for a resource (wire form): inputs, and in known-outputs mode ids and computed outputs. */
  stateOf(urn: string): Record<string, unknown> | undefined {
    return this.resources.get(urn)?.state as Record<string, unknown> | undefined;
  }

  override async registerResource(req: any, callback: (err: any, response: any) => void): Promise<void> {
    const propertyDependencies: Record<string, string[]> = {};
    const map = req.getPropertydependenciesMap();
    if (map) for (const [k, v] of map.entries()) propertyDependencies[k] = v.getUrnsList();
    this.recorded.push({
      urn: this.urnFor(req.getParent() || undefined, req.getType(), req.getName()),
      type: req.getType(),
      name: req.getName(),
      custom: req.getCustom(),
      parent: req.getParent() || undefined,
      protect: Boolean(req.getProtect()),
      dependencies: req.getDependenciesList(),
      propertyDependencies,
      inputs: req.getObject()?.toJavaScript() ?? {},
      ...(req.getProvider() ? { provider: req.getProvider() } : {}),
      ...(req.getVersion() ? { version: req.getVersion() } : {}),
      options: {
        deleteBeforeReplace: req.getDeletebeforereplacedefined() ? req.getDeletebeforereplace() : undefined,
        ignoreChanges: req.getIgnorechangesList(),
        aliases: this.aliasUrns(req),
        additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
        ...(req.getReplaceonchangesList().length ? { replaceOnChanges: req.getReplaceonchangesList() } : {}),
      },
    });
    return super.registerResource(req, callback);
  }
}
