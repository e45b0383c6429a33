// Receiving a parcel and deciding units held for inspection, through POST /v1/returns/{id}/receive and /inspection.
// A warehouse user works only at their own locations: the location is checked before the API is asked.
import { Hono, type Context } from "hono";
import type { DashEnv } from "../shell/env";
import { setFlash } from "../shell/flash";
import { answer, readForm } from "../shell/form";
import { mayWorkAt, screen } from "../shell/guard";
import { api, problemText } from "../shell/api";
import { loadReturn, type ReturnView } from "./view";

export const receiveRoutes = new Hono<DashEnv>();

type Form = Awaited<ReturnType<typeof readForm>>;

/** One API line per line and disposition with a positive count, from fields named `<disposition>_<return line id>`. */
function linesOf(ret: ReturnView, form: Form, dispositions: readonly string[]) {
  const lines: { return_line_id: string; quantity: number; disposition: string }[] = [];
  for (const l of ret.lines)
    for (const d of dispositions) {
      const n = Number(form.one(`${d}_${l.id}`) || 0);
      if (n > 0) lines.push({ return_line_id: l.id, quantity: Math.floor(n), disposition: d });
    }
  return lines;
}

const refuse = (c: Context<DashEnv>, id: string, text: string) => {
  setFlash(c, { kind: "error", text });
  return c.redirect(`/admin/returns/${id}`, 303);
};

async function record(c: Context<DashEnv>, step: "receive" | "inspection") {
  const id = c.req.param("id")!;
  const form = await readForm(c);
  const found = await loadReturn(c, id);
  if (!found.ok) return refuse(c, id, problemText(found.problem));
  const ret = found.data;
  const staff = c.get("staff");
  // The receive defaults to the return's own location; a warehouse user must name one of theirs for an inspection,
  // since where the units are held is the API's to know.
  const location = form.one("location_id") || (step === "receive" ? ret.location_id : null);
  if (staff.locations && (!location || !mayWorkAt(staff, location))) return refuse(c, id, "You can receive returns only at your own locations.");
  const lines = linesOf(ret, form, step === "receive" ? ["restock", "damaged", "inspect"] : ["restock", "damaged"]);
  if (!lines.length) return refuse(c, id, "Enter how many units of a line to record.");
  const body: Record<string, unknown> = { lines };
  if (location) body.location_id = location;
  if (form.one("note")) body.note = form.one("note");
  const res = await api<ReturnView>(c, "POST", `/v1/returns/${encodeURIComponent(id)}/${step}`, { body, idempotencyKey: form.idem });
  const units = lines.reduce((n, l) => n + l.quantity, 0);
  return answer(c, res, `/admin/returns/${id}`, step === "receive" ? `${units} unit(s) received.` : `Inspection recorded for ${units} unit(s).`);
}

receiveRoutes.post("/returns/:id/receive", screen("returns"), (c) => record(c, "receive"));
receiveRoutes.post("/returns/:id/inspection", screen("returns"), (c) => record(c, "inspection"));
