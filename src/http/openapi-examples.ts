// An example for every JSON request body in the document, built from its schema: a field's own `example` where the
// zod schema gives one (`.openapi({ example })`), its default, its first enum value, else a plain value of its type
// within its bounds. Only required fields and fields with an example are filled, so each example is a small request
// that would be accepted as far as the schema can tell. Redocly's no-invalid-media-type-examples (in `npm test`)
// checks each one against its schema; a field whose pattern a plain value cannot meet needs an `example` in zod.
type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

function plainString(s: Json): string {
  if (s.format === "email") return "ada@example.com";
  if (s.format === "date-time") return "2026-01-31T12:00:00Z";
  if (s.format === "date") return "2026-01-31";
  if (s.format === "uri" || s.format === "url") return "https://shop.example.com/hooks/oms";
  const min = typeof s.minLength === "number" ? s.minLength : 1;
  const max = typeof s.maxLength === "number" ? s.maxLength : 64;
  return "example".padEnd(min, "x").slice(0, Math.max(min, Math.min(max, 7)));
}

function plainNumber(s: Json): number {
  const min = typeof s.minimum === "number" ? s.minimum : typeof s.exclusiveMinimum === "number" ? s.exclusiveMinimum + 1 : 1;
  const max = typeof s.maximum === "number" ? s.maximum : Number.MAX_SAFE_INTEGER;
  return Math.min(Math.max(1, min), max);
}

export function exampleOf(schema: unknown, schemas: Record<string, Json>, depth = 0): unknown {
  if (!isObj(schema) || depth > 12) return undefined;
  if ("example" in schema) return schema.example;
  if (Array.isArray(schema.examples) && schema.examples.length) return schema.examples[0];
  if (typeof schema.$ref === "string") return exampleOf(schemas[schema.$ref.replace("#/components/schemas/", "")], schemas, depth + 1);
  if ("const" in schema) return schema.const;
  if ("default" in schema) return schema.default;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  for (const key of ["oneOf", "anyOf"] as const) {
    const options = schema[key];
    if (Array.isArray(options)) return exampleOf(options.find((o) => !(isObj(o) && o.type === "null")), schemas, depth + 1);
  }
  if (Array.isArray(schema.allOf)) return Object.assign({}, ...schema.allOf.map((s) => exampleOf(s, schemas, depth + 1)));
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  if (type === "object" || isObj(schema.properties)) {
    const required = new Set((schema.required as string[]) ?? []);
    const out: Json = {};
    for (const [name, prop] of Object.entries((schema.properties as Record<string, Json>) ?? {}))
      if (required.has(name) || (isObj(prop) && "example" in prop)) out[name] = exampleOf(prop, schemas, depth + 1);
    return out;
  }
  if (type === "array") {
    const n = typeof schema.minItems === "number" ? Math.max(1, schema.minItems) : 1;
    return Array.from({ length: n }, () => exampleOf(schema.items, schemas, depth + 1));
  }
  if (type === "string") return plainString(schema);
  if (type === "integer" || type === "number") return plainNumber(schema);
  if (type === "boolean") return false;
  return undefined;
}

/** Adds `example` to each JSON request body that has none; the document passed in is changed and returned. */
export function withRequestExamples<T extends object>(doc: T): T {
  const d = doc as { paths?: Record<string, Record<string, Json>>; components?: { schemas?: Record<string, Json> } };
  const schemas = d.components?.schemas ?? {};
  for (const item of Object.values(d.paths ?? {}))
    for (const operation of Object.values(item)) {
      const content = isObj(operation) && isObj(operation.requestBody) ? (operation.requestBody.content as Record<string, Json>) : undefined;
      for (const [type, media] of Object.entries(content ?? {}))
        if (type.endsWith("json") && !("example" in media) && !("examples" in media)) {
          const example = exampleOf(media.schema, schemas);
          if (example !== undefined) media.example = example;
        }
    }
  return doc;
}
