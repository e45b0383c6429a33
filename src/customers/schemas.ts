import { z } from "@hono/zod-openapi";
import { Address } from "../domain/address";
import { PageQuery } from "../http/openapi";
import { OrderDetail, OrderSummary } from "../orders/schemas";

export const Customer = z
  .object({
    id: z.string(),
    email: z.string().openapi({ description: "Lower-case; `erased-<id>@invalid` once erased." }),
    name: z.string().nullable().openapi({ description: "From the latest order's address." }),
    phone: z.string().nullable(),
    orders_count: z.number().int(),
    first_order_at: z.number().int().nullable(),
    last_order_at: z.number().int().nullable(),
    erased_at: z.number().int().nullable().openapi({ description: "When the customer's personal data was erased." }),
    created_at: z.number().int(),
    updated_at: z.number().int(),
  })
  .openapi("Customer");

export const CustomerAddress = z
  .object({
    address: Address,
    kinds: z.array(z.enum(["shipping", "billing"])),
    orders: z.number().int().openapi({ description: "Orders that used it." }),
    last_used_at: z.number().int(),
  })
  .openapi("CustomerAddress");

export const CustomerDetail = Customer.extend({
  addresses: z.array(CustomerAddress).openapi({ description: "Every address the customer's orders used, latest first." }),
  spent: z
    .array(z.object({ currency: z.string(), amount: z.number().int() }))
    .openapi({ description: "Totals of the orders not cancelled, per currency (minor units)." }),
  recent_orders: z.array(OrderSummary).openapi({ description: "The latest 20 orders; all of them: GET /v1/orders?customer_id=…" }),
}).openapi("CustomerDetail");

export const CustomerNotification = z
  .object({
    id: z.string(),
    order_id: z.string(),
    kind: z.string(),
    recipient: z.string(),
    subject: z.string(),
    body: z.string(),
    status: z.string(),
    created_at: z.number().int(),
    sent_at: z.number().int().nullable(),
  })
  .openapi("CustomerNotification");

export const CustomerExport = z
  .object({
    exported_at: z.number().int(),
    customer: CustomerDetail.omit({ recent_orders: true }),
    orders: z.array(OrderDetail).openapi({ description: "Every order, oldest first, with shipments, notes and timeline." }),
    notifications: z.array(CustomerNotification).openapi({ description: "Every message written to the customer." }),
  })
  .openapi("CustomerExport");

export const CustomerSearch = PageQuery.extend({
  email: z.string().trim().toLowerCase().min(1).max(254).optional().openapi({ description: "Exactly this email (any case)." }),
  q: z.string().trim().toLowerCase().min(2).max(100).optional().openapi({ description: "Start of the email or of the name." }),
});

export type CustomerView = z.infer<typeof Customer>;
export type CustomerDetailView = z.infer<typeof CustomerDetail>;
