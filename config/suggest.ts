export * from "../core/suggest";
