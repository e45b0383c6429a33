-- The read model shows damaged returned units too (issue 10 §2), so the level list and the cell's own view agree.
ALTER TABLE `inventory_levels` ADD `damaged` integer NOT NULL DEFAULT 0;
