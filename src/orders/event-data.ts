import type { OrderView } from "./schemas";

/** What integrations are told about an order in its events: enough to act on, the rest is one GET away. */
export const orderEventData = (o: Pick<OrderView, "id" | "number" | "status" | "payment_status" | "fulfillment_status" | "total" | "currency" | "email">) => ({
  order_id: o.id,
  number: o.number,
  status: o.status,
  payment_status: o.payment_status,
  fulfillment_status: o.fulfillment_status,
  total: o.total,
  currency: o.currency,
  email: o.email,
});
