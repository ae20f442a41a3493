import fc from "fast-check";

const SUB = "/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg-shared/providers";
export const VALID_IDS = {
  storageAccount: `${SUB}/Microsoft.Storage/storageAccounts/stshared01`,
  keyVault: `${SUB}/Microsoft.KeyVault/vaults/kv-shared-01`,
  applicationInsights: `${SUB}/Microsoft.Insights/components/appi-shared`,
  containerRegistry: `${SUB}/Microsoft.ContainerRegistry/registries/crshared01`,
};

const logicalName = (max: number) => fc.stringMatching(new RegExp(`^[a-z][a-z0-9]{1,${max - 1}}$`));
const computeArb = fc.record({
  name: fc.stringMatching(/^[a-z][a-z0-9-]{1,10}[a-z0-9]$/).filter((n) => !n.includes("--")),
  vmSize: fc.constantFrom("Standard_DS3_v2", "Standard_D4s_v3", "Standard_NC4as_T4_v3"),
  minNodes: fc.integer({ min: 0, max: 2 }),
  maxNodes: fc.integer({ min: 2, max: 10 }),
});
const workspaceArb = fc.record(
  {
    name: logicalName(12),
    displayName: fc.string({ minLength: 1, maxLength: 40 }),
    publicNetworkAccess: fc.constantFrom("Enabled", "Disabled"),
    managedNetworkIsolation: fc.constantFrom("AllowInternetOutbound", "AllowOnlyApprovedOutbound"),
    containerRegistry: fc.constantFrom<unknown>("onDemand", "create", { existingId: VALID_IDS.containerRegistry }),
    storageAccount: fc.constantFrom<unknown>({ create: true }, { existingId: VALID_IDS.storageAccount }),
    keyVault: fc.constantFrom<unknown>({ create: true }, { existingId: VALID_IDS.keyVault }),
    hbi: fc.boolean(),
    computes: fc.uniqueArray(computeArb, { maxLength: 2, selector: (c) => c.name }),
  },
  { requiredKeys: ["name"] },
);
const teamArb = fc.oneof(
  fc.record({ name: logicalName(10), admin: fc.constant(true), group: fc.record({ objectId: fc.uuid() }), role: fc.constantFrom("Owner", "AzureML Compute Operator", "Contributor"), scope: fc.constantFrom("workspace", "resourceGroup") }),
  fc.record({
    name: logicalName(10),
    group: fc.record({ displayName: fc.stringMatching(/^sg-[a-z]{3,10}$/), create: fc.constant(true), members: fc.array(fc.emailAddress(), { maxLength: 2 }) }),
    role: fc.constantFrom("Reader", "AzureML Data Scientist", "Data Scientist"),
  }),
  fc.record({ name: logicalName(10), principal: fc.record({ objectId: fc.uuid(), type: fc.constantFrom("ServicePrincipal", "User") }), role: fc.constantFrom("Reader", "AzureML Data Scientist") }),
);

/** Valid stack configs (namespace keys without prefix) covering every option the schema has. */
export const validConfigArb = fc
  .record({
    environment: fc.constantFrom("dev", "prod"),
    project: logicalName(10),
    tags: fc.dictionary(fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9]{0,10}$/), fc.string({ maxLength: 20 }), { maxKeys: 3 }),
    workspaces: fc.uniqueArray(workspaceArb, { minLength: 1, maxLength: 3, selector: (w) => w.name }),
    teams: fc.uniqueArray(teamArb, { maxLength: 3, selector: (t) => t.name }),
  })
  .map((c) => ({ ...c, customRoles: [{ file: "roles/data-scientist.json" }] }));

export type Mutation = { category: string; config: any; path: RegExp };

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v));
const ws0 = "azureml-platform:workspaces\\[0\\]";

