import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { notFound } from "../http/problem";
import { problemResponse } from "../http/errors";
import { loadOrder } from "../orders/store";
import { countAttempts } from "../order-lookup/rate-limit";
import { lookupAttempts } from "../order-lookup/limits";
import { returnPolicy } from "../return-policy/settings";
import { returnableLines, returnableView } from "./claims";
import { decideReturn } from "./decide";
import { requestReturn } from "./request";
import type * as routes from "./routes";
import { listReturns as list, showReturn } from "./store";
import { actor } from "../http/actor";


export const getReturnable: RouteHandler<typeof routes.getReturnable, AppEnv> = async (c) => {
  const order = await loadOrder(c.env.DB, { id: c.req.valid("param").id });
  if (!order) throw notFound("order_not_found", "No such order.");
  const lines = await returnableLines(c.env.DB, order.row, await returnPolicy(c.env.DB), Date.now());
  return c.json(returnableView(order.row, lines), 200);
};

export const createReturn: RouteHandler<typeof routes.createReturn, AppEnv> = async (c) =>
  c.json(await requestReturn(c.env, c.req.valid("param").id, c.req.valid("json"), { source: "staff", actor: actor(c) }), 201);

export const listReturns: RouteHandler<typeof routes.listReturns, AppEnv> = async (c) => c.json(await list(c.env.DB, c.req.valid("query")), 200);

export const getReturn: RouteHandler<typeof routes.getReturn, AppEnv> = async (c) => c.json(await showReturn(c.env.DB, c.req.valid("param").id), 200);

const decide =
  (action: "approve" | "cancel" | "close"): RouteHandler<typeof routes.approveReturn, AppEnv> =>
  async (c) => {
    const body = c.req.valid("json");
    return c.json(await decideReturn(c.env, c.req.valid("param").id, action, { actor: actor(c), note: body.note, expectedVersion: body.expected_version }), 200);
  };
export const approveReturn = decide("approve");
export const cancelReturn = decide("cancel");
export const closeReturn = decide("close");

export const declineReturn: RouteHandler<typeof routes.declineReturn, AppEnv> = async (c) => {
  const body = c.req.valid("json");
  return c.json(
    await decideReturn(c.env, c.req.valid("param").id, "decline", { actor: actor(c), note: body.note, declineReason: body.reason, expectedVersion: body.expected_version }),
    200,
  );
};

/** The shopper's proof: number and email, counted against the order lookup's own limits. */
async function shoppersOrder(c: Parameters<RouteHandler<typeof routes.shopperReturnable, AppEnv>>[0], number: number, email: string) {
  const limited = await countAttempts(c.env.DB, lookupAttempts(c.get("principal").id, c.req.header("cf-connecting-ip"), number));
  if (limited) return { limited };
  const row = await c.env.DB.prepare("SELECT id FROM orders WHERE number = ? AND email = ?").bind(number, email).first<{ id: string }>();
  if (!row) throw notFound("order_not_found", "No order has this number and email.");
  return { orderId: row.id };
}

export const shopperReturnable: RouteHandler<typeof routes.shopperReturnable, AppEnv> = async (c) => {
  const { number, email } = c.req.valid("json");
  const found = await shoppersOrder(c, number, email);
  if (found.limited) return problemResponse(c, found.limited.problem, { "retry-after": String(found.limited.retryAfterSeconds) }) as never;
  const order = (await loadOrder(c.env.DB, { id: found.orderId! }))!;
  const lines = await returnableLines(c.env.DB, order.row, await returnPolicy(c.env.DB), Date.now());
  return c.json(returnableView(order.row, lines), 200);
};

export const shopperRequestReturn: RouteHandler<typeof routes.shopperRequestReturn, AppEnv> = async (c) => {
  const { number, email, lines, note } = c.req.valid("json");
  const found = await shoppersOrder(c as never, number, email);
  if (found.limited) return problemResponse(c, found.limited.problem, { "retry-after": String(found.limited.retryAfterSeconds) }) as never;
  return c.json(await requestReturn(c.env, found.orderId!, { lines, note }, { source: "shopper", actor: "shopper" }), 201);
};
