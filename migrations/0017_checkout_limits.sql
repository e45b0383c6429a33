-- Reservation limits for checkouts (issue 9 §3, OWASP API6: inventory hoarding through unpaid holds). Hand-written.
-- One row of merchant settings: how many units one checkout may hold, and how many unpaid units one publishable key
-- may hold from one client IP per window. The per-IP counts live in `rate_limits` (hashed buckets, like the lookup's).
CREATE TABLE IF NOT EXISTS `checkout_limits` (
  `id` integer PRIMARY KEY NOT NULL CHECK (`id` = 1),
  `max_units_per_checkout` integer NOT NULL,
  `max_held_units_per_window` integer NOT NULL,
  `window_seconds` integer NOT NULL,
  `version` integer NOT NULL DEFAULT 1,
  `updated_at` integer NOT NULL DEFAULT 0
);--> statement-breakpoint
INSERT OR IGNORE INTO `checkout_limits` (`id`, `max_units_per_checkout`, `max_held_units_per_window`, `window_seconds`) VALUES (1, 100, 500, 900);
