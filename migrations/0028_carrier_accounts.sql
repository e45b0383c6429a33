-- Carrier accounts: the merchant's EasyPost / Shippo accounts (and the built-in own courier), which locations and
-- services each serves. The API key is write-only: routes return only api_key_hint (its last 4 characters).
CREATE TABLE carrier_accounts (
  id TEXT PRIMARY KEY NOT NULL,
  provider TEXT NOT NULL CHECK (provider IN ('easypost', 'shippo', 'own')),
  name TEXT NOT NULL,
  api_key TEXT,
  api_key_hint TEXT,
  -- Where the provider's API lives; NULL = its public address. Tests and dev point it at a local server.
  base_url TEXT,
  -- JSON arrays; empty = every location / every service the provider offers.
  location_ids TEXT NOT NULL DEFAULT '[]',
  services TEXT NOT NULL DEFAULT '[]',
  -- Tracking comes by polling (the cron) rather than by the provider's webhooks.
  poll INTEGER NOT NULL DEFAULT 0,
  active INTEGER NOT NULL DEFAULT 1,
  version INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

-- What the label job bought, on the fulfillment: which account, the provider's ids (shipment, and the transaction
-- Shippo needs to void), the rate's currency beside shipping_cost, and where the purchase stands. label_state
-- 'buying' is written with the provider shipment and rate ids BEFORE the buy, so a redelivered job looks the purchase
-- up at the provider instead of buying a second label.
ALTER TABLE fulfillments ADD COLUMN carrier_account_id TEXT;
ALTER TABLE fulfillments ADD COLUMN carrier_shipment_id TEXT;
ALTER TABLE fulfillments ADD COLUMN carrier_rate_id TEXT;
ALTER TABLE fulfillments ADD COLUMN carrier_transaction_id TEXT;
ALTER TABLE fulfillments ADD COLUMN shipping_currency TEXT;
ALTER TABLE fulfillments ADD COLUMN label_state TEXT CHECK (label_state IN ('buying', 'bought'));
ALTER TABLE fulfillments ADD COLUMN label_bought_at INTEGER;
ALTER TABLE fulfillments ADD COLUMN tracking_polled_at INTEGER;

-- Every label given back to a carrier (the shipment was cancelled, or an order edit needed a new label), with the
-- carrier's answer: the merchant gets the postage refunded only for labels the carrier accepted to void.
CREATE TABLE carrier_label_voids (
  id TEXT PRIMARY KEY NOT NULL,
  fulfillment_id TEXT NOT NULL,
  account_id TEXT NOT NULL,
  provider TEXT NOT NULL,
  shipment_id TEXT,
  transaction_id TEXT,
  tracking_number TEXT,
  status TEXT NOT NULL CHECK (status IN ('submitted', 'voided', 'rejected')),
  message TEXT,
  created_at INTEGER NOT NULL
);
CREATE INDEX carrier_label_voids_fulfillment ON carrier_label_voids (fulfillment_id);

-- The last error of a queued job that failed, so the dead letter it may become says why (e.g. the carrier's message)
-- rather than only "retries exhausted".
CREATE TABLE job_failures (
  id TEXT PRIMARY KEY NOT NULL,
  error TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  at INTEGER NOT NULL
);
