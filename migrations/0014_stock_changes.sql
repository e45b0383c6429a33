-- One recovery path for every change that spans the InventoryCells and D1 (issue 9 §3, src/stock-changes/).
-- A change is recorded here first, with the keyed cell operations it needs; its D1 outcome is written in one batch
-- that also moves it to `written` (and fails if it is no longer `open`); then the cell operations that follow the
-- outcome run and it is `done`. A change still `open` when its lease runs out was abandoned by its request: the sweep
-- gives back the holds it reserved (they are its own: their ids come from the change id). Hand-written.
CREATE TABLE IF NOT EXISTS `stock_changes` (
  `id` text PRIMARY KEY NOT NULL,
  `order_id` text,
  -- checkout | cancel | cancel_lines | edit | ship | fulfillment_cancel | void | release_hold | ...
  `kind` text NOT NULL,
  -- open → written → done, or open → abandoned
  `state` text NOT NULL,
  -- JSON [{hold_id, sku, location_id, qty, commit, ttl_ms, within}]: holds reserved before the outcome is written;
  -- released again if the change is abandoned. `within` names a hold the new one replaces (it takes no new stock).
  `reserves` text NOT NULL DEFAULT '[]',
  -- JSON [{op: release | fulfill | commit, hold_id, sku, location_id, reason}]: cell operations once it is written.
  `afterwards` text NOT NULL DEFAULT '[]',
  -- Until then the request that began the change is presumed alive; after it the sweep drives the change on.
  `lease_until` integer NOT NULL,
  `created_at` integer NOT NULL,
  `finished_at` integer,
  -- What the cells refused while finishing (a hold already fulfilled, say): the stock audit reports it.
  `note` text
);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `stock_changes_unfinished` ON `stock_changes` (`state`, `lease_until`) WHERE `state` IN ('open', 'written');--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `stock_changes_order` ON `stock_changes` (`order_id`, `created_at`);--> statement-breakpoint

-- Stock returns an older change recorded and did not finish become written changes, finished by the same sweep.
INSERT INTO `stock_changes` (id, order_id, kind, state, reserves, afterwards, lease_until, created_at)
  SELECT 'chg_return_' || hold_id, order_id, 'stock_return', 'written', '[]',
         json_array(json_object('op', 'release', 'hold_id', hold_id, 'sku', sku, 'location_id', location_id, 'reason', reason)),
         0, created_at
  FROM `stock_returns` WHERE released_at IS NULL;--> statement-breakpoint
DROP TABLE IF EXISTS `stock_returns`;
