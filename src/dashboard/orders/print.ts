// Bulk printing: the packing slip and the label of every shipment still to go out of the checked orders, fetched
// through the API (the same PDFs the fulfillment routes serve) and merged into one PDF by the documents Worker, so the
// printer gets one job.
import type { Context } from "hono";
import { renderer } from "../../documents/renderer";
import type { OrderDetailView } from "../../orders/schemas";
import { api, apiResponse } from "../shell/api";
import type { DashEnv } from "../shell/env";
import { setFlash } from "../shell/flash";

/** Shipments that have left need no new paper; a cancelled one never will. */
const TO_SHIP = new Set(["pending", "picking", "packed"]);

async function pdfOf(c: Context<DashEnv>, path: string): Promise<Uint8Array | null> {
  const res = await apiResponse(c, "GET", path, { accept: "application/pdf" });
  if (!res.ok) {
    await res.body?.cancel();
    return null;
  }
  return new Uint8Array(await res.arrayBuffer());
}

export async function printSlipsAndLabels(c: Context<DashEnv>, ids: string[], back: string) {
  const pdfs: Uint8Array[] = [];
  const missing: string[] = [];
  let documents = 0;
  for (const id of ids) {
    const order = await api<OrderDetailView>(c, "GET", `/v1/orders/${encodeURIComponent(id)}`);
    if (!order.ok) {
      missing.push(id);
      continue;
    }
    const shipments = order.data.fulfillments.filter((f) => TO_SHIP.has(f.status));
    if (!shipments.length) missing.push(`#${order.data.number} (nothing to ship)`);
    for (const f of shipments) {
      for (const [what, path] of [
        ["packing slip", `/v1/fulfillments/${encodeURIComponent(f.id)}/packing-slip`],
        ["label", `/v1/fulfillments/${encodeURIComponent(f.id)}/label`],
      ]) {
        const bytes = await pdfOf(c, path);
        if (!bytes) {
          missing.push(`#${order.data.number} ${what} (not ready)`);
          continue;
        }
        pdfs.push(bytes);
        documents++;
      }
    }
  }
  if (!documents) {
    setFlash(c, { kind: "error", text: `Nothing to print: ${missing.join(", ")}` });
    return c.redirect(back, 303);
  }
  // Shown on the list once the staff member is back from the printer dialog.
  if (missing.length) setFlash(c, { kind: "error", text: `Printed ${documents} document(s); not printed: ${missing.join(", ")}` });
  const bytes = await renderer(c.env).merge(pdfs);
  return c.body(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer, 200, {
    "content-type": "application/pdf",
    "content-disposition": `inline; filename="packing-slips-and-labels.pdf"`,
  });
}
