-- Returns (RMA), issue 10 §1. Hand-written. A return belongs to an order and names units of its shipped lines; the
-- units a return claims are never counted anywhere else: what is still returnable is always computed from the
-- shipments and the returns themselves (src/returns/claims.ts), inside the statement that writes the claim, so two
-- requests for the last unit cannot both win.
CREATE TABLE IF NOT EXISTS `returns` (
  `id` text PRIMARY KEY NOT NULL,
  `order_id` text NOT NULL,
  -- n in the RMA number R-<order number>-<n>: one more than the order's returns so far, taken inside the insert.
  `seq` integer NOT NULL,
  `rma` text NOT NULL,
  -- shopper (self-service with the order's number and email), staff (the API), channel (a marketplace's return).
  `source` text NOT NULL,
  -- requested → open (approved) | declined; open → closed; open → cancelled while nothing is received or refunded.
  `status` text NOT NULL,
  -- Where the parcel comes back to; the location that shipped the units unless staff choose another.
  `location_id` text,
  `note` text,
  `decline_reason` text,
  `decline_note` text,
  -- A channel's own id for the return or refund, so a repeated delivery becomes the same return.
  `external_id` text,
  `requested_by` text NOT NULL,
  `version` integer NOT NULL DEFAULT 1,
  `created_at` integer NOT NULL,
  `updated_at` integer NOT NULL,
  `approved_at` integer,
  `closed_at` integer
);--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS `returns_order_seq` ON `returns` (`order_id`, `seq`);--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS `returns_rma` ON `returns` (`rma`);--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS `returns_external` ON `returns` (`order_id`, `external_id`) WHERE `external_id` IS NOT NULL;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `returns_status` ON `returns` (`status`, `created_at`);--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `return_lines` (
  `id` text PRIMARY KEY NOT NULL,
  `return_id` text NOT NULL,
  `order_id` text NOT NULL,
  `order_line_id` text NOT NULL,
  `sku` text NOT NULL,
  `quantity` integer NOT NULL CHECK (`quantity` > 0),
  -- One of the fixed reason codes (src/domain/return.ts), like Shopify's.
  `reason` text NOT NULL,
  `note` text,
  -- Units received so far, by disposition (src/returns-receiving), and units never sent back (at close).
  `restocked` integer NOT NULL DEFAULT 0,
  `damaged` integer NOT NULL DEFAULT 0,
  `inspecting` integer NOT NULL DEFAULT 0,
  `missing` integer NOT NULL DEFAULT 0,
  -- Units whose money has been refunded (src/refunds), never more than were claimed.
  `refunded` integer NOT NULL DEFAULT 0 CHECK (`refunded` <= `quantity`),
  CHECK (`restocked` + `damaged` + `inspecting` + `missing` <= `quantity`)
);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `return_lines_return` ON `return_lines` (`return_id`);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `return_lines_order_line` ON `return_lines` (`order_line_id`);--> statement-breakpoint
-- The merchant's return policy: one row, the whole policy as JSON (src/return-policy/schemas.ts says its shape).
CREATE TABLE IF NOT EXISTS `return_policy` (
  `id` integer PRIMARY KEY NOT NULL CHECK (`id` = 1),
  `policy` text NOT NULL,
  `version` integer NOT NULL DEFAULT 1,
  `updated_at` integer NOT NULL DEFAULT 0
);
--> statement-breakpoint
-- Every refund, with or without a return: what it pays back and how (issue 10 §3). The money itself is a payments row
-- (kind 'refund', through the provider's adapter, or provider 'store_credit') with its credit note; this row says
-- what the refund is for, so a return's refund can be previewed, issued once and shown.
CREATE TABLE IF NOT EXISTS `refunds` (
  `id` text PRIMARY KEY NOT NULL,
  `order_id` text NOT NULL,
  `return_id` text,
  -- return, goodwill, price_adjustment, shipping, channel
  `kind` text NOT NULL,
  `items_amount` integer NOT NULL DEFAULT 0,
  `tax_amount` integer NOT NULL DEFAULT 0,
  `shipping_amount` integer NOT NULL DEFAULT 0,
  -- Fees kept (restocking, return shipping): subtracted from the total.
  `fee_amount` integer NOT NULL DEFAULT 0,
  `total` integer NOT NULL CHECK (`total` >= 0),
  `original_amount` integer NOT NULL DEFAULT 0,
  `store_credit_amount` integer NOT NULL DEFAULT 0,
  `currency` text NOT NULL,
  `reason` text,
  `note` text,
  `actor` text NOT NULL,
  `created_at` integer NOT NULL,
  CHECK (`original_amount` + `store_credit_amount` = `total`)
);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `refunds_order` ON `refunds` (`order_id`);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `refunds_return` ON `refunds` (`return_id`) WHERE `return_id` IS NOT NULL;
