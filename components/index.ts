export * from "./WorkspaceStack";
export * from "./AccessModel";
export * from "./types";
