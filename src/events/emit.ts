// The outbox: integration events are written in the same D1 batch as the change they report, so an event exists if
// and only if its change does. The relay (src/events/relay.ts) hands them to the notifications queue.
import { newId } from "../domain/ids";
import { type Sql, sql } from "../db/sql";

export const EVENT_TYPES = [
  "order.created",
  "order.confirmed",
  "order.cancelled",
  "order.updated",
  "order.on_hold",
  "order.hold_released",
  "fulfillment.shipped",
  "fulfillment.delivered",
  "fulfillment.out_for_delivery",
  "fulfillment.exception",
  "fulfillment.ready_for_pickup",
  "fulfillment.third_party_overdue",
  "inventory.low_stock",
  "inventory.audit_discrepancy",
  "return.requested",
  "return.approved",
  "return.declined",
  "return.cancelled",
  "return.received",
  "return.closed",
  "refund.created",
  "exchange.shipped",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/**
 * `numberFromOrder`: the data's "number" is taken from the order row inside the same batch, for an order whose
 * number D1 assigns in that batch.
 */
export function outboxSql(type: EventType, data: Record<string, unknown>, orderId: string | null = null, at = Date.now(), numberFromOrder = false): Sql {
  const dataSql = numberFromOrder ? "json_set(?4, '$.number', (SELECT number FROM orders WHERE id = ?3))" : "?4";
  return sql(`INSERT INTO events (id, type, order_id, data, created_at) VALUES (?1, ?2, ?3, ${dataSql}, ?5)`, newId("ev", at), type, orderId, JSON.stringify(data), at);
}
