-- Return labels and return metrics (issue 10 §1 last bullet, §5). Hand-written.
-- The return label of an approved return: chosen and drawn once, on its first download (src/return-labels), then
-- served from R2. The tracking number is derived from the return's id, so two first downloads at once draw the same
-- label and the insert of the second changes nothing.
CREATE TABLE IF NOT EXISTS `return_labels` (
  `return_id` text PRIMARY KEY NOT NULL,
  `carrier` text NOT NULL,
  `service` text NOT NULL,
  `tracking_number` text NOT NULL,
  -- What the carrier's rate table charges the merchant for it, minor units of `currency`.
  `shipping_cost` integer NOT NULL,
  `currency` text NOT NULL,
  `label_key` text NOT NULL,
  `created_at` integer NOT NULL
);--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS `return_labels_tracking` ON `return_labels` (`tracking_number`);--> statement-breakpoint
-- Daily rollups kept by the cron (src/analytics/returns-rollup.ts), recomputed per touched day from the base tables.
-- Units of approved returns (open, closed less what never came back) by the day the return was requested, per channel,
-- SKU and reason; and of those, received (restocked + damaged + held for inspection) and restocked.
CREATE TABLE IF NOT EXISTS `analytics_return_daily` (
  `day` text NOT NULL,
  `channel_id` text NOT NULL,
  `sku` text NOT NULL,
  `reason` text NOT NULL,
  `returned_units` integer NOT NULL,
  `received_units` integer NOT NULL,
  `restocked_units` integer NOT NULL,
  `updated_at` integer NOT NULL,
  PRIMARY KEY (`day`, `channel_id`, `sku`, `reason`)
);--> statement-breakpoint
-- Units that left in shipments, by the day they left, per channel and SKU: what return rates divide by.
CREATE TABLE IF NOT EXISTS `analytics_shipped_units_daily` (
  `day` text NOT NULL,
  `channel_id` text NOT NULL,
  `sku` text NOT NULL,
  `units` integer NOT NULL,
  `updated_at` integer NOT NULL,
  PRIMARY KEY (`day`, `channel_id`, `sku`)
);--> statement-breakpoint
-- Refunds by the day they were recorded, per channel and currency; for refunds of a return, the time from the
-- return's request to the refund (sum and count for averages over a range, p50 and p90 of the day).
CREATE TABLE IF NOT EXISTS `analytics_refund_daily` (
  `day` text NOT NULL,
  `channel_id` text NOT NULL,
  `currency` text NOT NULL,
  `refunds` integer NOT NULL,
  `refund_value` integer NOT NULL,
  `store_credit_value` integer NOT NULL,
  `return_refunds` integer NOT NULL,
  `request_to_refund_total_ms` integer NOT NULL,
  `request_to_refund_p50_ms` integer,
  `request_to_refund_p90_ms` integer,
  `updated_at` integer NOT NULL,
  PRIMARY KEY (`day`, `channel_id`, `currency`)
);--> statement-breakpoint
-- "Changed since the watermark" and "one day of them" as range scans.
CREATE INDEX IF NOT EXISTS `returns_updated` ON `returns` (`updated_at`);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `returns_created` ON `returns` (`created_at`);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `refunds_created` ON `refunds` (`created_at`);
