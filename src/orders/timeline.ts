// The order's timeline: every change appends one of these (who, what, when, data).
import { newId } from "../domain/ids";
import type { EventRow } from "./store";

export const timelineEvent = (orderId: string, type: string, actor: string, at: number, data: Record<string, unknown>): EventRow => ({
  id: newId("evt", at),
  order_id: orderId,
  type,
  actor,
  data: JSON.stringify(data),
  created_at: at,
});
