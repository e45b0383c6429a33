// An openapi-fetch middleware that holds every answer to the contract: it finds the operation (method + path
// template), the response declared for the status (or `default`) and, for a JSON body, checks it against the
// declared schema with @cfworker/json-schema (JSON Schema 2020-12, which OpenAPI 3.1 uses; it runs inside workerd,
// where ajv cannot, since ajv compiles with `new Function`). A mismatch throws, so the call that got it fails.
import { dereference, type OutputUnit, type Schema, validate } from "@cfworker/json-schema";
import type { Middleware } from "openapi-fetch";

type Content = Record<string, { schema?: Schema }>;
type Operation = { operationId?: string; responses?: Record<string, { content?: Content }> };
type Paths = { paths?: Record<string, Record<string, Operation>> };
/** An OpenAPI 3.1 document as parsed JSON (openapi/openapi.json); read only through the fields above. */
export type OpenApiDocument = object;

// The whole document is registered under this id, so `#/components/schemas/…` refs resolve inside it.
const DOCUMENT_ID = "https://edge-oms.invalid/openapi.json";
const METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

export interface CheckOptions {
  /** Called once per answered request with "METHOD /path/{template}", e.g. to record which operations were called. */
  onOperation?: (operation: string) => void;
}

/** Every operation in the document, as "METHOD /path/{template}". */
export const operationsOf = (document: OpenApiDocument) =>
  Object.entries((document as Paths).paths ?? {}).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((m) => METHODS.includes(m))
      .map((m) => `${m.toUpperCase()} ${path}`),
  );

const describe = (errors: OutputUnit[]) =>
  // The deepest errors say what is wrong; the outer ones only repeat "anyOf/properties failed".
  errors
    .filter((e) => !errors.some((d) => d.keywordLocation.startsWith(`${e.keywordLocation}/`) && d.instanceLocation.startsWith(e.instanceLocation)))
    .slice(0, 12)
    .map((e) => `${e.instanceLocation}: ${e.error} (${e.keywordLocation})`)
    .join("\n  ");

// Indexing a large document takes long, and a test makes many clients: one index per document.
const indexed = new WeakMap<OpenApiDocument, { doc: Paths & Schema; lookup: Record<string, Schema | boolean> }>();
function indexOf(document: OpenApiDocument) {
  let entry = indexed.get(document);
  if (!entry) {
    // A copy: dereference marks every schema object it indexes.
    const doc = structuredClone({ ...document, $id: DOCUMENT_ID }) as Paths & Schema;
    entry = { doc, lookup: dereference(doc) };
    indexed.set(document, entry);
  }
  return entry;
}

export function answersMatchSpec(document: OpenApiDocument, options: CheckOptions = {}): Middleware {
  const { doc, lookup } = indexOf(document);
  return {
    async onResponse({ request, response, schemaPath }) {
      const method = request.method.toLowerCase();
      const operation = doc.paths?.[schemaPath]?.[method];
      const name = `${request.method} ${schemaPath}`;
      if (!operation) throw new Error(`${name}: no such operation in the OpenAPI document`);
      options.onOperation?.(name);
      const label = `${operation.operationId ?? name} (${name}) answered ${response.status}`;
      const responses = operation.responses ?? {};
      const status = String(response.status);
      const declared = responses[status] ?? responses[`${status[0]}XX`] ?? responses.default;
      if (!declared) throw new Error(`${label}, a status the document does not declare (declared: ${Object.keys(responses).join(", ")})`);
      const type = (response.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
      if (!type.endsWith("json")) return undefined;
      const media = declared.content?.[type];
      if (!media) throw new Error(`${label} with ${type}, which the document does not declare for it (declared: ${Object.keys(declared.content ?? {}).join(", ") || "no body"})`);
      const text = await response.clone().text();
      if (!text || !media.schema) return undefined;
      const result = validate(JSON.parse(text), media.schema, "2020-12", lookup, false);
      if (!result.valid) throw new Error(`${label}: the body does not match its schema:\n  ${describe(result.errors)}\nbody: ${text.slice(0, 2000)}`);
      return undefined;
    },
  };
}