/** Ways to break a valid config, each with the config path the error must name. */
export const MUTATIONS: Record<string, (c: any, junk: string, n: number) => Mutation["path"]> = {
  wrongType: (c, _j, n) => {
    const fields: [string, unknown][] = [["hbi", "yes"], ["computes", "cpu"], ["displayName", 42], ["containerRegistry", 7], ["storageAccount", "create"]];
    const [field, value] = fields[n % fields.length];
    c.workspaces[0][field] = value;
    return new RegExp(`^${ws0}\\.${field}`);
  },
  emptyName: (c) => ((c.workspaces[0].name = ""), new RegExp(`^${ws0}\\.name$`)),
  overlongName: (c, _j, n) => ((c.workspaces[0].name = "a" + "b".repeat(40 + (n % 30))), new RegExp(`^${ws0}\\.name$`)),
  forbiddenName: (c, junk) => ((c.workspaces[0].name = `${junk}_X!`), new RegExp(`^${ws0}\\.name$`)),
  badGuid: (c, junk) => {
    c.teams = [{ name: "admins", admin: true, group: { objectId: `not-a-guid-${junk}` }, role: "Owner" }];
    return /^azureml-platform:teams\[0\]\.group\.objectId$/;
  },
  badUpn: (c, junk) => {
    c.teams = [{ name: "ds", group: { displayName: "sg-ds", create: true, members: [`${junk}-no-at-sign`] }, role: "Reader" }];
    return /^azureml-platform:teams\[0\]\.group\.members\[0\]$/;
  },
  unknownRole: (c, junk) => {
    c.teams = [{ name: "ds", group: { objectId: "11111111-2222-3333-4444-555555555555" }, role: `zz-${junk}` }];
    return /^azureml-platform:teams\[0\]\.role$/;
  },
  unknownScope: (c, junk) => {
    c.teams = [{ name: "ds", group: { objectId: "11111111-2222-3333-4444-555555555555" }, role: "Reader", scope: `tenant-${junk}` }];
    return /^azureml-platform:teams\[0\]\.scope$/;
  },
  duplicateTeams: (c) => {
    const t = { name: "ds", group: { objectId: "11111111-2222-3333-4444-555555555555" }, role: "Reader" };
    c.teams = [t, clone(t)];
    return /^azureml-platform:teams\[1\]\.name$/;
  },
  privilegedNonAdmin: (c) => {
    c.teams = [{ name: "ds", group: { objectId: "11111111-2222-3333-4444-555555555555" }, role: "User Access Administrator" }];
    return /^azureml-platform:teams\[0\]\.role$/;
  },
  conflictingChoice: (c, _j, n) => {
    const kinds = ["storageAccount", "keyVault", "applicationInsights"] as const;
    const kind = kinds[n % kinds.length];
    c.workspaces[0][kind] = { create: true, existingId: VALID_IDS[kind] };
    return new RegExp(`^${ws0}\\.${kind}$`);
  },
  malformedId: (c, junk) => ((c.workspaces[0].keyVault = { existingId: `/subscriptions/${junk}` }), new RegExp(`^${ws0}\\.keyVault\\.existingId$`)),
  minGreaterThanMax: (c, _j, n) => {
    c.workspaces[0].computes = [{ name: "cpu", vmSize: "Standard_DS3_v2", minNodes: 3 + (n % 5), maxNodes: 2 }];
    return new RegExp(`^${ws0}\\.computes\\[0\\]\\.minNodes$`);
  },
  unknownEnvironment: (c, junk) => ((c.environment = `env-${junk}`), /^azureml-platform:environment$/),
  unknownKey: (c) => ((c.workspaces[0].publicAccess = "Enabled"), new RegExp(`^${ws0}\\.publicAccess$`)),
  notAList: (c, junk) => ((c.workspaces = `${junk}`), /^azureml-platform:workspaces$/),
};

export const mutationArb: fc.Arbitrary<Mutation> = fc
  .tuple(validConfigArb, fc.constantFrom(...Object.keys(MUTATIONS)), fc.stringMatching(/^[a-z0-9]{1,8}$/), fc.nat())
  .map(([valid, category, junk, n]) => {
    const config = clone(valid);
    const path = MUTATIONS[category](config, junk, n);
    return { category, config, path };
  });

/** The fully qualified Pulumi config a program sees for a namespace config. */
export function pulumiConfig(config: Record<string, unknown>, location = "westeurope"): Record<string, string> {
  const out: Record<string, string> = { "azure-native:location": location };
  for (const [k, v] of Object.entries(config)) out[`azureml-platform:${k}`] = typeof v === "string" ? v : JSON.stringify(v);
  return out;
}
