export * from "./WorkspaceStack";
export * from "./AccessModel";
export * from "./Registry";
export * from "./types";
