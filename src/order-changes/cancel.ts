// PLACEHOLDER (session scaffolding): the order-changes work replaces this with the real cancellation.
import type { Env } from "../env";
import type { OrderView } from "../orders/schemas";

export interface CancelRequest {
  reason: string;
  /** Who asked: "api_key:<id>", "channel:<id>", "system". */
  actor: string;
  /** When given, a change made against an older version is refused (409 order_changed). */
  expectedVersion?: number;
  /** Part of some lines; the whole order when absent. */
  lines?: { line_id: string; quantity: number }[];
}

/**
 * Cancels the whole order (or some quantity of some lines) before it ships: stock back to the cells, payment voided
 * or a refund recorded, statuses and totals follow. Twice changes nothing twice. Throws InvalidTransition when what
 * is asked has shipped.
 */
export async function cancelOrder(_env: Env, _orderId: string, _req: CancelRequest): Promise<OrderView> {
  throw new Error("cancelOrder is not built yet");
}
