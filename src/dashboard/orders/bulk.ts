// POST /admin/orders/bulk: one action on the checked orders, each through that order's own API route (so each gets
// the same checks as one at a time), then one summary: "3 held, 1 refused: #1004 …".
import type { Context } from "hono";
import type { OrderDetailView } from "../../orders/schemas";
import { api, type ApiResult, problemText } from "../shell/api";
import type { DashEnv } from "../shell/env";
import { setFlash } from "../shell/flash";
import { readForm, safeBack } from "../shell/form";
import { printSlipsAndLabels } from "./print";

/** More than a page at once is not a desk action; it is an import. */
export const MAX_BULK = 200;

const DONE: Record<string, string> = { tag: "tagged", hold: "held", release: "released" };

type Form = Awaited<ReturnType<typeof readForm>>;

async function addTag(c: Context<DashEnv>, id: string, tag: string): Promise<ApiResult<unknown>> {
  const got = await api<OrderDetailView>(c, "GET", `/v1/orders/${encodeURIComponent(id)}`);
  if (!got.ok) return got;
  return api(c, "PUT", `/v1/orders/${encodeURIComponent(id)}/tags`, { body: { tags: [...got.data.tags, tag], expected_version: got.data.version } });
}

function act(c: Context<DashEnv>, action: string, id: string, form: Form): Promise<ApiResult<unknown>> {
  // One key per order and action: a double submit of the same form acts once on each order.
  const idempotencyKey = form.idem ? `${form.idem}:${action}:${id}` : undefined;
  const path = `/v1/orders/${encodeURIComponent(id)}`;
  if (action === "tag") return addTag(c, id, form.one("tag"));
  if (action === "hold") {
    const reason = form.one("reason");
    return api(c, "POST", `${path}/hold`, { body: { kind: "manual", ...(reason ? { reason } : {}) }, idempotencyKey });
  }
  return api(c, "POST", `${path}/release`, { body: {}, idempotencyKey });
}

const numberOf = async (c: Context<DashEnv>, id: string) => {
  const got = await api<OrderDetailView>(c, "GET", `/v1/orders/${encodeURIComponent(id)}`);
  return got.ok ? `#${got.data.number}` : id;
};

export async function bulkAction(c: Context<DashEnv>) {
  const form = await readForm(c);
  const back = safeBack(form.one("back"), "/admin/orders");
  // Enter in a field submits with the form's first button (Add tag); Enter typed in the hold reason means "hold".
  const action = form.one("action") === "tag" && !form.one("tag") && form.one("reason") ? "hold" : form.one("action");
  const ids = [...new Set(form.all("order"))];
  const refuse = (text: string) => (setFlash(c, { kind: "error", text }), c.redirect(back, 303));
  if (!ids.length) return refuse("Check at least one order first.");
  if (ids.length > MAX_BULK) return refuse(`At most ${MAX_BULK} orders at once.`);
  if (action === "print") return printSlipsAndLabels(c, ids, back);
  if (!DONE[action]) return refuse("Choose what to do with the checked orders.");
  if (action === "tag" && !form.one("tag")) return refuse("Type the tag to add.");

  let done = 0;
  const refused: string[] = [];
  // One after another: orders often share stock cells, and the desk reads the summary, not a race.
  for (const id of ids) {
    const result = await act(c, action, id, form);
    if (result.ok) done++;
    else refused.push(`${await numberOf(c, id)}: ${problemText(result.problem)}`);
  }
  const text = `${done} ${DONE[action]}${refused.length ? `, ${refused.length} refused: ${refused.join("; ")}` : ""}`;
  setFlash(c, { kind: refused.length ? "error" : "notice", text });
  return c.redirect(back, 303);
}
