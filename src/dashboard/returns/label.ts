// The return label, downloaded as the API makes it (GET /v1/returns/{id}/label); when there is none, why, on the return.
import { Hono } from "hono";
import { problemText, apiResponse, type ProblemBody } from "../shell/api";
import type { DashEnv } from "../shell/env";
import { setFlash } from "../shell/flash";
import { screen } from "../shell/guard";

export const labelRoutes = new Hono<DashEnv>();

labelRoutes.get("/returns/:id/label", screen("returns"), async (c) => {
  const id = c.req.param("id");
  const res = await apiResponse(c, "GET", `/v1/returns/${encodeURIComponent(id)}/label`, { accept: "application/pdf" });
  if (!res.ok) {
    setFlash(c, { kind: "error", text: problemText((await res.json()) as ProblemBody) });
    return c.redirect(`/admin/returns/${id}`, 303);
  }
  const headers = new Headers({ "content-type": "application/pdf", "content-disposition": `attachment; filename="return-label-${id.replace(/[^\w-]/g, "")}.pdf"` });
  const tracking = res.headers.get("x-tracking-number");
  if (tracking) headers.set("x-tracking-number", tracking);
  return new Response(res.body, { status: 200, headers });
});
