-- Backorders and preorders (units promised beyond stock, allocated when stock arrives) and invoices with credit
-- notes (issued in the same batch as the money movement they document). Hand-written.

-- A SKU on preorder: units sold beyond stock before the release date are preorders and wait for it.
CREATE TABLE IF NOT EXISTS `preorders` (
  `sku` text PRIMARY KEY NOT NULL,
  `release_at` integer NOT NULL,
  `updated_at` integer NOT NULL
);--> statement-breakpoint

-- One row per hold that was promised beyond stock. The cell fulfils a hold whole, so all its units wait together
-- and ship together once allocated. `ordered_at` (the order's created_at) is the place in the queue.
CREATE TABLE IF NOT EXISTS `backorders` (
  `hold_id` text PRIMARY KEY NOT NULL,
  `order_id` text NOT NULL,
  `sku` text NOT NULL,
  `location_id` text NOT NULL,
  `quantity` integer NOT NULL,
  `short` integer NOT NULL,
  `supply` text NOT NULL,
  `available_on` integer,
  `state` text NOT NULL DEFAULT 'waiting',
  `ordered_at` integer NOT NULL,
  `allocated_at` integer
);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `backorders_queue` ON `backorders` (`sku`, `location_id`, `state`, `ordered_at`);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `backorders_order` ON `backorders` (`order_id`);--> statement-breakpoint

-- The merchant as invoices name them: one row, JSON {name, address, vat_id, email}.
CREATE TABLE IF NOT EXISTS `seller_profile` (
  `id` integer PRIMARY KEY NOT NULL CHECK (`id` = 1),
  `profile` text NOT NULL,
  `updated_at` integer NOT NULL
);--> statement-breakpoint

-- Invoices and credit notes. Immutable once issued: seller, buyer and lines are copies taken at issue time.
-- Each kind numbers gaplessly on its own (`seq`), assigned inside the batch of the capture or refund.
CREATE TABLE IF NOT EXISTS `invoices` (
  `id` text PRIMARY KEY NOT NULL,
  `kind` text NOT NULL,
  `seq` integer NOT NULL,
  `number` text NOT NULL,
  `order_id` text NOT NULL,
  `payment_id` text NOT NULL,
  `invoice_id` text,
  `currency` text NOT NULL,
  `seller` text NOT NULL,
  `buyer` text NOT NULL,
  `lines` text NOT NULL,
  `subtotal` integer NOT NULL,
  `shipping_total` integer NOT NULL,
  `tax_total` integer NOT NULL,
  `total` integer NOT NULL,
  `reason` text,
  `issued_at` integer NOT NULL,
  `pdf_key` text,
  `rendered_at` integer
);--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS `invoices_seq` ON `invoices` (`kind`, `seq`);--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS `invoices_number` ON `invoices` (`number`);--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS `invoices_payment` ON `invoices` (`kind`, `payment_id`);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `invoices_order` ON `invoices` (`order_id`, `kind`, `seq`);
