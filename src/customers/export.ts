// Everything held about a customer, as one JSON document (GDPR Art. 15 access, Art. 20 portability).
import { loadDetails } from "../orders/detail";
import type { z } from "@hono/zod-openapi";
import type { CustomerExport } from "./schemas";
import { customerDetail } from "./store";

export async function exportCustomer(db: D1Database, id: string): Promise<z.infer<typeof CustomerExport>> {
  const { recent_orders: _, ...customer } = await customerDetail(db, id);
  const [orders, notifications] = await Promise.all([
    loadDetails(db, "SELECT id FROM orders WHERE customer_id = ?1", id),
    db
      .prepare(
        `SELECT id, order_id, kind, recipient, subject, body, status, created_at, sent_at FROM notifications
         WHERE order_id IN (SELECT id FROM orders WHERE customer_id = ?) ORDER BY created_at, id`,
      )
      .bind(id)
      .all<z.infer<typeof CustomerExport>["notifications"][number]>(),
  ]);
  return { exported_at: Date.now(), customer, orders, notifications: notifications.results };
}
