// The customer's data protection rights through the API: the export (GET …/export, downloaded as the API answers it)
// and the erasure (POST …/erase), which needs the customer's email typed, so a slip of the mouse erases no one.
import { Hono } from "hono";
import type { CustomerView } from "../../customers/schemas";
import { api, apiResponse, problemText, type ProblemBody } from "../shell/api";
import type { DashEnv } from "../shell/env";
import { setFlash } from "../shell/flash";
import { answer, readForm } from "../shell/form";
import { screen } from "../shell/guard";

export const privacyRoutes = new Hono<DashEnv>();

privacyRoutes.get("/customers/:id/export", screen("customers"), async (c) => {
  const id = c.req.param("id");
  const res = await apiResponse(c, "GET", `/v1/customers/${encodeURIComponent(id)}/export`);
  if (!res.ok) {
    setFlash(c, { kind: "error", text: problemText((await res.json()) as ProblemBody) });
    return c.redirect(`/admin/customers/${id}`, 303);
  }
  return new Response(res.body, {
    headers: { "content-type": "application/json; charset=utf-8", "content-disposition": `attachment; filename="customer-${id.replace(/[^\w-]/g, "")}.json"` },
  });
});

privacyRoutes.post("/customers/:id/erase", screen("customers"), async (c) => {
  const id = c.req.param("id");
  const back = `/admin/customers/${id}`;
  const form = await readForm(c);
  const found = await api<CustomerView>(c, "GET", `/v1/customers/${encodeURIComponent(id)}`);
  if (!found.ok) return answer(c, found, back, "");
  if (form.one("confirm").toLowerCase() !== found.data.email.toLowerCase()) {
    setFlash(c, { kind: "error", text: "Nothing erased: type the customer's email exactly to confirm." });
    return c.redirect(back, 303);
  }
  const res = await api<CustomerView>(c, "POST", `/v1/customers/${encodeURIComponent(id)}/erase`, { idempotencyKey: form.idem });
  return answer(c, res, back, "Customer erased.");
});
