// An order's return_status, derived from its returns in the query that reads the order, never stored or set by hand:
// in_progress while any return is open, requested while one waits for staff, returned once every return that
// counts is closed, none otherwise (declined and cancelled returns do not count).
export const RETURN_STATUSES = ["none", "requested", "in_progress", "returned"] as const;
export type ReturnStatus = (typeof RETURN_STATUSES)[number];

/** A column expression for `SELECT *, … AS return_status FROM orders`. */
export const RETURN_STATUS_SQL = `(CASE
  WHEN EXISTS (SELECT 1 FROM returns r WHERE r.order_id = orders.id AND r.status = 'open') THEN 'in_progress'
  WHEN EXISTS (SELECT 1 FROM returns r WHERE r.order_id = orders.id AND r.status = 'requested') THEN 'requested'
  WHEN EXISTS (SELECT 1 FROM returns r WHERE r.order_id = orders.id AND r.status = 'closed') THEN 'returned'
  ELSE 'none' END)`;
