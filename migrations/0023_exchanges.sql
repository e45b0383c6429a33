-- Exchanges (issue 10 §4): the units of a return swapped for other SKUs of the same order. Hand-written.
-- One exchange per return. Its items are reserved once the return is approved (allocations of the order name the
-- holds, so the cells keep them and the stock audit knows their owner) and become order lines when the replacement
-- is sent (src/exchanges/ship.ts).
CREATE TABLE IF NOT EXISTS `exchanges` (
  `id` text PRIMARY KEY NOT NULL,
  `return_id` text NOT NULL,
  `order_id` text NOT NULL,
  -- pending (return not approved yet) → reserved → awaiting_payment (the shopper owes the difference) → shipped;
  -- any of the first three → cancelled (the return was declined, cancelled or closed with units missing).
  `state` text NOT NULL,
  -- Where the replacement ships from when staff chose; NULL: planned like the order's own units.
  `location_id` text,
  -- What the returned units were paid (their lines' totals per unit), what the new items cost, and new − returned:
  -- positive, the shopper owes it; negative, it is refunded when the replacement is sent.
  `returned_value` integer NOT NULL,
  `new_value` integer NOT NULL,
  `difference` integer NOT NULL,
  `currency` text NOT NULL,
  -- The stock change that reserved the items (its holds come from its id).
  `change_id` text,
  -- The shopper's payment of a positive difference (a payments row of the order).
  `payment_id` text,
  `version` integer NOT NULL DEFAULT 1,
  `created_by` text NOT NULL,
  `created_at` integer NOT NULL,
  `updated_at` integer NOT NULL,
  `reserved_at` integer,
  `shipped_at` integer,
  `cancelled_at` integer
);--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS `exchanges_return` ON `exchanges` (`return_id`);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `exchanges_order` ON `exchanges` (`order_id`);--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `exchange_items` (
  -- Also the id of the order line the item becomes once sent, which its allocations name from the start.
  `id` text PRIMARY KEY NOT NULL,
  `exchange_id` text NOT NULL,
  `position` integer NOT NULL,
  `sku` text NOT NULL,
  `variant_id` text NOT NULL,
  `title` text NOT NULL,
  `quantity` integer NOT NULL CHECK (`quantity` > 0),
  `unit_price` integer NOT NULL CHECK (`unit_price` >= 0)
);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `exchange_items_exchange` ON `exchange_items` (`exchange_id`);--> statement-breakpoint
-- A replacement ships from a location whose first parcel of the order has already left. One parcel being PREPARED
-- per order × location is the rule (migration 0019); one that shipped or arrived no longer takes units.
DROP INDEX IF EXISTS `fulfillments_order_location_live`;--> statement-breakpoint
CREATE UNIQUE INDEX `fulfillments_order_location_open` ON `fulfillments` (`order_id`, `location_id`) WHERE `status` NOT IN ('cancelled', 'shipped', 'delivered');
