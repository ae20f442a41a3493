export * from "./WorkspaceStack";
export * from "./AccessModel";
