// Dead letters: jobs that failed every retry (or were never jobs). Once the cause is fixed, a redrive sends one back
// to its queue under the same job id, so work it already did is not done twice.
import { Hono } from "hono";
import { html } from "hono/html";
import { api, problemText } from "../shell/api";
import type { DashEnv } from "../shell/env";
import { setFlash } from "../shell/flash";
import { readForm, safeBack } from "../shell/form";
import { screen } from "../shell/guard";
import { badge, nextLink, postButton, when, withQuery } from "../shell/html";
import { page } from "../shell/layout";
import { qs } from "../today/counts";
import { QUEUE_OF, type JobType } from "../../queues/job";

export const deadLettersRoutes = new Hono<DashEnv>();

type DeadLetter = { id: string; queue: string; body: unknown; error: string | null; attempts: number; created_at: number; redriven_at: number | null };

const VIEWS = [
  ["open", "Waiting", "true"],
  ["redriven", "Sent back", "false"],
  ["all", "All", null],
] as const;

/** What the job was, in a line: its type and the record it works on. */
const summary = (body: unknown) => {
  const b = body as { type?: unknown; data?: Record<string, unknown> } | null;
  if (!b || typeof b !== "object" || typeof b.type !== "string") return "not a job";
  const on = b.data && typeof b.data === "object" && Object.entries(b.data).find(([k, v]) => k.endsWith("Id") && typeof v === "string");
  return on ? `${b.type} · ${on[0]} ${on[1]}` : b.type;
};

/** The queue a redrive sends the job to (where it came from, not the dead-letter queue it was recorded from). */
const queueOf = (body: unknown) => QUEUE_OF[(body as { type: JobType }).type]?.toLowerCase() ?? "its";

deadLettersRoutes.get("/dead-letters", screen("dead-letters"), async (c) => {
  const view = VIEWS.find(([key]) => key === c.req.query("view")) ?? VIEWS[0];
  const res = await api<{ data: DeadLetter[]; next_cursor: string | null }>(c, "GET", `/v1/dead-letters${qs({ open: view[2], limit: 50, cursor: c.req.query("cursor") })}`);
  const here = `/admin/dead-letters${qs({ view: view[0] === "open" ? null : view[0] })}`;
  const tabs = html`<nav class="tabs" aria-label="Dead letters">${VIEWS.map(
    ([key, label]) => html`<a href="${withQuery(c, { view: key === "open" ? null : key })}"${key === view[0] ? html` aria-current="page"` : html``}>${label}</a>`,
  )}</nav>`;
  const list = !res.ok
    ? html`<p class="flash error" role="alert">${problemText(res.problem)}</p>`
    : !res.data.data.length
      ? html`<p>No dead letters here.</p>`
      : html`<table><thead><tr><th scope="col">Died</th><th scope="col">Queue</th><th scope="col">Job</th><th scope="col">Error</th>
<th scope="col" class="num">Attempts</th><th scope="col">State</th><th scope="col">Action</th></tr></thead>
<tbody>${res.data.data.map(
          (d) => html`<tr><td>${when(d.created_at)}</td><td>${d.queue}</td>
<td><details><summary>${summary(d.body)}</summary><p class="muted">${d.id}</p><pre>${JSON.stringify(d.body, null, 2)}</pre></details></td>
<td>${d.error ?? "—"}</td><td class="num">${d.attempts}</td>
<td>${d.redriven_at ? html`${badge("redriven")} ${when(d.redriven_at)}` : badge("waiting")}</td>
<td>${d.redriven_at ? "" : postButton(c, `/admin/dead-letters/${encodeURIComponent(d.id)}/redrive`, "Redrive", { back: here })}</td></tr>`,
        )}</tbody></table>${nextLink(c, res.data.next_cursor)}`;
  return page(c, {
    title: "Dead letters",
    screen: "dead-letters",
    body: html`<h1>Dead letters</h1><p class="muted">Jobs that failed every retry. Fix the cause, then redrive: the job goes back to its queue with its own id.</p>
${tabs}<div data-refresh="30">${list}</div>`,
  });
});

deadLettersRoutes.post("/dead-letters/:id/redrive", screen("dead-letters"), async (c) => {
  const form = await readForm(c);
  const res = await api<DeadLetter>(c, "POST", `/v1/dead-letters/${encodeURIComponent(c.req.param("id"))}/redrive`, { idempotencyKey: form.idem });
  setFlash(
    c,
    res.ok
      ? { kind: "notice", text: `${summary(res.data.body)} sent back to the ${queueOf(res.data.body)} queue at ${new Date(res.data.redriven_at!).toISOString().slice(11, 19)} UTC.` }
      : { kind: "error", text: `Not sent back: ${problemText(res.problem)}` },
  );
  return c.redirect(safeBack(form.one("back"), "/admin/dead-letters"), 303);
});
