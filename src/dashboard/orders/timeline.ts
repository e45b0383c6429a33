// The order's whole timeline, newest first: what happened, who did it (a colleague shown by email), and the internal
// notes in their place.
import { html } from "hono/html";
import type { OrderDetailView } from "../../orders/schemas";
import { when } from "../shell/html";
import { type Names, nameOf } from "./lookups";
import { actorLabel } from "./people";

const LABELS: Record<string, string> = {
  "order.created": "Order placed",
  "order.on_hold": "Put on hold",
  "order.held": "Put on hold",
  "order.hold_released": "Hold released",
  "order.cancelled": "Order cancelled",
  "order.lines_cancelled": "Lines cancelled",
  "order.edited": "Order edited",
  "order.tags_changed": "Tags changed",
  "order.note_added": "Internal note",
  "payment.confirmed": "Payment confirmed",
  "payment.captured": "Payment captured",
  "payment.refused": "Payment refused",
  "fulfillment.created": "Shipment created",
  "fulfillment.cancelled": "Shipment cancelled",
  "refund.created": "Refund",
};

const plain = (v: unknown): string =>
  v == null ? "—" : Array.isArray(v) ? v.map(plain).join(", ") : typeof v === "object" ? JSON.stringify(v) : String(v);

/** The event's data as short "key: value" pairs; ids that the line already says are left out. */
function details(data: Record<string, unknown> | null, locations: Names) {
  if (!data) return html``;
  const pairs = Object.entries(data).filter(([k, v]) => v !== null && v !== undefined && !HIDDEN.has(k) && !(Array.isArray(v) && !v.length));
  const shown = (k: string, v: unknown) => (k === "location_id" && typeof v === "string" ? nameOf(locations, v) : plain(v));
  return pairs.length
    ? html`<br /><span class="muted">${pairs.map(([k, v]) => `${k === "location_id" ? "location" : k.replaceAll("_", " ")}: ${shown(k, v)}`).join(" · ")}</span>`
    : html``;
}

/** Ids a person does not read (the note is shown itself; the shipment is in the table above). */
const HIDDEN = new Set(["note_id", "fulfillment_id"]);

export function timeline(order: OrderDetailView, locations: Names) {
  const notes = new Map(order.notes.map((n) => [n.id, n]));
  const events = [...order.events].reverse();
  return html`<h2 id="timeline">Timeline</h2><ol class="panel" reversed aria-labelledby="timeline">${events.map((e) => {
    const note = e.type === "order.note_added" ? notes.get(String(e.data?.note_id ?? "")) : undefined;
    return html`<li><strong>${LABELS[e.type] ?? e.type}</strong> · ${actorLabel(e.actor)} · ${when(e.created_at)}${
      note ? html`<blockquote>${note.body}</blockquote>` : details(e.data, locations)
    }</li>`;
  })}</ol>`;
}
