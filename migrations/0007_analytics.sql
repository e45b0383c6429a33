-- Analytics rollups and the low-stock check read only what changed since their watermark: these indexes make
-- "changed since" a range scan, and "one day of orders / shipments" a range scan too.
CREATE INDEX IF NOT EXISTS `orders_updated` ON `orders` (`updated_at`);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `fulfillments_updated` ON `fulfillments` (`updated_at`);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `fulfillments_shipped` ON `fulfillments` (`shipped_at`);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `inventory_levels_updated` ON `inventory_levels` (`updated_at`);
