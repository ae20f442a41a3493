// @pulumi/policy marks these @internal (absent from its typings), but they are what its analyzer
// server uses on every request; reusing them keeps offline evaluation identical to the engine's.
/* eslint-disable @typescript-eslint/no-var-requires */
const deserialize = require("@pulumi/policy/deserialize") as {
  deserializeProperties(struct: { toJavaScript(): unknown }, proxySecrets: boolean): Record<string, any>;
};
const proxy = require("@pulumi/policy/proxy") as {
  unknownCheckingProxy<T extends object>(target: T): T;
  getSpecialProxyTarget: string;
  unknownAssetValue: string;
  unknownArchiveValue: string;
  UnknownValueError: new (...args: any[]) => Error;
  unknownStringValue: string;
  unknownBooleanValue: string;
  unknownNumberValue: string;
  unknownArrayValue: string;
  unknownObjectValue: string;
};

export const deserializeProperties = deserialize.deserializeProperties;
export const unknownCheckingProxy = proxy.unknownCheckingProxy;
export const UnknownValueError = proxy.UnknownValueError;
/** The key under which the engine's props proxy answers with the object it wraps. */
export const PROXY_TARGET = proxy.getSpecialProxyTarget;
/** Pulumi's wire sentinels for values unknown during preview. */
export const UNKNOWN = {
  string: proxy.unknownStringValue,
  boolean: proxy.unknownBooleanValue,
  number: proxy.unknownNumberValue,
  array: proxy.unknownArrayValue,
  object: proxy.unknownObjectValue,
} as const;
/** Every value `unknownCheckingProxy` throws on (the wire sentinels above, assets and archives too). */
export const UNKNOWN_SENTINELS: ReadonlySet<unknown> = new Set([...Object.values(UNKNOWN), proxy.unknownAssetValue, proxy.unknownArchiveValue]);
