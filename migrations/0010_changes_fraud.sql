-- Order changes and fraud screening (issue 4 §2, §3). Hand-written.

-- The merchant's fraud rules: one row. The rules are JSON (src/domain/fraud.ts says what they mean); every rule is
-- off until the merchant turns it on. `ip_hash_key` keys the HMAC of shoppers' IPs, so the stored hashes cannot be
-- reversed by hashing every IPv4 address; it never leaves the database.
CREATE TABLE IF NOT EXISTS `fraud_settings` (
  `id` integer PRIMARY KEY NOT NULL CHECK (`id` = 1),
  `rules` text NOT NULL DEFAULT '{}',
  `ip_hash_key` text NOT NULL,
  `version` integer NOT NULL DEFAULT 1,
  `updated_at` integer NOT NULL DEFAULT 0
);--> statement-breakpoint
INSERT OR IGNORE INTO `fraud_settings` (`id`, `rules`, `ip_hash_key`) VALUES (1, '{}', lower(hex(randomblob(32))));--> statement-breakpoint

-- Emails and addresses the merchant refuses to trust. `match_key` is the normalized value screening compares.
CREATE TABLE IF NOT EXISTS `fraud_blocklist` (
  `id` text PRIMARY KEY NOT NULL,
  `kind` text NOT NULL,
  `value` text NOT NULL,
  `match_key` text NOT NULL,
  `note` text,
  `created_at` integer NOT NULL
);--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS `fraud_blocklist_match` ON `fraud_blocklist` (`kind`, `match_key`);--> statement-breakpoint

-- Who placed each order, in the forms the velocity rules count by: written in the order's own batch.
CREATE TABLE IF NOT EXISTS `order_risk_facts` (
  `order_id` text PRIMARY KEY NOT NULL,
  `email` text NOT NULL,
  `ip_hash` text,
  `address_key` text,
  `created_at` integer NOT NULL
);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `order_risk_facts_email` ON `order_risk_facts` (`email`, `created_at`);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `order_risk_facts_ip` ON `order_risk_facts` (`ip_hash`, `created_at`);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `order_risk_facts_address` ON `order_risk_facts` (`address_key`, `created_at`);--> statement-breakpoint

-- Holds an order change gave up (units cancelled, a hold replaced by a smaller one). Written in the change's batch
-- and released on the cells right after; a row still without released_at is finished by the next change of the order.
CREATE TABLE IF NOT EXISTS `stock_returns` (
  `hold_id` text PRIMARY KEY NOT NULL,
  `order_id` text NOT NULL,
  `sku` text NOT NULL,
  `location_id` text NOT NULL,
  `reason` text NOT NULL,
  `created_at` integer NOT NULL,
  `released_at` integer
);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `stock_returns_open` ON `stock_returns` (`released_at`, `order_id`);
