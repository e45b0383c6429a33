-- Store credit and what a refund paid through (issue 10 §3). Hand-written.
-- A customer's store credit is a ledger: a credit (amount > 0) is a lot with its own expiry; spending it writes debits
-- (amount < 0) that each name the lot they take from (lot_id), so what is left of a lot, and whether it has expired,
-- is always the lot plus its debits. A debit is checked against its lot by the statement that writes it
-- (src/store-credit/ledger.ts): two checkouts spending the last euro cannot both win.
CREATE TABLE IF NOT EXISTS `store_credit_entries` (
  `id` text PRIMARY KEY NOT NULL,
  `customer_id` text NOT NULL,
  `amount` integer NOT NULL CHECK (`amount` <> 0),
  `currency` text NOT NULL,
  -- Credits only: after this (unix ms) what is left of the lot can no longer be spent. NULL: never expires.
  `expires_at` integer,
  -- Debits only: the credit entry (lot) this takes from.
  `lot_id` text,
  -- refund (a refund paid as store credit), redemption (spent at checkout), adjustment (staff).
  `reason` text NOT NULL,
  -- What it belongs to: the refund's id for a credit, the order's id for a redemption.
  `ref` text,
  `order_id` text,
  `created_at` integer NOT NULL,
  CHECK ((`amount` > 0 AND `lot_id` IS NULL) OR (`amount` < 0 AND `lot_id` IS NOT NULL))
);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `store_credit_customer` ON `store_credit_entries` (`customer_id`, `currency`, `created_at`);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `store_credit_lot` ON `store_credit_entries` (`lot_id`) WHERE `lot_id` IS NOT NULL;--> statement-breakpoint
-- The payments rows a refund paid through: the one to the original payment (kind 'refund' through the provider's
-- adapter; a retry after the provider refused it points here at the new row) and the store-credit one. The return's
-- refund_status is derived from their standing.
ALTER TABLE `refunds` ADD `payment_id` text;--> statement-breakpoint
ALTER TABLE `refunds` ADD `store_credit_payment_id` text;--> statement-breakpoint
-- Of fee_amount: the return shipping fee (kept once per return); the rest is restocking fees.
ALTER TABLE `refunds` ADD `return_shipping_fee` integer NOT NULL DEFAULT 0;--> statement-breakpoint
-- JSON array of the return lines refunded: return_line_id, order_line_id, sku, quantity, amount, restocking_fee.
ALTER TABLE `refunds` ADD `lines` text;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `refunds_payment` ON `refunds` (`payment_id`) WHERE `payment_id` IS NOT NULL;
