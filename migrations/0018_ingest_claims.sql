-- Per channel order, which ingest run is working on it (issue 9 defect 2). Shopify sends orders/create, orders/paid
-- and orders/updated of one order within moments; run at once they raced to place it and the loser gave back the
-- winner's stock. A run claims its channel order here first; one that finds it claimed comes back later. The lease
-- lets a run that died free the order without anyone's help. A row exists only while a run holds it. Hand-written.
CREATE TABLE IF NOT EXISTS `ingest_claims` (
  `channel_id` text NOT NULL,
  `external_id` text NOT NULL,
  -- the run holding it: its delivery and a token of its own (two copies of one delivery are two runs)
  `holder` text NOT NULL,
  `lease_until` integer NOT NULL,
  PRIMARY KEY (`channel_id`, `external_id`)
);
