-- The order desk (issue 4 §1, §4): search indexes, tags, internal notes, customers, the shopper lookup's rate limit.
-- Hand-written.

-- Search: every filter that narrows a lot leads an index that ends in the sort key, so a page is a range scan that
-- stops after `limit` rows. (created_at, id) and (total, id) are the two sort orders with their tiebreaker.
CREATE INDEX IF NOT EXISTS `orders_created_id` ON `orders` (`created_at`, `id`);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `orders_total_id` ON `orders` (`total`, `id`);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `orders_status_created` ON `orders` (`status`, `created_at`, `id`);--> statement-breakpoint
-- "The biggest open orders": without it, every open order is sorted for one page.
CREATE INDEX IF NOT EXISTS `orders_status_total` ON `orders` (`status`, `total`, `id`);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `orders_payment_created` ON `orders` (`payment_status`, `created_at`, `id`);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `orders_fulfillment_created` ON `orders` (`fulfillment_status`, `created_at`, `id`);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `orders_channel_created` ON `orders` (`channel_id`, `created_at`, `id`);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `orders_email_created` ON `orders` (`email`, `created_at`, `id`);--> statement-breakpoint
-- "Orders with this SKU / from this location" read only the index.
CREATE INDEX IF NOT EXISTS `order_lines_sku_order` ON `order_lines` (`sku`, `order_id`);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `allocations_location_order` ON `allocations` (`location_id`, `order_id`);--> statement-breakpoint

-- Tags stay a JSON array on the order (the Order view shows them); this table is their index. Triggers keep it in step
-- with orders.tags whoever writes them, so no writer can forget it.
CREATE TABLE IF NOT EXISTS `order_tags` (
  `tag` text NOT NULL,
  `order_id` text NOT NULL,
  PRIMARY KEY (`tag`, `order_id`)
);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `order_tags_order` ON `order_tags` (`order_id`);--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `orders_tags_inserted` AFTER INSERT ON `orders`
WHEN json_valid(NEW.tags) AND NEW.tags != '[]'
BEGIN
  INSERT OR IGNORE INTO `order_tags` (`tag`, `order_id`) SELECT value, NEW.id FROM json_each(NEW.tags);
END;--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `orders_tags_updated` AFTER UPDATE OF `tags` ON `orders`
WHEN NEW.tags IS NOT OLD.tags
BEGIN
  DELETE FROM `order_tags` WHERE `order_id` = NEW.id;
  INSERT OR IGNORE INTO `order_tags` (`tag`, `order_id`) SELECT value, NEW.id FROM json_each(CASE WHEN json_valid(NEW.tags) THEN NEW.tags ELSE '[]' END);
END;--> statement-breakpoint
INSERT OR IGNORE INTO `order_tags` (`tag`, `order_id`)
SELECT j.value, o.id FROM `orders` o, json_each(o.tags) j WHERE json_valid(o.tags) AND o.tags != '[]';--> statement-breakpoint

-- Internal notes of staff on an order. Never shown to shoppers.
CREATE TABLE IF NOT EXISTS `order_notes` (
  `id` text PRIMARY KEY NOT NULL,
  `order_id` text NOT NULL,
  `author` text NOT NULL,
  `body` text NOT NULL,
  `created_at` integer NOT NULL
);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `order_notes_order` ON `order_notes` (`order_id`, `created_at`);--> statement-breakpoint

-- Customers, built from orders and matched by (lower-case) email. Name and phone come from the latest order's
-- address; addresses and history are read from the customer's orders, so they never drift from them.
CREATE TABLE IF NOT EXISTS `customers` (
  `id` text PRIMARY KEY NOT NULL,
  `email` text NOT NULL,
  `name` text,
  `phone` text,
  `orders_count` integer NOT NULL DEFAULT 0,
  `first_order_at` integer,
  `last_order_at` integer,
  `erased_at` integer,
  `created_at` integer NOT NULL,
  `updated_at` integer NOT NULL
);--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS `customers_email` ON `customers` (`email`);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `customers_name` ON `customers` (lower(`name`));--> statement-breakpoint
-- Orders placed before customers existed: one customer per email, named after the first order's id.
INSERT OR IGNORE INTO `customers` (`id`, `email`, `name`, `phone`, `orders_count`, `first_order_at`, `last_order_at`, `created_at`, `updated_at`)
SELECT 'cus_' || substr(MIN(id), 5), lower(trim(email)),
  json_extract(COALESCE(shipping_address, billing_address), '$.name'), json_extract(COALESCE(shipping_address, billing_address), '$.phone'),
  COUNT(*), MIN(created_at), MAX(created_at), MIN(created_at), MAX(created_at)
FROM `orders` WHERE customer_id IS NULL GROUP BY lower(trim(email));--> statement-breakpoint
UPDATE `orders` SET customer_id = (SELECT c.id FROM `customers` c WHERE c.email = lower(trim(orders.email))) WHERE customer_id IS NULL;--> statement-breakpoint

-- Fixed-window counters (the shopper order lookup): one row per caller, keyed by a hash (never a raw IP).
CREATE TABLE IF NOT EXISTS `rate_limits` (
  `bucket` text PRIMARY KEY NOT NULL,
  `window_start` integer NOT NULL,
  `hits` integer NOT NULL
);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `rate_limits_window` ON `rate_limits` (`window_start`);
