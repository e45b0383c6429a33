// The shopper's tracking page behind the unguessable link: small, no script, readable on a phone. hono/html escapes
// every interpolated value, so a carrier's message cannot inject markup.
import { html } from "hono/html";
import type { PublicTrackingView } from "./schemas";

const LABELS: Record<string, string> = {
  pre_transit: "Label created",
  in_transit: "In transit",
  out_for_delivery: "Out for delivery",
  delivered: "Delivered",
  available_for_pickup: "Ready for pickup",
  exception: "Delivery problem",
  returned_to_sender: "Returned to sender",
};
const SHIPMENT: Record<string, string> = {
  pending: "Being prepared",
  picking: "Being prepared",
  packed: "Packed",
  shipped: "On its way",
  delivered: "Delivered",
  cancelled: "Cancelled",
};

export const statusLabel = (t: PublicTrackingView) => (t.tracking_status ? LABELS[t.tracking_status] : SHIPMENT[t.status]);
const when = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace("T", " ") + " UTC";

export function trackingPage(t: PublicTrackingView) {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Order #${t.order_number}: ${statusLabel(t)}</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:36rem;padding:1rem;color:#222}
h1{font-size:1.5rem;margin:.5rem 0}.muted{color:#666}ol{list-style:none;padding:0}
li{border-left:3px solid #ccc;padding:.25rem 0 .75rem .75rem}li:first-child{border-color:#2a7}
</style>
</head>
<body>
<p class="muted">Order #${t.order_number}</p>
<h1>${statusLabel(t)}</h1>
<p>${t.carrier ?? "Carrier not chosen yet"}${t.tracking_number ? html` · Tracking number <strong>${t.tracking_number}</strong>` : ""}</p>
${
  t.events.length
    ? html`<ol>${t.events.map(
        (e) => html`<li><strong>${LABELS[e.status]}</strong>${e.message ? html` · ${e.message}` : ""}<br><span class="muted">${when(e.at)}${e.location ? html` · ${e.location}` : ""}</span></li>`,
      )}</ol>`
    : html`<p class="muted">No tracking updates from the carrier yet.</p>`
}
</body>
</html>`;
}
