import * as pulumi from "@pulumi/pulumi";
import { WorkspaceResourceNames } from "../../naming";

/** What every family of a WorkspaceStack's children needs: where, how named, how tagged, how strict. */
export interface ChildContext {
  /** The component's name: every child name starts with it. */
  name: string;
  names: WorkspaceResourceNames;
  /** The WorkspaceStack: every child is `{ parent }`. */
  parent: pulumi.Resource;
  resourceGroupName: pulumi.Output<string>;
  location: pulumi.Input<string> | undefined;
  tags: pulumi.Input<Record<string, pulumi.Input<string>>>;
  prod: boolean;
  /** Protect and lock what holds data (prod default). */
  protectData: boolean;
  /** `/subscriptions/<id>`, for role definition ids. */
  subscriptionScope: pulumi.Output<string>;
}
