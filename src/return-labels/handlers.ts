import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { problemResponse } from "../http/errors";
import { notFound } from "../http/problem";
import { lookupAttempts } from "../order-lookup/limits";
import { countAttempts } from "../order-lookup/rate-limit";
import { labelResponse, returnLabel } from "./label";
import type * as routes from "./routes";

export const getReturnLabel: RouteHandler<typeof routes.getReturnLabel, AppEnv> = async (c) =>
  (await labelResponse(c.env, await returnLabel(c.env, c.req.valid("param").id))) as never;

/** The shopper proves the order as for the lookup (number and email, counted against its limits), then names the RMA. */
export const shopperReturnLabel: RouteHandler<typeof routes.shopperReturnLabel, AppEnv> = async (c) => {
  const { number, email, rma } = c.req.valid("json");
  const limited = await countAttempts(c.env.DB, lookupAttempts(c.get("principal").id, c.req.header("cf-connecting-ip"), number));
  if (limited) return problemResponse(c, limited.problem, { "retry-after": String(limited.retryAfterSeconds) }) as never;
  const row = await c.env.DB.prepare(
    `SELECT o.id AS order_id, r.id AS return_id FROM orders o LEFT JOIN returns r ON r.order_id = o.id AND r.rma = ?3
     WHERE o.number = ?1 AND o.email = ?2`,
  )
    .bind(number, email, rma)
    .first<{ order_id: string; return_id: string | null }>();
  if (!row) throw notFound("order_not_found", "No order has this number and email.");
  if (!row.return_id) throw notFound("return_not_found", `Order #${number} has no return ${rma}.`);
  return (await labelResponse(c.env, await returnLabel(c.env, row.return_id))) as never;
};
