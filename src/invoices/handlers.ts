import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { pageOf } from "../http/pagination";
import { notFound } from "../http/problem";
import { ensureRendered } from "./render";
import type * as routes from "./routes";
import { readSeller, writeSeller } from "./seller";
import { type DocumentKind, type DocumentWithOrder, findDocument, listDocuments, presentDocument } from "./store";

type Routes = typeof routes.invoices;

const missing = (kind: DocumentKind) =>
  notFound(`${kind}_not_found`, `No ${kind === "invoice" ? "invoice" : "credit note"} has this id.`);

async function documentOr404(db: D1Database, kind: DocumentKind, id: string) {
  const d = await findDocument(db, kind, id);
  if (!d) throw missing(kind);
  return d;
}

// The two kinds share their handlers; the route decides which kind they read.
const handlersFor = (kind: DocumentKind) => {
  const list: RouteHandler<Routes["list"], AppEnv> = async (c) => {
    const q = c.req.valid("query");
    const rows = await listDocuments(c.env.DB, kind, q);
    return c.json(pageOf(rows, q.limit, (d: DocumentWithOrder) => String(d.seq), presentDocument), 200);
  };
  const get: RouteHandler<Routes["get"], AppEnv> = async (c) =>
    c.json(presentDocument(await documentOr404(c.env.DB, kind, c.req.valid("param").id)), 200);
  const pdf: RouteHandler<Routes["pdf"], AppEnv> = async (c) => {
    const d = await documentOr404(c.env.DB, kind, c.req.valid("param").id);
    const key = await ensureRendered(c.env, d);
    const object = await c.env.DOCUMENTS.get(key);
    // The row says it was stored; a missing object means the bucket lost it: draw it again.
    const body = object ?? (await c.env.DOCUMENTS.get(await ensureRendered(c.env, { ...d, pdf_key: null })));
    if (!body) throw missing(kind);
    return new Response(body.body, {
      status: 200,
      headers: {
        "content-type": "application/pdf",
        "content-length": String(body.size),
        "content-disposition": `inline; filename="${d.number}.pdf"`,
        etag: body.httpEtag,
      },
    });
  };
  return { list, get, pdf };
};

export const invoices = handlersFor("invoice");
export const creditNotes = handlersFor("credit_note");

export const getSeller: RouteHandler<typeof routes.getSeller, AppEnv> = async (c) => c.json(await readSeller(c.env.DB), 200);

export const putSeller: RouteHandler<typeof routes.putSeller, AppEnv> = async (c) => c.json(await writeSeller(c.env.DB, c.req.valid("json")), 200);
