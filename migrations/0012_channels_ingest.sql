-- Orders in from channels (issue 5 §2–3): every delivery a channel pushed, what we know of each channel order, and
-- bulk imports with their progress. Hand-written.

-- Each delivery as it came (raw body, the headers that matter), whatever became of it. A delivery seen before is
-- recognised by the channel's own delivery id.
CREATE TABLE IF NOT EXISTS `channel_events` (
  `id` text PRIMARY KEY NOT NULL,
  `channel_id` text NOT NULL,
  `delivery_id` text NOT NULL,
  `topic` text NOT NULL,
  `headers` text NOT NULL,
  `body` text NOT NULL,
  -- received | processed | failed
  `status` text NOT NULL,
  -- what processing did: created, held, updated, unchanged, stale, cancelled, flagged, cancel_remembered, ignored…
  `outcome` text,
  `error` text,
  `external_id` text,
  `order_id` text,
  `attempts` integer NOT NULL DEFAULT 0,
  `received_at` integer NOT NULL,
  `processed_at` integer
);--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS `channel_events_delivery` ON `channel_events` (`channel_id`, `delivery_id`);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `channel_events_status` ON `channel_events` (`channel_id`, `status`, `id`);--> statement-breakpoint

-- Per channel order: the channel's last-modified time of the last update applied (an older one is ignored), and
-- whether the channel cancelled it (a cancellation may arrive before the order itself).
CREATE TABLE IF NOT EXISTS `channel_orders` (
  `channel_id` text NOT NULL,
  `external_id` text NOT NULL,
  `order_id` text,
  `applied_updated_at` integer NOT NULL DEFAULT 0,
  `cancelled_at` integer,
  `updated_at` integer NOT NULL,
  PRIMARY KEY (`channel_id`, `external_id`)
);--> statement-breakpoint

-- A bulk import: the file sits in R2, chunks of it are jobs; progress is summed from the chunks done.
CREATE TABLE IF NOT EXISTS `imports` (
  `id` text PRIMARY KEY NOT NULL,
  `kind` text NOT NULL,
  `channel_id` text,
  `file_hash` text NOT NULL,
  `file_key` text NOT NULL,
  `status` text NOT NULL,
  `units` integer NOT NULL,
  `chunks` integer NOT NULL,
  `rows_total` integer NOT NULL,
  `rows_done` integer NOT NULL DEFAULT 0,
  `rows_failed` integer NOT NULL DEFAULT 0,
  `created_by` text NOT NULL,
  `created_at` integer NOT NULL,
  `updated_at` integer NOT NULL,
  `finished_at` integer
);--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `import_chunks` (
  `import_id` text NOT NULL,
  `chunk` integer NOT NULL,
  `rows_done` integer NOT NULL,
  `rows_failed` integer NOT NULL,
  `done_at` integer NOT NULL,
  PRIMARY KEY (`import_id`, `chunk`)
);--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `import_errors` (
  `import_id` text NOT NULL,
  `row` integer NOT NULL,
  `message` text NOT NULL,
  PRIMARY KEY (`import_id`, `row`)
);
