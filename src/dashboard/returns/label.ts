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
  // The API's own name for the file (the RMA) and the carrier's tracking number go along with the PDF.
  const headers = new Headers({ "content-type": "application/pdf" });
  for (const h of ["content-disposition", "x-tracking-number"]) {
    const v = res.headers.get(h);
    if (v) headers.set(h, v);
  }
  return new Response(res.body, { status: 200, headers });
});
