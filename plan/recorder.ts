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
  /** Resource options the policy engine exposes. */
  options: { deleteBeforeReplace?: boolean; ignoreChanges: string[]; aliases: string[]; additionalSecretOutputs: string[] };
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
      options: {
        deleteBeforeReplace: req.getDeletebeforereplacedefined() ? req.getDeletebeforereplace() : undefined,
        ignoreChanges: req.getIgnorechangesList(),
        aliases: (req.getAliasesList?.() ?? []).map((a: any) => (typeof a === "string" ? a : a.getUrn?.() ?? "")),
        additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
      },
    });
    return super.registerResource(req, callback);
  }
}
