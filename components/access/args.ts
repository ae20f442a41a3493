import * as pulumi from "@pulumi/pulumi";
import { Activation, AssignmentScope, DataAccess, PrincipalType, RegistryAccess, WorkspaceKind } from "../types";

// The arguments of AccessModel: flat, with string-literal choices only, so the component schema stays
// inferable for other languages.

/**
 * A workspace the access model grants on: what `WorkspaceStack.accessTarget` gives. Every id may be
 * an Output (known after deployment), so a WorkspaceStack's outputs can be passed as they are.
 */
export interface AccessTargetArgs {
  /** Logical workspace name (what teams list in `workspaces`). */
  name: string;
  /** ARM id of the workspace (`WorkspaceStack.workspaceId`). */
  workspaceId: pulumi.Input<string>;
  /**
   * Name of the workspace's resource group; workspaces sharing a group share its
   * resource-group-scoped assignments. A plain string lets workspaces that share a group be found
   * before deployment (one assignment per group); with an Output each workspace gets its own
   * resource-group assignment, and two that turn out to share a group are refused.
   */
  resourceGroupName: pulumi.Input<string>;
  /** ARM id of the workspace's resource group (`WorkspaceStack.resourceGroupId`). */
  resourceGroupId: pulumi.Input<string>;
  /**
   * ARM id of the workspace's storage account (`WorkspaceStack.storageAccountId`): where teams' data
   * access is granted and data-plane operations are decided.
   * @default none: allowed only when every team working in the workspace has dataAccess "none" (otherwise an error names the team)
   */
  storageAccountId?: pulumi.Input<string>;
  /**
   * A project's data sits in its hub's storage (`storageAccountId` is the hub's) in containers named
   * after the project's workspace GUID: data roles there carry a condition on that prefix.
   * @default none (the whole storage account)
   */
  dataContainerPrefix?: pulumi.Input<string>;
  /**
   * Whether `storageAccountId` is an account this target alone has: created for it by the stack
   * (`WorkspaceStack.accessTarget` sets it when the workspace creates its storage). Its id then
   * equals no other target's, so an eligible team's role management policy on it is not compared
   * with the other storage accounts' once ids resolve, and does not wait for them (in a preview,
   * is not unknown because of an account created after it). Leave it unset for an account two
   * targets may share: two policy resources on one account would overwrite each other.
   * @default false
   */
  storageAccountOwned?: boolean;
  /**
   * Whether the storage account accepts Shared Key authorization (`allowSharedKeyAccess` not false;
   * `WorkspaceStack.accessTarget` sets it for the account it creates). Whoever may list its keys
   * (`storageAccounts/listKeys/action` on it, `workspaces/listStorageAccountKeys/action` on the
   * workspace: Contributor, Owner, AzureML Data Scientist) then shows readData and writeData.
   * @default not known (an adopted account): what its keys give is shown uncertain (†)
   */
  storageSharedKeyAccess?: pulumi.Input<boolean>;
  /**
   * What the workspace is (`WorkspaceStack.accessTarget` sets it): rows of the access report carry it
   * (`workspace` for the default kind).
   * @default "default"
   */
  kind?: WorkspaceKind;
  /**
   * A project's hub, by logical name (the hub's `name` when it is a workspace of this model): a
   * team's projects under one hub share one conditioned data assignment on the hub's storage.
   * @default none
   */
  hub?: string;
}

/** One permissions block of a custom role (`az role definition list` output's `permissions[]`). */
export interface PermissionArgs {
  /**
   * Management operations granted.
   * @default []
   */
  actions?: string[];
  /**
   * Management operations subtracted from `actions`.
   * @default []
   */
  notActions?: string[];
  /**
   * Data-plane operations granted.
   * @default []
   */
  dataActions?: string[];
  /**
   * Data-plane operations subtracted from `dataActions`.
   * @default []
   */
  notDataActions?: string[];
}

/**
 * A custom role: the content of the JSON `az role definition create` takes, flat (`actions`, …) or
 * as permission blocks (`permissions`, what `loadRoleDefinitionFile` returns). Its assignable scopes
 * are set by the model.
 */
export interface CustomRoleArgs {
  /** Role name; teams refer to it in `role`. */
  name: string;
  /**
   * What the role is for.
   * @default no description
   */
  description?: string;
  /**
   * Management operations granted (flat form; use either these four lists or `permissions`).
   * @default []
   */
  actions?: string[];
  /**
   * Management operations subtracted from `actions`.
   * @default []
   */
  notActions?: string[];
  /**
   * Data-plane operations granted.
   * @default []
   */
  dataActions?: string[];
  /**
   * Data-plane operations subtracted from `dataActions`.
   * @default []
   */
  notDataActions?: string[];
  /**
   * Permission blocks, each kept as it is (a loaded role file's `permissions`).
   * @default one block made of actions, notActions, dataActions and notDataActions
   */
  permissions?: PermissionArgs[];
  /**
   * Scopes the role is held to (a role file's concrete AssignableScopes; placeholders such as
   * `/subscriptions/<subscription_id>` are dropped). The role is created with exactly these, at the
   * first of them, as `az role definition create` does; Azure refuses an assignment outside them.
   * @default where the model assigns the role (its resource groups, or the subscription)
   */
  assignableScopes?: string[];
}

