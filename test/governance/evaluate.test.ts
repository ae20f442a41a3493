import { expect } from "chai";
import { ArmResource } from "../../governance/arm";
import { EvaluationContext, PolicyLanguageError, UnknownValueError, evaluateCondition, resolveValue } from "../../governance/evaluate";
import { UnmappedAliasError } from "../../governance/aliases";

const WS = "Microsoft.MachineLearningServices/workspaces";
const PNA = `${WS}/publicNetworkAccess`;
const workspace = (properties: Record<string, unknown>, extra: Partial<ArmResource> = {}): ArmResource => ({ type: WS, name: "mlw", kind: "Default", location: "westeurope", properties, ...extra });
const ctx = (resource: ArmResource, parameters: Record<string, unknown> = {}): EvaluationContext => ({ resource, parameters });
const holds = (condition: unknown, resource = workspace({ publicNetworkAccess: "Enabled" }), parameters: Record<string, unknown> = {}) => evaluateCondition(condition, ctx(resource, parameters));

describe("governance/evaluate: the policy language subset", () => {
  describe("field conditions and operators", () => {
    it("equals / notEquals compare strings case-insensitively; an absent field equals nothing", () => {
      expect(holds({ field: "type", equals: "microsoft.machinelearningservices/WORKSPACES" })).to.equal(true);
      expect(holds({ field: PNA, equals: "enabled" })).to.equal(true);
      expect(holds({ field: PNA, equals: "Disabled" })).to.equal(false);
      expect(holds({ field: PNA, notEquals: "Disabled" })).to.equal(true);
      expect(holds({ field: PNA, notEquals: "ENABLED" })).to.equal(false);
      expect(holds({ field: PNA, equals: "Enabled" }, workspace({}))).to.equal(false);
      expect(holds({ field: PNA, notEquals: "Enabled" }, workspace({}))).to.equal(true);
    });
    it("compares booleans with booleans and with 'true' / 'false' strings, numbers with numbers, objects structurally", () => {
      const c = { type: "Microsoft.MachineLearningServices/workspaces/computes", properties: { disableLocalAuth: true } };
      const f = "Microsoft.MachineLearningServices/workspaces/computes/disableLocalAuth";
      expect(holds({ field: f, notEquals: true }, c)).to.equal(false);
      expect(holds({ field: f, equals: "True" }, c)).to.equal(true);
      expect(holds({ field: f, equals: false }, c)).to.equal(false);
      expect(holds({ field: f, equals: "yes" }, c)).to.equal(false);
      expect(holds({ field: f, notEquals: true }, { ...c, properties: { disableLocalAuth: "false" } })).to.equal(true);
      expect(holds({ value: 3, equals: 3 })).to.equal(true);
      expect(holds({ value: 3, equals: 4 })).to.equal(false);
      expect(holds({ value: 3, equals: "3" })).to.equal(false);
      expect(holds({ value: ["a"], equals: ["a"] })).to.equal(true);
      expect(holds({ value: ["a"], equals: ["b"] })).to.equal(false);
      expect(holds({ value: "3", equals: 3 })).to.equal(false);
      expect(holds({ value: "xtrue", equals: true })).to.equal(false);
      expect(holds({ value: "truex", equals: true })).to.equal(false);
      expect(holds({ value: "xtrue", equals: false })).to.equal(false);
      expect(holds({ value: "truex", equals: false })).to.equal(false);
      expect(holds({ value: ["true"], equals: true })).to.equal(false);
      expect(holds({ value: "FALSE", equals: false })).to.equal(true);
      expect(holds({ value: null, equals: null })).to.equal(true);
      expect(holds({ field: PNA, equals: null }, workspace({}))).to.equal(false);
    });
    it("in / notIn need an array and match case-insensitively; absent is in nothing", () => {
      expect(holds({ field: PNA, in: ["disabled", "enabled"] })).to.equal(true);
      expect(holds({ field: PNA, in: ["Disabled"] })).to.equal(false);
      expect(holds({ field: PNA, notIn: ["Disabled"] })).to.equal(true);
      expect(holds({ field: PNA, notIn: ["ENABLED"] })).to.equal(false);
      expect(holds({ field: PNA, notIn: ["Disabled", "Enabled"] })).to.equal(false);
      expect(holds({ field: PNA, in: ["Enabled"] }, workspace({}))).to.equal(false);
      expect(holds({ field: PNA, notIn: ["Enabled"] }, workspace({}))).to.equal(true);
      expect(() => holds({ field: PNA, in: "Enabled" })).to.throw(PolicyLanguageError, "in needs an array");
      expect(() => holds({ field: PNA, notIn: "Enabled" })).to.throw(PolicyLanguageError, "notIn needs an array");
    });
    it("exists takes a boolean or its string; null reads as absent", () => {
      expect(holds({ field: PNA, exists: true })).to.equal(true);
      expect(holds({ field: PNA, exists: "false" })).to.equal(false);
      expect(holds({ field: PNA, exists: false }, workspace({}))).to.equal(true);
      expect(holds({ field: PNA, exists: "true" }, workspace({ publicNetworkAccess: null }))).to.equal(false);
      expect(() => holds({ field: PNA, exists: "maybe" })).to.throw(PolicyLanguageError, "exists takes true or false");
    });
    it("less / lessOrEquals / greater / greaterOrEquals order numbers and strings; absent is never ordered", () => {
      expect(holds({ value: 0, less: 1 })).to.equal(true);
      expect(holds({ value: 1, less: 1 })).to.equal(false);
      expect(holds({ value: 1, lessOrEquals: 1 })).to.equal(true);
      expect(holds({ value: 2, lessOrEquals: 1 })).to.equal(false);
      expect(holds({ value: 2, greater: 1 })).to.equal(true);
      expect(holds({ value: 1, greater: 1 })).to.equal(false);
      expect(holds({ value: 1, greaterOrEquals: 1 })).to.equal(true);
      expect(holds({ value: 0, greaterOrEquals: 1 })).to.equal(false);
      expect(holds({ value: "b", greater: "A" })).to.equal(true);
      expect(holds({ value: "a", less: "B" })).to.equal(true);
      expect(holds({ value: "B", lessOrEquals: "b" })).to.equal(true);
      expect(holds({ value: "B", greater: "b" })).to.equal(false);
      for (const op of ["less", "lessOrEquals", "greater", "greaterOrEquals"]) expect(holds({ field: PNA, [op]: "x" }, workspace({})), op).to.equal(false);
      expect(holds({ value: "B", less: "b" })).to.equal(false);
      expect(() => holds({ value: 1, less: "2" })).to.throw(PolicyLanguageError, 'less compares numbers or strings, got 1 and "2"');
      expect(() => holds({ value: "a", less: 1 })).to.throw(PolicyLanguageError, 'less compares numbers or strings, got "a" and 1');
      expect(() => holds({ value: 1, lessOrEquals: "2" })).to.throw(PolicyLanguageError, "lessOrEquals compares");
      expect(() => holds({ value: 1, greater: "2" })).to.throw(PolicyLanguageError, "greater compares");
      expect(() => holds({ value: 1, greaterOrEquals: "2" })).to.throw(PolicyLanguageError, "greaterOrEquals compares");
    });
    it("like / notLike match * wildcards case-insensitively and treat other characters literally", () => {
      expect(holds({ field: "name", like: "ML*" })).to.equal(true);
      expect(holds({ field: "name", like: "m.w" })).to.equal(false);
      expect(holds({ field: "name", like: "*x*" })).to.equal(false);
      expect(holds({ field: "name", notLike: "x*" })).to.equal(true);
      expect(holds({ field: "name", notLike: "mlw" })).to.equal(false);
      expect(holds({ value: 3, like: "*" })).to.equal(false);
      expect(holds({ field: "name", like: 3 })).to.equal(false);
      expect(holds({ field: "name", like: "a.b+(c)" }, workspace({}, { name: "a.b+(c)" }))).to.equal(true);
    });
    it("reads the top-level fields (type, name, kind, location, identity.type)", () => {
      const r = workspace({}, { identity: { type: "SystemAssigned" } });
      expect(holds({ field: "kind", equals: "default" }, r)).to.equal(true);
      expect(holds({ field: "location", equals: "WestEurope" }, r)).to.equal(true);
      expect(holds({ field: "identity.type", equals: "SystemAssigned" }, r)).to.equal(true);
      expect(holds({ field: "identity.type", exists: false }, workspace({}))).to.equal(true);
    });
  });

  describe("logical operators", () => {
    const yes = { field: PNA, equals: "Enabled" };
    const no = { field: PNA, equals: "Disabled" };
    it("allOf, anyOf and not", () => {
      expect(holds({ allOf: [yes, yes] })).to.equal(true);
      expect(holds({ allOf: [yes, no] })).to.equal(false);
      expect(holds({ anyOf: [no, yes] })).to.equal(true);
      expect(holds({ anyOf: [no, no] })).to.equal(false);
      expect(holds({ not: no })).to.equal(true);
      expect(holds({ not: yes })).to.equal(false);
    });
    it("short-circuits as Azure does: a later unmapped alias is not read once the result is decided", () => {
      expect(holds({ allOf: [no, { field: "Microsoft.Foo/bars/baz", equals: 1 }] })).to.equal(false);
      expect(holds({ anyOf: [yes, { field: "Microsoft.Foo/bars/baz", equals: 1 }] })).to.equal(true);
    });
    it("rejects malformed logical conditions", () => {
      expect(() => holds({ allOf: [yes], anyOf: [yes] })).to.throw(PolicyLanguageError, "allOf takes no sibling keys");
      expect(() => holds({ anyOf: [yes], field: "type" })).to.throw(PolicyLanguageError, "anyOf takes no sibling keys");
      expect(() => holds({ not: yes, value: 1 })).to.throw(PolicyLanguageError, "not takes no sibling keys");
      expect(() => holds({ allOf: yes })).to.throw(PolicyLanguageError, "allOf needs an array");
      expect(() => holds({ anyOf: yes })).to.throw(PolicyLanguageError, "anyOf needs an array");
      expect(() => holds([yes])).to.throw(PolicyLanguageError, "a condition must be an object");
      expect(() => holds("x")).to.throw(PolicyLanguageError, 'a condition must be an object, got "x"');
      expect(() => holds({ allOf: [yes], anyOf: [yes] })).to.throw(PolicyLanguageError, "allOf takes no sibling keys, got allOf, anyOf");
      expect(() => holds(null)).to.throw(PolicyLanguageError, "a condition must be an object");
    });
    it("reports what it does not implement instead of guessing: count, unknown operators, two operators", () => {
      expect(() => holds({ count: { field: `${WS}/privateEndpointConnections[*]` }, less: 1 })).to.throw(PolicyLanguageError, "unsupported condition with keys count, less");
      expect(() => holds({ field: PNA, containsKey: "x" })).to.throw(PolicyLanguageError, "unsupported operator");
      expect(() => holds({ field: PNA, equals: "a", notEquals: "b" })).to.throw(PolicyLanguageError, "unsupported operator in condition with keys field, equals, notEquals");
      expect(() => holds({ field: PNA })).to.throw(PolicyLanguageError, "unsupported operator");
    });
  });

  describe("aliases", () => {
    it("an alias not mapped is reported, whatever the resource", () => {
      expect(() => holds({ field: `${WS}/hbiWorkspace`, exists: false })).to.throw(UnmappedAliasError, `alias ${WS}/hbiWorkspace is not mapped`);
    });
    it("an alias of another resource type reads as absent (aliases match case-insensitively)", () => {
      expect(holds({ field: "Microsoft.MachineLearningServices/workspaces/computes/disableLocalAuth", exists: false })).to.equal(true);
      expect(holds({ field: "microsoft.machinelearningservices/workspaces/PUBLICNETWORKACCESS", equals: "Enabled" })).to.equal(true);
    });
    it("maps managedNetwork.isolationMode and idleTimeBeforeShutdown to the nested request properties", () => {
      expect(holds({ field: `${WS}/managedNetwork.isolationMode`, equals: "AllowOnlyApprovedOutbound" }, workspace({ managedNetwork: { isolationMode: "AllowOnlyApprovedOutbound" } }))).to.equal(true);
      expect(holds({ field: `${WS}/managedNetwork.isolationMode`, exists: true }, workspace({ managedNetwork: "x" }))).to.equal(false);
      const ci = { type: `${WS}/computes`, properties: { computeType: "ComputeInstance", properties: { idleTimeBeforeShutdown: "PT30M" } } };
      expect(holds({ field: `${WS}/computes/idleTimeBeforeShutdown`, equals: "PT30M" }, ci)).to.equal(true);
      expect(holds({ field: `${WS}/computes/computeType`, equals: "ComputeInstance" }, ci)).to.equal(true);
      expect(holds({ field: `${WS}/managedNetwork.isolationMode`, exists: false }, workspace({ managedNetwork: null }))).to.equal(true);
      expect(holds({ field: PNA, exists: false }, { ...ci, properties: { publicNetworkAccess: "Enabled" } })).to.equal(true);
    });
    it("a value unknown until the update is reported, not compared", () => {
      expect(() => holds({ field: PNA, equals: "Disabled" }, workspace({ publicNetworkAccess: "[unknown]" }))).to.throw(UnknownValueError, `${PNA} is unknown until the update`);
      const custom: EvaluationContext = { resource: workspace({ publicNetworkAccess: "?" }), parameters: {}, isUnknown: (v) => v === "?" };
      expect(() => evaluateCondition({ field: PNA, equals: "x" }, custom)).to.throw(UnknownValueError);
    });
  });

  describe("template expressions", () => {
    const c = ctx(workspace({ publicNetworkAccess: "Enabled" }), { effect: "Deny", list: ["a", "b"], empty: [] });
    it("resolves parameters(), field(), empty(), length() and nests them", () => {
      expect(resolveValue("[parameters('effect')]", c)).to.equal("Deny");
      expect(resolveValue("[ parameters( 'effect' ) ]", c)).to.equal("Deny");
      expect(resolveValue(`[field('${PNA}')]`, c)).to.equal("Enabled");
      expect(resolveValue("[length(parameters('list'))]", c)).to.equal(2);
      expect(resolveValue("[length('abc')]", c)).to.equal(3);
      expect(resolveValue("[length(field('tags'))]", ctx(workspace({}, { tags: { a: "1" } })))).to.equal(1);
      expect(resolveValue("[empty(parameters('empty'))]", c)).to.equal(true);
      expect(resolveValue("[empty(parameters('list'))]", c)).to.equal(false);
      expect(resolveValue("[empty('')]", c)).to.equal(true);
      expect(resolveValue("[empty('x')]", c)).to.equal(false);
      expect(resolveValue("[empty(field('kind'))]", ctx(workspace({}, { kind: undefined })))).to.equal(true);
      expect(resolveValue("[empty(field('tags'))]", ctx(workspace({}, { tags: {} })))).to.equal(true);
      expect(resolveValue("[empty(field('tags'))]", ctx(workspace({}, { tags: { a: "1" } })))).to.equal(false);
      expect(resolveValue("[empty(length('ab'))]", c)).to.equal(false);
      expect(resolveValue("[empty(parameters('nothing'))]", ctx(workspace({}), { nothing: null }))).to.equal(true);
    });
    it("keeps literals, and `[[` as an escaped literal bracket", () => {
      expect(resolveValue("Deny", c)).to.equal("Deny");
      expect(resolveValue(true, c)).to.equal(true);
      expect(resolveValue("[[not an expression]", c)).to.equal("[not an expression]");
      expect(resolveValue("[x", c)).to.equal("[x");
      expect(resolveValue("x]", c)).to.equal("x]");
      expect(resolveValue("[length('it''s')]", c)).to.equal(4);
      expect(() => resolveValue("[length(-12)]", c)).to.throw(PolicyLanguageError, "length() of -12");
    });
    it("reports unsupported functions and malformed expressions", () => {
      expect(() => resolveValue("[concat('a', 'b')]", c)).to.throw(PolicyLanguageError, "template function concat() is not supported");
      expect(() => resolveValue("[parameters('nope')]", c)).to.throw(PolicyLanguageError, "parameter 'nope' has no value");
      expect(() => resolveValue("[parameters('a', 'b')]", c)).to.throw(PolicyLanguageError, "parameters() takes one argument, got 2");
      expect(() => resolveValue("[parameters('effect'))]", c)).to.throw(PolicyLanguageError, "unexpected text after the expression");
      expect(() => resolveValue("[parameters('effect]", c)).to.throw(PolicyLanguageError, "unterminated string");
      expect(() => resolveValue("[parameters('effect' 'x')]", c)).to.throw(PolicyLanguageError, "expected , or )");
      expect(() => resolveValue("[parameters]", c)).to.throw(PolicyLanguageError, "cannot parse");
      expect(() => resolveValue("[parameters 'effect')]", c)).to.throw(PolicyLanguageError, "cannot parse [parameters 'effect')] at 0");
      expect(() => resolveValue("[(x)]", c)).to.throw(PolicyLanguageError, "cannot parse [(x)] at 0");
      expect(() => resolveValue("[length(12)]", c)).to.throw(PolicyLanguageError, "length() of 12");
      expect(() => resolveValue("[length(parameters('missing'))]", ctx(workspace({}), { missing: null }))).to.throw(PolicyLanguageError, "length() of null");
    });
  });
});
