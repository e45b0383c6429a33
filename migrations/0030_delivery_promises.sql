-- Delivery promises (issue 12 §3). Hand-written.
-- Transit times per carrier service and zone. A zone is a destination country, optionally narrowed by a postcode
-- prefix ("DE" + "1" = Berlin's 1xxxx), because that is what a merchant reads off a carrier's transit map and what
-- a storefront knows of a shopper before any geocoding; the longest matching prefix wins. A row may be for one
-- origin location or for all ('' = any location); the location's own row wins. Days are carrier working days.
CREATE TABLE IF NOT EXISTS `transit_times` (
  `carrier` text NOT NULL,
  `service` text NOT NULL,
  `speed` text NOT NULL CHECK (`speed` IN ('standard', 'express')),
  `location_id` text NOT NULL DEFAULT '',
  `country` text NOT NULL,
  `postal_prefix` text NOT NULL DEFAULT '',
  `transit_days` integer NOT NULL CHECK (`transit_days` BETWEEN 0 AND 60),
  `updated_at` integer NOT NULL,
  PRIMARY KEY (`carrier`, `service`, `location_id`, `country`, `postal_prefix`)
);--> statement-breakpoint
-- Per location: its time zone, the order cut-off (local "HH:MM"), the weekdays it ships and the carriers deliver
-- (JSON arrays of ISO weekdays, 1 = Monday) and its holidays (JSON array of local dates). A location without a row
-- uses the default calendar (src/delivery-promises/promise.ts).
CREATE TABLE IF NOT EXISTS `location_calendars` (
  `location_id` text PRIMARY KEY NOT NULL REFERENCES `locations`(`id`),
  `time_zone` text NOT NULL,
  `cutoff` text NOT NULL,
  `working_days` text NOT NULL,
  `carrier_days` text NOT NULL,
  `holidays` text NOT NULL,
  `updated_at` integer NOT NULL
);--> statement-breakpoint
-- The promise checkout made: the end of the estimated delivery day (ms), the latest over the order's locations.
ALTER TABLE `orders` ADD COLUMN `promised_delivery_at` integer;--> statement-breakpoint
-- Daily rollup kept by the cron (src/delivery-promises/rollup.ts): shipments delivered on the day (UTC), per location,
-- carrier and service; how many had a promise and how many arrived by it; their transit times (shipped → delivered).
CREATE TABLE IF NOT EXISTS `analytics_delivery_daily` (
  `day` text NOT NULL,
  `location_id` text NOT NULL,
  `carrier` text NOT NULL,
  `service` text NOT NULL,
  `delivered` integer NOT NULL,
  `promised` integer NOT NULL,
  `on_time` integer NOT NULL,
  -- Of the delivered, those with a ship time: what the transit figures are over.
  `transits` integer NOT NULL,
  `transit_total_ms` integer NOT NULL,
  `transit_p50_ms` integer,
  `transit_p90_ms` integer,
  `updated_at` integer NOT NULL,
  PRIMARY KEY (`day`, `location_id`, `carrier`, `service`)
);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `fulfillments_delivered` ON `fulfillments` (`delivered_at`);
