// Reading a posted form, and answering it: redirect back with the outcome (post → redirect → get), so a reload never
// posts twice and the problem's own message is what the staff member reads.
import type { Context } from "hono";
import { problemText, type ApiResult } from "./api";
import type { DashEnv } from "./env";
import { setFlash } from "./flash";

/** The posted fields (last value wins; `all` keeps repeated ones such as checkboxes). */
export async function readForm(c: Context<DashEnv>) {
  const body = await c.req.parseBody({ all: true });
  const one = (k: string) => {
    const v = body[k];
    const last = Array.isArray(v) ? v[v.length - 1] : v;
    return typeof last === "string" ? last.trim() : "";
  };
  const all = (k: string) => {
    const v = body[k];
    return (Array.isArray(v) ? v : v == null ? [] : [v]).filter((x): x is string => typeof x === "string");
  };
  return { one, all, idem: one("_idem") || undefined };
}

/** Only paths inside the dashboard may be redirect targets (no open redirect). */
export const safeBack = (to: string | undefined | null, fallback = "/admin") =>
  to && to.startsWith("/admin") && !to.startsWith("//") ? to : fallback;

export function answer<T>(c: Context<DashEnv>, result: ApiResult<T>, back: string, done: string | ((data: T) => string)) {
  if (result.ok) setFlash(c, { kind: "notice", text: typeof done === "string" ? done : done(result.data) });
  else setFlash(c, { kind: "error", text: problemText(result.problem) });
  return c.redirect(safeBack(back), 303);
}
