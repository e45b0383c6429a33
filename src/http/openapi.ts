// Small helpers so a route definition reads like the contract it is.
import { z } from "@hono/zod-openapi";

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string().openapi({ description: "Stable, machine-readable error code." }),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .passthrough()
  .openapi("Problem", { description: "RFC 9457 problem details." });

export const jsonBody = <T extends z.ZodType>(schema: T, description = "Request body") => ({
  required: true,
  description,
  content: { "application/json": { schema } },
});

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

export const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: ProblemSchema } },
});

/** The problems any authenticated route can answer, added to every route's responses. */
export const commonProblems = {
  400: problem("The request is not valid (validation_failed, malformed_json)."),
  401: problem("Missing or unknown API key."),
  403: problem("The key lacks the scope this route needs."),
  413: problem("The body is too large."),
} as const;

export const IdempotencyHeader = z.object({
  "idempotency-key": z
    .string()
    .min(1)
    .max(255)
    .openapi({ description: "Unique per intended operation; a retry with the same key and body replays the first answer." }),
});

export const OptionalIdempotencyHeader = z.object({ "idempotency-key": IdempotencyHeader.shape["idempotency-key"].optional() });

// Query strings carry text: z.coerce.boolean() would read "false" as true.
export const BoolQuery = z.enum(["true", "false"]).transform((v) => v === "true");

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50).openapi({ description: "Page size, 1 to 200." }),
  cursor: z.string().max(200).optional().openapi({ description: "The `next_cursor` of the previous page." }),
});

export const page = <T extends z.ZodType>(item: T, name: string) =>
  z.object({ data: z.array(item), next_cursor: z.string().nullable() }).openapi(name);
