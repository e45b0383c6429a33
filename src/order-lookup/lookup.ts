// The shopper's view of their own order: found only by number and email together.
import { trackingUrl } from "../fulfillment/store";
import { notFound } from "../http/problem";
import type { OrderStatusView } from "./schemas";
import { trackingLink } from "../tracking/link";
import { historySql, presentEvent, type HistoryRow } from "../tracking/view";

export async function lookUp(db: D1Database, number: number, email: string, publicUrl?: string): Promise<OrderStatusView> {
  // One query whether the number is unknown or the email wrong: the same answer, in about the same time.
  const [orders, lines, shipments, shipped, tracked] = await db.batch([
    db.prepare("SELECT id, number, status, fulfillment_status, currency, total, created_at FROM orders WHERE number = ?1 AND email = ?2").bind(number, email),
    db.prepare("SELECT sku, title, quantity, cancelled_quantity FROM order_lines WHERE order_id = (SELECT id FROM orders WHERE number = ?1 AND email = ?2) ORDER BY position").bind(number, email),
    db
      .prepare(
        `SELECT id, status, carrier, service, tracking_number, shipped_at, delivered_at, tracking_status, tracking_token FROM fulfillments
         WHERE order_id = (SELECT id FROM orders WHERE number = ?1 AND email = ?2) ORDER BY created_at, id`,
      )
      .bind(number, email),
    db
      .prepare(
        `SELECT fl.fulfillment_id, fl.sku, fl.quantity FROM fulfillment_lines fl JOIN fulfillments f ON f.id = fl.fulfillment_id
         WHERE f.order_id = (SELECT id FROM orders WHERE number = ?1 AND email = ?2) ORDER BY fl.id`,
      )
      .bind(number, email),
    db.prepare(historySql("fulfillment_id IN (SELECT id FROM fulfillments WHERE order_id = (SELECT id FROM orders WHERE number = ?1 AND email = ?2))")).bind(number, email),
  ]);
  const order = orders.results[0] as Omit<OrderStatusView, "items" | "shipments"> & { id: string } | undefined;
  if (!order) throw notFound("order_not_found", "No order has this number and email.");
  const { id: _, ...head } = order;
  const shipmentLines = shipped.results as { fulfillment_id: string; sku: string; quantity: number }[];
  return {
    ...head,
    items: lines.results as OrderStatusView["items"],
    shipments: (shipments.results as (Omit<OrderStatusView["shipments"][number], "tracking_url" | "items" | "tracking_page_url" | "tracking_events"> & { id: string; tracking_token: string })[]).map(({ id, tracking_token, ...s }) => ({
      ...s,
      tracking_page_url: trackingLink(publicUrl, tracking_token),
      tracking_events: (tracked.results as HistoryRow[]).filter((e) => e.fulfillment_id === id).map(presentEvent),
      tracking_url: trackingUrl(s.carrier, s.tracking_number),
      items: shipmentLines.filter((l) => l.fulfillment_id === id).map(({ sku, quantity }) => ({ sku, quantity })),
    })),
  };
}
