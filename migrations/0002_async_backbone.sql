CREATE TABLE `analytics_daily` (
	`day` text NOT NULL,
	`channel_id` text NOT NULL,
	`currency` text NOT NULL,
	`orders` integer NOT NULL,
	`units` integer NOT NULL,
	`revenue` integer NOT NULL,
	`cancellations` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`day`, `channel_id`, `currency`)
);
--> statement-breakpoint
CREATE TABLE `analytics_fulfillment_daily` (
	`day` text PRIMARY KEY NOT NULL,
	`shipped` integer NOT NULL,
	`lead_p50_ms` integer,
	`lead_p90_ms` integer,
	`on_time` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `analytics_location_daily` (
	`day` text NOT NULL,
	`location_id` text NOT NULL,
	`units_shipped` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`day`, `location_id`)
);
--> statement-breakpoint
CREATE TABLE `carrier_rates` (
	`id` text PRIMARY KEY NOT NULL,
	`carrier` text NOT NULL,
	`service` text NOT NULL,
	`speed` text NOT NULL,
	`transit_days` integer NOT NULL,
	`max_km` integer NOT NULL,
	`max_weight_grams` integer NOT NULL,
	`price` integer NOT NULL,
	`currency` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `carrier_rates_lookup` ON `carrier_rates` (`speed`,`max_km`,`max_weight_grams`);--> statement-breakpoint
CREATE TABLE `dead_letters` (
	`id` text PRIMARY KEY NOT NULL,
	`queue` text NOT NULL,
	`body` text NOT NULL,
	`error` text,
	`attempts` integer NOT NULL,
	`created_at` integer NOT NULL,
	`redriven_at` integer
);
--> statement-breakpoint
CREATE INDEX `dead_letters_open` ON `dead_letters` (`redriven_at`,`created_at`);--> statement-breakpoint
CREATE TABLE `events` (
	`id` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`order_id` text,
	`data` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `events_created` ON `events` (`created_at`);--> statement-breakpoint
CREATE INDEX `events_order` ON `events` (`order_id`);--> statement-breakpoint
CREATE TABLE `fulfillment_lines` (
	`id` text PRIMARY KEY NOT NULL,
	`fulfillment_id` text NOT NULL,
	`order_line_id` text NOT NULL,
	`sku` text NOT NULL,
	`quantity` integer NOT NULL,
	`hold_id` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `fulfillment_lines_fulfillment` ON `fulfillment_lines` (`fulfillment_id`);--> statement-breakpoint
CREATE TABLE `fulfillments` (
	`id` text PRIMARY KEY NOT NULL,
	`order_id` text NOT NULL,
	`location_id` text NOT NULL,
	`status` text NOT NULL,
	`carrier` text,
	`service` text,
	`tracking_number` text,
	`shipping_cost` integer,
	`parcel` text,
	`label_key` text,
	`packing_slip_key` text,
	`shipped_at` integer,
	`delivered_at` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `fulfillments_order_location` ON `fulfillments` (`order_id`,`location_id`);--> statement-breakpoint
CREATE INDEX `fulfillments_status` ON `fulfillments` (`status`,`updated_at`);--> statement-breakpoint
CREATE TABLE `low_stock_state` (
	`sku` text NOT NULL,
	`location_id` text NOT NULL,
	`low` integer NOT NULL,
	`changed_at` integer NOT NULL,
	PRIMARY KEY(`sku`, `location_id`)
);
--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` text PRIMARY KEY NOT NULL,
	`order_id` text NOT NULL,
	`kind` text NOT NULL,
	`dedupe_key` text NOT NULL,
	`recipient` text NOT NULL,
	`subject` text NOT NULL,
	`body` text NOT NULL,
	`channel` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`created_at` integer NOT NULL,
	`sent_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notifications_once` ON `notifications` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `notifications_order` ON `notifications` (`order_id`);--> statement-breakpoint
CREATE TABLE `processed_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`queue` text NOT NULL,
	`processed_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `watermarks` (
	`name` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `webhook_deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`subscription_id` text NOT NULL,
	`event_id` text NOT NULL,
	`event_type` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_status_code` integer,
	`last_error` text,
	`next_attempt_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `webhook_deliveries_once` ON `webhook_deliveries` (`subscription_id`,`event_id`);--> statement-breakpoint
CREATE INDEX `webhook_deliveries_subscription` ON `webhook_deliveries` (`subscription_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `webhook_subscriptions` (
	`id` text PRIMARY KEY NOT NULL,
	`url` text NOT NULL,
	`events` text NOT NULL,
	`secret` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `orders` ADD `shipping_speed` text DEFAULT 'standard' NOT NULL;--> statement-breakpoint
ALTER TABLE `orders` ADD `ship_by` integer;