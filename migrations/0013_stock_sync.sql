-- Stock out to channels (issue 5 §4). Hand-written.

-- Per channel listing (channel × the channel's SKU): the latest figure decided for it and the latest the channel took.
-- `basis` is the sum of the SKU's cell versions the figure was computed from: it only grows, so a figure computed from
-- an older read of the cells can never replace a newer one. `sequence` grows by one per new figure and travels in the
-- payload; `sent_sequence` is the last one the channel answered 2xx for. `sending_until` is the lease of the one
-- sender allowed per listing at a time, so figures leave in order.
CREATE TABLE IF NOT EXISTS `channel_stock` (
  `channel_id` text NOT NULL,
  `external_sku` text NOT NULL,
  `sku` text NOT NULL,
  `available` integer NOT NULL,
  `basis` integer NOT NULL,
  `sequence` integer NOT NULL,
  `sent_sequence` integer NOT NULL DEFAULT 0,
  `sent_available` integer,
  `sent_at` integer,
  `sending_until` integer,
  `updated_at` integer NOT NULL,
  PRIMARY KEY (`channel_id`, `external_sku`)
);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `channel_stock_sku` ON `channel_stock` (`sku`);--> statement-breakpoint

-- One row per figure decided for a listing: what was (or will be) sent, and how each attempt went.
-- status: pending | sending | succeeded | failed | superseded (a newer figure went out instead) | cancelled.
CREATE TABLE IF NOT EXISTS `stock_deliveries` (
  `id` text PRIMARY KEY NOT NULL,
  `channel_id` text NOT NULL,
  `external_sku` text NOT NULL,
  `sku` text NOT NULL,
  `sequence` integer NOT NULL,
  `available` integer NOT NULL,
  `reason` text NOT NULL,
  `status` text NOT NULL,
  `attempts` integer NOT NULL DEFAULT 0,
  `last_status_code` integer,
  `last_error` text,
  `sent_at` integer,
  `created_at` integer NOT NULL,
  `updated_at` integer NOT NULL
);--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS `stock_deliveries_listing` ON `stock_deliveries` (`channel_id`, `external_sku`, `sequence`);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `stock_deliveries_channel` ON `stock_deliveries` (`channel_id`, `id`);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `stock_deliveries_created` ON `stock_deliveries` (`created_at`);
