import { z } from "zod";
import { GUID, DATA_ACCESS_LEVELS, ENVIRONMENTS, PRINCIPAL_TYPES, REGISTRY_ACCESS, TEAM_SCOPES, UPN, oneOf } from "./common";
import { registrySchema } from "./registry";
import { PROJECT_MAX } from "../naming";
import { logicalName, tagsSchema, workspaceSchema } from "./workspace";
import { budgetSchema } from "./budget";
import { azurePolicySchema } from "./azurePolicy";
import { ACTIVATIONS } from "./activation";

export * from "./common";
export { workspaceSchema, outboundRuleSpec } from "./workspace";
export type { ComputeEntry, OutboundRuleEntry, WorkspaceEntry } from "./workspace";

const groupSchema = z
  .strictObject({
    objectId: z.string({ error: "must be a string" }).regex(GUID, { error: "must be a GUID (Entra ID object id)" }).optional(),
    displayName: z.string({ error: "must be a string" }).min(1, { error: "must not be empty" }).max(256, { error: "must be ≤ 256 characters" }).optional(),
    create: z.boolean({ error: "must be true or false" }).optional(),
    members: z.array(z.string({ error: "must be a string" }).regex(UPN, { error: "must be a user principal name such as alice@contoso.com" }), { error: "must be a list of user principal names" }).optional(),
  })
  .superRefine((g, ctx) => {
    if (g.objectId !== undefined && (g.displayName !== undefined || g.create !== undefined))
      ctx.addIssue({ code: "custom", message: "use either objectId (existing group) or displayName (looked up, or created with create: true), not both", input: g });
    if (g.objectId === undefined && g.displayName === undefined)
      ctx.addIssue({ code: "custom", message: "needs objectId or displayName", input: g });
    if (g.members !== undefined && g.create !== true)
      ctx.addIssue({ code: "custom", path: ["members"], message: "members can only be managed on a group created here (create: true)", input: g.members });
  });

const principalSchema = z.strictObject({
  objectId: z.string({ error: "must be a string" }).regex(GUID, { error: "must be a GUID (Entra ID object id)" }),
  type: z.enum(PRINCIPAL_TYPES, { error: oneOf(PRINCIPAL_TYPES) }),
});

export const teamSchema = z
  .strictObject({
    name: logicalName(40),
    admin: z.boolean({ error: "must be true or false" }).optional(),
    group: groupSchema.optional(),
    principal: principalSchema.optional(),
    role: z.string({ error: "must be a role name or role definition GUID" }).min(1, { error: "must not be empty" }).optional(),
    roles: z
      .array(z.string({ error: "must be a role name or role definition GUID" }).min(1, { error: "must not be empty" }), { error: "must be a list of role names or role definition GUIDs" })
      .min(1, { error: "must list at least one role" })
      .optional(),
    dataAccess: z.enum(DATA_ACCESS_LEVELS, { error: oneOf(DATA_ACCESS_LEVELS) }).optional(),
    projectFileShares: z.boolean({ error: "must be true or false" }).optional(),
    scope: z.enum(TEAM_SCOPES, { error: oneOf(TEAM_SCOPES) }).optional(),
    workspaces: z.array(z.string({ error: "must be a string" }), { error: "must be a list of workspace names" }).optional(),
    registries: z.array(z.string({ error: "must be a string" }), { error: "must be a list of registry names of this stack" }).optional(),
    registryAccess: z.enum(REGISTRY_ACCESS, { error: oneOf(REGISTRY_ACCESS) }).optional(),
    // Just-in-time admin (PIM); the rules between these keys and the principal are in config/activation.ts.
    activation: z.enum(ACTIVATIONS, { error: oneOf(ACTIVATIONS) }).optional(),
    maxActivation: z.string({ error: "must be an ISO 8601 duration such as PT8H" }).optional(),
    requireApproval: z.array(z.string({ error: "must be a group object id (GUID)" }), { error: "must be a list of approver group object ids" }).optional(),
  })
  .superRefine((t, ctx) => {
    if (t.group === undefined && t.principal === undefined)
      ctx.addIssue({ code: "custom", message: "needs a group or a principal", input: t });
    if (t.group !== undefined && t.principal !== undefined)
      ctx.addIssue({ code: "custom", message: "set either group or principal, not both", input: t });
    if (t.role !== undefined && t.roles !== undefined) ctx.addIssue({ code: "custom", message: "needs exactly one of role (one role) or roles (a list)", input: t });
    else if (t.role === undefined && t.roles === undefined && t.registries === undefined)
      ctx.addIssue({ code: "custom", message: "needs exactly one of role (one role) or roles (a list), or registries (a registry-only team)", input: t });
    if (t.registryAccess !== undefined && t.registries === undefined)
      ctx.addIssue({ code: "custom", path: ["registryAccess"], message: "needs registries: the registries of this stack the access applies to", input: t.registryAccess });
  });

export const customRoleRefSchema = z.strictObject({
  file: z.string({ error: "must be a path to a role definition JSON file" }).min(1, { error: "must not be empty" }),
});

/** The package's stack configuration, as read from `azureml-platform:*` keys. */
export const stackConfigSchema = z.strictObject({
  environment: z.enum(ENVIRONMENTS, { error: oneOf(ENVIRONMENTS) }),
  project: logicalName(PROJECT_MAX),
  tags: tagsSchema.optional(),
  workspaces: z.array(workspaceSchema, { error: "must be a list of workspaces" }).min(1, { error: "must list at least one workspace" }),
  registries: z.array(registrySchema, { error: "must be a list of registries" }).optional(),
  customRoles: z.array(customRoleRefSchema, { error: "must be a list of { file: <path> }" }).optional(),
  teams: z.array(teamSchema, { error: "must be a list of teams" }).optional(),
  budget: budgetSchema.optional(),
  /** Built-in Azure ML policy definitions assigned to the resource groups the stack creates (absent: none). */
  azurePolicy: azurePolicySchema.optional(),
});

export type RawStackConfig = z.infer<typeof stackConfigSchema>;
export type TeamEntry = z.infer<typeof teamSchema>;
export type { RegistryEntry } from "./registry";

/** Config keys of this namespace, for "did you mean" suggestions. */
export const ROOT_KEYS = Object.keys(stackConfigSchema.shape);
