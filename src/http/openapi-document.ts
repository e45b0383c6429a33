// The OpenAPI document as served at /openapi.json and written by `npm run openapi`: one function, so both agree.
// zod-to-openapi emits two shapes that lie to a standard JSON Schema validator, and this rewrites them:
// - `X.nullable()` of a registered schema becomes `allOf: [{$ref: X}, {type: ["object", "null"]}]`: allOf needs
//   both, and X rejects null, so null is never valid. We emit `anyOf: [{$ref: X}, {type: "null"}]`, which
//   openapi-typescript and @hey-api/openapi-ts both read as `X | null`.
// - `X.extend({...})` of a registered closed schema (`.strict()`, additionalProperties: false) becomes
//   `allOf: [{$ref: X}, {properties: {extra}}]`: X refuses `extra`, so no answer can validate. We merge the two into
//   one closed object that declares every field.
// Then every JSON request body without an example gets one built from its schema (./openapi-examples.ts).
// A ref beside a bare description (`allOf: [{$ref}, {description}]`) becomes `{$ref, description}`, which 3.1 allows.
import { withRequestExamples } from "./openapi-examples";

type Json = Record<string, unknown>;
type Doc = { components?: { schemas?: unknown } };

const isObj = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const refName = (s: Json) => (typeof s.$ref === "string" ? s.$ref.replace("#/components/schemas/", "") : null);
const isNullType = (t: unknown) => Array.isArray(t) && t.includes("null");

function rewrite(node: Json, schemas: Record<string, Json>): Json {
  const all = node.allOf;
  if (!Array.isArray(all) || all.length !== 2 || !isObj(all[0]) || !isObj(all[1]) || refName(all[0]) === null) return node;
  const [ref, extra] = all as [Json, Json];
  const { allOf: _, ...outer } = node;
  const keys = Object.keys(extra);
  // Nullable reference: the second member only widens the type to null (and may carry a description).
  if (isNullType(extra.type) && keys.every((k) => k === "type" || k === "description")) {
    const { type: _t, ...rest } = extra;
    return { ...outer, ...rest, anyOf: [ref, { type: "null" }] };
  }
  // A description (or example) beside a reference.
  if (keys.every((k) => k === "description" || k === "example")) return { ...outer, ...extra, ...ref };
  const base = schemas[refName(ref)!];
  if (base?.additionalProperties === false) {
    if (base.type !== "object" || !isObj(base.properties) || !isObj(extra.properties))
      throw new Error(`openapi: cannot merge allOf over closed schema ${refName(ref)}; make the zod schema a plain object`);
    const required = [...((base.required as string[]) ?? []), ...((extra.required as string[]) ?? [])];
    return {
      ...outer,
      type: "object",
      properties: { ...base.properties, ...extra.properties },
      ...(required.length ? { required: [...new Set(required)] } : {}),
      additionalProperties: false,
    };
  }
  return node;
}

function walk(node: unknown, schemas: Record<string, Json>): unknown {
  if (Array.isArray(node)) return node.map((n) => walk(n, schemas));
  if (!isObj(node)) return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node)) out[k] = walk(v, schemas);
  return rewrite(out, schemas);
}

const pass = <T extends Doc>(doc: T): T => walk(doc, (doc.components?.schemas ?? {}) as Record<string, Json>) as T;

/** Rewrites the shapes above everywhere in the document; the input is not changed. Twice: a merge copies the
 * closed base's properties as they were, and the second pass rewrites what they carry (e.g. a nullable Address). */
export const normalizeOpenApi = <T extends Doc>(doc: T): T => withRequestExamples(pass(pass(doc)));
