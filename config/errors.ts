// Config errors live in core/ (below rbac/, which raises them for role files); re-exported here for config callers.
export * from "../core/errors";
