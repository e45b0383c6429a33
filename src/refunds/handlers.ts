import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { notFound } from "../http/problem";
import { issueRefund } from "./issue";
import { planOrderRefund, planReturnRefund } from "./plan";
import { retryRefund as retry } from "./retry";
import type * as routes from "./routes";
import { refundsOfOrder, showRefund } from "./store";
import { actor } from "../http/actor";


export const calculateReturnRefund: RouteHandler<typeof routes.calculateReturnRefund, AppEnv> = async (c) => {
  const plan = await planReturnRefund(c.env.DB, c.req.valid("param").id, c.req.valid("json"));
  const f = plan.figures;
  return c.json({ return_id: plan.ret!.row.id, order_id: plan.order.row.id, currency: plan.order.row.currency, ...f, within_captured: f.total <= f.max_refundable }, 200);
};

export const processReturnRefund: RouteHandler<typeof routes.processReturnRefund, AppEnv> = async (c) => {
  const body = c.req.valid("json");
  const plan = await planReturnRefund(c.env.DB, c.req.valid("param").id, body);
  return c.json(await issueRefund(c.env, plan, { kind: "return", actor: actor(c), reason: body.reason, note: body.note, storeCreditExpiresAt: body.store_credit_expires_at }), 201);
};

export const createOrderRefund: RouteHandler<typeof routes.createOrderRefund, AppEnv> = async (c) => {
  const body = c.req.valid("json");
  const plan = await planOrderRefund(c.env.DB, c.req.valid("param").id, body);
  return c.json(await issueRefund(c.env, plan, { kind: body.kind, actor: actor(c), reason: body.reason, note: body.note, storeCreditExpiresAt: body.store_credit_expires_at }), 201);
};

export const listOrderRefunds: RouteHandler<typeof routes.listOrderRefunds, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  if (!(await c.env.DB.prepare("SELECT 1 FROM orders WHERE id = ?").bind(id).first())) throw notFound("order_not_found", `No order ${id}.`);
  return c.json({ data: await refundsOfOrder(c.env.DB, id) }, 200);
};

export const getRefund: RouteHandler<typeof routes.getRefund, AppEnv> = async (c) => c.json(await showRefund(c.env.DB, c.req.valid("param").id), 200);

export const retryRefund: RouteHandler<typeof routes.retryRefund, AppEnv> = async (c) => {
  const body = c.req.valid("json");
  return c.json(await retry(c.env, c.req.valid("param").id, body.to, actor(c), body.store_credit_expires_at), 200);
};
