-- Every scan at the packing bench, kept per shipment: the units that went into the parcel, and the refused scans
-- (a SKU the shipment does not hold, or one unit more than it holds), so a manager can see how often packing goes wrong.
CREATE TABLE pack_scans (
  id TEXT PRIMARY KEY NOT NULL,
  fulfillment_id TEXT NOT NULL REFERENCES fulfillments(id),
  -- What the scanner typed, as typed.
  code TEXT NOT NULL,
  -- The shipment's SKU the code matched; NULL for a wrong item.
  sku TEXT,
  outcome TEXT NOT NULL CHECK (outcome IN ('packed', 'wrong_item', 'surplus')),
  actor TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX pack_scans_fulfillment ON pack_scans (fulfillment_id, outcome, sku);
