import { html } from "hono/html";
import type { ApiResult } from "../shell/api";
import { problemText } from "../shell/api";

export const crumbs = html`<p><a href="/admin/settings">Settings</a> ›</p>`;

/** The problem of a failed read, shown in place of the form. */
export const readFailed = (res: ApiResult<unknown>) => (res.ok ? html`` : html`<p class="flash error" role="alert">${problemText(res.problem)}</p>`);

export const checked = (on: boolean | undefined) => (on ? html` checked` : html``);

/** "A, b ,c" → ["A","B","C"] (codes the API wants upper case). */
export const codes = (text: string) =>
  text
    .split(/[\s,;]+/)
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean);

/** A form number: the number, or the text itself so the API names the field that is wrong. */
export const num = (text: string): number | string => (text !== "" && Number.isFinite(Number(text)) ? Number(text) : text);
