// Approve, decline, close and cancel: each the matching API route, refused with its message (a return that moved on
// since the page was drawn answers 409).
import { Hono } from "hono";
import type { DashEnv } from "../shell/env";
import { screen } from "../shell/guard";
import { answer, readForm } from "../shell/form";
import { forbiddenPage } from "../shell/layout";
import { api } from "../shell/api";
import { decides, type ReturnView } from "./view";

export const decideRoutes = new Hono<DashEnv>();

const DONE = { approve: "approved", decline: "declined", close: "closed", cancel: "cancelled" } as const;

for (const action of ["approve", "decline", "close", "cancel"] as const)
  decideRoutes.post(`/returns/:id/${action}`, screen("returns"), async (c) => {
    if (!decides(c)) return forbiddenPage(c);
    const id = c.req.param("id");
    const form = await readForm(c);
    const version = Number(form.one("version"));
    const body: Record<string, unknown> = {};
    if (form.one("note")) body.note = form.one("note");
    if (Number.isInteger(version) && version > 0) body.expected_version = version;
    if (action === "decline") body.reason = form.one("reason");
    const res = await api<ReturnView>(c, "POST", `/v1/returns/${encodeURIComponent(id)}/${action}`, { body, idempotencyKey: form.idem });
    return answer(c, res, `/admin/returns/${id}`, (r) => `Return ${r.rma} ${DONE[action]}.`);
  });
