-- Where each SKU sits in a location (its bin) and the order a picker walks the bins in; pick lists sort by it.
CREATE TABLE bins (
  location_id TEXT NOT NULL,
  sku TEXT NOT NULL,
  code TEXT NOT NULL,
  walk_order INTEGER NOT NULL CHECK (walk_order >= 0),
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (location_id, sku)
);
CREATE INDEX bins_walk ON bins (location_id, walk_order, code);

-- Printed barcodes (GTIN-8/12/13/14) of a variant: one code names one SKU, a SKU may carry several codes.
CREATE TABLE barcodes (
  code TEXT PRIMARY KEY NOT NULL,
  sku TEXT NOT NULL,
  format TEXT NOT NULL CHECK (format IN ('ean8', 'upc_a', 'ean13', 'gtin14')),
  created_at INTEGER NOT NULL
);
CREATE INDEX barcodes_sku ON barcodes (sku);

-- A walk through the location for one shipment or a batch of them.
CREATE TABLE pick_lists (
  id TEXT PRIMARY KEY NOT NULL,
  location_id TEXT NOT NULL,
  mode TEXT NOT NULL CHECK (mode IN ('single', 'batch')),
  status TEXT NOT NULL CHECK (status IN ('open', 'done')),
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  completed_at INTEGER
);
CREATE INDEX pick_lists_location ON pick_lists (location_id, status, created_at);

-- The shipments of a pick list, each in its tote. `open` is 1 while the list is open: the partial unique index is what
-- keeps a shipment on at most one open pick list, whatever two pickers ask at once.
CREATE TABLE pick_list_shipments (
  pick_list_id TEXT NOT NULL REFERENCES pick_lists(id),
  fulfillment_id TEXT NOT NULL REFERENCES fulfillments(id),
  tote INTEGER NOT NULL CHECK (tote >= 1),
  open INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (pick_list_id, fulfillment_id)
);
CREATE UNIQUE INDEX pick_list_shipments_claim ON pick_list_shipments (fulfillment_id) WHERE open = 1;
CREATE UNIQUE INDEX pick_list_shipments_tote ON pick_list_shipments (pick_list_id, tote);

-- One confirmation per shipment line of a pick list: units picked into the tote, and the units not found.
CREATE TABLE picks (
  id TEXT PRIMARY KEY NOT NULL,
  pick_list_id TEXT NOT NULL REFERENCES pick_lists(id),
  fulfillment_id TEXT NOT NULL,
  fulfillment_line_id TEXT NOT NULL,
  sku TEXT NOT NULL,
  tote INTEGER NOT NULL,
  picked INTEGER NOT NULL CHECK (picked >= 0),
  short INTEGER NOT NULL CHECK (short >= 0),
  outcome TEXT NOT NULL CHECK (outcome IN ('picked', 'short', 'not_found')),
  actor TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX picks_line ON picks (pick_list_id, fulfillment_line_id);

-- A cell to count again (a short pick found fewer units than the cell said). A count of the cell closes it.
CREATE TABLE count_tasks (
  id TEXT PRIMARY KEY NOT NULL,
  location_id TEXT NOT NULL,
  sku TEXT NOT NULL,
  reason TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'done')),
  source TEXT,
  counted INTEGER,
  variance INTEGER,
  created_at INTEGER NOT NULL,
  closed_at INTEGER
);
CREATE UNIQUE INDEX count_tasks_open ON count_tasks (location_id, sku) WHERE status = 'open';
CREATE INDEX count_tasks_status ON count_tasks (status, created_at);

-- Every count of a cell (POST /v1/inventory/movements kind count) with its variance, as the cell's ledger wrote it:
-- the cell keeps the ledger in its own storage, this copy is what the inventory-accuracy rollup reads.
CREATE TABLE inventory_counts (
  id TEXT PRIMARY KEY NOT NULL,
  location_id TEXT NOT NULL,
  sku TEXT NOT NULL,
  counted INTEGER NOT NULL,
  variance INTEGER NOT NULL,
  count_task_id TEXT,
  created_at INTEGER NOT NULL
);
CREATE INDEX inventory_counts_created ON inventory_counts (created_at);

-- Rollups, per day and location: shipments shipped and those packed and kept right; units counted and their variance.
CREATE TABLE analytics_order_accuracy_daily (
  day TEXT NOT NULL,
  location_id TEXT NOT NULL,
  shipped INTEGER NOT NULL,
  wrong_scans INTEGER NOT NULL,
  returned_wrong INTEGER NOT NULL,
  accurate INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (day, location_id)
);
CREATE TABLE analytics_inventory_accuracy_daily (
  day TEXT NOT NULL,
  location_id TEXT NOT NULL,
  counts INTEGER NOT NULL,
  counted_units INTEGER NOT NULL,
  variance_units INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (day, location_id)
);
