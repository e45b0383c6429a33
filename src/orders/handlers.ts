import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import * as payments from "./payments";
import type { addOrderNote, capturePayment, confirmPayment, getOrder, listOrders, setOrderTags, voidPayment } from "./routes";
import { orderDetailOr404 } from "./detail";
import { searchOrders } from "./search";
import * as annotations from "./tags-notes";
import { actor } from "../http/actor";


export const get: RouteHandler<typeof getOrder, AppEnv> = async (c) => c.json(await orderDetailOr404(c.env.DB, c.req.valid("param").id), 200);

export const list: RouteHandler<typeof listOrders, AppEnv> = async (c) => c.json(await searchOrders(c.env.DB, c.req.valid("query")), 200);

export const setTags: RouteHandler<typeof setOrderTags, AppEnv> = async (c) => {
  const { tags, expected_version } = c.req.valid("json");
  return c.json(await annotations.setTags(c.env.DB, actor(c), c.req.valid("param").id, tags, expected_version), 200);
};

export const addNote: RouteHandler<typeof addOrderNote, AppEnv> = async (c) => {
  const { body, expected_version } = c.req.valid("json");
  return c.json(await annotations.addNote(c.env.DB, actor(c), c.req.valid("param").id, body, expected_version), 201);
};

export const confirm: RouteHandler<typeof confirmPayment, AppEnv> = async (c) =>
  c.json(await payments.confirmPayment(c.env, actor(c), c.req.valid("param").id, c.req.valid("json")), 200);

export const capture: RouteHandler<typeof capturePayment, AppEnv> = async (c) =>
  c.json(await payments.capturePayment(c.env, actor(c), c.req.valid("param").id, c.req.valid("json")), 200);

export const voidIt: RouteHandler<typeof voidPayment, AppEnv> = async (c) =>
  c.json(await payments.voidPayment(c.env, actor(c), c.req.valid("param").id, c.req.valid("json")), 200);
