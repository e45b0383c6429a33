// Where a refund stands, derived from the payments rows it paid through, never stored: a refund to the original payment
// is pending until the provider confirms it and refund_failed when the provider refused it (staff retry it:
// POST /v1/refunds/{id}/retry); store credit is refunded at once. A return's refund_status is its refunds' together.
// No imports: src/returns/store.ts reads RETURN_REFUND_STATUS_SQL without depending on the refund feature.

export const REFUND_STATUSES = ["none", "pending", "refunded", "refund_failed"] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

// Over refunds `f` joined to the payment `p` they sent to the original payment (none for store credit only).
const STANDING = `CASE WHEN COUNT(f.id) = 0 THEN 'none'
  WHEN SUM(p.status = 'failed') > 0 THEN 'refund_failed'
  WHEN SUM(p.status = 'requested') > 0 THEN 'pending'
  ELSE 'refunded' END`;

/** The refund_status of the return aliased `r`. */
export const RETURN_REFUND_STATUS_SQL = `(SELECT ${STANDING} FROM refunds f LEFT JOIN payments p ON p.id = f.payment_id WHERE f.return_id = r.id)`;

/** The status of the refund aliased `f` (a refund row is never 'none'). */
export const REFUND_STATUS_SQL = `(SELECT CASE p.status WHEN 'failed' THEN 'refund_failed' WHEN 'requested' THEN 'pending' ELSE 'refunded' END
  FROM (SELECT 1) LEFT JOIN payments p ON p.id = f.payment_id)`;
