// Where a shipment's request to its 3PL stands: sent or still being retried, confirmed, and when the 3PL says it left.
import { notFound } from "../http/problem";
import type { ThirdPartyRequestView } from "./schemas";

export async function requestOr404(db: D1Database, fulfillmentId: string): Promise<ThirdPartyRequestView> {
  const row = await db
    .prepare(
      `SELECT fulfillment_id, location_id, status, attempts, last_status_code, last_error, sent_at, confirm_by, confirmed_at,
              reported_shipped_at AS shipped_at, created_at FROM third_party_requests WHERE fulfillment_id = ?`,
    )
    .bind(fulfillmentId)
    .first<ThirdPartyRequestView>();
  if (!row) throw notFound("third_party_request_not_found", "This shipment was not requested from a 3PL.");
  return row;
}
