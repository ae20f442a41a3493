import { expect } from "chai";
import { DeferredReads, UNKNOWN, azureName, isProd, isType, read, readTags, resourceGroupOf, show } from "../../../policies/lib/azure";
import { UNKNOWN as WIRE, UnknownValueError, unknownCheckingProxy } from "../../../policies/lib/internals";

const proxied = (props: Record<string, unknown>) => unknownCheckingProxy(props);

describe("policy reads (policies/lib/azure)", () => {
  it("matches type tokens of every API version, and nothing else", () => {
    expect(isType("azure-native:storage:StorageAccount", "azure-native:storage:StorageAccount")).to.equal(true);
    expect(isType("azure-native:storage/v20230101:StorageAccount", "azure-native:storage:StorageAccount")).to.equal(true);
    expect(isType("azure-native:storage/v20230101preview:StorageAccount", "azure-native:storage:StorageAccount")).to.equal(true);
    expect(isType("azure-native:storage/v20230101:BlobServiceProperties", "azure-native:storage:StorageAccount")).to.equal(false);
    expect(isType("x:azure-native:storage/v1:StorageAccount", "azure-native:storage:StorageAccount")).to.equal(false);
    expect(isType("azure-native:keyvault:Vault", "azure-native:storage:StorageAccount")).to.equal(false);
  });

  it("reads nested values, stops at missing ones, and turns the engine's unknowns into UNKNOWN", () => {
    const props = proxied({ a: { b: "x", n: null }, u: WIRE.string });
    expect(read(props, "a.b")).to.equal("x");
    expect(read(props, "a.n.c")).to.equal(undefined);
    expect(read(props, "missing.c")).to.equal(undefined);
    expect(read(props, "u")).to.equal(UNKNOWN);
    expect(read(proxied({ a: WIRE.object }), "a.b")).to.equal(UNKNOWN);
  });

  it("reads the same through the values behind the engine's proxy as through the proxy, every sentinel included", () => {
    const sentinels = require("@pulumi/policy/proxy");
    const target = {
      a: { b: "x", n: null, zero: 0, f: false, list: ["p", WIRE.string], deep: { u: WIRE.number } },
      s: "text",
      asset: sentinels.unknownAssetValue,
      archive: sentinels.unknownArchiveValue,
      ...Object.fromEntries(Object.entries(WIRE).map(([k, v]) => [`u_${k}`, v])),
    };
    // The reference: every step through the proxy, an UnknownValueError meaning UNKNOWN (read's old path).
    const throughProxy = (path: string) => {
      let current: any = proxied(target);
      try {
        for (const key of path.split(".")) {
          if (current === undefined || current === null) return undefined;
          current = current[key];
        }
        return current;
      } catch (e) {
        if (e instanceof UnknownValueError) return UNKNOWN;
        throw e;
      }
    };
    const paths = ["a.b", "a.n", "a.n.c", "a.zero", "a.f", "a.list.0", "a.list.1", "a.list.1.x", "a.list.length", "a.deep.u", "a.deep.u.v", "s.length", "s.0", "asset", "archive", "missing", "missing.x"];
    for (const key of Object.keys(WIRE)) paths.push(`u_${key}`, `u_${key}.x`);
    for (const path of paths) expect(read(proxied(target), path), path).to.deep.equal(throughProxy(path));
  });

  it("answers a primitive or an unknown without the proxy, and an object through it, still checked", () => {
    let gets = 0;
    const target = { a: { b: "x", u: WIRE.string, o: { u: WIRE.string } } };
    // Stands in for the engine's proxy: answers the target key as @pulumi/policy's does, counts every other read.
    const engineProxy = (t: object): any =>
      new Proxy(t, {
        get: (obj: any, key) => {
          if (key === "__getSpecialProxyTarget") return obj;
          gets++;
          return typeof obj[key] === "object" && obj[key] !== null ? engineProxy(obj[key]) : obj[key];
        },
      });
    expect(read(engineProxy(target), "a.b")).to.equal("x");
    expect(read(engineProxy(target), "a.u")).to.equal(UNKNOWN);
    expect(read(engineProxy(target), "a.u.x")).to.equal(UNKNOWN);
    expect(read(engineProxy({ a: { n: null } }), "a.n")).to.equal(null);
    expect(read(engineProxy({ a: { n: null } }), "a.n.c")).to.equal(undefined);
    expect(gets).to.equal(0);
    const inner = read<Record<string, unknown>>(proxied(target), "a.o");
    expect(() => (inner as Record<string, unknown>).u).to.throw(UnknownValueError);
    expect(read(engineProxy(target), "a.o")).to.not.equal(target.a.o);
    expect(gets).to.be.greaterThan(0);
    // A plain object (no engine proxy) is read as it is: its sentinels are plain strings.
    expect(read({ a: { u: WIRE.string } }, "a.u")).to.equal(WIRE.string);
    expect(read({ a: { u: WIRE.string } }, "a.u.length")).to.equal(WIRE.string.length);
    expect(read({ a: { n: null } }, "a.n.c")).to.equal(undefined);
    expect(read({ a: { o: { b: 1 } } }, "a.o")).to.deep.equal({ b: 1 });
    // Nothing to read from.
    expect(read(null, "a")).to.equal(undefined);
    expect(read(undefined, "a.b")).to.equal(undefined);
    expect(read("text", "length")).to.equal(4);
  });

  it("reads tags as plain strings; unknown when the map or any value is unknown", () => {
    expect(readTags(proxied({ tags: { environment: "dev", n: 1 } }))).to.deep.equal({ environment: "dev" });
    expect(readTags(proxied({}))).to.deep.equal({});
    expect(readTags(proxied({ tags: "not a map" }))).to.deep.equal({});
    expect(readTags(proxied({ tags: WIRE.object }))).to.equal(UNKNOWN);
    expect(readTags(proxied({ tags: { environment: WIRE.string } }))).to.equal(UNKNOWN);
  });

  it("holds a resource to prod rules unless its environment tag says dev (any case)", () => {
    expect(isProd(proxied({ tags: { environment: "dev" } }))).to.equal(false);
    expect(isProd(proxied({ tags: { environment: "DEV" } }))).to.equal(false);
    expect(isProd(proxied({ tags: { environment: "prod" } }))).to.equal(true);
    expect(isProd(proxied({ tags: { environment: "development" } }))).to.equal(true);
    expect(isProd(proxied({}))).to.equal(true);
    expect(isProd(proxied({ tags: WIRE.object }))).to.equal(true);
  });

  it("finds a resource's Azure name and resource group from inputs or from output shapes", () => {
    expect(azureName(proxied({ accountName: "st1", name: "other" }), "accountName")).to.equal("st1");
    expect(azureName(proxied({ name: "st1" }), "accountName")).to.equal("st1");
    expect(azureName(proxied({ accountName: 3 }), "accountName")).to.equal(undefined);
    expect(resourceGroupOf(proxied({ resourceGroupName: "rg-a", id: "/subscriptions/s/resourceGroups/rg-b" }))).to.equal("rg-a");
    expect(resourceGroupOf(proxied({ id: "/subscriptions/s/resourceGroups/rg-b/providers/x/y/z" }))).to.equal("rg-b");
    expect(resourceGroupOf(proxied({ id: "/subscriptions/s" }))).to.equal(undefined);
    expect(resourceGroupOf(proxied({}))).to.equal(undefined);
  });

  it("shows values in messages", () => {
    expect(show(UNKNOWN)).to.equal("unknown until deployment");
    expect(show(undefined)).to.equal("not set");
    expect(show({ a: 1 })).to.equal('{"a":1}');
  });

  it("defers the first unknown read with the engine's own error, and nothing when there was none", () => {
    const none = new DeferredReads();
    expect(none.pending).to.equal(false);
    expect(() => none.settle()).to.not.throw();
    const props = proxied({ a: { b: WIRE.boolean }, c: WIRE.string });
    const d = new DeferredReads();
    d.add(props, "a.b");
    d.add(props, "c");
    expect(d.pending).to.equal(true);
    let error: unknown;
    try {
      d.settle();
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(UnknownValueError);
    expect((error as Error).message).to.equal("boolean value at .a.b can't be known during preview");
    // A path the proxy cannot re-read still defers, as an Object value.
    const plain = new DeferredReads();
    plain.add({ x: 1 }, "x.y");
    expect(() => plain.settle()).to.throw(UnknownValueError, "Object value at .x.y can't be known during preview");
  });
});
