// Who an order's timeline names, and who the customer is, as staff read them.
import { html } from "hono/html";

/** `staff:<email>` is a colleague; `api_key:<id>` a program; the rest (system, shopper, channel) as they are. */
export function actorLabel(actor: string) {
  if (actor.startsWith("staff:")) return html`${actor.slice("staff:".length)} <span class="badge mute">staff</span>`;
  if (actor.startsWith("api_key:")) return html`API key <code>${actor.slice("api_key:".length)}</code>`;
  return html`${actor}`;
}

interface Named {
  shipping_address: { name?: string } | null;
  billing_address: { name: string } | null;
}

export const customerName = (o: Named) => o.shipping_address?.name ?? o.billing_address?.name ?? null;
