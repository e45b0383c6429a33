import { createRoute, z } from "@hono/zod-openapi";
import { createRouter } from "./router";
import { json, problem } from "./openapi";

const health = createRoute({
  method: "get",
  path: "/health",
  operationId: "getHealth",
  tags: ["System"],
  summary: "Liveness: answers without touching storage (the benchmark baseline).",
  security: [],
  responses: {
    200: json(z.object({ status: z.literal("ok") }).openapi("Health"), "The worker is up."),
    // The body limit guards every route, this one too.
    413: problem("The body is too large."),
  },
});

export const healthRoutes = createRouter().openapi(health, (c) => c.json({ status: "ok" as const }, 200));
