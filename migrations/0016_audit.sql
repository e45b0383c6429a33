-- The stock audit's cron (issue 9 §4, src/audit/cron.ts): per cell, the version it last audited (its watermark: a
-- cell whose read-model version moved past it is audited again) and what it found then, so a discrepancy raises
-- inventory.audit_discrepancy once, not on every run. Hand-written.
CREATE TABLE IF NOT EXISTS `audit_cells` (
  `sku` text NOT NULL,
  `location_id` text NOT NULL,
  `version` integer NOT NULL,
  -- Sorted finding keys (kind|location|sku|hold|order), one a line; '' when the cell was clean.
  `findings` text NOT NULL DEFAULT '',
  `audited_at` integer NOT NULL,
  PRIMARY KEY (`sku`, `location_id`)
);
