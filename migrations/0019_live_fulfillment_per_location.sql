-- One LIVE fulfillment per order × location, not one ever (issue 9). A shipment cancelled at a location gave its units
-- back; units allocated there later (an edit, a backorder filled, a hold released) need a new shipment, which the old
-- unique index refused (so the job's INSERT OR IGNORE put them into the cancelled one, and they never shipped). The
-- later shipments' ids carry a suffix (src/fulfillment/create.ts fulfillmentIdOf). Hand-written.
DROP INDEX IF EXISTS `fulfillments_order_location`;--> statement-breakpoint
CREATE UNIQUE INDEX `fulfillments_order_location_live` ON `fulfillments` (`order_id`, `location_id`) WHERE `status` <> 'cancelled';--> statement-breakpoint
-- The order's shipments, whatever their state (what the dropped index also served).
CREATE INDEX `fulfillments_order` ON `fulfillments` (`order_id`, `location_id`);
