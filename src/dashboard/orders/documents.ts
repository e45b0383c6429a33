// An order's paper, served under the order's page: the shipment's label and packing slip, its invoices and credit
// notes. Each is the API's own PDF route answered as is (same scopes, same "not ready yet").
import { Hono, type Context } from "hono";
import { html } from "hono/html";
import { apiResponse, problemText, type ProblemBody } from "../shell/api";
import type { DashEnv } from "../shell/env";
import { screen } from "../shell/guard";
import { page } from "../shell/layout";

export const documentRoutes = new Hono<DashEnv>();

async function pdf(c: Context<DashEnv>, path: string) {
  const res = await apiResponse(c, "GET", path, { accept: "application/pdf" });
  if (res.ok) return res;
  const problem = (await res.json().catch(() => null)) as ProblemBody | null;
  const back = `/admin/orders/${encodeURIComponent(c.req.param("id")!)}`;
  return page(c, {
    title: "Document not available",
    screen: "orders",
    status: res.status === 404 ? 404 : res.status === 403 ? 403 : 502,
    body: html`<h1>Document not available</h1><p class="flash error" role="alert">${problem ? problemText(problem) : `The API answered ${res.status}.`}</p>
<p><a href="${back}">Back to the order</a></p>`,
  });
}

const id = (c: Context, name: string) => encodeURIComponent(c.req.param(name)!);

documentRoutes.get("/orders/:id/fulfillments/:fid/label.pdf", screen("orders"), (c) => pdf(c, `/v1/fulfillments/${id(c, "fid")}/label`));
documentRoutes.get("/orders/:id/fulfillments/:fid/packing-slip.pdf", screen("orders"), (c) => pdf(c, `/v1/fulfillments/${id(c, "fid")}/packing-slip`));
documentRoutes.get("/orders/:id/invoices/:doc{.+\\.pdf}", screen("orders"), (c) =>
  pdf(c, `/v1/invoices/${encodeURIComponent(c.req.param("doc").replace(/\.pdf$/, ""))}/pdf`),
);
documentRoutes.get("/orders/:id/credit-notes/:doc{.+\\.pdf}", screen("orders"), (c) =>
  pdf(c, `/v1/credit-notes/${encodeURIComponent(c.req.param("doc").replace(/\.pdf$/, ""))}/pdf`),
);
