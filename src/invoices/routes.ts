import { createRoute, z } from "@hono/zod-openapi";
import { admin } from "../http/auth";
import { commonProblems, json, jsonBody, page, PageQuery, problem } from "../http/openapi";
import { CreditNote, Invoice, Seller, SellerSettings } from "./schemas";

const tags = ["Invoices"];
const read = admin("orders:read");
const IdParam = z.object({ id: z.string().max(64) });
const ListQuery = PageQuery.extend({ order_id: z.string().max(64).optional().openapi({ description: "Only this order's." }) });
const pdf = (description: string) => ({ description, content: { "application/pdf": { schema: z.string().openapi({ format: "binary" }) } } });

const documentRoutes = (kind: "invoice" | "credit_note") => {
  const base = kind === "invoice" ? "/v1/invoices" : "/v1/credit-notes";
  const name = kind === "invoice" ? "Invoice" : "CreditNote";
  const what = kind === "invoice" ? "invoice" : "credit note";
  const schema = kind === "invoice" ? Invoice : CreditNote;
  const missing = { 404: problem(`No such ${what} (${kind}_not_found).`) };
  return {
    list: createRoute({
      method: "get",
      path: base,
      operationId: `list${name}s`,
      tags,
      summary: `List ${what}s, newest number first`,
      middleware: [...read],
      request: { query: ListQuery },
      responses: { 200: json(page(schema, `${name}Page`), `A page of ${what}s.`), ...commonProblems },
    }),
    get: createRoute({
      method: "get",
      path: `${base}/{id}`,
      operationId: `get${name}`,
      tags,
      summary: `Get an ${what}`,
      middleware: [...read],
      request: { params: IdParam },
      responses: { 200: json(schema, `The ${what}.`), ...commonProblems, ...missing },
    }),
    pdf: createRoute({
      method: "get",
      path: `${base}/{id}/pdf`,
      operationId: `get${name}Pdf`,
      tags,
      summary: `Download the ${what} (PDF, A4)`,
      description: "Drawn by a job right after issue and kept in R2; if the job has not run yet, this request draws it.",
      middleware: [...read],
      request: { params: IdParam },
      responses: { 200: pdf(`The ${what}.`), ...commonProblems, ...missing },
    }),
  };
};

export const invoices = documentRoutes("invoice");
export const creditNotes = documentRoutes("credit_note");

export const getSeller = createRoute({
  method: "get",
  path: "/v1/settings/seller",
  operationId: "getSellerSettings",
  tags,
  summary: "The seller named on invoices and credit notes",
  middleware: [...read],
  responses: { 200: json(SellerSettings, "The seller profile (defaults until set)."), ...commonProblems },
});

export const putSeller = createRoute({
  method: "put",
  path: "/v1/settings/seller",
  operationId: "putSellerSettings",
  tags,
  summary: "Set the seller named on invoices and credit notes issued from now on",
  description: "Documents already issued keep the seller they were issued with.",
  middleware: [...admin("orders:write")],
  request: { body: jsonBody(Seller) },
  responses: { 200: json(SellerSettings, "The saved seller profile."), ...commonProblems },
});
