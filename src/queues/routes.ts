import { createRoute, z } from "@hono/zod-openapi";
import { admin } from "../http/auth";
import { BoolQuery, commonProblems, json, page, PageQuery, problem } from "../http/openapi";

export const DeadLetter = z
  .object({
    id: z.string(),
    queue: z.string(),
    body: z.unknown(),
    error: z.string().nullable(),
    attempts: z.number().int(),
    created_at: z.number().int(),
    redriven_at: z.number().int().nullable(),
  })
  .openapi("DeadLetter");

const tags = ["Operations"];

export const listDeadLetters = createRoute({
  method: "get",
  path: "/v1/dead-letters",
  operationId: "listDeadLetters",
  tags,
  summary: "Jobs that failed every retry (or could not be read), newest first",
  description: "Needs `orders:read`.",
  middleware: [...admin("orders:read")],
  request: { query: PageQuery.extend({ open: BoolQuery.optional().openapi({ description: "true: only those not re-driven yet." }) }) },
  responses: { 200: json(page(DeadLetter, "DeadLetterPage"), "A page of dead letters."), ...commonProblems },
});

export const redriveDeadLetter = createRoute({
  method: "post",
  path: "/v1/dead-letters/{id}/redrive",
  operationId: "redriveDeadLetter",
  tags,
  summary: "Send a dead job back to its queue, after the cause is fixed",
  description: "Needs `orders:write`. The job keeps its id, so work it already did is not done twice.",
  middleware: [...admin("orders:write")],
  request: { params: z.object({ id: z.string().min(1).max(200) }) },
  responses: {
    200: json(DeadLetter, "The dead letter, marked as re-driven."),
    ...commonProblems,
    404: problem("dead_letter_not_found"),
    409: problem("already_redriven"),
    422: problem("not_redrivable: the message was never a job."),
  },
});
