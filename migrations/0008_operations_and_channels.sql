-- Columns that order operations (issue 4) and channels (issue 5) share. Hand-written; tables that belong to one
-- capability alone come in that capability's own migration.

-- Who the order belongs to (customers are matched by email), what staff tagged it with, why it is held, how risky
-- screening found it, where it came from at its channel.
ALTER TABLE `orders` ADD `customer_id` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `tags` text NOT NULL DEFAULT '[]';--> statement-breakpoint
ALTER TABLE `orders` ADD `hold_kind` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `hold_reason` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `risk_score` integer;--> statement-breakpoint
ALTER TABLE `orders` ADD `risk_reasons` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `billing_address` text;--> statement-breakpoint
-- A keyed hash of the shopper's IP: enough to count orders per IP for fraud rules, not the address itself.
ALTER TABLE `orders` ADD `client_ip_hash` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `external_id` text;--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS `orders_channel_external` ON `orders` (`channel_id`, `external_id`) WHERE `external_id` IS NOT NULL;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `orders_customer` ON `orders` (`customer_id`, `created_at`);--> statement-breakpoint

-- Lines: what was cancelled of them, and whether their units come from stock, a backorder or a preorder.
ALTER TABLE `order_lines` ADD `cancelled_quantity` integer NOT NULL DEFAULT 0;--> statement-breakpoint
ALTER TABLE `order_lines` ADD `supply` text NOT NULL DEFAULT 'stock';--> statement-breakpoint
ALTER TABLE `order_lines` ADD `available_on` integer;--> statement-breakpoint

-- Channels: credentials and webhook secret are write-only through the API; the buffer holds stock back from the channel.
ALTER TABLE `channels` ADD `active` integer NOT NULL DEFAULT 1;--> statement-breakpoint
ALTER TABLE `channels` ADD `credentials` text;--> statement-breakpoint
ALTER TABLE `channels` ADD `webhook_secret` text;--> statement-breakpoint
ALTER TABLE `channels` ADD `inventory_url` text;--> statement-breakpoint
ALTER TABLE `channels` ADD `stock_buffer_units` integer NOT NULL DEFAULT 0;--> statement-breakpoint
ALTER TABLE `channels` ADD `stock_buffer_percent` integer NOT NULL DEFAULT 0;--> statement-breakpoint
-- When a channel's ids differ from ours.
CREATE TABLE IF NOT EXISTS `channel_skus` (
  `channel_id` text NOT NULL,
  `external_sku` text NOT NULL,
  `sku` text NOT NULL,
  `external_inventory_id` text,
  PRIMARY KEY (`channel_id`, `external_sku`)
);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `channel_skus_sku` ON `channel_skus` (`sku`, `channel_id`);
