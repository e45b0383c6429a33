// The order page's actions: each posts to the matching API route as the signed-in staff member, then back to the
// order with the outcome (the API's own refusal message when it refuses).
import { Hono, type Context } from "hono";
import { normalizeTag } from "../../domain/tags";
import type { OrderDetailView } from "../../orders/schemas";
import { api, type ApiResult } from "../shell/api";
import type { DashEnv } from "../shell/env";
import { answer, readForm } from "../shell/form";
import { screen } from "../shell/guard";

type Form = Awaited<ReturnType<typeof readForm>>;

export const actionRoutes = new Hono<DashEnv>();

const orderPath = (c: Context) => `/v1/orders/${encodeURIComponent(c.req.param("id")!)}`;
const pageOf = (c: Context) => `/admin/orders/${encodeURIComponent(c.req.param("id")!)}`;

/** The version the page showed, when it sent one. */
const shownVersion = (form: Form) => {
  const v = Number(form.one("version"));
  return Number.isInteger(v) && v > 0 ? { expected_version: v } : {};
};
const optional = (form: Form, name: string) => (form.one(name) ? { [name]: form.one(name) } : {});

/** "12.50" → 1250; blank: not given; anything else is sent as null, so the API names the field it refuses. */
const minor = (typed: string) => {
  if (!typed) return undefined;
  const n = Number(typed.replace(",", "."));
  return Number.isFinite(n) ? Math.round(n * 100) : null;
};

function post(c: Context<DashEnv>, what: string, body: unknown, form: Form) {
  return api(c, "POST", `${orderPath(c)}/${what}`, { body, idempotencyKey: form.idem });
}

const route = (what: string, act: (c: Context<DashEnv>, form: Form) => Promise<ApiResult<unknown>>, done: string) =>
  actionRoutes.post(`/orders/:id/${what}`, screen("orders"), async (c) => {
    const form = await readForm(c);
    return answer(c, await act(c, form), pageOf(c), done);
  });

route("hold", (c, f) => post(c, "hold", { kind: f.one("kind") || "manual", ...optional(f, "reason"), ...shownVersion(f) }, f), "Order put on hold.");
route("release", (c, f) => post(c, "release", { ...optional(f, "note"), ...shownVersion(f) }, f), "Hold released.");
route("cancel", (c, f) => post(c, "cancel", { reason: f.one("reason"), ...shownVersion(f) }, f), "Order cancelled.");
route(
  "cancel-line",
  (c, f) => post(c, "cancel", { reason: f.one("reason"), lines: [{ line_id: f.one("line_id"), quantity: Number(f.one("quantity")) || null }], ...shownVersion(f) }, f),
  "Units cancelled.",
);
route(
  "capture",
  (c, f) => {
    const amount = minor(f.one("amount"));
    return post(c, "capture", { reference: f.one("reference"), ...(amount === undefined ? {} : { amount }) }, f);
  },
  "Capture recorded.",
);
route("void", (c, f) => post(c, "void", { ...optional(f, "reason") }, f), "Authorization voided; the order is cancelled.");

/** Tags are replaced as a whole: the change is made on the order as it is now, at the version the page showed. */
route(
  "tags",
  async (c, f) => {
    const got = await api<OrderDetailView>(c, "GET", orderPath(c));
    if (!got.ok) return got;
    const tag = f.one("tag");
    const tags = f.one("change") === "remove" ? got.data.tags.filter((t) => t !== normalizeTag(tag)) : [...got.data.tags, tag];
    return api(c, "PUT", `${orderPath(c)}/tags`, { body: { tags, expected_version: shownVersion(f).expected_version ?? got.data.version } });
  },
  "Tags saved.",
);

/** Routes that require a version: the page's, or (a form without one) the order's as it is now. */
async function versionFor(c: Context<DashEnv>, f: Form): Promise<ApiResult<number>> {
  const shown = shownVersion(f).expected_version;
  if (shown) return { ok: true, status: 200, data: shown };
  const got = await api<OrderDetailView>(c, "GET", orderPath(c));
  return got.ok ? { ok: true, status: 200, data: got.data.version } : got;
}

route(
  "notes",
  async (c, f) => {
    const version = await versionFor(c, f);
    if (!version.ok) return version;
    return api(c, "POST", `${orderPath(c)}/notes`, { body: { body: f.one("body"), expected_version: version.data }, idempotencyKey: f.idem });
  },
  "Note added.",
);

const edit = (change: (f: Form) => Record<string, unknown>) => async (c: Context<DashEnv>, f: Form) => {
  const version = await versionFor(c, f);
  if (!version.ok) return version;
  return post(c, "edit", { expected_version: version.data, changes: [change(f)], ...optional(f, "reason") }, f);
};
route("set-quantity", edit((f) => ({ type: "set_quantity", line_id: f.one("line_id"), quantity: Number(f.one("quantity")) || null })), "Quantity changed.");
route("add-line", edit((f) => ({ type: "add_line", sku: f.one("sku"), quantity: Number(f.one("quantity")) || null })), "Line added.");

route(
  "refund",
  (c, f) => {
    const amount = minor(f.one("amount"));
    return post(c, "refunds", { kind: f.one("kind"), ...(amount === undefined ? {} : { amount }), ...optional(f, "reason") }, f);
  },
  "Refund recorded.",
);
