export * from "./errors";
export * from "./schema";
export * from "./validate";
export * from "./raw";
export * from "./access";
export * from "./accessArgs";
export * from "./workspaceArgs";
