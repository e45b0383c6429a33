-- Every OMS sells through at least its own web shop: storefront checkouts belong to this channel.
INSERT OR IGNORE INTO `channels` (`id`, `code`, `name`, `kind`, `created_at`, `updated_at`)
VALUES ('ch_web', 'web', 'Web storefront', 'web', 0, 0);