/** A team: who (one group or principal) gets which role, where. */
export interface TeamArgs {
  /** Team name: lowercase letters, digits and hyphens; unique in the model. */
  name: string;
  /**
   * Admin teams may hold roles that write role assignments (Owner, User Access Administrator, …).
   * @default false
   */
  admin?: boolean;
  /**
   * Object id of an existing Entra ID group.
   * @default none
   */
  groupObjectId?: pulumi.Input<string>;
  /**
   * Display name of the group: looked up, or created when `createGroup` is true.
   * @default none
   */
  groupDisplayName?: string;
  /**
   * Create the group (security-enabled) instead of looking it up.
   * @default false
   */
  createGroup?: boolean;
  /**
   * Members of a created group, by user principal name (as `az ml workspace share --user`).
   * @default []
   */
  members?: string[];
  /**
   * Object id of a user, service principal or managed identity granted directly.
   * @default none
   */
  principalObjectId?: pulumi.Input<string>;
  /**
   * Type of `principalObjectId`.
   * @default none (required with principalObjectId)
   */
  principalType?: PrincipalType;
  /**
   * Role: a custom role name, a built-in role name (case-insensitive) or a role definition GUID.
   * Exactly one of `role` and `roles`.
   * @default none
   */
  role?: string;
  /**
   * Several roles, each assigned like `role`.
   * @default none
   */
  roles?: string[];
  /**
   * Data-plane access on each of the team's workspaces' storage accounts: `read` (Storage Blob Data
   * Reader + Storage File Data Privileged Reader) or `readWrite` (Storage Blob Data Contributor +
   * Storage File Data Privileged Contributor). Workspaces use identity-based datastores, so users
   * reach data with their own identity.
   * @default "readWrite" when one of the team's roles can submit jobs, else "none"
   */
  dataAccess?: DataAccess;
  /**
   * On a hub's storage, a team's projects get its data access on file shares too (Storage File Data
   * Privileged Reader or Contributor, as `dataAccess`), unconditioned: with identity-based hub
   * storage, notebooks and prompt flow need it beside the blob role ("The users must be assigned the
   * Storage Blob Data Contributor and Storage File Data Privileged Contributor roles",
   * how-to-disable-local-auth-storage). ABAC conditions apply to blob and queue data actions only
   * (conditions-overview), so it reaches every project's shares on that storage. `false` keeps
   * projects' file shares apart, without those features.
   * @default true
   */
  projectFileShares?: boolean;
  /**
   * Where the role is assigned: on each workspace, on each workspace's resource group, or on the subscription.
   * @default "workspace"
   */
  scope?: AssignmentScope;
  /**
   * Logical names of the workspaces the team works in.
   * @default every workspace of the model
   */
  workspaces?: string[];
  /**
   * `active`: standing role assignments. `eligible`: Privileged Identity Management eligibilities
   * (PimRoleEligibilitySchedule) that members activate just in time, with justification and MFA, for
   * at most `maxActivation`; users and groups only (needs Entra ID P2 or Governance licences).
   * @default "active"
   */
  activation?: Activation;
  /**
   * Longest activation of an eligible team's roles, ISO 8601 (`PT8H`, `PT1H30M`), at most PT24H.
   * Only with activation "eligible".
   * @default "PT8H"
   */
  maxActivation?: string;
  /**
   * Object ids of Entra ID groups whose members approve each activation. Only with activation "eligible".
   * @default none: no approval (justification and MFA only)
   */
  requireApproval?: string[];
  /**
   * Logical names of the Azure ML registries (AccessModel `registries`) the team is granted on.
   * @default none
   */
  registries?: string[];
  /**
   * `read`: use the registries' assets (Reader); `publish`: create and delete them too (AzureML Registry User).
   * @default "read"
   */
  registryAccess?: RegistryAccess;
}

/** An Azure ML registry teams can be granted on (Registry component: `{ name, registryId }`). */
export interface RegistryTargetArgs {
  /** Logical registry name (what teams list in `registries`). */
  name: string;
  /** Resource id of the registry. */
  registryId: pulumi.Input<string>;
}

export interface AccessModelArgs {
  /** Workspaces the model grants on (`WorkspaceStack.accessTarget`, or the same fields). */
  workspaces: AccessTargetArgs[];
  /**
   * Azure ML registries teams may be granted on.
   * @default none
   */
  registries?: RegistryTargetArgs[];
  /** Teams and their roles. */
  teams: TeamArgs[];
  /**
   * Custom roles the teams may use.
   * @default []
   */
  customRoles?: CustomRoleArgs[];
  /**
   * Subscription of the workspaces.
   * @default the subscription of the provider's credentials
   */
  subscriptionId?: pulumi.Input<string>;
  /**
   * Project and environment of the stack: custom role names carry them (`Data Scientist
   * (fraud-prod)`) and their GUIDs derive from them, because Azure role names are unique per tenant
   * and two stacks defining the same role would otherwise collide.
   * @default the component name stands in for both
   */
  project?: string;
  /**
   * See `project`.
   * @default the component name stands in for both
   */
  environment?: string;
}


/** The former name of AccessTargetArgs. */
export type WorkspaceRefArgs = AccessTargetArgs;
