-- Pickup in store: one row per pickup shipment once its store answered. The code the customer shows at the counter is
-- kept only as a salted SHA-256; wrong tries are counted, and after a few the code is locked until a new one is issued.
CREATE TABLE pickups (
  fulfillment_id TEXT PRIMARY KEY NOT NULL REFERENCES fulfillments(id),
  order_id TEXT NOT NULL,
  location_id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('accepted', 'rejected', 'ready', 'collected', 'expired')),
  code_salt TEXT,
  code_hash TEXT,
  wrong_attempts INTEGER NOT NULL DEFAULT 0,
  reason TEXT,
  ready_at INTEGER,
  -- Ready and not collected by then: the cron cancels the units and they go back on sale.
  collect_by INTEGER,
  collected_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX pickups_uncollected ON pickups (status, collect_by);

-- How many days a ready pickup waits for its customer: per location, or for every location ('*').
CREATE TABLE pickup_settings (
  location_id TEXT PRIMARY KEY NOT NULL,
  hold_days INTEGER NOT NULL CHECK (hold_days BETWEEN 1 AND 90),
  updated_at INTEGER NOT NULL
);

-- A 3PL or drop-ship location's fulfillment endpoint. The secret signs the requests (Standard Webhooks); never returned.
CREATE TABLE third_party_endpoints (
  location_id TEXT PRIMARY KEY NOT NULL REFERENCES locations(id),
  url TEXT NOT NULL,
  secret TEXT NOT NULL,
  confirm_within_hours INTEGER NOT NULL DEFAULT 24,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

-- One fulfillment request per shipment sent to a 3PL, with its delivery attempts and its confirmation.
CREATE TABLE third_party_requests (
  fulfillment_id TEXT PRIMARY KEY NOT NULL REFERENCES fulfillments(id),
  location_id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'confirmed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_status_code INTEGER,
  last_error TEXT,
  sent_at INTEGER,
  -- Not confirmed by then: an alert is raised.
  confirm_by INTEGER NOT NULL,
  confirmed_at INTEGER,
  -- When the 3PL says the parcel left (the fulfillment's shipped_at is when we heard it).
  reported_shipped_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX third_party_requests_open ON third_party_requests (status, confirm_by);

-- Requests not confirmed in time: one alert per request, raised once.
CREATE TABLE third_party_alerts (
  id TEXT PRIMARY KEY NOT NULL,
  fulfillment_id TEXT NOT NULL UNIQUE,
  location_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('unconfirmed')),
  confirm_by INTEGER NOT NULL,
  raised_at INTEGER NOT NULL
);
CREATE INDEX third_party_alerts_raised ON third_party_alerts (raised_at);
