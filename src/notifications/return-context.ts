// What a message about a return or a refund needs beyond the order: the RMA, the return's own items, the refund's
// money. The events carry ids (return_id, refund_id), not these, so they are read here when the message is made.
import type { MessageContext, NotificationKind, ReturnContext } from "./templates";

type Item = MessageContext["items"][number];

interface ReturnRow {
  id: string;
  rma: string;
  source: string;
  created_at: number;
  approved_at: number | null;
  decline_reason: string | null;
  decline_note: string | null;
}

const str = (v: unknown) => (typeof v === "string" && v ? v : undefined);

/**
 * The return's part of a message, or null when the customer is not told: a channel's return or refund (the channel
 * writes to its own customers), a request staff recorded or the policy approved on the spot (the approval says it
 * all), a refund event whose refund is unknown. `items` undefined: the order's own choice (a shipment's lines).
 */
export async function returnContextOf(db: D1Database, kind: NotificationKind, data: Record<string, unknown>): Promise<{ ret: ReturnContext; items?: Item[] } | null> {
  const refundId = str(data.refund_id) ?? "";
  // The return named by the event, or the one its refund is for.
  const returnId = "COALESCE(?1, (SELECT return_id FROM refunds WHERE id = ?2))";
  const [found, lines, refunds] = await db.batch([
    db.prepare(`SELECT id, rma, source, created_at, approved_at, decline_reason, decline_note FROM returns WHERE id = ${returnId}`).bind(str(data.return_id) ?? null, refundId),
    db
      .prepare(
        `SELECT COALESCE(ol.title, rl.sku) AS title, rl.sku, rl.quantity, rl.restocked + rl.damaged + rl.inspecting AS received
         FROM return_lines rl LEFT JOIN order_lines ol ON ol.id = rl.order_line_id WHERE rl.return_id = ${returnId} ORDER BY ol.position, rl.rowid`,
      )
      .bind(str(data.return_id) ?? null, refundId),
    db.prepare("SELECT kind, total, currency, store_credit_amount FROM refunds WHERE id = ?").bind(refundId),
  ]);
  const ret = found.results[0] as ReturnRow | undefined;
  const refund = refunds.results[0] as { kind: string; total: number; currency: string; store_credit_amount: number } | undefined;
  if (ret?.source === "channel" || refund?.kind === "channel") return null;
  if (kind === "return_requested" && (!ret || ret.source !== "shopper" || ret.approved_at === ret.created_at)) return null;
  if (kind === "refund_issued" && !refund) return null;

  const all = lines.results as (Item & { received: number })[];
  const items =
    kind === "exchange_shipped" || !ret
      ? undefined
      : kind === "return_received"
        ? all.filter((l) => l.received > 0).map(({ title, sku, received }) => ({ title, sku, quantity: received }))
        : all.map(({ title, sku, quantity }) => ({ title, sku, quantity }));
  return {
    ret: {
      rma: ret?.rma,
      declineReason: ret?.decline_reason ?? str(data.reason),
      declineNote: ret?.decline_note ?? undefined,
      refund: refund ? { total: refund.total, currency: refund.currency, storeCredit: refund.store_credit_amount } : undefined,
    },
    items,
  };
}
