-- Payments verified, never asserted. A payment row's standing at its provider: refunds and voids we send through a
-- provider adapter start 'requested' and become 'succeeded' or 'failed' when the provider answers or its webhook says
-- so; 'manual' rows have no adapter (a channel's or another PSP's money: carried out there). Rows written before are
-- what the provider had already done: 'succeeded'. provider_id is the provider's own id for it (Stripe re_…).
ALTER TABLE `payments` ADD `status` text DEFAULT 'succeeded' NOT NULL;--> statement-breakpoint
ALTER TABLE `payments` ADD `provider_id` text;--> statement-breakpoint
CREATE INDEX `payments_requested` ON `payments` (`created_at`) WHERE status = 'requested';--> statement-breakpoint
CREATE INDEX `payments_reference` ON `payments` (`provider`, `reference`);--> statement-breakpoint
-- Every verified provider webhook delivery, once: a replay of the same event id is acknowledged, not applied again.
-- outcome says what it did (applied, already_applied, amount_mismatch, unmatched, ignored…); 'processing' while it runs.
CREATE TABLE `payment_events` (
	`provider` text NOT NULL,
	`event_id` text NOT NULL,
	`type` text NOT NULL,
	`order_id` text,
	`outcome` text NOT NULL,
	`detail` text,
	`received_at` integer NOT NULL,
	PRIMARY KEY (`provider`, `event_id`)
);
