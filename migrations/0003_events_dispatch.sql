ALTER TABLE `events` ADD `dispatched_at` integer;--> statement-breakpoint
CREATE INDEX `events_undispatched` ON `events` (`dispatched_at`,`created_at`);