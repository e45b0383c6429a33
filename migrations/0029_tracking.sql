-- Tracking back in (issue 12 §2) and the satisfaction survey after delivery (§6).

-- The shipment's latest tracking status and the carrier's time of it: an event older than this never replaces it.
ALTER TABLE fulfillments ADD COLUMN tracking_status TEXT;
ALTER TABLE fulfillments ADD COLUMN tracking_status_at INTEGER;
-- The public tracking link's secret: 128 random bits as 32 hex characters, stored as is (not hashed) because the
-- shopper's order lookup and the messages must be able to show the link again. randomblob() draws from SQLite's
-- ChaCha20 generator seeded by the OS. Every shipment gets one when it is inserted (trigger below), old ones now.
ALTER TABLE fulfillments ADD COLUMN tracking_token TEXT;
UPDATE fulfillments SET tracking_token = lower(hex(randomblob(16))) WHERE tracking_token IS NULL;
CREATE UNIQUE INDEX fulfillments_tracking_token ON fulfillments (tracking_token);
CREATE INDEX fulfillments_tracking_number ON fulfillments (tracking_number);
CREATE TRIGGER fulfillments_tracking_token_new AFTER INSERT ON fulfillments WHEN NEW.tracking_token IS NULL
BEGIN
  UPDATE fulfillments SET tracking_token = lower(hex(randomblob(16))) WHERE id = NEW.id;
END;

-- Every tracking event received, as the carrier (or aggregator) reported it, deduped per source by its event id.
-- fulfillment_id is NULL for an event about a tracking number no shipment has (yet): kept, not lost, and not retried.
CREATE TABLE tracking_events (
  id TEXT PRIMARY KEY NOT NULL,
  source TEXT NOT NULL,
  event_id TEXT NOT NULL,
  fulfillment_id TEXT REFERENCES fulfillments(id),
  carrier TEXT NOT NULL,
  tracking_number TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pre_transit', 'in_transit', 'out_for_delivery', 'delivered', 'available_for_pickup', 'exception', 'returned_to_sender')),
  -- The carrier's time of the event (ms): what orders the history and decides the latest status.
  occurred_at INTEGER NOT NULL,
  message TEXT,
  location TEXT,
  received_at INTEGER NOT NULL,
  UNIQUE (source, event_id)
);
CREATE INDEX tracking_events_fulfillment ON tracking_events (fulfillment_id, occurred_at);
CREATE INDEX tracking_events_unmatched ON tracking_events (tracking_number) WHERE fulfillment_id IS NULL;

-- Which statuses the customer (and the merchant's webhooks) were told about, once per shipment and status.
CREATE TABLE tracking_notices (
  fulfillment_id TEXT NOT NULL REFERENCES fulfillments(id),
  status TEXT NOT NULL,
  event_id TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (fulfillment_id, status)
);

-- Webhook signing secrets per tracking provider: written by the merchant, never read back by the API.
CREATE TABLE tracking_webhook_secrets (
  provider TEXT PRIMARY KEY NOT NULL CHECK (provider IN ('easypost', 'shippo', 'aftership')),
  secret TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);

-- One survey per order, sent once its first shipment is delivered; token: 128 random bits, as for tracking.
CREATE TABLE satisfaction_surveys (
  id TEXT PRIMARY KEY NOT NULL,
  token TEXT NOT NULL UNIQUE,
  order_id TEXT NOT NULL UNIQUE REFERENCES orders(id),
  fulfillment_id TEXT NOT NULL REFERENCES fulfillments(id),
  channel_id TEXT NOT NULL,
  score INTEGER CHECK (score BETWEEN 0 AND 10),
  comment TEXT,
  created_at INTEGER NOT NULL,
  answered_at INTEGER
);
CREATE INDEX satisfaction_surveys_answered ON satisfaction_surveys (answered_at);

-- NPS inputs per day answered and channel, rolled up incrementally by the cron (src/satisfaction/rollup.ts).
CREATE TABLE analytics_satisfaction_daily (
  day TEXT NOT NULL,
  channel_id TEXT NOT NULL,
  promoters INTEGER NOT NULL,
  passives INTEGER NOT NULL,
  detractors INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (day, channel_id)
);
