-- What came back of a return, one row per receipt at the dock or per inspection decided (issue 10 §2). Hand-written.
-- The units themselves are counted on return_lines (restocked, damaged, inspecting), guarded by the statement that
-- adds them; a receipt is the record of one such write: where, what, who, and the stock change that takes the units
-- onto the cells. Its id comes from the caller's Idempotency-Key when there is one, so a retry of the same receive
-- after a lost answer is refused by the primary key instead of counting the units again.
CREATE TABLE IF NOT EXISTS `return_receipts` (
  `id` text PRIMARY KEY NOT NULL,
  `return_id` text NOT NULL,
  `order_id` text NOT NULL,
  -- receive (units arrived) or inspection (units held for inspection decided).
  `kind` text NOT NULL,
  `location_id` text NOT NULL,
  -- [{ return_line_id, quantity, disposition }] as asked.
  `lines` text NOT NULL,
  `note` text,
  `actor` text NOT NULL,
  -- The stock change (stock_changes.id) whose cell operations restock or set apart these units.
  `stock_change_id` text NOT NULL,
  `created_at` integer NOT NULL
);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `return_receipts_return` ON `return_receipts` (`return_id`, `created_at`);
