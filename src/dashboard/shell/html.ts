// Small pieces every screen uses. hono/html escapes every interpolated value; `raw` is only for our own markup.
import type { Context } from "hono";
import { html } from "hono/html";
import { randomToken } from "../../http/crypto";
import type { DashEnv } from "./env";

export const money = (minor: number | null | undefined, currency = "EUR") =>
  minor == null ? "—" : new Intl.NumberFormat("en", { style: "currency", currency }).format(minor / 100);

/** A time as the staff read it (UTC, minutes), with the exact instant for machines. */
export const when = (at: string | number | null | undefined) => {
  if (at == null) return html`—`;
  const d = new Date(at);
  return html`<time datetime="${d.toISOString()}">${d.toISOString().slice(0, 16).replace("T", " ")}</time>`;
};

const TONES: Record<string, string> = {
  paid: "good", captured: "good", fulfilled: "good", shipped: "good", delivered: "good", active: "good", restocked: "good",
  pending: "wait", authorized: "wait", unfulfilled: "wait", partially_fulfilled: "wait", picking: "wait", packed: "wait", requested: "wait", open: "wait", invited: "wait",
  on_hold: "warn", held: "warn", high: "warn", medium: "warn", partially_refunded: "warn", refund_failed: "bad",
  cancelled: "bad", voided: "bad", refunded: "mute", failed: "bad", disabled: "bad", declined: "bad", closed: "mute",
};
export const badge = (text: string | null | undefined) =>
  text ? html`<span class="badge ${TONES[text] ?? "mute"}">${text.replaceAll("_", " ")}</span>` : html``;

/** Hidden fields every form carries: the CSRF token, and an Idempotency-Key so a double submit acts once. */
export const formGuard = (c: Context<DashEnv>) =>
  html`<input type="hidden" name="_csrf" value="${c.get("staff").csrf}" /><input type="hidden" name="_idem" value="${randomToken(24)}" />`;

/** A one-button form that posts to `action` (with optional hidden fields). */
export const postButton = (c: Context<DashEnv>, action: string, label: string, fields: Record<string, string> = {}, opts: { danger?: boolean } = {}) =>
  html`<form method="post" action="${action}" class="inline">${formGuard(c)}${Object.entries(fields).map(
    ([k, v]) => html`<input type="hidden" name="${k}" value="${v}" />`,
  )}<button type="submit"${opts.danger ? html` class="danger"` : html``}>${label}</button></form>`;

/** A link to the next page of a cursor-paged list, keeping every other filter. */
export function nextLink(c: Context, cursor: string | null | undefined) {
  if (!cursor) return html``;
  const url = new URL(c.req.url);
  url.searchParams.set("cursor", cursor);
  return html`<p class="pager"><a href="${url.pathname}${url.search}" rel="next">Next page →</a></p>`;
}

/** The query string of the current URL without `drop` (for links that change one filter). */
export function withQuery(c: Context, changes: Record<string, string | null>) {
  const url = new URL(c.req.url);
  url.searchParams.delete("cursor");
  for (const [k, v] of Object.entries(changes)) v == null || v === "" ? url.searchParams.delete(k) : url.searchParams.set(k, v);
  return `${url.pathname}${url.search}`;
}
